/**
 * Heading levels without gaps: a heading at most one level below the heading before it. A paper
 * written for Pandoc may go from `#` to `###` (`<h2>` to `<h4>` on a page whose title is its `<h1>`);
 * a screen reader's list of headings would then show a level with nothing in it, and HTML's
 * validators reject the page. The heading keeps its place in the outline, one level down.
 *
 * Place after rehype-essay-sections (which makes each section's heading an `<h2>`), before the
 * notes and references add their own `<h2>`s.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

const HEADING = /^h([1-6])$/;

export default function rehypeHeadingLevels() {
  return (tree: Root) => {
    // The page's title is its <h1>: the essay's first heading may be an <h2>.
    let previous = 1;
    visit(tree, 'element', (node: Element) => {
      const level = Number(HEADING.exec(node.tagName)?.[1] ?? 0);
      if (level === 0) return;
      const kept = Math.min(level, previous + 1);
      if (kept !== level) node.tagName = `h${kept}`;
      previous = kept;
    });
  };
}
