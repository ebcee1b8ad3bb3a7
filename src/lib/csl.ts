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
