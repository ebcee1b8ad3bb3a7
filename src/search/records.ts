/**
 * Turns an essay's passages into its Pagefind record: the essay's text, its filters (essay, author,
 * year, cited works and authors) and a table of its passages, by which results land on the
 * paragraph, note or entry (see searchRecord).
 */
import type { CustomRecord } from 'pagefind';
import { entryId } from '../bibliography/anchors.ts';
import { workAuthors, workLabel, type CslEntry } from '../bibliography/csl.ts';
import { isoDate } from '../publishing/format.ts';
import type { EssayFrontmatter } from '../schemas/essay.ts';
import type { EssayPage, PassageKind } from './passages.ts';

export interface EssayToIndex {
  /** The essay page's URL path, base included: `/essays/great-leap-forward/`. */
  readonly url: string;
  /**
   * The same without the base (`/great-leap-forward/`), as records give it: Pagefind puts the base
   * in front itself, from where its script was loaded.
   */
  readonly indexUrl: string;
  readonly frontmatter: EssayFrontmatter;
  /** The works the essay cites or lists, by key. */
  readonly works: ReadonlyMap<string, CslEntry>;
}

/**
 * The "cites" filter's value of each of the essay's works, by key: its label ("Bachman (1991)"). Two
 * works may share a label (`Smith2000` and `smith2000`, both Smith's of 2000): they get their titles
 * after it, or failing that their keys, so that ticking one selects its own passages alone.
 */
function citesFilterValues(works: ReadonlyMap<string, CslEntry>): Map<string, string> {
  const keysByLabel = new Map<string, string[]>();
  for (const [key, entry] of works) {
    const label = workLabel(entry);
    keysByLabel.set(label, [...(keysByLabel.get(label) ?? []), key]);
  }
  const values = new Map<string, string>();
  for (const [label, keys] of keysByLabel) {
    const titles = keys.map((key) => works.get(key)!.title ?? '');
    const titled = titles.every(Boolean) && new Set(titles).size === titles.length;
    keys.forEach((key, i) => values.set(key, keys.length === 1 ? label : titled ? `${label}: ${titles[i]!}` : `${label} [@${key}]`));
  }
  return values;
}

/**
 * One passage in a record's `passages` table: where its words start in the record's content (a
 * word index, as Pagefind counts words: split on white space), its anchor, its title, its kind, and
 * the works and authors it cites (indices into the record's `works` and `people`).
 */
export type PassageRow = readonly [start: number, anchor: string, title: string, kind: PassageKind, works: readonly number[], people: readonly number[]];

/** What the search script reads in a record's meta, besides Pagefind's own fields. */
export interface RecordTables {
  readonly passages: readonly PassageRow[];
  /** The "cites" filter values of the essay's works. */
  readonly works: readonly string[];
  /** The "cited author" filter values. */
  readonly people: readonly string[];
}

/**
 * The essay as one Pagefind record: its passages' text, one after the other, with a table of where
 * each begins. Pagefind's cost grows with its records (80,557 passage records took 58 s to feed and
 * 45 s to write at 1,000 essays; one record per essay, 6 and 8 s), so the passage a reader lands on is
 * found in the browser: the words Pagefind matched (their word indices) fall in one passage of the
 * table, whose anchor the result links to (see scripts/search-core.ts). Filters are the essay's;
 * the table says which passages cite each work, so that a filter by work still lists passages.
 */
export function searchRecord(essay: EssayToIndex, page: EssayPage, language: string): CustomRecord {
  const { frontmatter } = essay;
  const authors = frontmatter.authors.length > 0 ? frontmatter.authors.map((a) => a.name) : ['Anonymous'];
  const keyOfEntryId = new Map([...essay.works.keys()].map((key) => [entryId(key), key]));
  const citesValue = citesFilterValues(essay.works);
  const works: string[] = [];
  const people: string[] = [];
  const indexIn = (list: string[], value: string) => {
    const at = list.indexOf(value);
    return at === -1 ? list.push(value) - 1 : at;
  };
  const rows: PassageRow[] = [];
  const texts: string[] = [];
  let start = 0;
  for (const passage of page.passages) {
    // Passage texts are trimmed, their white space single spaces: word counts add up exactly.
    if (passage.text === '') continue;
    const keys = passage.kind === 'reference' ? [keyOfEntryId.get(passage.anchor)].filter((k) => k !== undefined) : passage.cites;
    const known = keys.filter((key) => essay.works.has(key));
    const cited = known.map((key) => essay.works.get(key)!);
    const title = passage.kind === 'reference' && cited[0] ? `References: ${workLabel(cited[0])}` : passage.title;
    const workIndices = [...new Set(known.map((key) => indexIn(works, citesValue.get(key)!)))];
    const peopleIndices = [...new Set(cited.flatMap(workAuthors).map((name) => indexIn(people, name)))];
    rows.push([start, passage.anchor, title, passage.kind, workIndices, peopleIndices]);
    texts.push(passage.text);
    start += passage.text.split(' ').length;
  }
  const tables: RecordTables = { passages: rows, works, people };
  return {
    url: essay.indexUrl,
    content: texts.join(' '),
    language,
    meta: {
      title: frontmatter.title,
      essay_url: essay.url,
      author: authors.join(', '),
      date: isoDate(frontmatter.date),
      tables: JSON.stringify(tables),
    },
    filters: {
      essay: [frontmatter.title],
      author: authors,
      year: [String(frontmatter.date.getUTCFullYear())],
      cites: works,
      'cited author': people,
    },
  };
}
