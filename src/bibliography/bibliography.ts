/**
 * Reading and checking bibliographies (CSL-JSON and BibTeX), with citation-js.
 *
 * A CSL processor is silent about broken bibliographies (a duplicate id: the last one wins; a missing
 * field: "[NO_PRINTED_FORM]"), so every file is read and checked here first, and each problem is
 * reported with its file and line. BibTeX is read as Pandoc 2.17 reads it (bibtex/), for the
 * essay's language.
 */
import type { Diagnostic } from '../lib/diagnostics.ts';
import { CSL_TYPES, type CslEntry } from './csl.ts';
import { isRecord, parseCslJson } from './csl-json.ts';
import { checkEntry, isTypo } from './entry-checks.ts';
import { didYouMean } from '../lib/suggest.ts';
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
