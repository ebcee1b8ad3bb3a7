/**
 * What pages read: the `essays` and `works` collections (src/content.config.ts), the site's config,
 * and its addresses. Pages are thin: every essay's data comes made by its pass.
 */
import { getCollection, getEntry } from 'astro:content';
import { root, serving, site } from 'virtual:apparatus/config';
import type { EssayEntryData, EssayProblems, WorkEntryData } from './collection/loaders.ts';

/** True under `astro dev`: the dev server injects its own inline scripts and styles. */
export { serving, site };

/** An essay as its page reads it: the collection's entry, its data the pass made. */
export interface EssayEntry {
  readonly id: string;
  readonly data: EssayEntryData;
  readonly digest: string;
  readonly html: string;
}

/**
 * The essays, newest first. In `npm run dev`, while the sources have an error, its report (as the
 * dev server's error page shows it) instead.
 */
export async function getEssays(): Promise<EssayEntry[]> {
  const entries = await getCollection('essays');
  const problem = entries.find((entry) => 'problems' in entry.data);
  if (problem) throw new Error((problem.data as EssayProblems).problems);
  return entries
    .map((entry) => ({ id: entry.id, data: entry.data as EssayEntryData, digest: String(entry.digest ?? ''), html: entry.rendered?.html ?? '' }))
    .sort((a, b) => b.data.frontmatter.date.getTime() - a.data.frontmatter.date.getTime() || a.id.localeCompare(b.id));
}

/**
 * One essay, read from the collection when its page is made: not carried in getStaticPaths's props,
 * which the dev server keeps from the first request, so that a saved section shows on the next.
 */
export async function getEssay(slug: string): Promise<EssayEntry> {
  // One entry, not the collection: a site of 1,000 essays makes 1,000 pages.
  const entry = await getEntry('essays', slug);
  if (!entry) throw new Error(`There is no essay "${slug}".`);
  if ('problems' in entry.data) throw new Error((entry.data as EssayProblems).problems);
  return { id: entry.id, data: entry.data as EssayEntryData, digest: String(entry.digest ?? ''), html: entry.rendered?.html ?? '' };
}

/** The Works cited list, in the site style's order. */
export async function getWorks(): Promise<{ readonly data: WorkEntryData; readonly digest: string }[]> {
  const entries = await getCollection('works');
  return entries.map((entry) => ({ data: entry.data as WorkEntryData, digest: String(entry.digest ?? '') })).sort((a, b) => a.data.position - b.data.position);
}

/** The project's folder, which essays' files (`content/…`) are relative to. */
export function projectRoot(): string {
  return root;
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
