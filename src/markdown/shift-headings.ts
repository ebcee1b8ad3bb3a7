/**
 * remark plugin: sets every heading of an essay some levels down. A single-file essay whose
 * sections are `#` headings (Pandoc papers, Quarto documents: their title is in the metadata) is
 * set as one whose sections are `##`, since the page's title is its one `<h1>` (Pandoc's and
 * Quarto's `shift-heading-level-by: 1`). How far is decided when the essay is assembled
 * (sources/assemble.ts `headingShift`), for the whole essay at once.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

export interface Options {
  /** Levels to set the file's headings down by; 0 or undefined leaves them. */
  readonly shiftOf: (file: VFile) => number | undefined;
}

export default function remarkShiftHeadings({ shiftOf }: Options) {
  return (tree: Root, file: VFile) => {
    const shift = shiftOf(file) ?? 0;
    if (shift === 0) return;
    visit(tree, 'heading', (heading) => {
      heading.depth = Math.min(heading.depth + shift, 6) as typeof heading.depth;
    });
  };
}
