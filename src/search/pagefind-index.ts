/**
 * The search index: every essay page cut into passages (see src/search/passages.ts) and given to
 * Pagefind as records. A build writes the index into the output; the dev server keeps one in memory,
 * made from the pages it serves and rebuilt when a source changes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as pagefind from 'pagefind';
import { citedWorks, type CheckedEssay } from '../checks/checked-site.ts';
import type { EssayPage } from './passages.ts';
import { searchRecord, type EssayToIndex } from './records.ts';

export interface IndexedFile {
  readonly path: string;
  readonly content: Uint8Array;
}

/** What an essay's page is, for the index: its URL under the base path, and the works it cites or lists. */
export function essayToIndex(essay: CheckedEssay, base: string): EssayToIndex {
  return {
    url: `${base.replace(/\/$/, '')}/${essay.slug}/`,
    indexUrl: `/${essay.slug}/`,
    frontmatter: essay.frontmatter,
    works: citedWorks(essay),
  };
}

/** Pagefind wants ISO 639-1; one language for the whole site, so one index serves every page. */
function indexLanguage(lang: string): string {
  return lang.split('-')[0]?.toLowerCase() || 'en';
}

/** A Pagefind index being made: essays go in one at a time, in a fixed order, and the files come out. */
export class SearchIndex {
  /** Passages indexed (in one record per essay), for the build's log. */
  private passages = 0;

  private readonly index: pagefind.PagefindIndex;
  private readonly language: string;

  private constructor(index: pagefind.PagefindIndex, language: string) {
    this.index = index;
    this.language = language;
  }

  static async create(lang: string): Promise<SearchIndex> {
    const language = indexLanguage(lang);
    const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    return new SearchIndex(index, language);
  }

  async add(essay: EssayToIndex, page: EssayPage): Promise<void> {
    const record = searchRecord(essay, page, this.language);
    const added = await this.index.addCustomRecord(record);
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${record.url}: ${added.errors.join('; ')}`);
    this.passages += page.passages.filter((p) => p.text !== '').length;
  }

  /** The index's files, without writing them; the index is gone afterwards. */
  async files(): Promise<{ files: IndexedFile[]; passages: number }> {
    try {
      const got = await this.index.getFiles();
      if (got.errors.length > 0) throw new Error(`Pagefind could not write its index: ${got.errors.join('; ')}`);
      return { files: got.files, passages: this.passages };
    } finally {
      await this.index.deleteIndex();
    }
  }

  /** Writes the index into the built site, under `pagefind/`. */
  async write(outDir: string): Promise<number> {
    const { files, passages } = await this.files();
    for (const file of files) {
      const target = join(outDir, 'pagefind', file.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content);
    }
    return passages;
  }
}

/** Index the given essays' passages and return Pagefind's files, without writing them. */
export async function makeSearchIndex(pages: readonly { essay: EssayToIndex; page: EssayPage }[], lang: string): Promise<{ files: IndexedFile[]; passages: number }> {
  const index = await SearchIndex.create(lang);
  for (const { essay, page } of pages) await index.add(essay, page);
  return index.files();
}

/** Ends Pagefind's service process. */
export async function closeSearch(): Promise<void> {
  await pagefind.close();
}
