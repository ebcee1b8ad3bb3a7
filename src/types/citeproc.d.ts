// citeproc-js ships no type declarations; these cover the parts Apparatus uses.
declare module 'citeproc' {
  interface CiteprocSys {
    retrieveLocale(lang: string): string | undefined;
    retrieveItem(id: string): Record<string, unknown>;
    wrapCitationEntry?(html: string, itemId: string, locatorText: string, suffixText: string): string;
  }
  interface CiteprocCitation {
    citationID: string;
    citationItems: Record<string, unknown>[];
    properties: { noteIndex: number; mode?: string; unsorted?: boolean };
  }
  interface BibliographyMeta {
    entry_ids: string[][];
    bibstart: string;
    bibend: string;
    hangingindent?: number;
    'second-field-align'?: string | false;
  }
  class Engine {
    constructor(sys: CiteprocSys, style: string, lang?: string, forceLang?: boolean);
    opt: { xclass: 'in-text' | 'note'; development_extensions: Record<string, boolean> };
    rebuildProcessorState(citations: CiteprocCitation[], mode: 'html' | 'text', uncited?: string[]): [string, number, string][];
    /** With no citations: empties the registry, as a new engine has it. */
    restoreProcessorState(citations?: CiteprocCitation[]): unknown;
    makeCitationCluster(items: Record<string, unknown>[]): string;
    previewCitationCluster(citation: CiteprocCitation, pre: [string, number][], post: [string, number][], mode: 'html' | 'text'): string;
    makeBibliography(): [BibliographyMeta, string[]] | false;
    updateUncitedItems(ids: string[]): void;
  }
  interface EngineOpt {
    development_extensions: Record<string, boolean>;
  }
  const CSL: { SKIP_WORDS: string[]; POSITION_SUBSEQUENT: number; Engine: typeof Engine & { Opt: { (this: EngineOpt): void; new (): EngineOpt; prototype: EngineOpt } } };
  export default CSL;
}
