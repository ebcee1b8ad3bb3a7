/**
 * Puts a copy of each note beside the line that calls it (a sidenote), for wide screens; on narrow
 * screens the copy stays hidden until the reader taps the note number, and the endnotes list stays
 * for print and for reading without scripts. Also gives every section heading and paragraph a
 * visible permalink.
 *
 * Runs after rehype-endnotes, so note calls and notes carry their final numbers and roles.
 */
import type { Element, ElementContent, Root } from 'hast';
import { el, isElement, text, walkElements } from '../lib/hast.ts';

export default function rehypeMarginNotes() {
  return (tree: Root) => {
    const notes = new Map<string, Element>();
    walkElements(tree, (node, ancestors) => {
      if (isElement(node, 'li') && ancestors.some((a) => a.properties['role'] === 'doc-endnotes')) notes.set(String(node.properties['id']), node);
    });

    walkElements(tree, (node, ancestors) => {
      // Permalinks: the section headings and the paragraphs of the text.
      const id = String(node.properties['id'] ?? '');
      const inSection = ancestors.some((a) => isElement(a, 'section') && (a.properties['className'] as string[] | undefined)?.includes('essay-section'));
      if (inSection && isElement(node, 'h2') && id) node.children.push(text(' '), permalink(id, 'Link to this section', '#'));
      if (inSection && isElement(node, 'p') && id) node.children.push(text(' '), permalink(id, 'Link to this paragraph', '¶'));
    });

    // Sidenotes: after each note call's <sup>, a copy of the note (first call only).
    const placed = new Set<string>();
    const visit = (node: Root | Element) => {
      node.children = node.children.flatMap((child): typeof node.children => {
        if (!isElement(child)) return [child];
        if (child.properties['role'] === 'doc-endnotes' || child.properties['role'] === 'doc-bibliography') return [child];
        const call = isElement(child, 'sup') ? child.children.find((c): c is Element => isElement(c, 'a') && c.properties['role'] === 'doc-noteref') : undefined;
        if (!call) {
          visit(child);
          return [child];
        }
        const target = String(call.properties['href'] ?? '').slice(1);
        const note = notes.get(target);
        if (!note || placed.has(target)) return [child];
        placed.add(target);
        return [child, sidenote(note, target, call.children.map((c) => (c.type === 'text' ? c.value : '')).join(''))];
      }) as typeof node.children;
    };
    visit(tree);
  };
}

function permalink(id: string, label: string, symbol: string): Element {
  return el('a', { className: ['permalink'], href: `#${id}`, ariaLabel: label, dataPagefindIgnore: '' }, [text(symbol)]);
}

/** A copy of a note's content, without ids (the endnote keeps them) and without its back link. */
function sidenote(note: Element, noteId: string, number: string): Element {
  const content = note.children.flatMap((child) => (isElement(child, 'p') ? child.children : [])).map(stripIds).filter((c) => !(isElement(c, 'a') && c.properties['role'] === 'doc-backlink'));
  return el('span', { className: ['sidenote'], dataNote: noteId, role: 'note', ariaLabel: `Note ${number}`, dataPagefindIgnore: '' }, [
    el('span', { className: ['sidenote-number'] }, [text(`${number}.`)]),
    text(' '),
    ...content,
  ]);
}

function stripIds(node: ElementContent): ElementContent {
  if (!isElement(node)) return node;
  const { id: _id, ...properties } = node.properties;
  return { ...node, properties, children: node.children.map(stripIds) };
}
