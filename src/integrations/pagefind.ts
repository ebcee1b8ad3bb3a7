/**
 * Indexes the built site with Pagefind once Astro has written it, so `dist/` always ships with a
 * search index that matches its pages.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';

export async function indexSite(outDir: URL, logger: AstroIntegrationLogger): Promise<{ pages: number }> {
  const dir = fileURLToPath(outDir);
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: dir });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${dir}: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(dir, 'pagefind') });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    logger.info(`Pagefind indexed ${added.page_count} page${added.page_count === 1 ? '' : 's'}.`);
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}
