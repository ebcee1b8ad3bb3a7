/**
 * rehype plugin: each table in a box of its own that scrolls sideways, so that a table wider than the
 * text column (a comparison of six columns, say) scrolls inside the column instead of widening the
 * whole page on a phone, or running into the margin notes on a wide screen.
 *
 * The box is a keyboard stop and a named region (`role="region"`, named by the table's caption):
 * without that, a reader without a mouse could not scroll it, and axe reports the region
 * (`scrollable-region-focusable`). This is the pattern of Heydon Pickering's "Inclusive Components:
 * Data Tables". It needs no script: reading never does.
 */
import type { Element, ElementContent, Root } from 'hast';
import { el, isElement } from '../lib/hast.ts';

export default function rehypeTableScroll() {
  return (tree: Root) => {
    let unnamed = 0;
    const wrapIn = (parent: Root | Element) => {
      parent.children = parent.children.map((child) => {
        if (!isElement(child)) return child;
        if (child.tagName !== 'table') {
          wrapIn(child);
          return child;
        }
        return boxed(child, () => ++unnamed);
      }) as typeof parent.children;
    };
    wrapIn(tree);
  };
}

function boxed(table: Element, nextNumber: () => number): ElementContent {
  const caption = table.children.find((c): c is Element => isElement(c, 'caption'));
  const tableId = table.properties['id'];
  const naming: Record<string, string> = {};
  if (caption) {
    const captionId =
      typeof caption.properties['id'] === 'string' ? caption.properties['id'] : typeof tableId === 'string' ? `${tableId}-caption` : `table-caption-${nextNumber()}`;
    caption.properties['id'] = captionId;
    naming['ariaLabelledBy'] = captionId;
  } else {
    naming['ariaLabel'] = 'Table';
  }
  return el('div', { className: ['table-scroll'], role: 'region', tabIndex: 0, ...naming }, [table]);
}
