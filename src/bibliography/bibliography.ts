/**
 * Reading and checking bibliographies (CSL-JSON and BibTeX), with citation-js.
 *
 * A CSL processor is silent about broken bibliographies (a duplicate id: the last one wins; a missing
 * field: "[NO_PRINTED_FORM]"), so every file is read and checked here first, and each problem is
 * reported with its file and line.
 */
import { withPandocDefaultType } from '../sources/inline-references.ts';
import type { Diagnostic } from '../checks/diagnostics.ts';
import { cite } from './citation-js.ts';
import { CSL_TYPES, type CslEntry } from './csl.ts';
import { lineFinder } from '../lib/lines.ts';
import { didYouMean } from '../checks/suggest.ts';
import { extendedName, isLiteralName, pandocFields, rawNames, scanBibtex, smartApostrophes, usesPrefix, type RawEntry } from './bibtex-pandoc.ts';


/** One entry, with where it was defined. */
export interface SourcedEntry {
  readonly entry: CslEntry;
  readonly file: string;
  readonly line: number;
}

export interface BibliographyFile {
  /** Path relative to the project root, for messages. */
  readonly file: string;
  readonly text: string;
}

export interface Bibliography {
  /** Entries by id, in the order the files define them. */
  readonly entries: ReadonlyMap<string, SourcedEntry>;
  readonly diagnostics: readonly Diagnostic[];
}

export type BibliographyFormat = 'csl-json' | 'bibtex';

export function formatOf(file: string): BibliographyFormat | undefined {
  if (/\.json$/i.test(file)) return 'csl-json';
  if (/\.(bib|bibtex)$/i.test(file)) return 'bibtex';
  return undefined;
}

/** Reads and checks a set of bibliography files as one bibliography. */
export function readBibliography(files: readonly BibliographyFile[]): Bibliography {
  const diagnostics: Diagnostic[] = [];
  const entries = new Map<string, SourcedEntry>();
  for (const source of files) {
    const parsed = parseBibliographyFile(source);
    diagnostics.push(...parsed.diagnostics);
    for (const sourced of parsed.entries) {
      const previous = entries.get(sourced.entry.id);
      if (previous) {
        diagnostics.push({
          file: sourced.file,
          line: sourced.line,
          severity: 'error',
          rule: 'bibliography/duplicate-id',
          message: `Duplicate bibliography id "${sourced.entry.id}": it is also defined at ${previous.file}:${previous.line}.`,
          hint: 'Every entry needs its own id: rename one of them (and the citations that mean it), or delete the copy.',
        });
        continue;
      }
      entries.set(sourced.entry.id, sourced);
    }
  }
  for (const sourced of entries.values()) diagnostics.push(...checkEntry(sourced));
  return { entries, diagnostics };
}

export function parseBibliographyFile(source: BibliographyFile): { entries: SourcedEntry[]; diagnostics: Diagnostic[] } {
  const format = formatOf(source.file);
  if (format === 'csl-json') return parseCslJson(source);
  if (format === 'bibtex') return parseBibtex(source);
  return {
    entries: [],
    diagnostics: [
      {
        file: source.file,
        severity: 'error',
        rule: 'bibliography/unreadable',
        message: 'Unknown bibliography format: Apparatus reads CSL-JSON (.json) and BibTeX (.bib).',
        hint: 'Rename the file with the extension of its format, or convert it to CSL-JSON.',
      },
    ],
  };
}

function parseCslJson(source: BibliographyFile): { entries: SourcedEntry[]; diagnostics: Diagnostic[] } {
  const unreadable = (message: string, line?: number, column?: number, hint?: string): Diagnostic => ({
    file: source.file,
    ...(line === undefined ? {} : { line }),
    ...(column === undefined ? {} : { column }),
    severity: 'error',
    rule: 'bibliography/unreadable',
    message,
    hint: hint ?? 'A CSL-JSON bibliography is a JSON array of entries, each with an "id" and a "type".',
  });
  let data: unknown;
  try {
    data = JSON.parse(source.text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const at = jsonErrorPosition(source.text, reason);
    return {
      entries: [],
      diagnostics: [
        unreadable(
          `The bibliography is not valid JSON: ${reason.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '')}.`,
          at?.line,
          at?.column,
          'Fix the JSON syntax at that place (a missing comma or quote is the usual cause).',
        ),
      ],
    };
  }
  if (!Array.isArray(data)) {
    return { entries: [], diagnostics: [unreadable('The bibliography is JSON but not an array of CSL entries.', 1, 1)] };
  }
  const entries: SourcedEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const idLines = lineIndexOfJsonIds(source.text);
  data.forEach((item: unknown, index) => {
    const id = isRecord(item) ? item['id'] : undefined;
    if (!isRecord(item) || (typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') {
      diagnostics.push(unreadable(`Entry ${index + 1} of the bibliography has no "id".`, undefined, undefined, 'Give every entry a unique "id": that is the key the essay cites it by.'));
      return;
    }
    const key = String(id);
    const line = idLines.get(key)?.shift() ?? 1;
    entries.push({ entry: { ...item, id: key } as CslEntry, file: source.file, line });
  });
  // An entry without a type is read as Pandoc reads it, with a warning, before the checks see it.
  const typed = withPandocDefaultType(entries);
  diagnostics.push(...typed.diagnostics);
  entries.splice(0, entries.length, ...typed.entries);
  // citation-js normalises what it reads (names, dates); use its view so that checks see what citeproc sees.
  // All entries in one call (a call per entry costs 200 times more on a large file); only if that
  // fails, entry by entry, to name the one it cannot read.
  let normalised: Record<string, unknown>[] | undefined;
  try {
    normalised = cite(entries.map((sourced) => sourced.entry), { generateGraph: false }).data;
  } catch {
    normalised = undefined;
  }
  if (normalised && normalised.length === entries.length) {
    entries.forEach((sourced, i) => Object.assign(sourced.entry, normalised![i], { id: sourced.entry.id }));
    return { entries, diagnostics };
  }
  for (const sourced of entries) {
    try {
      const [one] = cite([sourced.entry], { generateGraph: false }).data;
      if (one) Object.assign(sourced.entry, one, { id: sourced.entry.id });
    } catch (error) {
      diagnostics.push(unreadable(`Entry "${sourced.entry.id}" could not be read: ${String(error)}.`, sourced.line));
    }
  }
  return { entries, diagnostics };
}

/** Entry types of BibTeX and BibLaTeX (with the aliases BibLaTeX accepts). */
const BIBTEX_TYPES: ReadonlySet<string> = new Set([
  'article', 'book', 'booklet', 'inbook', 'incollection', 'inproceedings', 'conference', 'manual', 'mastersthesis', 'misc',
  'phdthesis', 'proceedings', 'techreport', 'unpublished', 'online', 'electronic', 'www', 'report', 'thesis', 'collection',
  'mvbook', 'bookinbook', 'suppbook', 'periodical', 'suppperiodical', 'suppcollection', 'reference', 'mvreference',
  'inreference', 'mvcollection', 'mvproceedings', 'patent', 'software', 'dataset', 'set', 'xdata', 'audio', 'video',
  'music', 'performance', 'letter', 'image', 'movie', 'artwork', 'commentary', 'jurisdiction', 'legislation', 'legal',
  'standard', 'review', 'customa', 'customb', 'customc', 'customd', 'custome', 'customf',
]);

function parseBibtex(source: BibliographyFile): { entries: SourcedEntry[]; diagnostics: Diagnostic[] } {
  const lineOf = lineFinder(source.text);
  const declared = [...source.text.matchAll(/@([A-Za-z]+)\s*[{(]\s*([^,\s]+)\s*,/g)]
    .filter((m) => !/^(comment|preamble|string)$/i.test(m[1] ?? ''))
    .map((m) => ({ type: (m[1] ?? '').toLowerCase(), key: m[2] ?? '', line: lineOf(m.index ?? 0) }));
  let data: Record<string, unknown>[];
  try {
    data = cite(source.text, { forceType: '@biblatex/text', generateGraph: false }).data;
  } catch (error) {
    // citation-js says "… at line N col M:" followed by a code frame: keep the place, drop the frame.
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/:$/, '');
    const at = /at line (\d+) col (\d+)/.exec(reason);
    return {
      entries: [],
      diagnostics: [
        {
          file: source.file,
          ...(at ? { line: Number(at[1]), column: Number(at[2]) } : {}),
          severity: 'error',
          rule: 'bibliography/unreadable',
          message: `The BibTeX file could not be read: ${reason.replace(/ at line \d+ col \d+$/, '')}.`,
          hint: 'Check the braces and commas of the entry at that place.',
        },
      ],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const byKey = new Map(data.map((item) => [String(item['citation-key'] ?? item['id']), item]));
  const raw = scanBibtex(source.text);
  const entries: SourcedEntry[] = [];
  for (const { type, key, line } of declared) {
    if (!BIBTEX_TYPES.has(type)) {
      const suggestion = didYouMean(type, BIBTEX_TYPES)?.replace(/mean /, 'mean @');
      diagnostics.push({
        file: source.file,
        line,
        severity: 'error',
        rule: 'bibliography/invalid-type',
        message: `Entry "${key}" has the BibTeX type @${type}, which BibTeX and BibLaTeX do not know: it would be read as a generic document.`,
        hint: suggestion ? `${suggestion[0]!.toUpperCase()}${suggestion.slice(1)}` : 'Use a type such as @book, @article, @incollection or @misc.',
      });
    }
    const item = byKey.get(key);
    if (!item) {
      diagnostics.push({
        file: source.file,
        line,
        severity: 'error',
        rule: 'bibliography/unreadable',
        message: `BibTeX entry "${key}" could not be read.`,
        hint: 'Check its braces, commas and quotes: citation-js skipped it.',
      });
      continue;
    }
    entries.push({ entry: asPandocReadsBibtex({ ...item, id: key } as CslEntry, raw.get(key)), file: source.file, line });
  }
  return { entries, diagnostics };
}

/**
 * Where Pandoc's BibTeX reader differs from citation-js: titles and other text fields (decoding,
 * sentence case only for English entries, quotes), publisher (with howpublished, organization,
 * institution, school), place, language as an IETF tag, names given in braces as literal names,
 * typographic apostrophes; a technical report's BibTeX type is not printed as its genre.
 */
function asPandocReadsBibtex(entry: CslEntry, raw: RawEntry | undefined): CslEntry {
  const out: CslEntry = { ...entry };
  delete out['citation-key'];
  if (typeof out['genre'] === 'string' && /^tech(nical)?\s*report$/i.test(out['genre'])) delete out['genre'];
  if (!raw) return out;
  for (const [field, value] of Object.entries(pandocFields(raw))) {
    if (value === undefined || value === '') delete out[field];
    else out[field] = value;
  }
  for (const role of ['author', 'editor', 'translator'] as const) {
    const names = out[role];
    if (!Array.isArray(names)) continue;
    const written = rawNames(raw.fields.get(role));
    out[role] = (names as Record<string, unknown>[]).map((name, index) => {
      const literal = written.length === names.length ? isLiteralName(written[index]!) : undefined;
      if (literal !== undefined) return { literal };
      // citation-js reads BibLaTeX's extended name format, but not its per-name useprefix=true.
      const extended = written.length === names.length ? extendedName(written[index]!) : undefined;
      if (extended) return Object.fromEntries(Object.entries(extended).map(([part, text]) => [part, smartApostrophes(text)]));
      const parts = Object.entries(name).map(([part, text]) => [part, typeof text === 'string' ? smartApostrophes(text) : text] as const);
      return Object.fromEntries(parts.map(([part, text]) => [part === 'non-dropping-particle' && !usesPrefix(raw) ? 'dropping-particle' : part, text]));
    });
  }
  return out;
}

/** What an entry needs for any style to print it: a type it knows, a title, a name and a date. */
function checkEntry({ entry, file, line }: SourcedEntry): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = { file, line };
  if (!(CSL_TYPES as readonly string[]).includes(entry.type)) {
    const suggestion = typeof entry.type === 'string' ? didYouMean(entry.type, CSL_TYPES) : undefined;
    out.push({
      ...at,
      severity: 'error',
      rule: 'bibliography/invalid-type',
      message: entry.type
        ? `Entry "${entry.id}" has the type "${String(entry.type)}", which CSL does not know.`
        : `Entry "${entry.id}" has no "type".`,
      hint: suggestion ? `${suggestion[0]!.toUpperCase()}${suggestion.slice(1)}` : 'Use a CSL type such as book, chapter or article-journal.',
    });
  }
  const missing: string[] = [];
  if (!entry.title) missing.push('title');
  if (!entry.author?.length && !entry.editor?.length) missing.push('author (or editor)');
  if (!entry.issued) missing.push('issued (date)');
  for (const field of FIELDS_STYLES_PRINT[entry.type] ?? []) if (!entry[field as keyof CslEntry]) missing.push(field);
  if (missing.length > 0) {
    out.push({
      ...at,
      severity: 'warning',
      rule: 'bibliography/incomplete-entry',
      message: `Entry "${entry.id}" has no ${missing.join(', no ')}: styles will print it incompletely.`,
      hint: 'Complete the entry, or confirm that the work really lacks it.',
    });
  }
  return out;
}

/**
 * What the common styles (APA, Chicago, MLA, Harvard, Vancouver, IEEE) print for each type beyond
 * author, date and title: without it, a reference is visibly incomplete in all of them.
 */
const FIELDS_STYLES_PRINT: Readonly<Record<string, readonly string[]>> = {
  book: ['publisher'],
  chapter: ['container-title', 'publisher'],
  'article-journal': ['container-title'],
  'article-magazine': ['container-title'],
  'article-newspaper': ['container-title'],
  'paper-conference': ['container-title'],
  thesis: ['publisher'],
  report: ['publisher'],
  webpage: ['URL'],
  'post-weblog': ['URL'],
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineAt(text: string, offset: number): number {
  return lineFinder(text)(offset);
}

/** Lines of each `"id": "…"` in a JSON text, in order, so duplicates get their own lines. */
function lineIndexOfJsonIds(text: string): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  const lineOf = lineFinder(text);
  for (const match of text.matchAll(/"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)/g)) {
    const raw = match[1] ?? '';
    const key = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    const list = lines.get(key) ?? [];
    list.push(lineOf(match.index ?? 0));
    lines.set(key, list);
  }
  return lines;
}

/** Where JSON.parse stopped, from its message (V8 names an offset, newer ones also a line and column). */
function jsonErrorPosition(text: string, message: string): { line: number; column: number } | undefined {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /at position (\d+)/.exec(message);
  if (position) {
    const offset = Number(position[1]);
    const before = text.slice(0, offset);
    const line = lineAt(text, offset);
    return { line, column: offset - before.lastIndexOf('\n') };
  }
  if (/Unexpected end of JSON input/.test(message)) {
    const line = lineAt(text, text.length);
    return { line, column: text.length - text.lastIndexOf('\n') };
  }
  return undefined;
}
