/**
 * CSL-JSON: the shape of a bibliography entry, as far as Apparatus reads it.
 * See https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html
 */

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  [field: string]: unknown;
}

export interface CslDate {
  'date-parts'?: (number | string)[][];
  literal?: string;
  raw?: string;
  [field: string]: unknown;
}

export interface CslEntry {
  id: string;
  type: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: CslDate;
  'container-title'?: string;
  DOI?: string;
  URL?: string;
  [field: string]: unknown;
}

/** The item types of CSL 1.0.2, for checking an entry's `type`. */
export const CSL_TYPES = [
  'article', 'article-journal', 'article-magazine', 'article-newspaper', 'bill', 'book', 'broadcast',
  'chapter', 'classic', 'collection', 'dataset', 'document', 'entry', 'entry-dictionary',
  'entry-encyclopedia', 'event', 'figure', 'graphic', 'hearing', 'interview', 'legal_case',
  'legislation', 'manuscript', 'map', 'motion_picture', 'musical_score', 'pamphlet',
  'paper-conference', 'patent', 'performance', 'periodical', 'personal_communication', 'post',
  'post-weblog', 'regulation', 'report', 'review', 'review-book', 'software', 'song', 'speech',
  'standard', 'thesis', 'treaty', 'webpage',
] as const;

/** How a reader names a work in a list: "Bachman (1991)", "Doe & Roe (2020)", "Doe et al. (2020)". */
export function workLabel(entry: CslEntry): string {
  const names = entry.author ?? entry.editor ?? [];
  const name = (n: CslName | undefined) => n?.family ?? n?.literal ?? n?.given ?? '';
  const who =
    names.length === 0 ? (entry.title ?? entry.id) : names.length === 1 ? name(names[0]) : names.length === 2 ? `${name(names[0])} & ${name(names[1])}` : `${name(names[0])} et al.`;
  const year = entry.issued?.['date-parts']?.[0]?.[0] ?? entry.issued?.literal ?? 'n.d.';
  return `${who} (${year})`;
}

/** The people (or bodies) who wrote a work, by family name, for a "cited author" filter. */
export function workAuthors(entry: CslEntry): string[] {
  return (entry.author ?? entry.editor ?? []).map((n) => [n.family, n.given].filter(Boolean).join(', ') || n.literal || '').filter(Boolean);
}
