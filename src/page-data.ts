/**
 * What pages read: the checked site, loaded once per build (and afresh on every request in dev, so
 * that an edit shows without a restart), and each essay rendered once: in a build, by the pass the
 * integration made before Astro rendered (see pipeline/site-pass.ts), or else here.
 */
import { root, serving, site } from 'virtual:apparatus/config';
import { loadSiteOrThrow, newestFirst, sharedCheckedSite, type CheckedEssay, type CheckedSite } from './pipeline/checked-site.ts';
import { sharedPrerendered } from './pipeline/site-pass.ts';
import type { RenderedEssay } from './render/render.ts';
import { essayRenderInput, renderWithCache } from './render/cached-render.ts';
import { buildCache } from './pipeline/build-cache.ts';
import type { CslEntry } from './bibliography/csl.ts';
import { exportEntries, type ExportFormat } from './bibliography/exports.ts';
import { worksCited, type CitedWork } from './publishing/works-cited.ts';
import { projectPaths } from './sources/paths.ts';

/** True under `astro dev`: the dev server injects its own inline scripts and styles. */
export { serving, site };

let cached: CheckedSite | undefined;
const rendered = new Map<string, Promise<RenderedEssay>>();

export function getSite(): CheckedSite {
  if (serving) return loadSiteOrThrow(projectPaths(root), site, { includeDrafts: true, remember: true });
  cached ??= sharedCheckedSite(root) ?? loadSiteOrThrow(projectPaths(root), site, { includeDrafts: false });
  return cached;
}

/** The project's folder, which essays' files (`content/…`) are relative to. */
export function projectRoot(): string {
  return root;
}

/** Essays, newest first. */
export function getEssays(): readonly CheckedEssay[] {
  return newestFirst(getSite().essays);
}

export function getRenderedEssay(essay: CheckedEssay): Promise<RenderedEssay> {
  if (serving) return renderCached(essay);
  const prerendered = sharedPrerendered(root, import.meta.env.BASE_URL)?.essay(essay.slug);
  if (prerendered) return prerendered;
  let result = rendered.get(essay.slug);
  if (!result) {
    result = renderCached(essay);
    rendered.set(essay.slug, result);
  }
  return result;
}

/** The essay rendered on this thread, or from the build cache when nothing it depends on changed. */
function renderCached(essay: CheckedEssay): Promise<RenderedEssay> {
  return renderWithCache(essay, essayRenderInput(essay, { base: import.meta.env.BASE_URL }), buildCache(root));
}

/** Works as a reference manager's file (see bibliography/exports.ts), from the build cache when they are unchanged. */
export function exportCached(entries: readonly CslEntry[], format: ExportFormat): string {
  const cache = buildCache(root);
  const make = () => exportEntries(entries, format);
  return cache ? cache.memo('export', cache.key('export', format, JSON.stringify(entries)), make) : make();
}

/** Every work the essays cite, in the site's style, with the essays and passages citing it. */
export async function getWorksCited(): Promise<CitedWork[]> {
  const prerendered = serving ? undefined : sharedPrerendered(root, import.meta.env.BASE_URL);
  if (prerendered) return prerendered.worksCited();
  const essays = getEssays();
  const places = new Map(await Promise.all(essays.map(async (essay) => [essay.slug, (await getRenderedEssay(essay)).citingPlaces] as const)));
  return worksCited(essays, places, projectPaths(root), { name: site.defaultStyle, locale: site.defaultLocale });
}

/** The absolute, canonical URL of a page of the site (`/great-leap-forward/`). */
export function absoluteUrl(path: string): string {
  return new URL(href(path), site.site).href;
}

/** A link inside the site, under Astro's base path. */
export function href(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return `${base}/${path.replace(/^\//, '')}`;
}
