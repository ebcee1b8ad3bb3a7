/**
 * Turns GFM's footnotes into endnotes with DPUB-ARIA roles: note calls are `doc-noteref`, the list
 * is a `doc-endnotes` section under a visible "Notes" heading, and each note links back to every
 * place that calls it (`doc-backlink`).
 */
import type { Element, Root } from 'hast';
import { el, isElement, text, walkElements } from '../lib/hast.ts';

export interface Options {
  /** Heading of the notes section. */
  readonly heading?: string;
}

export const NOTES_ID = 'notes';

export default function rehypeEndnotes(options: Options = {}) {
  const heading = options.heading ?? 'Notes';
  return (tree: Root) => {
    const numberOf = new Map<string, string>();
    walkElements(tree, (node) => {
      // Note numbers are not words: keep them out of search excerpts.
      if (isElement(node, 'sup') && node.children.some((c) => isElement(c, 'a') && 'dataFootnoteRef' in c.properties)) {
        node.properties['dataPagefindIgnore'] = '';
      }
      if (isElement(node, 'a') && 'dataFootnoteRef' in node.properties) {
        const number = node.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
        const target = String(node.properties['href'] ?? '').slice(1);
        numberOf.set(target, number);
        node.properties['role'] = 'doc-noteref';
        node.properties['ariaLabel'] = `Note ${number}`;
        delete node.properties['ariaDescribedBy'];
      }
    });

    const index = tree.children.findIndex((n) => isElement(n, 'section') && 'dataFootnotes' in n.properties);
    const section = tree.children[index];
    if (!isElement(section)) return;
    section.properties = { id: NOTES_ID, className: ['endnotes'], role: 'doc-endnotes', ariaLabelledBy: [`${NOTES_ID}-title`] };
    section.children = section.children.map((child) => {
      if (isElement(child) && /^h[1-6]$/.test(child.tagName)) return el('h2', { id: `${NOTES_ID}-title` }, [text(heading)]);
      return child;
    });
    walkElements(section, (node, ancestors) => {
      if (isElement(node, 'p')) {
        // Keep the back arrow on the line of the note's last word.
        const last = node.children.findIndex((c) => isElement(c, 'a') && 'dataFootnoteBackref' in c.properties);
        const before = node.children[last - 1];
        if (last > 0 && before?.type === 'text') before.value = before.value.replace(/\s+$/, '\u00a0');
      }
      if (isElement(node, 'a') && 'dataFootnoteBackref' in node.properties) {
        // U+FE0E asks for the text form of the arrow, not a colour emoji.
        node.children = node.children.map((c) => (c.type === 'text' ? { ...c, value: c.value.replace('↩', '↩\uFE0E') } : c));
        const item = [...ancestors].reverse().find((a): a is Element => isElement(a, 'li'));
        const number = item ? numberOf.get(String(item.properties['id'])) : undefined;
        node.properties['role'] = 'doc-backlink';
        node.properties['className'] = ['backlink'];
        // A note called twice has a back link for each call: say which.
        const first = item ? `#fnref-${String(item.properties['id']).replace(/^fn-/, '')}` : '';
        const href = String(node.properties['href'] ?? '');
        const which = first && href.startsWith(`${first}-`) ? ` (call ${href.slice(first.length + 1)})` : '';
        node.properties['ariaLabel'] = number ? `Back to the call of note ${number} in the text${which}` : 'Back to the text';
      }
    });
  };
}
