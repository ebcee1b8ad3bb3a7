/**
 * The content collections' loaders: `essays` (each essay's page data and HTML, see entries.ts) and
 * `works` (the Works cited list), both filled from one pass over the site (site-sync.ts). An entry
 * whose digest is unchanged is left as the store has it, so Astro's incremental build keeps its pages.
 *
 * A source error stops `astro build` here, before any page is made, with the report (file, line,
 * fix). In `npm run dev` the server stays up: every essay's page shows the report until it is fixed,
 * and a change to the sources makes a new pass.
 */
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { formatDiagnostic, hasErrors, SourceError, summarize, type Diagnostic } from '../lib/diagnostics.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { projectPaths } from '../sources/paths.ts';
import type { EssayEntryData, WorkEntryData } from './entries.ts';
import { siteSync, sourcesChanged, type SiteSync, type SyncSettings } from './site-sync.ts';

/** An essay the dev server cannot show: its page shows why. */
export interface EssayProblems {
  readonly slug: string;
  readonly problems: string;
}

interface StoreEntry {
  readonly id: string;
  readonly data: Record<string, unknown>;
  readonly html?: string;
  readonly headings?: readonly { depth: number; slug: string; text: string }[];
  /** The file the HTML's image addresses are relative to (the essay's index.md), and those images. */
  readonly filePath?: string;
  readonly images?: readonly string[];
}

function settingsOf(context: LoaderContext, site: SiteConfig): SyncSettings {
  return {
    root: fileURLToPath(context.config.root),
    site,
    base: context.config.base,
    siteUrl: context.config.site ?? site.site,
    dev: context.watcher !== undefined,
  };
}

/** Fills the store with the pass's entries, keeping those whose digest is unchanged, removing the rest. */
async function fill(context: LoaderContext, site: SiteConfig, entriesOf: (sync: SiteSync) => StoreEntry[]): Promise<void> {
  const apply = async () => {
    const settings = settingsOf(context, site);
    let sync = await siteSync(settings);
    // Nothing changed since the last good build, and the store still holds what that build put in it.
    const held = context.collection === 'essays' ? sync.unchanged?.essays : sync.unchanged?.works;
    if (sync.unchanged && held !== context.store.keys().length) sync = await siteSync({ ...settings, force: true });
    if (sync.unchanged) {
      if (context.collection === 'essays') logWarnings(sync.diagnostics, context.logger);
      return;
    }
    let entries = entriesOf(sync);
    if (hasErrors(sync.diagnostics)) {
      const error = new SourceError(sync.diagnostics);
      if (!settings.dev) throw error;
      // The dev server shows the report on each page, as the error overlay shows any error.
      const slugs = [...context.store.keys()];
      entries = context.collection === 'essays' ? slugs.map((slug) => ({ id: slug, data: { slug, problems: error.message } satisfies EssayProblems })) : [];
    }
    const kept = new Set<string>();
    for (const entry of entries) {
      const digest = context.generateDigest(JSON.stringify([entry.data, entry.html ?? '']));
      // The images are Astro's to resolve when the entry is rendered (render/rehype-astro-images.ts):
      // `assetImports` has them imported, `imagePaths` has render() replace their attributes.
      const images = entry.filePath && entry.images && entry.images.length > 0 ? { filePath: entry.filePath, assetImports: [...entry.images] } : {};
      const rendered = entry.html !== undefined && { html: entry.html, metadata: { headings: [...(entry.headings ?? [])], imagePaths: [...(entry.images ?? [])] } };
      context.store.set({ id: entry.id, data: entry.data, digest, ...images, ...(rendered ? { rendered } : {}) });
      kept.add(entry.id);
    }
    for (const id of [...context.store.keys()]) if (!kept.has(id)) context.store.delete(id);
    // Both collections take the same pass: its warnings are told once, by the essays' loader.
    if (context.collection === 'essays') logWarnings(sync.diagnostics, context.logger);
    // A build says so once the index is published (build:done); the dev server serves it now.
    if (context.collection === 'essays' && settings.dev && !hasErrors(sync.diagnostics)) {
      const essays = sync.essays.length;
      (sync.indexed ?? Promise.resolve(sync.passages))
        .then((passages) => context.logger.info(`Search index: ${passages} passages of ${essays} essay${essays === 1 ? '' : 's'}.`))
        .catch((error: unknown) => context.logger.error(error instanceof Error ? error.message : String(error)));
    }
  };
  try {
    await apply();
  } catch (error) {
    if (!context.watcher) throw error;
    context.logger.error(error instanceof Error ? error.message : String(error));
  }
  if (!context.watcher) return;
  const paths = projectPaths(fileURLToPath(context.config.root));
  context.watcher.add([paths.content, paths.bibliography]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = (file: string) => {
    if (!file.startsWith(paths.content) && !file.startsWith(paths.bibliography)) return;
    sourcesChanged();
    // Edits come in bursts (an editor saves, then formats): one pass for the burst.
    clearTimeout(timer);
    timer = setTimeout(() => {
      apply().catch((error: unknown) => context.logger.error(error instanceof Error ? error.message : String(error)));
    }, 100);
  };
  context.watcher.on('change', changed);
  context.watcher.on('add', changed);
  context.watcher.on('unlink', changed);
}

/** Warnings, at most a few per rule: a large shared bibliography can hold thousands of uncited entries. */
const WARNINGS_PER_RULE = 5;
function logWarnings(diagnostics: readonly Diagnostic[], logger: LoaderContext['logger']): void {
  const byRule = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) if (d.severity === 'warning') byRule.set(d.rule, [...(byRule.get(d.rule) ?? []), d]);
  for (const [rule, list] of byRule) {
    for (const d of list.slice(0, WARNINGS_PER_RULE)) logger.warn(formatDiagnostic(d));
    if (list.length > WARNINGS_PER_RULE) logger.warn(`… and ${list.length - WARNINGS_PER_RULE} more [${rule}]: \`npm run check\` lists them all.`);
  }
  logger.info(`Sources checked: ${summarize(diagnostics)}.`);
}

/** The essays: one entry per essay, its id the essay's folder name. */
export function essaysLoader(site: SiteConfig): Loader {
  return {
    name: 'apparatus-essays',
    load: (context) =>
      fill(context, site, (sync) =>
        sync.essays.map(({ data, html, images }) => ({
          id: data.slug,
          data: data as unknown as Record<string, unknown>,
          html,
          filePath: data.indexFile,
          images,
          headings: data.sections.map((section) => ({ depth: 2, slug: section.slug, text: section.title })),
        })),
      ),
  } satisfies Loader;
}

/** The Works cited list: one entry per work, in the site style's order. */
export function worksLoader(site: SiteConfig): Loader {
  return {
    name: 'apparatus-works',
    load: (context) => fill(context, site, (sync) => sync.works.map((work, position) => ({ id: work.id, data: { ...work, position } satisfies WorkEntryData as unknown as Record<string, unknown> }))),
  } satisfies Loader;
}

export type { EssayEntryData, WorkEntryData };
