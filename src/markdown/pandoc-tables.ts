/**
 * Pandoc's simple, multiline and grid tables (pipe tables are remark-gfm's), as Pandoc 2.17 reads
 * them (pandoc-table-scan.ts finds them, pandoc-table-cells.ts reads their cells): each becomes an
 * mdast `table` whose cells hold their Markdown, every node placed exactly in the source, so that
 * the plugins after this one (raw TeX, math, citations, cross-references) read a cell as they read
 * a paragraph, and table-captions.ts finds its caption (`Table: …` or `: …`, before or after it)
 * as it does a pipe table's.
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
import type { Nodes, Paragraph, Parent, Root, Table, TableCell, TableRow } from 'mdast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { cellContents } from './pandoc-table-cells.ts';
import { findPandocTables, type ScannedTable, type TableSyntax } from './pandoc-table-scan.ts';
import { sourceOf, type Source } from './source.ts';


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
