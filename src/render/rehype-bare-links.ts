/**
 * rehype plugin: marks a link whose text is its own address (`<https://arxiv.org/>`, a bare URL that
 * GFM made a link, a DOI link in a reference) with the class `bare-link`. Print writes each link's
 * address after it, so that paper keeps what a click would give; for these links the address is
 * already there, and the print stylesheet leaves them as they are.
 */
import type { Element, Root } from 'hast';
import { textContent, walkElements } from '../lib/hast.ts';

export default function rehypeBareLinks() {
  return (tree: Root) => {
    walkElements(tree, (node) => {
      if (node.tagName !== 'a' || typeof node.properties['href'] !== 'string') return;
      const text = textContent(node).trim();
      if (text && sameAddress(text, node.properties['href'])) markBare(node);
    });
  };
}

function markBare(link: Element): void {
  const classes = link.properties['className'];
  link.properties['className'] = [...(Array.isArray(classes) ? classes : []), 'bare-link'];
}

/** "https://arxiv.org" and "https://arxiv.org/" are one address; so are "www.x.org" and "http://www.x.org". */
function sameAddress(text: string, href: string): boolean {
  const plain = (address: string) => address.replace(/^(?:https?:\/\/|mailto:)/i, '').replace(/\/$/, '').toLowerCase();
  return plain(text) === plain(href);
}
