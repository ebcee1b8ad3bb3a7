/**
 * Turns an essay's passages into Pagefind records: one record per passage, so results land on the
 * paragraph, note or entry and filters by cited work select passages. Every record also carries the
 * essay's own filters (essay, author, year) and the metadata results are grouped and titled by.
 */
import type { CustomRecord } from 'pagefind';
import { entryId } from '../bibliography/anchors.ts';
import { workAuthors, workLabel, type CslEntry } from '../bibliography/csl.ts';
import { isoDate } from '../lib/format.ts';
import type { EssayFrontmatter } from '../schemas/essay.ts';
import type { EssayPage } from './passages.ts';

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

export function searchRecords(essay: EssayToIndex, page: EssayPage, language: string): CustomRecord[] {
  const { frontmatter } = essay;
  const authors = frontmatter.authors.length > 0 ? frontmatter.authors.map((a) => a.name) : ['Anonymous'];
  const keyOfEntryId = new Map([...essay.works.keys()].map((key) => [entryId(key), key]));
  const citesValue = citesFilterValues(essay.works);
  const essayFilters = { essay: [frontmatter.title], author: authors, year: [String(frontmatter.date.getUTCFullYear())] };

  return page.passages.map((passage) => {
    const keys = passage.kind === 'reference' ? [keyOfEntryId.get(passage.anchor)].filter((k) => k !== undefined) : passage.cites;
    const known = keys.filter((key) => essay.works.has(key));
    const works = known.map((key) => essay.works.get(key)!);
    const title = passage.kind === 'reference' && works[0] ? `References: ${workLabel(works[0])}` : passage.title;
    return {
      url: passage.anchor ? `${essay.indexUrl}#${encodeURIComponent(passage.anchor)}` : essay.indexUrl,
      content: passage.text,
      language,
      meta: {
        title,
        kind: passage.kind,
        essay: frontmatter.title,
        essay_url: essay.url,
        author: authors.join(', '),
        date: isoDate(frontmatter.date),
      },
      filters: {
        ...essayFilters,
        cites: [...new Set(known.map((key) => citesValue.get(key)!))],
        'cited author': [...new Set(works.flatMap(workAuthors))],
      },
    };
  });
}
