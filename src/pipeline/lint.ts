/**
 * The content lint of a project: every problem of every essay (drafts included) in one run, as the
 * build finds them (the same pass: each essay checked and rendered at once), and the links between
 * essays, which can be judged once each essay is rendered.
 * `npm run check` prints it; the tests run it on broken copies of the project.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../lib/diagnostics.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { projectPaths } from '../sources/paths.ts';
import { passSite } from './site-pass.ts';
import { buildCache } from '../lib/build-cache.ts';
import { brokenLinks, idsInHtml, type LinkTargets } from '../checks/site-checks.ts';

const RENDER_WORKER = fileURLToPath(new URL('../render/render-worker.ts', import.meta.url));

/** Pages other than essays, from src/pages/ (`search.astro` → `search/`). */
function otherPages(pagesDir: string): Set<string> {
  return new Set(
    readdirSync(pagesDir)
      .filter((name) => name.endsWith('.astro') && !name.startsWith('[') && name !== 'index.astro' && name !== '404.astro')
      .map((name) => `${name.replace(/\.astro$/, '')}/`),
  );
}

/**
 * @param root the project's root (content/, bibliography/, public/)
 * @param pagesDir where the site's own pages are (src/pages/ of the code)
 */
export async function lintContent(root: string, site: SiteConfig, pagesDir: string): Promise<readonly Diagnostic[]> {
  const { site: checked, prerendered } = await passSite(projectPaths(root), site, { includeDrafts: true, base: '/', workerFile: RENDER_WORKER, cache: buildCache(root), worksCited: false });
  const diagnostics = [...checked.diagnostics];
  if (!hasErrors(diagnostics) && prerendered) {
    const essays = new Map<string, Set<string>>();
    for (const essay of checked.essays) essays.set(essay.slug, idsInHtml((await prerendered.essay(essay.slug))?.html ?? ''));
    const publicDir = join(root, 'public');
    const targets: LinkTargets = {
      essays,
      pages: otherPages(pagesDir),
      hasFile: (path) => existsSync(join(publicDir, path)) && statSync(join(publicDir, path)).isFile(),
    };
    diagnostics.push(...brokenLinks(checked.essays, targets));
  }
  return sortDiagnostics(diagnostics);
}
