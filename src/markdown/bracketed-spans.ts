/**
 * Pandoc's bracketed spans: `[Small caps]{.smallcaps}`, `[R]{.proglang}`, `[note]{.aside}` become a
 * `<span>` with those attributes, their text read as Markdown where it stands. CommonMark would
 * print the brackets and the braces. The marks are found in the source before the parse and hidden
 * from it (source-scan.ts); here the nodes between them are wrapped.
 *
 * Wiring: after remarkTexEnvironments (which takes the hidden marks out of the text).
 */
import type { Nodes, Parent, PhrasingContent, Root } from 'mdast';
import { attributeProperties } from './attributes.ts';
import type { BracketedSpan } from './source-scan.ts';

interface TreeData {
  bracketedSpans?: readonly BracketedSpan[];
}

const startOf = (node: Nodes) => node.position?.start.offset;
const endOf = (node: Nodes) => node.position?.end.offset;

export default function remarkBracketedSpans() {
  return (tree: Root) => {
    const spans = (tree.data as TreeData | undefined)?.bracketedSpans ?? [];
    if (spans.length === 0) return;
    // Inner spans first, so that an outer one wraps the inner span's node.
    const ordered = [...spans].sort((a, b) => a.end - a.open - (b.end - b.open));
    for (const span of ordered) wrap(tree, span);
  };
}

/** Wraps the inline nodes between the span's marks, in the innermost parent that holds them all. */
function wrap(parent: Parent, span: BracketedSpan): boolean {
  const children = parent.children as Nodes[];
  const inside = (node: Nodes) => {
    const start = startOf(node);
    const end = endOf(node);
    return start !== undefined && end !== undefined && start > span.open && end <= span.close;
  };
  for (const child of children) {
    const start = startOf(child);
    const end = endOf(child);
    if ('children' in child && start !== undefined && end !== undefined && start <= span.open && end >= span.end && wrap(child as Parent, span)) return true;
  }
  const first = children.findIndex(inside);
  if (first === -1) return false;
  let count = 0;
  while (first + count < children.length && inside(children[first + count]!)) count += 1;
  const taken = children.slice(first, first + count) as PhrasingContent[];
  const node = {
    type: 'bracketedSpan',
    children: taken,
    data: { hName: 'span', hProperties: attributeProperties(span.attributes) },
    position: { start: taken[0]!.position!.start, end: taken[count - 1]!.position!.end },
  };
  children.splice(first, count, node as unknown as Nodes);
  return true;
}
