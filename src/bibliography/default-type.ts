/** Pandoc's reading of an entry with no type: the one rule for a CSL-JSON file and for frontmatter references. */
import type { Diagnostic } from '../lib/diagnostics.ts';
import type { SourcedEntry } from './bibliography.ts';

/**
 * The type Pandoc's citeproc gives an entry without one. It keeps the type empty, which no style
 * tests for, so every style takes its generic branch; CSL's `document` is the type that means
 * exactly that, and pandoc 2.17 prints an entry typed `document` as it prints a typeless one.
 */
export const PANDOC_DEFAULT_TYPE = 'document';

/**
 * Gives each entry without a `type` the one Pandoc reads it as, with a warning naming the entry and
 * the fix. Pure: for a CSL-JSON file (bibliography.ts) and the frontmatter's references
 * (sources/inline-references.ts), before the type check, which would otherwise call the entry an error.
 */
export function withPandocDefaultType(entries: readonly SourcedEntry[]): { entries: SourcedEntry[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const out = entries.map((sourced) => {
    const type = sourced.entry.type as unknown;
    if (type !== undefined && type !== null && type !== '') return sourced;
    diagnostics.push({
      file: sourced.file,
      line: sourced.line,
      severity: 'warning',
      rule: 'bibliography/missing-type',
      message: `Entry "${sourced.entry.id}" has no "type": it is read as Pandoc reads it, as a generic document (type "${PANDOC_DEFAULT_TYPE}").`,
      hint: 'Add the type of the work (book, chapter, article-journal, webpage…): styles print each type differently.',
    });
    return { ...sourced, entry: { ...sourced.entry, type: PANDOC_DEFAULT_TYPE } };
  });
  return { entries: out, diagnostics };
}
