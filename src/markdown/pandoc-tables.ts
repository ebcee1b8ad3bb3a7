/**
 * Pandoc's simple, multiline and grid tables (pipe tables are remark-gfm's), as Pandoc 2.17 reads
 * them (pandoc-table-scan.ts finds them): each becomes an mdast `table` whose cells hold their
 * Markdown, every node placed exactly in the source, so that the plugins after this one (raw TeX,
 * math, citations, cross-references) read a cell as they read a paragraph, and table-captions.ts
 * finds its caption (`Table: …` or `: …`, before or after it) as it does a pipe table's.
 *
 * - Simple and multiline tables: a cell is inline Markdown, as in Pandoc (`- x` in a cell is text).
 *   A multiline cell's lines are read together (emphasis may run across them); a text node "\n",
 *   placed on the line ending after each line, is the soft line break between them.
 * - Grid tables: a cell is Markdown blocks (lists, paragraphs), as in Pandoc; a paragraph alone is
 *   unwrapped, as Pandoc makes it plain text.
 * - A table without a header is a `table` whose first row's cells are `td` (mdast has no headerless
 *   table, and remark-rehype puts the first row in `<thead>`); `data.pandocTable.header` says so.
 *
 * Wiring: remarkPandocTableSource first of all (the innermost parser hook: it sees the text the
 * other hooks give the parser, fences blank, TeX environments and math's `|` stand-ins, and gives
 * the parser a paragraph of stand-ins for each table); remarkPandocTables first of the tree
 * plugins, before remarkTexEnvironments, which gives the cells' stand-ins back as a paragraph's.
 */
import type { Nodes, Paragraph, Parent, PhrasingContent, Root, RootContent, Table, TableCell, TableRow, Text } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import type { VFile } from 'vfile';
import { remarkPandocMath } from './math.ts';
import { findPandocTables, type Piece, type ScannedCell, type ScannedTable, type TableSyntax } from './pandoc-table-scan.ts';
import { SPACE_PLACEHOLDER } from './source-scan.ts';
import { sourceOf, type Source } from './source.ts';

export { findPandocTables, type ScannedTable } from './pandoc-table-scan.ts';

interface TreeData {
  /** The tables found before the parse, and the text they were found in (the parser's, stand-ins of the other hooks included). */
  pandocTables?: { readonly tables: readonly ScannedTable[]; readonly text: string };
}

/** On a table made here: its syntax, and whether it has a header row. */
export interface PandocTableData {
  readonly pandocTable: { readonly syntax: TableSyntax; readonly header: boolean };
}

/** Stands in, to the parser, for each character of a table: text that is no Markdown. */
export const TABLE_PLACEHOLDER = '\uE003';

/** Where the stand-in of a table begins: after its first line's indentation (kept, so that a table in a list item stays in it). */
function standInStart(text: string, table: ScannedTable): number {
  const indent = /^ {0,3}/.exec(text.slice(table.start, table.end))![0].length;
  return table.start + indent;
}

/**
 * The text with each table's characters replaced by placeholders the parser reads as a paragraph.
 * Every offset and line outside the tables stays; inside, line endings move (as in
 * hideTexEnvironments): an empty line borrows a character from a line above, so as not to end the
 * paragraph, and the last line gives its characters to the line before, so that the paragraph ends
 * there and the line after the table (a caption, text) starts a block, as in Pandoc.
 */
function hideTables(text: string, tables: readonly ScannedTable[]): { text: string; tables: ScannedTable[] } {
  if (tables.length === 0) return { text, tables: [] };
  let out = '';
  let cursor = 0;
  const kept: ScannedTable[] = [];
  for (const table of tables) {
    const start = standInStart(text, table);
    const lengths = text.slice(start, table.end).split('\n').map((line) => line.length);
    let ok = lengths.length > 1;
    for (let k = 1; ok && k < lengths.length - 1; k++) {
      if (lengths[k]! > 0) continue;
      let lender = k - 1;
      while (lender >= 0 && lengths[lender]! < 2) lender -= 1;
      if (lender < 0) ok = false;
      else {
        lengths[lender] = lengths[lender]! - 1;
        lengths[k] = 1;
      }
    }
    if (!ok) continue;
    lengths[lengths.length - 2] = lengths.at(-2)! + lengths.at(-1)!;
    lengths[lengths.length - 1] = 0;
    out += text.slice(cursor, start) + lengths.map((n) => TABLE_PLACEHOLDER.repeat(n)).join('\n');
    cursor = table.end;
    kept.push(table);
  }
  return { text: out + text.slice(cursor), tables: kept };
}

/** The paragraphs of stand-ins in a tree, by the offset they start at. */
function standIns(tree: Root): Map<number, { parent: Parent; paragraph: Paragraph }> {
  const found = new Map<number, { parent: Parent; paragraph: Paragraph }>();
  const walk = (parent: Parent) => {
    for (const child of parent.children as Nodes[]) {
      const first = child.type === 'paragraph' ? child.children[0] : undefined;
      if (first?.type === 'text' && first.value.startsWith(TABLE_PLACEHOLDER) && first.position?.start.offset !== undefined) {
        found.set(first.position.start.offset, { parent, paragraph: child as Paragraph });
      } else if ('children' in child && child.type !== 'paragraph') walk(child as Parent);
    }
  };
  walk(tree);
  return found;
}

/**
 * Makes the parser read each table as one paragraph of stand-ins, and keeps the tables on the tree's
 * data. A table whose stand-ins the parser did not read as a paragraph of their own (a case the scan
 * did not foresee) is given back to the parser as written, so that nothing is lost. Use after
 * remark-parse, before the other parser hooks.
 */
export function remarkPandocTableSource(this: Processor) {
  const self = this as unknown as { parser?: (document: string, file: VFile) => Root };
  const parse = self.parser;
  if (!parse) throw new Error('remarkPandocTableSource must be used after remark-parse.');
  self.parser = (document: string, file: VFile) => {
    let tables = findPandocTables(document);
    for (;;) {
      const hidden = hideTables(document, tables);
      const tree = parse(hidden.text, file);
      const placed = standIns(tree);
      const kept = hidden.tables.filter((t) => placed.has(standInStart(document, t)));
      if (kept.length === hidden.tables.length) {
        if (kept.length > 0) tree.data = { ...tree.data, pandocTables: { tables: kept, text: document } } as Root['data'] & TreeData;
        return tree;
      }
      tables = kept;
    }
  };
}

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
function cellContents(cells: readonly ScannedCell[], blocks: boolean, document: string, source: Source, definitions: string): TableCell['children'][] {
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

/** The link and note labels defined in the document, for a cell's references to find them. */
function definitionsOf(tree: Root): string {
  const lines: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'definition' && node.label) lines.push(`[${node.label}]: #`);
    if (node.type === 'footnoteDefinition' && node.label) lines.push(`[^${node.label}]: #`);
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return lines.join('\n');
}

function tableNode(table: ScannedTable, document: string, source: Source, definitions: string): Table {
  const rows = [...(table.head ? [table.head] : []), ...table.rows];
  const contents = cellContents(rows.flatMap((row) => row.cells), table.syntax === 'grid', document, source, definitions);
  const children = rows.map((row, r): TableRow => ({
    type: 'tableRow',
    children: row.cells.map((cell): TableCell => {
      const first = cell.lines[0];
      const node: TableCell = {
        type: 'tableCell',
        children: contents.shift()!,
        position: first ? source.span(first.start, cell.lines.at(-1)!.end) : source.span(cell.at, cell.at),
      };
      if (r === 0 && !table.head) node.data = { hName: 'td' };
      return node;
    }),
    position: source.span(row.start, row.end),
  }));
  const data: PandocTableData = { pandocTable: { syntax: table.syntax, header: table.head !== undefined } };
  return { type: 'table', align: [...table.align], children, position: source.span(standInStart(document, table), table.end), data } as Table;
}

/** Puts a table where the parser read each table's paragraph of stand-ins. */
export default function remarkPandocTables() {
  return (tree: Root, file: VFile) => {
    const found = (tree.data as TreeData | undefined)?.pandocTables;
    if (!found) return;
    const source = sourceOf(file);
    const paragraphs = standIns(tree);
    const definitions = definitionsOf(tree);
    for (const table of found.tables) {
      const at = paragraphs.get(standInStart(found.text, table));
      if (!at) continue;
      const index = at.parent.children.indexOf(at.paragraph as never);
      at.parent.children[index] = tableNode(table, found.text, source, definitions) as never;
    }
  };
}
