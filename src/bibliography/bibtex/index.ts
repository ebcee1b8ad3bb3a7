/**
 * BibTeX and BibLaTeX read as Pandoc 2.17 reads a `.bib` bibliography for `pandoc --citeproc` (its
 * BibLaTeX reader, Text.Pandoc.Citeproc.BibTeX), for an essay in a given language: scan.ts finds
 * the entries, latex.ts reads each field's LaTeX, case.ts brings English titles to sentence case,
 * names.ts and dates.ts read names and dates, fields.ts makes the CSL-JSON.
 */
import type { CslEntry } from '../csl.ts';
import { lineFinder } from '../../lib/lines.ts';
import { itemToCsl } from './fields.ts';
import { BibtexSyntaxError, scanBibtex } from './scan.ts';

export interface ReadEntry {
  readonly key: string;
  /** The BibTeX entry type as written, lower-cased (`article`, `artcle`…). */
  readonly bibtexType: string;
  readonly line: number;
  readonly entry: CslEntry;
}

export interface BibtexReading {
  /** Every entry in file order, duplicates included. */
  readonly entries: readonly ReadEntry[];
  /** Why the file could not be read (Pandoc then reads none of it), and where. */
  readonly error?: { readonly message: string; readonly line: number; readonly column: number };
}

/** Reads a BibTeX file for an essay whose language is `language` (a BCP 47 tag such as "en-US"). */
export function readBibtex(text: string, language: string): BibtexReading {
  const lineOf = lineFinder(text);
  try {
    const items = scanBibtex(text, language);
    return { entries: items.map((item) => ({ key: item.key, bibtexType: item.type, line: lineOf(item.offset), entry: itemToCsl(item, language) })) };
  } catch (error) {
    if (!(error instanceof BibtexSyntaxError)) throw error;
    const line = lineOf(error.offset);
    const column = error.offset - text.lastIndexOf('\n', error.offset - 1);
    return { entries: [], error: { message: error.message, line, column } };
  }
}
