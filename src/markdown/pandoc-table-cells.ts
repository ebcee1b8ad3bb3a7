/**
 * A Pandoc table's cells read as Markdown: their lines gathered into one text for a parser of their
 * own, and every node placed back at its offset in the document. Apart from pandoc-tables.ts, which
 * finds where the tables stand in the tree; this is the reading of what is inside them.
 */
import type { Nodes, Parent, PhrasingContent, Root, RootContent, TableCell, Text } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { remarkPandocMath } from './math.ts';
import type { Piece } from './pandoc-table-columns.ts';
import type { ScannedCell } from './pandoc-table-scan.ts';
import { SPACE_PLACEHOLDER } from './parser-stand-ins.ts';
import type { Source } from './source.ts';

/** Put before each line of an inline cell: a Unicode space, so that no line starts a block (`- x`, `# x`) and emphasis reads as at a line's start. */
const LINE_PREFIX = '\u205F';
const fragmentParser = unified().use(remarkParse).use(remarkGfm, { singleTilde: false }).use(remarkPandocMath);

/**
 * Cells' lines as one Markdown text (a cell's lines one paragraph, cells apart by a blank line), and
 * the way back from its offsets to the document's.
 */
class Fragment {
  readonly text: string;
  /** Where each cell begins in the text. */
  readonly cellStarts: number[] = [];
  private readonly lines: Piece[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  private readonly prefix: string;
  private readonly source: Source;

  constructor(cells: readonly (readonly Piece[])[], document: string, prefix: string, source: Source) {
    this.prefix = prefix;
    this.source = source;
    let text = '';
    for (const cell of cells) {
      if (this.cellStarts.length > 0) text += '\n\n';
      this.cellStarts.push(text.length);
      cell.forEach((line, i) => {
        if (i > 0) text += '\n';
        this.lines.push(line);
        this.starts.push(text.length);
        text += prefix + document.slice(line.start, line.end);
        this.ends.push(text.length);
      });
    }
    this.text = text;
  }

  private lineOf(offset: number): number {
    let [low, high] = [0, this.starts.length - 1];
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The document offset of a fragment offset. */
  offset(at: number): number {
    const k = this.lineOf(at);
    const line = this.lines[k]!;
    return line.start + Math.min(Math.max(at - this.starts[k]! - this.prefix.length, 0), line.end - line.start);
  }

  /** The nodes placed in the document; a text node across lines is cut at each line ending. */
  place(node: Nodes): Nodes[] {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    if (node.type === 'text') {
      if (node.value.includes('\n')) return this.cutText(node.value, start, end);
      const prefixed = this.prefix !== '' && start === this.starts[this.lineOf(start)] && node.value.startsWith(this.prefix);
      const value = prefixed ? node.value.slice(1) : node.value;
      return value === '' ? [] : [this.text_(value, prefixed ? start + 1 : start, end)];
    }
    if (this.prefix && 'value' in node && this.lineOf(start) !== this.lineOf(end)) node.value = node.value.replace(/(^|[ \n])\u205F/g, '$1');
    if (this.prefix && node.type === 'image' && node.alt) node.alt = node.alt.replace(/(^|[ \n])\u205F/g, '$1');
    if ((node.type === 'link' || node.type === 'image') && node.url.includes(SPACE_PLACEHOLDER)) node.url = node.url.replaceAll(SPACE_PLACEHOLDER, '%20');
    if (node.position) node.position = this.source.span(this.offset(start), this.offset(end));
    if ('children' in node) (node as Parent).children = (node.children as Nodes[]).flatMap((child) => this.place(child)) as Parent['children'];
    return [node];
  }

  private text_(value: string, start: number, end: number): Text {
    return { type: 'text', value: value.replaceAll(SPACE_PLACEHOLDER, ' '), position: this.source.span(this.offset(start), this.offset(end)) };
  }

  private cutText(value: string, start: number, end: number): Nodes[] {
    const parts = value.split('\n');
    const first = this.lineOf(start);
    const out: Nodes[] = [];
    parts.forEach((part, q) => {
      const k = first + q;
      const lineText = this.text.slice(this.starts[k]!, this.ends[k]!);
      // The parser leaves out a line's spaces and tabs around its line endings (not the prefix).
      let from = q === 0 ? start : this.starts[k]! + /^[ \t]*/.exec(lineText)![0].length;
      const to = q === parts.length - 1 ? end : this.starts[k]! + lineText.replace(/[ \t]+$/, '').length;
      let kept = part;
      if (this.prefix && from === this.starts[k] && kept.startsWith(this.prefix)) [kept, from] = [kept.slice(1), from + 1];
      if (kept !== '') out.push(this.text_(kept, from, to));
      if (q < parts.length - 1) {
        // The soft line break, placed on the document's line ending after this line of the cell.
        const eol = this.source.text.indexOf('\n', this.lines[k]!.end);
        out.push({ type: 'text', value: '\n', position: this.source.span(eol, eol + 1) });
      }
    });
    return out;
  }
}

function parseFragment(fragment: Fragment, definitions: string): RootContent[] {
  const text = fragment.text + (definitions && fragment.text.includes('[') ? `\n\n${definitions}` : '');
  return (fragmentParser.parse(text) as Root).children.filter((node) => (node.position?.start.offset ?? 0) < fragment.text.length);
}

/**
 * The content of a table's cells: inline nodes for simple and multiline tables (all cells read in
 * one parse: each line's prefix keeps every cell one paragraph), blocks for a grid table's cells.
 */
export function cellContents(cells: readonly ScannedCell[], blocks: boolean, document: string, source: Source, definitions: string): TableCell['children'][] {
  if (blocks) {
    return cells.map((cell) => {
      if (cell.lines.length === 0) return [];
      const fragment = new Fragment([cell.lines], document, '', source);
      const placed = parseFragment(fragment, definitions).flatMap((node) => fragment.place(node)) as RootContent[];
      // Pandoc's compactify: a cell that is one paragraph is plain text.
      return (placed.length === 1 && placed[0]!.type === 'paragraph' ? placed[0].children : placed) as TableCell['children'];
    });
  }
  const filled = cells.filter((cell) => cell.lines.length > 0);
  const fragment = new Fragment(filled.map((cell) => cell.lines), document, LINE_PREFIX, source);
  const paragraphs = new Map(parseFragment(fragment, definitions).map((node) => [node.position?.start.offset, node]));
  return cells.map((cell) => {
    if (cell.lines.length === 0) return [];
    const paragraph = paragraphs.get(fragment.cellStarts[filled.indexOf(cell)]);
    if (paragraph?.type === 'paragraph') return paragraph.children.flatMap((c) => fragment.place(c)) as PhrasingContent[];
    // Not foreseen (the prefix keeps every line in the paragraph): the cell's text as written, rather than nothing.
    return cell.lines.map((line): Text => ({ type: 'text', value: document.slice(line.start, line.end), position: source.span(line.start, line.end) }));
  });
}
