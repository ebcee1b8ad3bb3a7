/**
 * The Apparatus integration: checks and renders every essay in one pass before a build (Astro alone
 * would log a broken citation and still exit 0), stopping it on any error, exposes the project root and site config to pages, reloads the dev
 * server when a section, bibliography or style changes, and indexes the output with Pagefind.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { Plugin, ViteDevServer } from 'vite';
import { headersFile } from '../publishing/csp.ts';
import { pdfFigures } from '../publishing/pdf-to-png.ts';
import { formatDiagnostic, hasErrors, SourceError, summarize, type Diagnostic } from '../checks/diagnostics.ts';
import { passSite, sharePrerendered, type Prerendered } from '../pipeline/site-pass.ts';
import { checkSite, shareCheckedSite, type CheckedSite } from '../pipeline/checked-site.ts';
import { buildCache } from '../pipeline/build-cache.ts';
import { essayRenderInput, renderWithCache } from '../render/cached-render.ts';
import { brokenLinks, linkTargetsOfBuild } from '../checks/site-checks.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { projectPaths, type ProjectPaths } from '../sources/paths.ts';
import { closeSearch, essayToIndex, indexBuiltSite, indexWhileRendering, makeSearchIndex, type IndexedFile, type SearchIndex } from '../search/pagefind-index.ts';

const VIRTUAL_CONFIG = 'virtual:apparatus/config';
const RENDER_WORKER = fileURLToPath(new URL('../render/render-worker.ts', import.meta.url));

export default function apparatus(site: SiteConfig): AstroIntegration {
  /** The build's sources, once they have passed the checks. */
  let checkedSite: CheckedSite | undefined;
  let paths: ProjectPaths | undefined;
  let base = '/';
  let publicDir = '';
  let devSearch: DevSearch | undefined;
  let indexing: Promise<SearchIndex> | undefined;
  let prerendered: Prerendered | undefined;
  /** When this build started: cached results it has not used since are pruned once it succeeds. */
  let startedAt = Date.now();
  return {
    name: 'apparatus',
    hooks: {
      'astro:config:setup': async ({ config, command, updateConfig, logger }) => {
        paths = projectPaths(fileURLToPath(config.root));
        base = config.base;
        publicDir = fileURLToPath(config.publicDir);
        if (command === 'dev') devSearch = new DevSearch(paths, site, base, logger);
        if (command === 'build') {
          startedAt = Date.now();
          // Every essay checked and rendered, on every core, before Astro makes a page.
          logger.info('Checking and rendering the essays (each unchanged one comes from the build cache)…');
          const pass = await passSite(paths, site, { includeDrafts: false, base, workerFile: RENDER_WORKER, cache: buildCache(paths.root) });
          const checked = pass.site;
          logWarnings(checked.diagnostics, logger);
          if (hasErrors(checked.diagnostics)) throw new SourceError(checked.diagnostics);
          checkedSite = checked;
          prerendered = pass.prerendered;
          shareCheckedSite(paths.root, checked);
          sharePrerendered(paths.root, prerendered);
          logger.info(`Sources checked: ${checked.essays.length} essay${checked.essays.length === 1 ? '' : 's'}, ${summarize(checked.diagnostics)}.`);
        }
        updateConfig({
          vite: {
            // pdfFigures: the first page of each PDF an essay shows, as a PNG (see publishing/pdf-to-png.ts).
            plugins: [virtualConfig(paths, site, command === 'dev'), reloadOnSourceChange(paths, () => devSearch?.refresh()), pdfFigures()],
            // The build cache and staging folders are written by the server itself, thousands of
            // files for a large site: watching them would exhaust the open files and reload for nothing.
            server: { watch: { ignored: ['**/.apparatus/**'] } },
          },
        });
      },
      'astro:build:start': () => {
        // Feed the search index the essays' passages while Vite bundles the pages.
        if (!checkedSite || !prerendered) return;
        indexing = indexWhileRendering(checkedSite.essays, prerendered.searchPage, base, site.lang);
        // A failure is reported at build:done; a build that fails before then closes the index.
        indexing.catch(() => {});
      },
      'astro:server:setup': ({ server }) => {
        devSearch?.serve(server);
      },
      'astro:server:start': ({ address }) => {
        devSearch?.start(address);
      },
      'astro:server:done': async () => {
        await devSearch?.close();
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        // Links can be judged only once every page exists; a broken one fails the build like any error.
        const essays = checkedSite?.essays ?? [];
        const broken = brokenLinks(essays, linkTargetsOfBuild(outDir, essays, publicDir));
        if (broken.length > 0) throw new SourceError(broken);
        try {
          const passages = indexing ? await (await indexing).write(outDir) : await indexBuiltSite(outDir, essays, base, site.lang);
          logger.info(`Pagefind indexed ${passages} passages of ${essays.length} essay${essays.length === 1 ? '' : 's'}.`);
        } finally {
          await closeSearch();
        }
        writeFileSync(join(outDir, '_headers'), headersFile());
        if (paths) buildCache(paths.root)?.prune(startedAt);
        if (prerendered) logger.info(`Essays rendered: ${prerendered.counts.rendered}; taken unchanged from the build cache: ${prerendered.counts.cached}.`);
      },
    },
  };
}

/** Warnings, at most a few per rule: a large shared bibliography can hold thousands of uncited entries. */
const WARNINGS_PER_RULE = 5;
function logWarnings(diagnostics: readonly Diagnostic[], logger: AstroIntegrationLogger): void {
  const byRule = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) if (d.severity === 'warning') byRule.set(d.rule, [...(byRule.get(d.rule) ?? []), d]);
  for (const [rule, list] of byRule) {
    for (const d of list.slice(0, WARNINGS_PER_RULE)) logger.warn(formatDiagnostic(d));
    if (list.length > WARNINGS_PER_RULE) logger.warn(`… and ${list.length - WARNINGS_PER_RULE} more [${rule}]: \`npm run check\` lists them all.`);
  }
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

/**
 * Pages read content/ and bibliography/ themselves (they are not Vite modules), so Vite must be told
 * to watch them and to reload the page when they change.
 */
function reloadOnSourceChange(paths: ProjectPaths, changed: () => void): Plugin {
  return {
    name: 'apparatus:reload-on-source-change',
    configureServer(server) {
      server.watcher.add([paths.content, paths.bibliography]);
      const reload = (file: string) => {
        if (file.startsWith(paths.content) || file.startsWith(paths.bibliography)) {
          changed();
          // Vite 8 sends to the browser through the client environment's channel.
          const client = (server as unknown as { environments?: { client?: { hot: { send(payload: object): void } } } }).environments?.client;
          (client?.hot ?? server.ws).send({ type: 'full-reload', path: '*' });
        }
      };
      server.watcher.on('change', reload);
      server.watcher.on('add', reload);
      server.watcher.on('unlink', reload);
    },
  };
}

const CONTENT_TYPES: Record<string, string> = { js: 'text/javascript', css: 'text/css', json: 'application/json' };

/**
 * Search in `npm run dev`: Pagefind only indexes built pages, so the dev server indexes the pages it
 * serves itself, keeps the index in memory, serves it at `<base>pagefind/`, and makes it again after
 * every change to the sources. A request for the index waits for one being made, so it is never stale.
 */
class DevSearch {
  private files = new Map<string, IndexedFile>();
  private ready: Promise<void> = new Promise(() => {});
  private origin: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private settle: (() => void) | undefined;
  private generation = 0;

  private readonly paths: ProjectPaths;
  private readonly site: SiteConfig;
  private readonly base: string;
  private readonly logger: AstroIntegrationLogger;

  constructor(paths: ProjectPaths, site: SiteConfig, base: string, logger: AstroIntegrationLogger) {
    this.paths = paths;
    this.site = site;
    this.base = base;
    this.logger = logger;
  }

  serve(server: ViteDevServer): void {
    const prefix = `${this.base.replace(/\/$/, '')}/pagefind/`;
    server.middlewares.use((req, res, next) => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (!path.startsWith(prefix)) return next();
      void this.ready.then(() => {
        const file = this.files.get(decodeURIComponent(path.slice(prefix.length)));
        if (!file) return next();
        res.setHeader('Content-Type', CONTENT_TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream');
        res.setHeader('Cache-Control', 'no-store');
        res.end(file.content);
      });
    });
  }

  start(address: AddressInfo): void {
    const host = address.address === '::' || address.address === '0.0.0.0' ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.origin = `http://${host}:${address.port}`;
    this.refresh();
  }

  /** Make the index again shortly (edits come in bursts); requests wait for it. */
  refresh(): void {
    if (!this.origin) return;
    if (!this.settle) this.ready = new Promise((resolve) => (this.settle = resolve));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.rebuild();
    }, 300);
  }

  private async rebuild(): Promise<void> {
    const generation = ++this.generation;
    try {
      const checked = checkSite(this.paths, this.site, { includeDrafts: true, remember: true });
      // Each essay's passages as its page's render cuts them, from the build cache unless the essay
      // changed (so an edit costs one render, not a request for every page). An essay with errors
      // shows its report instead of a page; the others are indexed.
      const failed = new Set(checked.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
      const cache = buildCache(this.paths.root);
      const pages = [];
      for (const essay of checked.essays) {
        if (failed.has(essay.indexFile) || essay.assembled.sections.some((s) => failed.has(s.file))) continue;
        // Between essays, let the server answer requests: a first index of a large site renders for a while.
        await new Promise((resolve) => setImmediate(resolve));
        if (generation !== this.generation) return; // an edit came in: a newer index is being made
        try {
          const rendered = await renderWithCache(essay, essayRenderInput(essay, { base: this.base }), cache);
          if (rendered.search) pages.push({ essay: essayToIndex(essay, this.base), page: rendered.search });
        } catch {
          // Its page shows what is wrong; search goes on without it.
        }
      }
      const { files, passages } = await makeSearchIndex(pages, this.site.lang);
      if (generation !== this.generation) return; // a newer index is being made
      this.files = new Map(files.map((file) => [file.path, file]));
      this.logger.info(`Search index: ${passages} passages of ${pages.length} essay${pages.length === 1 ? '' : 's'}.`);
    } catch (error) {
      this.logger.warn(`Search index not updated: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (generation === this.generation && this.timer === undefined) this.release();
    }
  }

  private release(): void {
    const settle = this.settle;
    this.settle = undefined;
    settle?.();
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    const { close } = await import('pagefind');
    await close();
  }
}
