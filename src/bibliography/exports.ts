/**
 * A bibliography as files a reference manager reads: BibTeX, RIS and CSL-JSON, made by citation-js.
 * Keys are kept as the editor wrote them, so a student's citations match the essay's.
 */
import { cite } from './citation-js.ts';
import type { CslEntry } from './csl.ts';

export const EXPORT_FORMATS = ['bibtex', 'ris', 'csl-json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { bibtex: 'bib', ris: 'ris', 'csl-json': 'json' };
export const EXPORT_MEDIA_TYPES: Readonly<Record<ExportFormat, string>> = {
  bibtex: 'application/x-bibtex',
  ris: 'application/x-research-info-systems',
  'csl-json': 'application/vnd.citationstyles.csl+json',
};

/**
 * CSL-JSON as editors keep it: one field per line, `id` and `type` first, short values on one line
 * (`"author": [{ "family": "Doe", "given": "Jane" }]`), so a diff shows what changed.
 */
export function formatCslJson(entries: readonly CslEntry[]): string {
  const inline = (value: unknown): string =>
    Array.isArray(value)
      ? `[${value.map(inline).join(', ')}]`
      : value !== null && typeof value === 'object'
        ? `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }`
        : JSON.stringify(value);
  const blocks = entries.map((entry) => {
    const { id, type, 'citation-key': key, ...rest } = entry as CslEntry & { 'citation-key'?: string };
    const fields: [string, unknown][] = [['id', id], ['type', type], ...(key && key !== id ? [['citation-key', key] as [string, unknown]] : []), ...Object.entries(rest)];
    return `  {\n${fields.filter(([, v]) => v !== undefined).map(([k, v]) => `    ${JSON.stringify(k)}: ${inline(v)}`).join(',\n')}\n  }`;
  });
  return entries.length === 0 ? '[]\n' : `[\n${blocks.join(',\n')}\n]\n`;
}

/** What a BibTeX key cannot hold: its parsers end the key, or the entry, there. */
const NOT_IN_BIBTEX_KEY = /[\s,{}"=\\]/u;

/**
 * The keys as written wherever BibTeX can hold them. An `@{…}` key may hold spaces, commas or braces,
 * which would make the whole file unreadable: those characters become `_<hex>_` (`a b` → `a_20_b`),
 * and, should that give a key another entry has, a number is added, so each key stays one entry.
 */
function bibtexKeys(entries: readonly CslEntry[]): string[] {
  const used = new Set(entries.map((entry) => entry.id).filter((id) => !NOT_IN_BIBTEX_KEY.test(id)));
  return entries.map(({ id }) => {
    if (!NOT_IN_BIBTEX_KEY.test(id)) return id;
    const base = id.replace(new RegExp(NOT_IN_BIBTEX_KEY.source, 'gu'), (char) => `_${char.codePointAt(0)!.toString(16)}_`);
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    return key;
  });
}

export function exportEntries(entries: readonly CslEntry[], format: ExportFormat): string {
  if (format === 'csl-json') return formatCslJson(entries);
  // citation-js invents BibTeX keys ("Bachman1991Bureaucracy") unless the entry names its own.
  const keys = format === 'bibtex' ? bibtexKeys(entries) : entries.map((entry) => entry.id);
  const works = cite(entries.map((entry, i) => ({ ...entry, 'citation-key': keys[i] })), { generateGraph: false });
  if (format === 'bibtex') return `${works.format('bibtex').trim()}\n`;
  // citation-js folds RIS values at 70 characters, which readers take as a new, tagless line; write
  // each tag on one line instead, with the CR LF line ends the RIS specification asks for.
  const records = works.format('ris', { format: 'object' }) as unknown as Record<string, string | string[]>[];
  return records
    .map((record, i) => {
      // citation-js cuts the ID to RIS's old 20 characters ("https://doi.org/10.1"): the key as
      // written is what a student's citations must match.
      if (entries[i]) record['ID'] = entries[i].id;
      const lines = [`TY  - ${String(record['TY'])}`];
      for (const [tag, value] of Object.entries(record)) {
        if (tag === 'TY') continue;
        // A value as one trimmed line: keywords written "a, b" (as Pandoc reads BibTeX) split to " b".
        for (const one of [value].flat()) lines.push(`${tag}  - ${String(one).replace(/\s*[\r\n]+\s*/g, ' ').trim()}`);
      }
      lines.push('ER  - ');
      return lines.join('\r\n');
    })
    .join('\r\n\r\n')
    .concat('\r\n');
}
