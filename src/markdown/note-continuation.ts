/**
 * Notes whose text starts on the line after the label:
 *
 *     [^1]:
 *       The note's text.
 *
 * GFM (micromark-extension-gfm-footnote) takes a line into a note only when it is indented by
 * four spaces; a note like this one, indented by fewer, comes out empty and its text becomes a
 * paragraph of the essay. Pandoc (2.17) skips one blank line after the label, takes every line up
 * to the next blank line into the note, however indented, and after that the blocks indented by
 * four spaces. This moves those
 * blocks into the empty note. Blocks indented by four spaces after a blank line were read as
 * indented code; they are read again as Markdown, with their positions in the source.
 *
 * Rule ids: `apparatus:note/empty` (warning): a note left with no text at all.
 */
import type { BlockContent, DefinitionContent, Nodes, Root, RootContent } from 'mdast';
import type { Processor } from 'unified';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { sourceOf, type Source } from './source.ts';

type NoteContent = BlockContent | DefinitionContent;

export default function remarkNoteContinuation(this: Processor) {
  const processor = this;
  return (tree: Root, file: VFile) => {
    const source = sourceOf(file);
    const definitions: string[] = [];
    visit(tree, (node) => {
      if (node.type === 'footnoteDefinition') definitions.push(`[^${node.label ?? node.identifier}]: x`);
      if (node.type === 'definition') definitions.push(`[${node.label ?? node.identifier}]: #`);
    });
    visit(tree, (node) => {
      if (!('children' in node) || node.type === 'footnoteDefinition') return;
      const children = node.children as RootContent[];
      for (let i = 0; i < children.length; i++) {
        const note = children[i]!;
        if (note.type !== 'footnoteDefinition' || note.children.length > 0 || !note.position) continue;
        let line = note.position.end.line;
        const moved: NoteContent[] = [];
        let j = i + 1;
        // Pandoc skips one blank line after the label, then takes the lines up to the next blank
        // line, whatever their indentation.
        const opening = children[j]?.position?.start.line;
        if (opening === line + 2) line++;
        for (let next = children[j]; next?.position && next.position.start.line === line + 1 && isNoteContent(next); next = children[++j]) {
          moved.push(next);
          line = next.position.end.line;
        }
        // Then blocks indented by four spaces (read as indented code), after blank lines.
        if (moved.length > 0) {
          for (let next = children[j]; next?.type === 'code' && next.lang == null && isIndented(source, next); next = children[++j]) {
            moved.push(...reparse(processor, source, next, definitions));
          }
        }
        if (moved.length === 0) {
          file.message(`The note [^${note.label ?? note.identifier}] has no text.`, { place: note.position, ruleId: 'note/empty', source: 'apparatus' });
          continue;
        }
        children.splice(i + 1, j - i - 1);
        note.children = moved;
        const end = moved.at(-1)?.position?.end;
        if (end) note.position = { start: note.position.start, end };
      }
    });
  };
}

function isNoteContent(node: RootContent): node is NoteContent {
  return node.type !== 'footnoteDefinition' && node.type !== 'definition' && node.type !== 'yaml';
}

function isIndented(source: Source, node: Nodes): boolean {
  const line = node.position?.start.line;
  if (line === undefined) return false;
  return /^(?: {4}|\t| {1,3}\t)/.test(source.text.slice(source.lineStart(line)));
}

/**
 * Parses an indented code block's lines again as Markdown, with positions mapped back to the
 * source. The document's note and link labels are defined after the text (and dropped again),
 * so that a note call or a reference link in it is read as in the rest of the document.
 */
function reparse(processor: Processor, source: Source, code: Nodes, definitions: readonly string[]): NoteContent[] {
  const first = code.position!.start.line;
  const last = code.position!.end.line;
  const removed: number[] = [];
  const lines: string[] = [];
  for (let line = first; line <= last; line++) {
    const start = source.lineStart(line);
    const end = source.text.indexOf('\n', start);
    const text = source.text.slice(start, end === -1 ? undefined : end);
    const indent = /^(?: {0,4}|(?: {0,3})\t)/.exec(text)![0];
    removed.push(indent.length);
    lines.push(text.slice(indent.length));
  }
  const tree = processor.parse(`${lines.join('\n')}\n\n${definitions.join('\n')}\n`) as Root;
  // Only what the block's own lines hold, not the definitions added after them.
  const own = (tree.children as RootContent[]).filter((node): node is NoteContent => isNoteContent(node) && (node.position?.start.line ?? Infinity) <= lines.length);
  const map = (point: Point): Point => {
    const line = first + point.line - 1;
    const column = point.column + (removed[point.line - 1] ?? 0);
    return { line, column, offset: source.lineStart(line) + column - 1 };
  };
  for (const node of own) {
    visit(node, (child) => {
      if (child.position) child.position = { start: map(child.position.start), end: map(child.position.end) };
    });
  }
  return own;
}
