/**
 * The checks of one entry, and the line between a typo of a type and another tool's type: a CSL
 * processor prints an incomplete or mistyped entry without a word.
 */
import type { Diagnostic } from '../lib/diagnostics.ts';
import { CSL_TYPES, type CslEntry } from './csl.ts';
import { didYouMean, editDistance } from '../lib/suggest.ts';
import type { SourcedEntry } from './bibliography.ts';

/** A type one or two letters from a known one (`artcle`, `artilce`): a typo, not another tool's type. */
export function isTypo(type: string, known: Iterable<string>): boolean {
  const word = type.toLowerCase();
  return [...known].some((name) => editDistance(word, name.toLowerCase()) <= (word.length <= 5 ? 1 : 2));
}

/** What an entry needs for any style to print it: a type it knows, a title, a name and a date. */
export function checkEntry({ entry, file, line }: SourcedEntry): Diagnostic[] {
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
