/**
 * rehype plugin: the essay's numbered figures and tables, in order, as its contents list them
 * ("Figure 1: Communes in 1959"), read from the finished tree (markdown/cross-references.ts numbers
 * them and labels their captions).
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { hasClass, textContent, walkElements } from '../lib/hast.ts';

export interface ListedFigure {
  readonly id: string;
  /** "Figure 1", "Table 2" */
  readonly label: string;
  /** The caption's text, without its label. */
  readonly caption: string;
}

export interface Options {
  /** Where to put the list, for the document being rendered. */
  readonly into: (file: VFile) => ListedFigure[] | undefined;
}

export default function rehypeFigureList({ into }: Options) {
  return (tree: Root, file: VFile) => {
    const list = into(file);
    if (!list) return;
    walkElements(tree, (node: Element) => {
      if ((node.tagName !== 'figure' && node.tagName !== 'table') || typeof node.properties['id'] !== 'string') return;
      const caption = node.children.find((c): c is Element => c.type === 'element' && (c.tagName === 'figcaption' || c.tagName === 'caption'));
      const label = caption?.children.find((c): c is Element => c.type === 'element' && hasClass(c, 'caption-label'));
      if (!caption || !label) return;
      const text = caption.children
        .filter((c) => c !== label)
        .map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? textContent(c) : ''))
        .join('')
        .replace(/\s+/g, ' ')
        .trim();
      list.push({ id: node.properties['id'], label: textContent(label).replace(/:\s*$/, '').trim(), caption: text });
    });
  };
}
