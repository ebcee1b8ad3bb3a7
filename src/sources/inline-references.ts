/**
 * Pandoc's `references:` field: bibliography entries written in the essay's frontmatter, in
 * CSL-YAML. They are read as Pandoc reads them (text fields are Markdown, a name given as one string
 * is a literal name, dates may be EDTF strings or Pandoc's older year/month lists) and then checked
 * by the same code as a CSL-JSON file, each problem named at the entry's line of index.md.
 */
import { readBibliography, type Bibliography, type SourcedEntry } from '../bibliography/bibliography.ts';
import type { CslDate, CslEntry, CslName } from '../bibliography/csl.ts';
import type { Diagnostic } from '../lib/diagnostics.ts';
import { withPandocDefaultType } from '../bibliography/default-type.ts';
import type { Position } from '../lib/diagnostics.ts';

const NAME_VARIABLES: ReadonlySet<string> = new Set([
  'author', 'chair', 'collection-editor', 'compiler', 'composer', 'container-author', 'contributor', 'curator',
  'director', 'editor', 'editorial-director', 'executive-producer', 'guest', 'host', 'illustrator', 'interviewer',
  'narrator', 'organizer', 'original-author', 'performer', 'producer', 'recipient', 'reviewed-author',
  'script-writer', 'series-creator', 'translator',
]);

const DATE_VARIABLES: ReadonlySet<string> = new Set(['accessed', 'available-date', 'event-date', 'issued', 'original-date', 'submitted']);

/**
 * Fields that are identifiers, not prose. Pandoc reads them as Markdown too and so turns the "--" of
 * a URL into an en dash; keeping them verbatim is the one place where we knowingly differ.
 */
const VERBATIM_FIELDS: ReadonlySet<string> = new Set(['id', 'type', 'URL', 'DOI', 'ISBN', 'ISSN', 'PMID', 'PMCID', 'language', 'citation-key', 'citation-label']);

export interface InlineReferences {
  /** Entries by id, each placed at its line of index.md. */
  readonly bibliography: Bibliography;
}

/**
 * Reads the frontmatter's `references` list. `locate` is the frontmatter's: an entry is placed at its
 * first line, so an error names the line an editor has to look at.
 */
export function readInlineReferences(
  references: readonly unknown[],
  file: string,
  locate: (path: readonly PropertyKey[]) => Position,
): Bibliography {
  const diagnostics: Diagnostic[] = [];
  const sourced: SourcedEntry[] = [];
  references.forEach((item, index) => {
    const line = locate(['references', index]).line;
    if (!isRecord(item)) {
      diagnostics.push({
        file,
        line,
        severity: 'error',
        rule: 'bibliography/unreadable',
        message: `Reference ${index + 1} in "references" is not an entry.`,
        hint: 'Write each entry as "- id: key" followed by its fields (type, title, author, issued…), indented under it.',
      });
      return;
    }
    const id = item['id'];
    if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') {
      diagnostics.push({
        file,
        line,
        severity: 'error',
        rule: 'bibliography/unreadable',
        message: `Reference ${index + 1} in "references" has no "id".`,
        hint: 'Give every entry a unique "id": that is the key the essay cites it by.',
      });
      return;
    }
    // Pandoc reads metadata as Markdown: `timmory\_\_justice` is the key `timmory__justice`.
    const key = String(id).replace(/\\([!-/:-@[-`{-~])/g, '$1');
    sourced.push({ entry: { ...asPandocReadsYaml(item), id: key } as CslEntry, file, line });
  });
  const typed = withPandocDefaultType(sourced);
  diagnostics.push(...typed.diagnostics);
  // The bibliography module knows a format by its file's extension: it reads the entries under a
  // .json name, which is then put back to index.md wherever it shows.
  const asJson = `${file}#references.json`;
  const checked = readBibliography([{ file: asJson, text: jsonOnLines(typed.entries) }]);
  const unmask = (text: string) => text.split(asJson).join(file);
  const entries = new Map([...checked.entries].map(([id, sourced]) => [id, { ...sourced, file }]));
  const found = checked.diagnostics.map((d) => ({ ...d, file: unmask(d.file), message: unmask(d.message), ...(d.hint === undefined ? {} : { hint: unmask(d.hint) }) }));
  const placed = (sourced: SourcedEntry) => ({ ...sourced, file });
  const duplicates = new Map([...(checked.duplicates ?? [])].map(([id, d]) => [id, { ...d, kept: placed(d.kept), others: d.others.map(placed) }]));
  return duplicates.size > 0 ? { entries, diagnostics: [...diagnostics, ...found], duplicates } : { entries, diagnostics: [...diagnostics, ...found] };
}

/**
 * A CSL-JSON text in which each entry stands on its line of index.md, so that the bibliography
 * module, which names the line of each entry's "id", names the frontmatter's lines.
 */
function jsonOnLines(entries: readonly SourcedEntry[]): string {
  let text = '[';
  let line = 1;
  entries.forEach(({ entry, line: target }, i) => {
    const at = Math.max(target, line);
    text += '\n'.repeat(at - line) + (i > 0 ? ',' : '') + JSON.stringify(entry);
    line = at;
  });
  return `${text}]`;
}

/**
 * The entries of the frontmatter and of the bibliography files as one bibliography. An entry of the
 * frontmatter replaces a file's entry of the same id, as in Pandoc; the essay is warned, since one of
 * the two is then dead.
 */
export function mergeWithInline(files: Bibliography, inline: Bibliography): Bibliography {
  const entries = new Map<string, SourcedEntry>(inline.entries);
  const diagnostics: Diagnostic[] = [...inline.diagnostics, ...files.diagnostics];
  for (const [id, sourced] of files.entries) {
    const replacing = inline.entries.get(id);
    if (!replacing) {
      entries.set(id, sourced);
      continue;
    }
    diagnostics.push({
      file: replacing.file,
      line: replacing.line,
      severity: 'warning',
      rule: 'bibliography/overridden-entry',
      message: `Entry "${id}" of "references" replaces the entry of the same id at ${sourced.file}:${sourced.line}.`,
      hint: 'Pandoc does the same, so the essay prints the frontmatter\'s entry. Delete one of the two, or give one another id.',
    });
  }
  const duplicates = new Map([...(files.duplicates ?? []), ...(inline.duplicates ?? [])]);
  return duplicates.size > 0 ? { entries, diagnostics, duplicates } : { entries, diagnostics };
}

/** One frontmatter entry as Pandoc's citeproc reads its metadata. */
function asPandocReadsYaml(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(item)) {
    if (value === null || value === undefined) continue;
    if (NAME_VARIABLES.has(field)) out[field] = names(value);
    else if (DATE_VARIABLES.has(field)) out[field] = date(value);
    else if (VERBATIM_FIELDS.has(field)) out[field] = value instanceof Date ? isoDay(value) : value;
    else out[field] = prose(value);
  }
  return out;
}

function prose(value: unknown): unknown {
  if (typeof value === 'string') return pandocInlineMarkdown(value);
  if (value instanceof Date) return isoDay(value);
  if (Array.isArray(value)) return value.map(prose);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, prose(v)]));
  return value;
}

/** Pandoc takes one name, a list of names, strings (literal names) or name objects. */
function names(value: unknown): CslName[] {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((name): CslName[] => {
    if (typeof name === 'string' || typeof name === 'number') return [{ literal: pandocInlineMarkdown(String(name)) }];
    if (!isRecord(name)) return [];
    const out: CslName = {};
    for (const [part, v] of Object.entries(name)) {
      // Pandoc-citeproc wrote several given names as a list.
      const text = Array.isArray(v) ? v.map(String).join(' ') : v;
      out[part] = typeof text === 'string' ? pandocInlineMarkdown(text) : text;
    }
    return [out];
  });
}

/**
 * A date as Pandoc reads it: a year (2008), an EDTF string ("2008-03-04", "2008/2010", "2008~"),
 * CSL's `{date-parts: …}`, or Pandoc-citeproc's `{year, month, day}` (a list of two for a range).
 * What is none of these is kept as written (a literal date) rather than dropped.
 */
function date(value: unknown): CslDate {
  if (typeof value === 'number') return { 'date-parts': [[value]] };
  if (value instanceof Date) return { 'date-parts': [[value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()]] };
  if (typeof value === 'string') return edtf(value) ?? { literal: value };
  if (Array.isArray(value)) {
    const parts = value.map(partsOf).filter((p): p is (number | string)[] => p !== undefined);
    return parts.length > 0 ? { 'date-parts': parts.slice(0, 2) } : { literal: value.map(String).join('/') };
  }
  if (isRecord(value)) {
    if ('date-parts' in value || 'raw' in value || 'literal' in value) return value as CslDate;
    const parts = partsOf(value);
    if (parts) return { 'date-parts': [parts], ...(value['circa'] ? { circa: true } : {}), ...(value['season'] !== undefined ? { season: value['season'] } : {}) };
  }
  return { literal: String(value) };
}

function partsOf(value: unknown): (number | string)[] | undefined {
  if (typeof value === 'number') return [value];
  if (typeof value === 'string') return edtf(value)?.['date-parts']?.[0];
  if (!isRecord(value) || value['year'] === undefined) return undefined;
  const parts = [value['year'], value['month'], value['day']].filter((p) => p !== undefined && p !== null && p !== '');
  return parts.map((p) => (typeof p === 'string' && /^-?\d+$/.test(p) ? Number(p) : (p as number | string)));
}

function edtf(text: string): CslDate | undefined {
  const ends = text.trim().split('/');
  if (ends.length > 2) return undefined;
  const parts: number[][] = [];
  let circa = false;
  for (const end of ends) {
    const match = /^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?([~?%]?)$/.exec(end.trim());
    if (!match) return undefined;
    if (match[4]) circa = true;
    parts.push([match[1], match[2], match[3]].filter((p): p is string => p !== undefined).map(Number));
  }
  return { 'date-parts': parts, ...(circa ? { circa: true } : {}) };
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Pandoc's inline Markdown, as its CSL-JSON writer renders it into CSL's rich-text markup: emphasis,
 * strong, superscript, subscript, `[…]{.nocase}` and `[…]{.smallcaps}` spans, backslash escapes,
 * and the `smart` extension's dashes, ellipses and curly quotes. Block syntax, links and math are
 * left as text: a reference field holds one line of prose.
 */
export function pandocInlineMarkdown(text: string): string {
  // Escaped characters and code spans are set aside so that no later rule touches them.
  const kept: string[] = [];
  const keep = (literal: string) => `\u0000${kept.push(literal) - 1}\u0001`;
  let out = text
    .replace(/`([^`]+)`/g, (_, code: string) => keep(code))
    .replace(/\\([!-/:-@[-`{-~])/g, (_, char: string) => keep(char));
  out = out
    // The spans' own quotes must not become curly ones.
    .replace(/\[([^\]]*)\]\{\s*\.nocase\s*\}/g, (_, inner: string) => `${keep('<span class="nocase">')}${inner}${keep('</span>')}`)
    .replace(/\[([^\]]*)\]\{\s*\.smallcaps\s*\}/g, (_, inner: string) => `${keep('<span style="font-variant:small-caps;">')}${inner}${keep('</span>')}`)
    .replace(/\[([^\]]*)\]\{[^}]*\}/g, '$1')
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, '<b>$1</b>')
    .replace(/(?<![\p{L}\p{N}])__(?=\S)(.+?)(?<=\S)__(?![\p{L}\p{N}])/gu, '<b>$1</b>')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
    .replace(/\*(?=\S)(.+?)(?<=\S)\*/g, '<i>$1</i>')
    .replace(/(?<![\p{L}\p{N}])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}])/gu, '<i>$1</i>')
    .replace(/\^([^\s^]+)\^/g, '<sup>$1</sup>')
    .replace(/~([^\s~]+)~/g, '<sub>$1</sub>')
    .replace(/---/g, '\u2014')
    .replace(/--/g, '\u2013')
    .replace(/\.\.\./g, '\u2026')
    .replace(/(^|[\s([{\u2014\u2013-])"/g, '$1\u201C')
    .replace(/"/g, '\u201D')
    .replace(/(^|[\s([{\u2014\u2013-])'/g, '$1\u2018')
    .replace(/'/g, '\u2019');
  return out.replace(/\u0000(\d+)\u0001/g, (_, i: string) => kept[Number(i)]!);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
