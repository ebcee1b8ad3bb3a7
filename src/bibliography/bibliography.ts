/**
 * Reading and checking bibliographies (CSL-JSON and BibTeX), with citation-js.
 *
 * A CSL processor is silent about broken bibliographies (a duplicate id: the last one wins; a missing
 * field: "[NO_PRINTED_FORM]"), so every file is read and checked here first, and each problem is
 * reported with its file and line. BibTeX is read as Pandoc 2.17 reads it (bibtex/), for the
 * essay's language.
 */
import { withPandocDefaultType } from './default-type.ts';
import type { Diagnostic } from '../lib/diagnostics.ts';
import { cite } from './citation-js.ts';
import { CSL_TYPES, type CslEntry } from './csl.ts';
import { lineFinder } from '../lib/lines.ts';
import { didYouMean, editDistance } from '../lib/suggest.ts';
import { readBibtex } from './bibtex/index.ts';


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

/** An id defined more than once: Pandoc uses the last definition, and so does Apparatus. */
export interface DuplicateEntry {
  /** The definition used: the last one. */
  readonly kept: SourcedEntry;
  /** The other definitions, in the order they come. */
  readonly others: readonly SourcedEntry[];
  /** Whether every definition reads as the same entry (so that it does not matter which one is used). */
  readonly identical: boolean;
}

export interface Bibliography {
  /** Entries by id, in the order the files first define them; a duplicate id holds its last definition. */
  readonly entries: ReadonlyMap<string, SourcedEntry>;
  readonly diagnostics: readonly Diagnostic[];
  /** The ids defined more than once (each is also a bibliography/duplicate-id warning). */
  readonly duplicates?: ReadonlyMap<string, DuplicateEntry>;
}

export interface ReadOptions {
  /**
   * The essay's language (its `lang`, a BCP 47 tag; default "en-US"). Pandoc reads BibTeX for the
   * document's language: titles are brought to sentence case only in an English document, and
   * biblatex's keys (`phdthesis`, `inpress`) are written in its language.
   */
  readonly lang?: string;
}

export type BibliographyFormat = 'csl-json' | 'bibtex';

export function formatOf(file: string): BibliographyFormat | undefined {
  if (/\.json$/i.test(file)) return 'csl-json';
  if (/\.(bib|bibtex)$/i.test(file)) return 'bibtex';
  return undefined;
}

/** Reads and checks a set of bibliography files as one bibliography, for an essay in `options.lang`. */
export function readBibliography(files: readonly BibliographyFile[], options: ReadOptions = {}): Bibliography {
  const diagnostics: Diagnostic[] = [];
  const entries = new Map<string, SourcedEntry>();
  const definitions = new Map<string, SourcedEntry[]>();
  for (const source of files) {
    const parsed = parseBibliographyFile(source, options);
    diagnostics.push(...parsed.diagnostics);
    for (const sourced of parsed.entries) {
      const id = sourced.entry.id;
      const previous = definitions.get(id);
      if (previous) {
        const before = previous.at(-1)!;
        const same = sameEntry(before.entry, sourced.entry);
        diagnostics.push({
          file: sourced.file,
          line: sourced.line,
          severity: 'warning',
          rule: 'bibliography/duplicate-id',
          message: `Duplicate bibliography id "${id}": it is also defined at ${before.file}:${before.line}${same ? ', as the same entry' : ', as a different entry'}. As in Pandoc, the last definition is used.`,
          hint: 'Delete the copy, or rename one of them (and the citations that mean it). An essay that cites an id defined twice differently stops the build.',
        });
        previous.push(sourced);
      } else definitions.set(id, [sourced]);
      entries.set(id, sourced);
    }
  }
  const duplicates = new Map<string, DuplicateEntry>();
  for (const [id, list] of definitions) {
    if (list.length < 2) continue;
    const kept = list.at(-1)!;
    duplicates.set(id, { kept, others: list.slice(0, -1), identical: list.every((sourced) => sameEntry(sourced.entry, kept.entry)) });
  }
  for (const [id, sourced] of entries) {
    diagnostics.push(...checkEntry(sourced));
    // An unknown type that is no typo is printed as Pandoc prints it, as a generic document.
    const type = sourced.entry.type;
    if (type && !(CSL_TYPES as readonly string[]).includes(type) && !isTypo(String(type), CSL_TYPES)) entries.set(id, { ...sourced, entry: { ...sourced.entry, type: 'document' } as CslEntry });
  }
  return { entries, diagnostics, duplicates };
}

/** Whether two entries read the same (fields in any order). */
function sameEntry(a: CslEntry, b: CslEntry): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : isRecord(value)
        ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])]))
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

export function parseBibliographyFile(source: BibliographyFile, options: ReadOptions = {}): { entries: SourcedEntry[]; diagnostics: Diagnostic[] } {
  const format = formatOf(source.file);
  if (format === 'csl-json') return parseCslJson(source);
  if (format === 'bibtex') return parseBibtex(source, options.lang ?? 'en-US');
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
    // citation-js makes a "book" with a "version" a CSL 1.0.2 "software"; Pandoc keeps the type
    // written, and a style written before 1.0.2 would print such an entry as it prints no type.
    entries.forEach((sourced, i) => Object.assign(sourced.entry, normalised![i], { id: sourced.entry.id, type: sourced.entry.type }));
    return { entries, diagnostics };
  }
  for (const sourced of entries) {
    try {
      const [one] = cite([sourced.entry], { generateGraph: false }).data;
      if (one) Object.assign(sourced.entry, one, { id: sourced.entry.id, type: sourced.entry.type });
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

function parseBibtex(source: BibliographyFile, lang: string): { entries: SourcedEntry[]; diagnostics: Diagnostic[] } {
  const read = readBibtex(source.text, lang);
  if (read.error) {
    return {
      entries: [],
      diagnostics: [
        {
          file: source.file,
          line: read.error.line,
          column: read.error.column,
          severity: 'error',
          rule: 'bibliography/unreadable',
          message: `The BibTeX file could not be read: ${read.error.message}.`,
          hint: 'Check the braces, quotes and commas of the entry at that place (Pandoc cannot read the file either).',
        },
      ],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const entries: SourcedEntry[] = [];
  for (const { key, bibtexType, line, entry } of read.entries) {
    if (!BIBTEX_TYPES.has(bibtexType)) {
      const suggestion = didYouMean(bibtexType, BIBTEX_TYPES)?.replace(/mean /, 'mean @');
      // A typo of a type (@artcle) stops the build; a type of another tool (@workingpaper) is read
      // as Pandoc reads it, as a generic document, and the editor is told.
      const typo = isTypo(bibtexType, BIBTEX_TYPES);
      diagnostics.push({
        file: source.file,
        line,
        severity: typo ? 'error' : 'warning',
        rule: 'bibliography/invalid-type',
        message: `Entry "${key}" has the BibTeX type @${bibtexType}, which BibTeX and BibLaTeX do not know: it ${typo ? 'would be' : 'is'} read as a generic document${typo ? '' : ', as Pandoc reads it'}.`,
        hint: suggestion ? `${suggestion[0]!.toUpperCase()}${suggestion.slice(1)}` : 'Use a type such as @book, @article, @incollection or @misc.',
      });
    }
    entries.push({ entry, file: source.file, line });
  }
  return { entries, diagnostics };
}

/** A type one or two letters from a known one (`artcle`, `artilce`): a typo, not another tool's type. */
function isTypo(type: string, known: Iterable<string>): boolean {
  const word = type.toLowerCase();
  return [...known].some((name) => editDistance(word, name.toLowerCase()) <= (word.length <= 5 ? 1 : 2));
}

/** What an entry needs for any style to print it: a type it knows, a title, a name and a date. */
function checkEntry({ entry, file, line }: SourcedEntry): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = { file, line };
  if (!(CSL_TYPES as readonly string[]).includes(entry.type)) {
    const suggestion = typeof entry.type === 'string' ? didYouMean(entry.type, CSL_TYPES) : undefined;
    const typo = !entry.type || isTypo(String(entry.type), CSL_TYPES);
    out.push({
      ...at,
      severity: typo ? 'error' : 'warning',
      rule: 'bibliography/invalid-type',
      message: !entry.type
        ? `Entry "${entry.id}" has no "type".`
        : typo
          ? `Entry "${entry.id}" has the type "${String(entry.type)}", which CSL does not know.`
          : `Entry "${entry.id}" has the type "${String(entry.type)}", which CSL does not know: it is read as a generic document, as Pandoc reads it.`,
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
