/**
 * The CSL type and genre Pandoc 2.17 gives a BibTeX entry type (getTypeAndGenre). Pandoc gives
 * `@misc` and types it does not know no type (""), which Apparatus reads as CSL's `document`, the
 * type Pandoc's citeproc treats them as.
 */
import { resolveKey } from './strings.ts';

const TYPES: Readonly<Record<string, string>> = {
  book: 'book', booklet: 'pamphlet', bookinbook: 'chapter', collection: 'book', dataset: 'dataset', electronic: 'webpage',
  inbook: 'chapter', incollection: 'chapter', inreference: 'entry-encyclopedia', inproceedings: 'paper-conference', manual: 'book',
  mastersthesis: 'thesis', mvbook: 'book', mvcollection: 'book', mvproceedings: 'book', mvreference: 'book', online: 'webpage',
  patent: 'patent', phdthesis: 'thesis', proceedings: 'book', reference: 'book', report: 'report', software: 'book',
  suppbook: 'chapter', suppcollection: 'chapter', techreport: 'report', thesis: 'thesis', www: 'webpage', artwork: 'graphic',
  audio: 'song', commentary: 'book', image: 'graphic', jurisdiction: 'legal_case', legislation: 'legislation', legal: 'treaty',
  letter: 'personal_communication', movie: 'motion_picture', music: 'song', performance: 'speech', review: 'review',
  standard: 'legislation', video: 'motion_picture', data: 'dataset', letters: 'personal_communication', newsarticle: 'article-newspaper',
};

/** The type Apparatus gives an entry Pandoc leaves without one. */
export const UNTYPED = 'document';

export function typeAndGenre(
  entryType: string,
  fields: ReadonlyMap<string, string>,
  language: string,
  decode: (raw: string) => string,
): { type: string; genre: string | undefined } {
  const subtype = fields.get('entrysubtype') ?? '';
  const isEvent = fields.has('eventdate') || fields.has('eventtitle') || fields.has('venue');
  let type: string;
  if (['article', 'periodical', 'suppperiodical'].includes(entryType)) {
    type = subtype === 'magazine' ? 'article-magazine' : subtype === 'newspaper' ? 'article-newspaper' : 'article-journal';
  } else if (entryType === 'unpublished') type = isEvent ? 'speech' : 'manuscript';
  else type = TYPES[entryType] ?? UNTYPED;
  // Pandoc keeps the raw text of `type` (braces and all) unless it is a biblatex key; Apparatus
  // decodes its LaTeX, so that "{W3C} Recommendation" is not printed with its braces.
  const raw = fields.get('type');
  const written = raw === undefined ? '' : resolveKey(language, raw) !== raw ? resolveKey(language, raw) : decode(raw);
  let genre: string | undefined = written === '' ? undefined : written;
  if (entryType === 'mastersthesis' && genre === undefined) genre = resolveKey(language, 'mathesis');
  if (entryType === 'phdthesis' && genre === undefined) genre = resolveKey(language, 'phdthesis');
  return { type, genre };
}
