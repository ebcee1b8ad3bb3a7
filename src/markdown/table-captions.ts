/**
 * Pandoc's table_captions: a paragraph beginning `Table:` or `:` right before or after a table is
 * the table's caption.
 *
 *     | a | b |
 *     |---|---|
 *     | 1 | 2 |
 *
 *     Table: Results, after [@smith2020]. {#tbl-results}
 *
 * becomes `<table id="tbl-results"><caption>Results, after (Smith 2020).</caption><thead>…`.
 * The caption keeps its inline nodes (emphasis, links, citations, read by later plugins); Pandoc
 * attributes at its end go to the table and leave the caption (as in Pandoc 3 and Quarto; Pandoc
 * 2 printed them). A caption before the table wins over one after it, as in Pandoc; a caption line
 * written right under the table, with no blank line, is one too (GFM had read it as a row).
 *
 * The tree: mdast has no caption, and remark-rehype's table handler makes every child of a table a
 * row, so a captioned table becomes a `captionedTable` node (`<table>`) holding a `tableCaption`
 * (`<caption>`), a `tableHead` (`<thead>`) and a `tableBody` (`<tbody>`) with the table's own rows.
 * Each cell is given what the table handler would have given it (`th`/`td`, `align`, the
 * header's number of cells), since outside a `table` node remark-rehype cannot know it.
 */
import type { Nodes, Parent, PhrasingContent, Root, Table, TableCell, TableRow } from 'mdast';
import type { Properties } from 'hast';
import type { Node as UnistNode, Position } from 'unist';
import type { VFile } from 'vfile';
import { attributeProperties, parseAttributes } from './attributes.ts';
import { sourceOf, type Source } from './source.ts';

export interface TableCaptionNode extends UnistNode {
  type: 'tableCaption';
  children: PhrasingContent[];
  data: { hName: 'caption' };
}

interface TablePartNode extends UnistNode {
  type: 'tableHead' | 'tableBody';
  children: TableRow[];
  data: { hName: 'thead' | 'tbody' };
}

export interface CaptionedTableNode extends UnistNode {
  type: 'captionedTable';
  /** The table as GFM read it: alignment and rows (its rows now live in the parts below). */
  align: Table['align'];
  children: (TableCaptionNode | TablePartNode)[];
  data: { hName: 'table'; hProperties: Properties };
}

/** `Table:` (capital T: Pandoc leaves `table:` as text) or `:` not followed by punctuation. */
const CAPTION_START = /^(?:Table:|:(?!\p{P}))[ \t]*/u;

interface Caption {
  readonly children: PhrasingContent[];
  readonly position: Position | undefined;
  readonly properties: Properties;
}

/** The caption read from inline nodes beginning `Table:` or `:` at `start` in the source. */
function readCaption(children: PhrasingContent[], start: number | undefined, source: Source, position: Position | undefined): Caption | undefined {
  if (start === undefined) return undefined;
  const prefix = CAPTION_START.exec(source.text.slice(start, start + 80))?.[0];
  const first = children[0];
  if (prefix === undefined || first?.type !== 'text' || first.position?.start.offset !== start || !first.value.startsWith(prefix.trimEnd())) return undefined;
  const kept = [...children];
  const lead = /^(?:Table:|:)\s*/.exec(first.value)![0];
  if (lead.length === first.value.length) kept.shift();
  else kept[0] = { ...first, value: first.value.slice(lead.length), position: source.span(start + lead.length, first.position.end.offset ?? start) };
  let properties: Properties = {};
  const last = kept.at(-1);
  if (last?.type === 'text' && last.position?.start.offset !== undefined && last.position.end.offset !== undefined) {
    const lastStart = last.position.start.offset;
    const raw = source.text.slice(lastStart, last.position.end.offset);
    const written = /\{[^{}\n]*\}[ \t]*$/.exec(raw);
    const inValue = /\{[^{}\n]*\}[ \t]*$/.exec(last.value);
    const attributes = written && !isEscaped(raw, written.index) && inValue ? parseAttributes(written[0].trimEnd()) : undefined;
    if (attributes && inValue) {
      properties = attributeProperties(attributes);
      const value = last.value.slice(0, inValue.index).replace(/\s+$/, '');
      const end = lastStart + raw.slice(0, written!.index).replace(/\s+$/, '').length;
      if (value === '') kept.pop();
      else kept[kept.length - 1] = { ...last, value, position: source.span(lastStart, end) };
    }
  }
  // Trailing white space before the attributes, in a node before the last.
  const tail = kept.at(-1);
  if (tail?.type === 'text' && tail.value.trim() === '') kept.pop();
  return { children: kept, position, properties };
}

function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

function paragraphCaption(node: Nodes | undefined, source: Source): Caption | undefined {
  if (node?.type !== 'paragraph') return undefined;
  return readCaption(node.children, node.position?.start.offset, source, node.position);
}

/** A last row GFM took from a caption line written right under the table (no `|` in it). */
function rowCaption(table: Table, source: Source): Caption | undefined {
  if (table.children.length < 2) return undefined;
  const row = table.children.at(-1)!;
  const start = row.position?.start.offset;
  const end = row.position?.end.offset;
  if (start === undefined || end === undefined || source.text.slice(start, end).includes('|')) return undefined;
  const cells = row.children.filter((cell) => cell.children.length > 0);
  if (cells.length !== 1) return undefined;
  const cell = cells[0]!;
  return readCaption(cell.children, cell.children[0]?.position?.start.offset, source, row.position);
}

/** Each cell as the table handler would make it: th in the head, td below, aligned, as many as the header's. */
function settle(table: Table, row: TableRow, head: boolean): TableRow {
  const width = table.align?.length ?? row.children.length;
  const cells: TableCell[] = [];
  for (let i = 0; i < width; i++) {
    const cell: TableCell = row.children[i] ?? { type: 'tableCell', children: [] };
    const align = table.align?.[i];
    cell.data = { ...cell.data, hName: head ? 'th' : 'td', hProperties: { ...cell.data?.hProperties, ...(align ? { align } : {}) } };
    cells.push(cell);
  }
  row.children = cells;
  return row;
}

function span(a: Position | undefined, b: Position | undefined): Position | undefined {
  if (!a || !b) return a ?? b;
  return (a.start.offset ?? 0) <= (b.start.offset ?? 0) ? { start: a.start, end: b.end } : { start: b.start, end: a.end };
}

function captioned(table: Table, caption: Caption, rows: TableRow[]): CaptionedTableNode {
  const [first, ...rest] = rows;
  const children: CaptionedTableNode['children'] = [];
  if (caption.children.length > 0) {
    const node: TableCaptionNode = { type: 'tableCaption', data: { hName: 'caption' }, children: caption.children };
    const from = caption.children[0]!.position?.start;
    const to = caption.children.at(-1)!.position?.end;
    if (from && to) node.position = { start: from, end: to };
    children.push(node);
  }
  if (first) {
    const head: TablePartNode = { type: 'tableHead', data: { hName: 'thead' }, children: [settle(table, first, true)] };
    if (first.position) head.position = first.position;
    children.push(head);
  }
  if (rest.length > 0) {
    const body: TablePartNode = { type: 'tableBody', data: { hName: 'tbody' }, children: rest.map((row) => settle(table, row, false)) };
    const from = rest[0]!.position?.start;
    const to = rest.at(-1)!.position?.end;
    if (from && to) body.position = { start: from, end: to };
    children.push(body);
  }
  const node: CaptionedTableNode = {
    type: 'captionedTable',
    align: table.align ?? null,
    data: { hName: 'table', hProperties: { ...(table.data?.hProperties ?? {}), ...caption.properties } },
    children,
  };
  const position = span(table.position, caption.position);
  if (position) node.position = position;
  return node;
}

export default function remarkTableCaptions() {
  return (tree: Root, file: VFile) => {
    const source = sourceOf(file);
    const walk = (parent: Parent) => {
      const children = parent.children as Nodes[];
      for (let index = 0; index < children.length; index++) {
        const node = children[index]!;
        if (node.type !== 'table') {
          if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading') walk(node as Parent);
          continue;
        }
        const before = paragraphCaption(children[index - 1], source);
        if (before) {
          children.splice(index - 1, 2, captioned(node, before, node.children) as unknown as Nodes);
          index -= 1;
          continue;
        }
        const last = rowCaption(node, source);
        if (last) {
          children[index] = captioned(node, last, node.children.slice(0, -1)) as unknown as Nodes;
          continue;
        }
        const after = paragraphCaption(children[index + 1], source);
        if (after) children.splice(index, 2, captioned(node, after, node.children) as unknown as Nodes);
      }
    };
    walk(tree);
  };
}
