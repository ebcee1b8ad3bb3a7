/**
 * The search index: every essay page cut into passages (see src/search/passages.ts) and given to
 * Pagefind as records. A build writes the index into the output; the dev server keeps one in memory,
 * made from the pages it serves and rebuilt when a source changes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import type { CheckedEssay } from '../pipeline/site.ts';
import { essayPassages } from '../search/passages.ts';
import { searchRecords, type EssayToIndex } from '../search/records.ts';

export interface IndexedFile {
  readonly path: string;
  readonly content: Uint8Array;
}

/** What an essay's page is, for the index: its URL under the base path, and its works. */
export function essayToIndex(essay: CheckedEssay, base: string): EssayToIndex {
  return {
    url: `${base.replace(/\/$/, '')}/${essay.slug}/`,
    indexUrl: `/${essay.slug}/`,
    frontmatter: essay.frontmatter,
    works: new Map([...essay.bibliography.entries].map(([key, sourced]) => [key, sourced.entry])),
  };
}

/** Pagefind wants ISO 639-1; one language for the whole site, so one index serves every page. */
function indexLanguage(lang: string): string {
  return lang.split('-')[0]?.toLowerCase() || 'en';
}

/** Index the given pages (essay, page HTML) and return Pagefind's files, without writing them. */
export async function makeSearchIndex(pages: readonly { essay: EssayToIndex; html: string }[], lang: string): Promise<{ files: IndexedFile[]; records: number }> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: indexLanguage(lang) });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    let records = 0;
    for (const { essay, html } of pages) {
      // One essay's records at a time, sent together: Pagefind's service takes them over one pipe,
      // and waiting for each answer before the next request left both sides idle.
      const batch = searchRecords(essay, essayPassages(html), indexLanguage(lang));
      const answers = await Promise.all(batch.map((record) => index.addCustomRecord(record)));
      answers.forEach((added, i) => {
        if (added.errors.length > 0) throw new Error(`Pagefind could not index ${batch[i]!.url}: ${added.errors.join('; ')}`);
      });
      records += batch.length;
    }
    const got = await index.getFiles();
    if (got.errors.length > 0) throw new Error(`Pagefind could not write its index: ${got.errors.join('; ')}`);
    return { files: got.files, records };
  } finally {
    await index.deleteIndex();
  }
}

/** After `astro build`: index each essay page as written to `outDir`, and write the index beside it. */
export async function indexBuiltSite(outDir: string, essays: readonly CheckedEssay[], base: string, lang: string, logger: AstroIntegrationLogger): Promise<void> {
  try {
    const pages = essays.map((essay) => ({ essay: essayToIndex(essay, base), html: readFileSync(join(outDir, essay.slug, 'index.html'), 'utf8') }));
    const { files, records } = await makeSearchIndex(pages, lang);
    for (const file of files) {
      const target = join(outDir, 'pagefind', file.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content);
    }
    logger.info(`Pagefind indexed ${records} passages of ${essays.length} essay${essays.length === 1 ? '' : 's'}.`);
  } finally {
    await pagefind.close();
  }
}
