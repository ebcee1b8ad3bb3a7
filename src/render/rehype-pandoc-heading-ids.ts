/**
 * Links written against Pandoc's heading ids reach their headings. A document written for Pandoc or
 * Quarto links to a heading by the id Pandoc gives it (`[as before](#proportion-tests-for-everything)`);
 * Apparatus names a section by its file or its heading and the headings under it after their
 * section ("testing-proportions-proportion-tests-for-everything"), so that ids stay unique across
 * section files and never clash with the page's own ("notes", "references"). Where a link of the
 * essay names a heading's Pandoc id that the page does not have, the heading gets it too, as an
 * empty anchor at its start: the link, a reader's bookmark of it and the link check all find it.
 *
 * Place after rehype-essay-sections and the implicit heading links, which give headings their ids.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { el } from '../lib/hast.ts';

/** The id Pandoc's `auto_identifiers` makes of a heading's text (Pandoc's manual, "Heading identifiers"). */
export function pandocIdentifier(text: string): string {
  const kept = [...text.toLowerCase()].filter((c) => /[\p{L}\p{N}\s_.-]/u.test(c)).join('');
  const dashed = kept.split(/\s+/u).filter(Boolean).join('-');
  return dashed.replace(/^[^\p{L}]+/u, '');
}

/** Pandoc's ids of headings in document order: a repeated one takes "-1", "-2"; an empty one is "section". */
export function pandocIdentifiers(texts: readonly string[]): string[] {
  const used = new Set<string>();
  return texts.map((text) => {
    const base = pandocIdentifier(text) || 'section';
    let id = base;
    for (let n = 1; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}

const HEADING = /^h[1-6]$/;

/** A heading's text as Pandoc reads it: without its note calls and the page's permalink. */
function headingText(heading: Element): string {
  let text = '';
  visit(heading, (node) => {
    if (node.type === 'element' && (node.tagName === 'sup' || (node.properties['className'] as string[] | undefined)?.includes('permalink'))) return 'skip';
    if (node.type === 'text') text += node.value;
    return undefined;
  });
  return text.trim();
}

export default function rehypePandocHeadingIds() {
  return (tree: Root) => {
    const ids = new Set<string>();
    const wanted = new Set<string>();
    const headings: Element[] = [];
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties['id'] === 'string') ids.add(node.properties['id']);
      const href = node.tagName === 'a' ? node.properties['href'] : undefined;
      if (typeof href === 'string' && href.startsWith('#')) wanted.add(decodeURIComponent(href.slice(1)));
      if (HEADING.test(node.tagName)) headings.push(node);
    });
    const missing = [...wanted].filter((id) => !ids.has(id));
    if (missing.length === 0) return;
    const pandocIds = pandocIdentifiers(headings.map(headingText));
    headings.forEach((heading, i) => {
      const id = pandocIds[i]!;
      if (id === heading.properties['id'] || ids.has(id) || !missing.includes(id)) return;
      heading.children.unshift(el('span', { id, className: ['heading-anchor'] }));
      ids.add(id);
    });
  };
}
