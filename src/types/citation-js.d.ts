// citation-js ships no type declarations; these cover the parts Apparatus uses.
declare module '@citation-js/core' {
  export interface CiteOptions {
    forceType?: string;
    generateGraph?: boolean;
  }
  export class Cite {
    constructor(data?: unknown, options?: CiteOptions);
    data: Record<string, unknown>[];
    format(format: string, options?: Record<string, unknown>): string;
    static async(data: unknown, options?: CiteOptions): Promise<Cite>;
  }
  export const plugins: {
    input: {
      chain(data: unknown, options?: CiteOptions): Record<string, unknown>[];
    };
    config: {
      get(name: '@bibtex'): { parse: { sentenceCase: 'never' | 'english' | 'always'; strict: boolean }; format: { checkLabel: boolean; useIdAsLabel: boolean } };
      get(name: string): {
        templates: { add(name: string, template: string): void; has(name: string): boolean };
        locales: { add(name: string, locale: string): void; has(name: string): boolean };
        engine(data: unknown[], style: string, lang: string, format: string): unknown;
      };
    };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-ris';
