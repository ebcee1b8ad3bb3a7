/** Small helpers for building and reading hast trees in our rehype plugins. */
import type { Element, ElementContent, Properties, Root, RootContent, Text } from 'hast';

export function el(tagName: string, properties: Properties = {}, children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

export function text(value: string): Text {
  return { type: 'text', value };
}

export function isElement(node: Root | RootContent | ElementContent | undefined, tagName?: string): node is Element {
  return node?.type === 'element' && (tagName === undefined || node.tagName === tagName);
}

export function textContent(node: Root | RootContent | ElementContent): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map((child) => textContent(child)).join('');
  return '';
}

export function hasClass(node: Element, name: string): boolean {
  const value: unknown = node.properties['className'];
  return Array.isArray(value) ? value.includes(name) : typeof value === 'string' && value.split(/\s+/).includes(name);
}

/** Depth-first walk over elements, with each element's ancestors (nearest last). */
export function walkElements(root: Root | Element, visit: (node: Element, ancestors: readonly Element[]) => void): void {
  const stack: Element[] = [];
  const step = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      visit(child, stack);
      stack.push(child);
      step(child);
      stack.pop();
    }
  };
  step(root);
}
