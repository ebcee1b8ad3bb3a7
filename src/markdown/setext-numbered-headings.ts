/**
 * Setext headings whose text starts like an ordered list item (`1. Introduction` underlined with
 * `===` or `---`). CommonMark reads the first line as a list item, and the underline as a lazy
 * line of its paragraph (`===`) or as a thematic break (`---`); Pandoc reads a heading
 * "1. Introduction" (its headings are tried before lists). This turns such a one-item list back
 * into the heading, with the marker as text.
 *
 * Only a list of one item holding one one-line paragraph, after a blank line (Pandoc wants one
 * before a heading) and underlined on the very next line. Pandoc also reads `- Intro` underlined
 * as a list item holding a heading; that case is left as CommonMark reads it.
 */
import type { Heading, List, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { sourceOf, type Source } from './source.ts';

export default function remarkSetextNumberedHeadings() {
  return (tree: Root, file: VFile) => {
    const source = sourceOf(file);
    visit(tree, 'list', (list: List, index, parent) => {
      if (!list.ordered || !parent || index === undefined || !list.position) return undefined;
      const item = list.children.length === 1 ? list.children[0]! : undefined;
      const paragraph = item?.children.length === 1 && item.checked == null ? item.children[0] : undefined;
      if (paragraph?.type !== 'paragraph' || !paragraph.position) return undefined;
      const previous = parent.children[index - 1] as RootContent | undefined;
      if (previous?.position && previous.position.end.line >= list.position.start.line - 1) return undefined;
      const firstLine = list.position.start.line;

      let heading: Heading | undefined;
      const next = parent.children[index + 1] as RootContent | undefined;
      if (paragraph.position.end.line === firstLine + 1) {
        // `1. Introduction` / `=====`: the underline is the paragraph's lazy second line.
        const underline = lineText(source, firstLine + 1);
        const depth = /^[ \t]*=+[ \t]*$/.test(underline) ? 1 : /^[ \t]*-+[ \t]*$/.test(underline) ? 2 : undefined;
        if (depth) heading = toHeading(source, list, paragraph, depth, true, paragraph.position.end.offset!);
      } else if (
        paragraph.position.end.line === firstLine &&
        next?.type === 'thematicBreak' &&
        next.position?.start.line === firstLine + 1 &&
        /^-+[ \t]*$/.test(lineText(source, firstLine + 1))
      ) {
        // `2. Method` / `------`: the underline made a thematic break.
        heading = toHeading(source, list, paragraph, 2, false, next.position.end.offset!);
        parent.children.splice(index + 1, 1);
      }
      if (!heading) return undefined;
      parent.children[index] = heading;
      return [SKIP, index + 1];
    });
  };
}

function lineText(source: Source, line: number): string {
  const start = source.lineStart(line);
  const end = source.text.indexOf('\n', start);
  return source.text.slice(start, end === -1 ? undefined : end).replace(/\r$/, '');
}

function toHeading(source: Source, list: List, paragraph: Paragraph, depth: 1 | 2, dropLastLine: boolean, end: number): Heading | undefined {
  const children: PhrasingContent[] = [...paragraph.children];
  if (dropLastLine) {
    const last = children.at(-1);
    if (last?.type !== 'text' || !last.value.includes('\n')) return undefined;
    const value = last.value.slice(0, last.value.lastIndexOf('\n')).replace(/[ \t]+$/, '');
    const start = last.position?.start.offset;
    const lastEnd = start === undefined ? undefined : source.text.indexOf('\n', start);
    if (value === '') children.pop();
    else children[children.length - 1] = { ...last, value, ...(start !== undefined && lastEnd !== undefined && lastEnd !== -1 ? { position: source.span(start, lastEnd) } : {}) };
  }
  const listStart = list.position!.start.offset!;
  const contentStart = paragraph.position!.start.offset!;
  const marker = source.text.slice(listStart, contentStart).trim();
  const first = children[0];
  if (first?.type === 'text') {
    children[0] = { ...first, value: `${marker} ${first.value}`, position: source.span(listStart, first.position?.end.offset ?? contentStart) };
  } else {
    children.unshift({ type: 'text', value: `${marker} `, position: source.span(listStart, contentStart) });
  }
  return { type: 'heading', depth, children, position: source.span(listStart, end) };
}
