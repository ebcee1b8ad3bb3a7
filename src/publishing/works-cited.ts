/**
 * The site's "Works cited": every work any essay cites, formatted once in the site's style, with
 * links to each essay and each passage that cites it. The passages are read from each essay's own
 * reference list (its "Cited in" links), so the two always agree.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entryId } from '../bibliography/anchors.ts';
import { formatEssay, type CslStyle } from '../citeproc/engine.ts';
import type { CslEntry } from '../bibliography/csl.ts';
import type { ProjectPaths } from '../sources/paths.ts';
import type { CitingPlace } from './citing-places.ts';
import type { CheckedEssay } from '../checks/checked-site.ts';
import { workSignature } from '../checks/site-checks.ts';

export type { CitingPlace };

export interface CitingEssay {
  readonly slug: string;
  readonly title: string;
  readonly places: readonly CitingPlace[];
}

export interface CitedWork {
  /** The work's id on the page (`bib-…`), stable across builds. */
  readonly id: string;
  readonly html: string;
  readonly citedIn: readonly CitingEssay[];
}

/** A work as the essays cite it, before it is formatted: under which key each essay cites it. */
export interface CollectedWork {
  readonly entry: CslEntry;
  readonly citedBy: readonly { readonly slug: string; readonly title: string; readonly key: string }[];
}

/** What citeproc formats: every work once, under an id of its own (`w1`, `w2`, …) in first-cited order. */
export interface WorksToFormat {
  readonly style: CslStyle;
  readonly entries: ReadonlyMap<string, CslEntry>;
  readonly ids: readonly string[];
}

/** The id a work is formatted under: its place in first-cited order. */
const workId = (index: number) => `w${index + 1}`;

/** One work may sit in several files or under several keys: its DOI, or authors, year and title, make it one. */
export function collectCitedWorks(essays: readonly CheckedEssay[]): CollectedWork[] {
  const works = new Map<string, { entry: CslEntry; citedBy: CollectedWork['citedBy'][number][] }>();
  for (const essay of essays) {
    for (const key of new Set(essay.citations.map((c) => c.key))) {
      const sourced = essay.bibliography.entries.get(key);
      if (!sourced) continue;
      const identity = workSignature(sourced.entry) ?? `${sourced.file}#${key}`;
      const work = works.get(identity) ?? { entry: sourced.entry, citedBy: [] };
      work.citedBy.push({ slug: essay.slug, title: essay.frontmatter.title, key });
      works.set(identity, work);
    }
  }
  return [...works.values()];
}

/**
 * @param style the site's default CSL style and locale names, as in site.config.ts
 */
export function worksToFormat(works: readonly CollectedWork[], paths: ProjectPaths, style: { readonly name: string; readonly locale: string }): WorksToFormat {
  const ids = works.map((_, i) => workId(i));
  const entries = new Map(works.map((work, i) => [ids[i]!, { ...work.entry, id: ids[i]! }]));
  const locales = new Map<string, string>();
  for (const name of new Set([style.locale, 'en-US'])) locales.set(name, readFileSync(join(paths.bibliography, 'locales', `locales-${name}.xml`), 'utf8'));
  const xml = readFileSync(join(paths.bibliography, 'styles', `${style.name}.csl`), 'utf8');
  return { style: { xml, locales, lang: style.locale }, entries, ids };
}

/** Formats them all at once in the site's style, which also sorts them as the style sorts references. */
export function formatWorks({ style, entries, ids }: WorksToFormat): { readonly id: string; readonly html: string }[] {
  return [...formatEssay(style, entries, [], ids).bibliography.entries];
}

/**
 * @param formatted the works as formatWorks returned them
 * @param citingPlaces each essay's "Cited in" places (RenderedEssay.citingPlaces), by slug
 */
export function assembleWorksCited(
  works: readonly CollectedWork[],
  formatted: readonly { readonly id: string; readonly html: string }[],
  citingPlaces: ReadonlyMap<string, ReadonlyMap<string, readonly CitingPlace[]>>,
): CitedWork[] {
  const byId = new Map(works.map((work, i) => [workId(i), work]));
  const used = new Set<string>();
  return formatted.map(({ id, html }) => {
    const work = byId.get(id)!;
    // The work's key makes a readable id; two different works under one key (in two files) get a
    // number. After `_`, which entryId only writes in `_<hex>_`, so that the numbered id can never
    // be another key's (`-2` would be key `smith-2`'s).
    let anchor = entryId(work.entry.id);
    for (let n = 2; used.has(anchor); n++) anchor = `${entryId(work.entry.id)}_${n}`;
    used.add(anchor);
    const citedIn = work.citedBy.map(({ slug, title, key }) => ({ slug, title, places: citingPlaces.get(slug)?.get(entryId(key)) ?? [] }));
    return { id: anchor, html, citedIn };
  });
}

/** All of the above, in this thread. */
export function worksCited(
  essays: readonly CheckedEssay[],
  citingPlaces: ReadonlyMap<string, ReadonlyMap<string, readonly CitingPlace[]>>,
  paths: ProjectPaths,
  style: { readonly name: string; readonly locale: string },
): CitedWork[] {
  const works = collectCitedWorks(essays);
  return assembleWorksCited(works, formatWorks(worksToFormat(works, paths, style)), citingPlaces);
}
