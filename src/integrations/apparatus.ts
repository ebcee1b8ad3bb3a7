/**
 * The Apparatus integration: exposes the project root and site config to pages, checks the links
 * between the pages once they are written, publishes the search index the content layer's pass made
 * (src/collection/), and serves that index in `npm run dev`. The essays themselves are content
 * collections (src/content.config.ts): their loader checks and renders every essay, and stops a
 * build on a source error before any page is made.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Plugin, ViteDevServer } from 'vite';
import { headersFile } from '../publishing/csp.ts';
import { pdfFigures } from '../publishing/pdf-to-png.ts';
import { SourceError } from '../lib/diagnostics.ts';
import { buildCache } from '../lib/build-cache.ts';
import { brokenLinks, linkTargetsOfBuild } from '../checks/site-checks.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { projectPaths, type ProjectPaths } from '../sources/paths.ts';
import { readHandoff } from '../collection/handoff.ts';
import { publishFiles, pruneStore, type PublishedFile } from '../collection/published-files.ts';

const VIRTUAL_CONFIG = 'virtual:apparatus/config';

export default function apparatus(site: SiteConfig): AstroIntegration {
  let paths: ProjectPaths | undefined;
  let publicDir = '';
  /** When this build started: cached results it has not used since are pruned once it succeeds. */
  let startedAt = Date.now();
  return {
    name: 'apparatus',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        paths = projectPaths(fileURLToPath(config.root));
        publicDir = fileURLToPath(config.publicDir);
        startedAt = Date.now();
        updateConfig({
          vite: {
            // pdfFigures: the first page of each PDF an essay shows, as a PNG (see publishing/pdf-to-png.ts).
            plugins: [virtualConfig(paths, site, command === 'dev'), pdfFigures()],
            // The build cache and staging folders are written by the server itself, thousands of
            // files for a large site: watching them would exhaust the open files and reload for nothing.
            server: { watch: { ignored: ['**/.apparatus/**'] } },
          },
        });
      },
      'astro:server:setup': ({ server }) => {
        if (paths) servePublished(server, paths);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const handoff = paths && readHandoff(paths);
        if (!paths || !handoff) throw new Error('The essays were not passed before the pages were made (no .apparatus/handoff.json).');
        // The downloads and linked files, and the search index the pass made (and kept, when no
        // record changed), published with the pages.
        publishFiles(outDir, [...handoff.files, ...folderFiles(handoff.search, 'pagefind')]);
        // Links can be judged only once every page and file exists; a broken one fails the build like any error.
        const broken = brokenLinks(handoff.essays, linkTargetsOfBuild(outDir, handoff.essays, publicDir));
        if (broken.length > 0) throw new SourceError(broken);
        logger.info(`Search index: ${handoff.passages} passages of ${handoff.essays.length} essay${handoff.essays.length === 1 ? '' : 's'}.`);
        writeFileSync(join(outDir, '_headers'), headersFile());
        // A build that passed nothing used no cache entry: the ones the next edit will want stay.
        if (!handoff.unchanged) buildCache(paths.root)?.prune(startedAt);
        pruneStore(paths, handoff.files, startedAt);
        logger.info(`Essays rendered: ${handoff.counts.rendered}; taken unchanged from the build cache: ${handoff.counts.cached}.`);
      },
    },
  };
}

/** `virtual:apparatus/config`: the project root and validated site config, for pages. */
function virtualConfig(paths: ProjectPaths, site: SiteConfig, serving: boolean): Plugin {
  const resolved = `\0${VIRTUAL_CONFIG}`;
  return {
    name: 'apparatus:config',
    resolveId: (id) => (id === VIRTUAL_CONFIG ? resolved : undefined),
    load: (id) =>
      id === resolved ? `export const root = ${JSON.stringify(paths.root)};\nexport const site = ${JSON.stringify(site)};\nexport const serving = ${serving};\n` : undefined,
  };
}

/** What the dev server says a published file is (a static host decides it by the extension too). */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  js: 'text/javascript',
  css: 'text/css',
  json: 'application/json',
  bib: 'application/x-bibtex; charset=utf-8',
  ris: 'application/x-research-info-systems; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  pdf: 'application/pdf',
  zip: 'application/zip',
};

/** Every file of a folder, published under `path`. */
function folderFiles(folder: string, path: string): PublishedFile[] {
  return (readdirSync(folder, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const source = join(entry.parentPath, entry.name);
      return { path: `${path}/${relative(folder, source).split(sep).join('/')}`, source };
    });
}

/**
 * In `npm run dev`, what the build publishes beside the pages, from the content layer's last pass
 * (it makes them again after a change to the sources): the search index at `<base>pagefind/`, the
 * downloads and the files essays link to.
 */
function servePublished(server: ViteDevServer, paths: ProjectPaths): void {
  server.middlewares.use((req, res, next) => {
    const base = server.config.base.replace(/\/$/, '');
    const url = (req.url ?? '').split('?')[0] ?? '';
    if (!url.startsWith(`${base}/`)) return next();
    const path = decodeURIComponent(url.slice(base.length + 1));
    const handoff = readHandoff(paths);
    if (!handoff) return next();
    const search = path.startsWith('pagefind/') ? join(handoff.search, path.slice('pagefind/'.length)) : undefined;
    const file = search ? (search.startsWith(handoff.search) && existsSync(search) ? search : undefined) : handoff.files.find((published) => published.path === path)?.source;
    if (!file) return next();
    res.setHeader('Content-Type', MEDIA_TYPES[path.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', 'no-store');
    res.end(readFileSync(file));
  });
}
