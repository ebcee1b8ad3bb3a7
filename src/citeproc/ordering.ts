/**
 * The order of the works in a citation, as Pandoc gives them to its citeproc: sorted by the style
 * around the works that carry a prefix, and one author's works grouped where the style prints
 * authors and years in the text.
 */
import { isNoteStyle } from './style.ts';
import type { CiteprocEngine } from './engine-cache.ts';
import type { CslEntry } from '../bibliography/csl.ts';

/**
 * Pandoc sorts a citation's works by the style, except those with a prefix ("see also …"), which keep
 * their written place; the others fill the remaining places in sorted order. citeproc-js can only
 * sort all or none, so the order of the unprefixed works is read from a citation of them alone.
 */
export function sortedAroundPrefixes<T extends { readonly key: string; readonly prefix?: string }>(engine: CiteprocEngine, items: readonly T[], itemIds: readonly string[]): readonly T[] {
  const free = items.filter((item) => !item.prefix);
  if (free.length < 2) return items;
  const html = String(engine.makeCitationCluster(free.map((item) => ({ id: item.key }))));
  const order = [...html.matchAll(/#item-(\d+)/g)].map((m) => itemIds[Number(m[1])]);
  return sortedAround(items, (a, b) => order.indexOf(a.key) - order.indexOf(b.key));
}

/** The works without a prefix sorted among themselves, each prefixed one left in its place. */
export function sortedAround<T extends { readonly key: string; readonly prefix?: string }>(items: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  const sorted = items.filter((item) => !item.prefix).sort(compare);
  return items.map((item) => (item.prefix ? item : sorted.shift()!));
}

/**
 * Styles that print authors and years in the text group the cites of one author, wherever they stand
 * in the citation, at the place of the first ("[@a; @b; @c]" by Doe, Roe, Doe: "Doe 2005, 2008; Roe
 * 2007"), as CSL and Pandoc do. citeproc-js only collapses cites that are already next to each other.
 */
export function groupsCitesByAuthor(xml: string): boolean {
  const citation = /<citation\b[\s\S]*?<\/citation>/.exec(xml)?.[0] ?? '';
  return isNoteStyle(xml) === false && /\bcollapse="year/.test(citation) && !citation.includes('citation-number');
}

/** A work's authors (or, lacking them, editors) as one comparable string: cites group by it. */
function namesOf(entries: ReadonlyMap<string, CslEntry>, key: string): string | undefined {
  const entry = entries.get(key) as (CslEntry & { author?: unknown; editor?: unknown }) | undefined;
  const people = entry?.author ?? entry?.editor;
  return people ? JSON.stringify(people) : undefined;
}

/**
 * Whether two neighbours by one author are joined by the style's delimiter in Pandoc: after a cite
 * with a prefix, locator or suffix, or after the author named in the text ("Doe (2005; 2006, 30)").
 */
export function keepsStyleDelimiter(items: readonly Record<string, unknown>[], entries: ReadonlyMap<string, CslEntry>, narrative: boolean): boolean {
  const names = (item: Record<string, unknown>) => namesOf(entries, String(item['id']));
  return items.some((item, i) => {
    const next = items[i + 1];
    if (!next || names(item) === undefined || names(item) !== names(next)) return false;
    return (i === 0 && narrative) || item['locator'] !== undefined || item['suffix'] !== undefined || next['prefix'] !== undefined;
  });
}

export function groupedByAuthor<T extends { readonly key: string; readonly mode: string }>(items: readonly T[], entries: ReadonlyMap<string, CslEntry>): T[] {
  // The author named in the sentence stands apart: "Doe (2005; 2007, 30; see also Doe 2008)".
  if (items[0]?.mode === 'author-in-text') return [items[0], ...groupedByAuthor(items.slice(1), entries)];
  // A work without names groups with no other.
  const names = (item: T) => namesOf(entries, item.key) ?? `\u0000${item.key}`;
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = names(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()].flat();
}

/**
 * CSL groups the cites of one author in a citation ("Doe 2008, 2005; Roe 2007"), as Pandoc does;
 * citeproc-js does so only when the style names a cite-group-delimiter, so the default (", ") is
 * given where the style has none.
 */
export function withCiteGrouping(xml: string): string {
  if (!groupsCitesByAuthor(xml)) return xml;
  return xml.replace(/<citation\b(?![^>]*cite-group-delimiter)/, '<citation cite-group-delimiter=", "').replace(/(<citation\b[^>]*?) after-collapse-delimiter="[^"]*"/, "$1");
}
