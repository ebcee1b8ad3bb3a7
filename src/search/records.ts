/**
 * Turns an essay's passages into Pagefind records: one record per passage, so results land on the
 * paragraph, note or entry and filters by cited work select passages. Every record also carries the
 * essay's own filters (essay, author, year) and the metadata results are grouped and titled by.
 */
import type { CustomRecord } from 'pagefind';
import { entryId } from '../lib/anchors.ts';
import { workAuthors, workLabel, type CslEntry } from '../lib/csl.ts';
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

export function searchRecords(essay: EssayToIndex, page: EssayPage, language: string): CustomRecord[] {
  const { frontmatter } = essay;
  const authors = frontmatter.authors.length > 0 ? frontmatter.authors.map((a) => a.name) : ['Anonymous'];
  const keyOfEntryId = new Map([...essay.works.keys()].map((key) => [entryId(key), key]));
  const essayFilters = { essay: [frontmatter.title], author: authors, year: [String(frontmatter.date.getUTCFullYear())] };

  return page.passages.map((passage) => {
    const keys = passage.kind === 'reference' ? [keyOfEntryId.get(passage.anchor)].filter((k) => k !== undefined) : passage.cites;
    const works = keys.map((key) => essay.works.get(key)).filter((w) => w !== undefined);
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
        cites: [...new Set(works.map(workLabel))],
        'cited author': [...new Set(works.flatMap(workAuthors))],
      },
    };
  });
}
