/**
 * One pass over the site for both content collections (`essays` and `works`): Astro runs their
 * loaders together, and each waits for the same pass rather than making its own. In `npm run dev` a
 * change to a source starts the next pass (edits come in bursts: one pass per burst), and both
 * loaders take it.
 *
 * The pass is the build's (pipeline/site-pass.ts): every essay checked and rendered on the render
 * pool, or taken from the build cache when nothing it depends on changed; then the checks across
 * essays, the search index and the Works cited list.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasErrors, type Diagnostic } from '../lib/diagnostics.ts';
import { buildCache, digestOf } from '../lib/build-cache.ts';
import { passSite } from '../pipeline/site-pass.ts';
import type { CheckedEssay } from '../checks/checked-site.ts';
import type { CitedWork } from '../publishing/works-cited.ts';
import type { RenderedEssay } from '../render/render.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { essayToIndex, makeSearchIndex } from '../search/pagefind-index.ts';
import { projectPaths, type ProjectPaths } from '../sources/paths.ts';
import { essayEntryData, type EssayEntryData } from './entries.ts';
import { readHandoff, writeHandoff, type Handoff } from './handoff.ts';
import { recordSync, unchangedSync } from './unchanged-sync.ts';
import { storedText, type PublishedFile } from './published-files.ts';
import { EXPORT_EXTENSIONS, EXPORT_FORMATS } from '../bibliography/exports.ts';
import { linkedFiles } from '../checks/linked-files.ts';

const RENDER_WORKER = fileURLToPath(new URL('../render/render-worker.ts', import.meta.url));

export interface SiteSync {
  readonly diagnostics: readonly Diagnostic[];
  /** The essays, newest first, with their pages' HTML; none when the sources have errors. */
  readonly essays: readonly { readonly data: EssayEntryData; readonly html: string; readonly images: readonly string[] }[];
  readonly works: readonly CitedWork[];
  /** The passages the search index holds (none when the sources have errors). */
  readonly passages: number;
  /**
   * Set when nothing the last good build read has changed (unchanged-sync.ts): the pass was not
   * made, `essays` and `works` are empty, and the collections keep the entries they hold, as many
   * as given here.
   */
  readonly unchanged?: { readonly essays: number; readonly works: number };
  /** `npm run dev`: the search index is made after the entries, and this gives its passages once it is served. */
  readonly indexed?: Promise<number>;
}

export interface SyncSettings {
  readonly root: string;
  readonly site: SiteConfig;
  /** The base path and the address the pages are made for. */
  readonly base: string;
  readonly siteUrl: string;
  /** `npm run dev`: drafts shown, and sources remembered between passes by their files' stamps. */
  readonly dev: boolean;
  /** Make the pass even when nothing changed (a collection lost its entries). */
  readonly force?: boolean;
}

let current: { readonly key: string; readonly generation: number; readonly sync: Promise<SiteSync> } | undefined;
let generation = 0;

/** The site's pass: the one in progress or done for these settings, unless a source changed since. */
export function siteSync(settings: SyncSettings): Promise<SiteSync> {
  const key = JSON.stringify([settings.root, settings.base, settings.siteUrl, settings.dev, settings.force ?? false]);
  if (current?.key === key && current.generation === generation) return current.sync;
  const sync = passTheSite(settings);
  current = { key, generation, sync };
  return sync;
}

/** A source changed: the next `siteSync` makes a new pass. */
export function sourcesChanged(): void {
  generation += 1;
}

async function passTheSite(settings: SyncSettings): Promise<SiteSync> {
  const paths = projectPaths(settings.root);
  const cache = buildCache(paths.root);
  // A build (not the dev server, which passes on each change) with the build cache on may find
  // that nothing changed since the last good build.
  const recordKey = cache && !settings.dev ? JSON.stringify([settings.root, settings.base, settings.siteUrl, cache.version]) : undefined;
  const record = recordKey && !settings.force ? unchangedSync(paths, recordKey) : undefined;
  if (record) {
    writeHandoff(paths, { ...record.handoff, counts: { rendered: 0, cached: record.entries.essays }, unchanged: true });
    return { diagnostics: record.diagnostics, essays: [], works: [], passages: record.passages, unchanged: record.entries };
  }
  const pass = await passSite(paths, settings.site, { includeDrafts: settings.dev, base: settings.base, siteUrl: settings.siteUrl, workerFile: RENDER_WORKER, cache, remember: settings.dev });
  const { diagnostics } = pass.site;
  if (hasErrors(diagnostics) || !pass.prerendered) return { diagnostics, essays: [], works: [], passages: 0 };
  const { prerendered } = pass;
  const essays: { data: EssayEntryData; html: string; images: readonly string[] }[] = [];
  const pages: { essay: CheckedEssay; rendered: RenderedEssay }[] = [];
  for (const essay of pass.site.essays) {
    const rendered = await prerendered.essay(essay.slug);
    if (!rendered) continue;
    essays.push({ data: essayEntryData(essay, rendered), html: rendered.html, images: rendered.images });
    pages.push({ essay, rendered });
  }
  // Pagefind indexes in a process of its own while this thread formats the Works cited list.
  const indexing = searchIndex(paths, settings, pages);
  const linked = pages.map(({ essay }) => ({ slug: essay.slug, indexFile: essay.indexFile, links: essay.links, files: essay.files }));
  const files = publishedFiles(paths, pages);
  const handoffWith = (search: { readonly search: string; readonly passages: number }): Handoff => ({ search: search.search, passages: search.passages, counts: prerendered.counts, essays: linked, files });
  if (settings.dev) {
    // The editor's page reloads with the entries; the search index follows (the last one is served meanwhile).
    const works = await prerendered.worksCited();
    const previous = readHandoff(paths);
    if (previous) writeHandoff(paths, handoffWith(previous));
    const indexed = indexing.then((search) => {
      writeHandoff(paths, handoffWith(search));
      return search.passages;
    });
    return { diagnostics, essays, works, passages: previous?.passages ?? 0, indexed };
  }
  const [works, search] = await Promise.all([prerendered.worksCited(), indexing]);
  const handoff = handoffWith(search);
  writeHandoff(paths, handoff);
  if (recordKey) recordSync(paths, recordKey, pass.site.essays, { diagnostics, entries: { essays: essays.length, works: works.length }, passages: search.passages, handoff });
  return { diagnostics, essays, works, passages: search.passages };
}

/** Addresses the pages take in an essay's folder: a linked file there would never be served. */
const TAKEN = /^(index\.html|references\.(bib|ris|json))$/;

/** The downloads of every essay and work, and the files essays link to, as the site publishes them. */
function publishedFiles(paths: ProjectPaths, pages: readonly { essay: CheckedEssay; rendered: RenderedEssay }[]): PublishedFile[] {
  const files = new Map<string, PublishedFile>();
  const add = (file: PublishedFile) => files.set(file.path, file);
  for (const { essay, rendered } of pages) {
    const { list, works } = rendered.downloads;
    for (const format of EXPORT_FORMATS) add({ path: `${essay.slug}/references.${EXPORT_EXTENSIONS[format]}`, source: storedText(paths, list[format]) });
    for (const work of works) {
      // A work cited by many essays is the same file, made once.
      if (files.has(`${work.path}.bib`)) continue;
      add({ path: `${work.path}.bib`, source: storedText(paths, work.bibtex) });
      add({ path: `${work.path}.ris`, source: storedText(paths, work.ris) });
    }
    const folder = join(paths.root, dirname(essay.indexFile));
    for (const { file } of linkedFiles(essay)) if (!TAKEN.test(file)) add({ path: `${essay.slug}/${file}`, source: join(folder, file), copy: true });
  }
  return [...files.values()];
}

/**
 * The Pagefind index of these pages, in `.apparatus/search/<digest>/`: made again only when a
 * record changed (an essay's passages, its title, the base path), else the folder of the last build.
 */
async function searchIndex(paths: ProjectPaths, settings: SyncSettings, pages: readonly { essay: CheckedEssay; rendered: RenderedEssay }[]): Promise<{ search: string; passages: number }> {
  const records = pages.map(({ essay, rendered }) => ({ essay: essayToIndex(essay, settings.base), page: rendered.search! }));
  const passages = records.reduce((sum, { page }) => sum + page.passages.filter((p) => p.text !== '').length, 0);
  const digest = digestOf(JSON.stringify([settings.site.lang, records]));
  const root = join(paths.root, '.apparatus', 'search');
  const folder = join(root, digest);
  if (!existsSync(join(folder, 'pagefind-entry.json'))) {
    const { files } = await makeSearchIndex(records, settings.site.lang);
    const partial = `${folder}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    for (const file of files) {
      const target = join(partial, file.path);
      mkdirSync(join(target, '..'), { recursive: true });
      writeFileSync(target, file.content);
    }
    rmSync(folder, { recursive: true, force: true });
    cpSync(partial, folder, { recursive: true });
    rmSync(partial, { recursive: true, force: true });
  }
  // The last few indexes are kept (a dev server and a build may want different base paths).
  const older = readdirSync(root)
    .filter((name) => !name.includes('.') && name !== digest)
    .map((name) => ({ name, time: statSync(join(root, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { name } of older.slice(3)) rmSync(join(root, name), { recursive: true, force: true });
  return { search: folder, passages };
}
