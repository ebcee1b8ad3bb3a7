/**
 * The site's "Works cited": every work any essay cites, formatted once in the site's style, with
 * links to each essay and each passage that cites it. The passages are read from each essay's own
 * reference list (its "Cited in" links), so the two always agree.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { entryId } from '../lib/anchors.ts';
import { formatEssay } from '../lib/citeproc/engine.ts';
import type { CslEntry } from '../lib/csl.ts';
import { hasClass, textContent, walkElements } from '../plugins/hast.ts';
import type { ProjectPaths } from '../sources/paths.ts';
import type { CheckedEssay } from './site.ts';
import { workSignature } from './site-checks.ts';

export interface CitingPlace {
  /** `#citation--bachman1991--5` */
  readonly fragment: string;
  /** "§3 ¶1", "n. 5" */
  readonly label: string;
  /** "Section 3, Politics…, paragraph 1" */
  readonly description: string;
}

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

/** Each reference entry's "Cited in" links, by entry id, from an essay's rendered HTML. */
export function citingPlacesInHtml(html: string): Map<string, CitingPlace[]> {
  const places = new Map<string, CitingPlace[]>();
  walkElements(fromHtml(html, { fragment: true }), (node: Element) => {
    const id = node.properties['id'];
    if (node.tagName !== 'li' || typeof id !== 'string' || !id.startsWith('bib-')) return;
    const list: CitingPlace[] = [];
    walkElements(node, (inner, ancestors) => {
      if (inner.tagName !== 'a' || !ancestors.some((a) => hasClass(a, 'cited-by'))) return;
      const href = inner.properties['href'];
      const title = inner.properties['title'];
      if (typeof href === 'string') list.push({ fragment: href, label: textContent(inner).trim(), description: typeof title === 'string' ? title : '' });
    });
    places.set(id, list);
  });
  return places;
}

/**
 * @param renderedHtml each essay's rendered body, by slug
 * @param style the site's default CSL style and locale names, as in site.config.ts
 */
export function worksCited(
  essays: readonly CheckedEssay[],
  renderedHtml: ReadonlyMap<string, string>,
  paths: ProjectPaths,
  style: { readonly name: string; readonly locale: string },
): CitedWork[] {
  // One work may sit in several files or under several keys: its DOI, or authors, year and title, make it one.
  const works = new Map<string, { entry: CslEntry; citedIn: CitingEssay[] }>();
  for (const essay of essays) {
    const places = citingPlacesInHtml(renderedHtml.get(essay.slug) ?? '');
    for (const key of new Set(essay.citations.map((c) => c.key))) {
      const sourced = essay.bibliography.entries.get(key);
      if (!sourced) continue;
      const identity = workSignature(sourced.entry) ?? `${sourced.file}#${key}`;
      const work = works.get(identity) ?? { entry: sourced.entry, citedIn: [] };
      work.citedIn.push({ slug: essay.slug, title: essay.frontmatter.title, places: places.get(entryId(key)) ?? [] });
      works.set(identity, work);
    }
  }
  // Format them all at once in the site's style, which also sorts them as the style sorts references.
  const ids = [...works.keys()].map((_, i) => `w${i + 1}`);
  const entries = new Map([...works.values()].map((work, i) => [ids[i]!, { ...work.entry, id: ids[i]! }]));
  const locales = new Map<string, string>();
  for (const name of new Set([style.locale, 'en-US'])) locales.set(name, readFileSync(join(paths.bibliography, 'locales', `locales-${name}.xml`), 'utf8'));
  const xml = readFileSync(join(paths.bibliography, 'styles', `${style.name}.csl`), 'utf8');
  const formatted = formatEssay({ xml, locales, lang: style.locale }, entries, [], ids).bibliography.entries;
  const byId = new Map([...works.values()].map((work, i) => [ids[i]!, work]));
  const used = new Set<string>();
  return formatted.map(({ id, html }) => {
    const work = byId.get(id)!;
    // The work's key makes a readable id; two different works under one key (in two files) get a number.
    let anchor = entryId(work.entry.id);
    for (let n = 2; used.has(anchor); n++) anchor = `${entryId(work.entry.id)}-${n}`;
    used.add(anchor);
    return { id: anchor, html, citedIn: work.citedIn };
  });
}
