/**
 * Where an essay cites each work, as its reference list says: each entry's "Cited in" links. The
 * Works cited page lists them under every work, so the two pages always agree. Read from the tree
 * while the essay is rendered (parsing the HTML again costs as much as rendering a small essay).
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { hasClass, textContent, walkElements } from './hast.ts';

export interface CitingPlace {
  /** `#citation--bachman1991--5` */
  readonly fragment: string;
  /** "§3 ¶1", "n. 5" */
  readonly label: string;
  /** "Section 3, Politics…, paragraph 1" */
  readonly description: string;
}

/** Each reference entry's "Cited in" links, by entry id (`bib-…`). */
export function citingPlacesInTree(tree: Root): Map<string, CitingPlace[]> {
  const places = new Map<string, CitingPlace[]>();
  walkElements(tree, (node: Element) => {
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

export interface Options {
  /** Where to put what was found, for the document being rendered. */
  readonly into: (file: VFile) => Map<string, CitingPlace[]> | undefined;
}

/** Runs last, once the reference list and its links are final. */
export default function rehypeCollectCitingPlaces({ into }: Options) {
  return (tree: Root, file: VFile) => {
    const target = into(file);
    if (target) for (const [id, places] of citingPlacesInTree(tree)) target.set(id, places);
  };
}
