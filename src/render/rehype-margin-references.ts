/**
 * Quarto's `citation-location: margin`: beside each citation in the text, the full reference of the
 * works it cites, as a sidenote (shown in the margin of a wide page, hidden on a narrow one, where
 * the citation's popover shows the same entry). The reference list stays at the end, for print
 * and for reading without a wide screen.
 *
 * Runs after rehype-references (the entries have their ids and their "Cited in" links, which the
 * copies leave out) and before rehype-margin-notes.
 */
import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { entryId } from '../bibliography/anchors.ts';
import { el, hasClass, isElement, walkElements } from '../lib/hast.ts';

export interface Options {
  /** Whether the document asks for its references in the margin. */
  readonly enabledFor: (file: VFile) => boolean;
}

/** An entry's content without ids, "Cited in" links and downloads. */
function entryCopy(entry: Element): ElementContent[] {
  const strip = (node: ElementContent): ElementContent[] => {
    if (!isElement(node)) return [node];
    if (hasClass(node, 'cited-by') || hasClass(node, 'entry-downloads')) return [];
    const { id: _id, ...properties } = node.properties;
    return [{ ...node, properties, children: node.children.flatMap(strip) }];
  };
  return entry.children.flatMap(strip);
}

export default function rehypeMarginReferences({ enabledFor }: Options) {
  return (tree: Root, file: VFile) => {
    if (!enabledFor(file)) return;
    const entries = new Map<string, Element>();
    walkElements(tree, (node) => {
      if (isElement(node, 'li') && hasClass(node, 'csl-entry') && typeof node.properties['id'] === 'string') entries.set(node.properties['id'], node);
    });
    if (entries.size === 0) return;
    const visit = (parent: Root | Element, shownInBlock: Set<string>) => {
      parent.children = (parent.children as ElementContent[]).flatMap((child): ElementContent[] => {
        if (!isElement(child)) return [child];
        // Notes and the lists at the end keep their citations as they are.
        if (child.properties['role'] === 'doc-endnotes' || child.properties['role'] === 'doc-bibliography' || hasClass(child, 'sidenote')) return [child];
        if (!(isElement(child, 'span') && hasClass(child, 'citation'))) {
          // A paragraph or cell shows each work's reference once.
          visit(child, /^(p|li|td|th|figcaption|caption)$/.test(child.tagName) ? new Set() : shownInBlock);
          return [child];
        }
        const ids = String(child.properties['dataCites'] ?? '')
          .split(/\s+/)
          .filter(Boolean)
          .map((key) => entryId(key))
          .filter((id) => entries.has(id) && !shownInBlock.has(id));
        if (ids.length === 0) return [child];
        for (const id of ids) shownInBlock.add(id);
        const note = el('span', { className: ['sidenote', 'margin-reference'], role: 'note', ariaLabel: 'Reference', dataPagefindIgnore: '' }, ids.flatMap((id, i) => [...(i > 0 ? [el('br', {}, [])] : []), ...entryCopy(entries.get(id)!)]));
        return [child, note];
      }) as typeof parent.children;
    };
    visit(tree, new Set());
  };
}
