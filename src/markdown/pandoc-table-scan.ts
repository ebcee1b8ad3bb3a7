/**
 * Pandoc's simple, multiline and grid tables, found in the source as Pandoc 2.17's Markdown reader
 * finds them (Readers/Markdown.hs `table`, `simpleTable`, `multilineTable`; Parsing.hs
 * `gridTableWith'`): CommonMark reads their lines as paragraphs, setext headings and thematic
 * breaks, which cannot be put back together afterwards. pandoc-tables.ts makes mdast tables of them.
 *
 * - A table starts a block: at the start, after a blank line (a fenced div's fence is one by then),
 *   an ATX heading, a fenced code block or another table; never in a paragraph, code or a comment.
 * - Pandoc's order: multiline with a header, simple without, simple with, multiline without, grid
 *   with, grid without. What Pandoc tries first is not a table: a pipe table (remark-gfm's), a
 *   setext heading (text over a line of dashes alone), a list item, a heading, a YAML block.
 * - Columns as Pandoc's `splitTextByIndices` cuts them (pandoc-table-columns.ts): at the dashed
 *   line's columns (tabs stopping every 4 columns, East Asian wide characters counting 2), the last
 *   column to the line's end, what stands left of the first dropped, as Pandoc drops it; grid
 *   tables at the `+` of the separator line, with no cells spanning rows or columns (Pandoc 2.17
 *   has none).
 * - Alignment: the header's text against its dashes (or the first row's, with no header); in a grid
 *   table, the colons of the `+:==:+` line (of the top line, with no header).
 */

import { alignType, cut, dashedLine, gridLine, isBar, splitLines, trimPiece, type Align, type Line, type Piece } from './pandoc-table-columns.ts';

export type TableSyntax = 'simple' | 'multiline' | 'grid';

export interface ScannedCell {
  /** Simple and multiline tables: each line's text, trimmed, none empty. Grid: every line, as Pandoc hands them to its block parser. */
  readonly lines: readonly Piece[];
  /** Where the cell begins on its first line: the place of an empty cell. */
  readonly at: number;
}

export interface ScannedRow extends Piece {
  readonly cells: readonly ScannedCell[];
}

/** From the start of its first line to the end of its last line (before the line ending). */
export interface ScannedTable extends Piece {
  readonly syntax: TableSyntax;
  readonly align: readonly Align[];
  /** Undefined for a table without a header (or whose header cells are all empty, which Pandoc prints as none). */
  readonly head: ScannedRow | undefined;
  readonly rows: readonly ScannedRow[];
}

// Any indentation: a fence in a list item is indented, and a table is never looked for in code.
const CODE_FENCE = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const BLANK = /^[ \t]*$/;
const SETEXT_UNDERLINE = /^(?:-+|=+)[ \t]*$/;
/** What Pandoc reads before it tries a table: a list item, a heading, a fenced div, an HTML block. */
const OTHER_BLOCK = /^(?: {0,3}[-+*](?:[ \t]|$)| {0,3}#{1,6}(?:[ \t]|$)|:::| {0,3}<(?:!--|\/?(?:address|article|aside|blockquote|details|div|dl|fieldset|figure|footer|form|h[1-6]|header|hr|main|nav|ol|p|pre|section|script|style|table|ul)\b))/i;
const PIPE_BREAK = /^ {0,3}(?:\|[ \t]*:?-+:?[ \t]*(?:[|+][ \t]*:?-+:?[ \t]*)*|:?-+:?[ \t]*(?:[|+][ \t]*:?-+:?[ \t]*)+)\|?[ \t]*$/;
const RAW_HTML_BLOCK = /^ {0,3}<(!--|(?:pre|script|style|textarea)(?=[\s>]|$))/i;

class TableReader {
  private readonly text: string;
  private readonly lines: readonly Line[];

  constructor(text: string, lines: readonly Line[]) {
    this.text = text;
    this.lines = lines;
  }

  private blank(i: number): boolean {
    return BLANK.test(this.lines[i]?.text ?? '');
  }

  private rowLine(i: number): boolean {
    return !this.blank(i) && !dashedLine(this.lines[i]);
  }

  /** The table whose first line is line `i`, if one starts there. */
  read(i: number): { table: ScannedTable; last: number } | undefined {
    const line = this.lines[i]!.text;
    const next = this.lines[i + 1]?.text ?? '';
    if (SETEXT_UNDERLINE.test(next) || OTHER_BLOCK.test(line) || (line.includes('|') && PIPE_BREAK.test(next))) return undefined;
    if (line.startsWith('+')) return this.simple(i, true) ?? this.grid(i, true) ?? this.grid(i, false);
    if (!dashedLine(this.lines[i])) return this.simple(i, true);
    return this.multiline(i, true) ?? this.simple(i, false) ?? this.simple(i, true) ?? this.multiline(i, false);
  }

  private table(syntax: TableSyntax, first: number, last: number, align: Align[], head: ScannedRow | undefined, rows: ScannedRow[]) {
    const empty = head?.cells.every((cell) => cell.lines.every((p) => this.text.slice(p.start, p.end).trim() === ''));
    return { table: { syntax, start: this.lines[first]!.offset, end: this.end(last), align, head: empty ? undefined : head, rows }, last };
  }

  /** A row of a simple or multiline table: its lines cut at the columns, each cell's lines trimmed. */
  private row(first: number, last: number, bounds: readonly number[]): ScannedRow {
    const lines = this.lines.slice(first, last + 1);
    const cut_ = lines.map((line) => cut(line, bounds));
    const cells = bounds.map((_, k) => ({
      lines: cut_.map((pieces) => trimPiece(this.text, pieces[k]!)).filter((p) => p.end > p.start),
      at: cut_[0]![k]!.start,
    }));
    return { start: lines[0]!.offset, end: this.end(last), cells };
  }

  private end(line: number): number {
    return this.lines[line]!.offset + this.lines[line]!.text.length;
  }

  private simple(i: number, header: boolean) {
    const dashLine = header ? i + 1 : i;
    const dashes = dashedLine(this.lines[dashLine]);
    if (!dashes) return undefined;
    let j = dashLine + 1;
    while (this.rowLine(j)) j++;
    if (j === dashLine + 1) return undefined;
    const footer = dashedLine(this.lines[j]) !== undefined;
    if (!header && !footer) return undefined;
    const alignFrom = this.lines[header ? i : i + 1]!;
    const align = cut(alignFrom, dashes.bounds).map((p, k) => alignType([this.text.slice(p.start, p.end)], dashes.dashes[k]!));
    const rows = Array.from({ length: j - dashLine - 1 }, (_, k) => this.row(dashLine + 1 + k, dashLine + 1 + k, dashes.bounds));
    return this.table('simple', i, footer ? j : j - 1, align, header ? this.row(i, i, dashes.bounds) : undefined, rows);
  }

  private multiline(i: number, header: boolean) {
    let k = i;
    if (header) {
      if (this.blank(i + 1)) return undefined;
      k = i + 1;
      while (k < this.lines.length && !dashedLine(this.lines[k])) k++;
      if (k === i + 1 || k >= this.lines.length) return undefined;
    }
    const dashes = dashedLine(this.lines[k])!;
    const rows: ScannedRow[] = [];
    let j = k + 1;
    for (;;) {
      const first = j;
      while (this.rowLine(j)) j++;
      if (j === first) break;
      rows.push(this.row(first, j - 1, dashes.bounds));
      const row = j;
      while (j < this.lines.length && this.blank(j)) j++;
      if (j === row) break;
    }
    if (rows.length === 0 || !dashedLine(this.lines[j])) return undefined;
    const headLines = header ? this.lines.slice(i + 1, k) : [this.lines[k + 1]!];
    const texts = headLines.map((line) => cut(line, dashes.bounds).map((p) => this.text.slice(p.start, p.end)));
    const align = dashes.dashes.map((n, c) => alignType(texts.map((t) => t[c]!), n));
    return this.table('multiline', i, j, align, header ? this.row(i + 1, k - 1, dashes.bounds) : undefined, rows);
  }

  /** A row of a grid table: each cell's lines as Pandoc hands them to its block parser. */
  private gridRow(first: number, last: number, bounds: readonly number[], header: boolean): ScannedRow {
    const lines = this.lines.slice(first, last + 1);
    const cut_ = lines.map((line) => cut(line, bounds.map((b) => b + 1), line.text.replace(/[ \t]+$/, '').length));
    const cells = bounds.map((_, k) => {
      // removeFinalBar: the cell's right border and the spaces before it.
      let pieces = cut_.map((pieces) => {
        let { start, end } = pieces[k]!;
        while (end > start && isBar(this.text[end - 1])) end--;
        return header ? trimPiece(this.text, { start, end }) : trimPiece(this.text, { start, end }, false);
      });
      // removeOneLeadingSpace: one space less on every line, when every line has one.
      if (!header && pieces.every((p) => p.end === p.start || this.text[p.start] === ' ')) pieces = pieces.map((p) => (p.end > p.start ? { start: p.start + 1, end: p.end } : p));
      return { lines: pieces, at: cut_[0]![k]!.start };
    });
    return { start: lines[0]!.offset, end: this.end(last), cells };
  }

  private gridRowLine(i: number): boolean {
    return isBar(this.lines[i]?.text[0]) && this.lines[i]!.text.length > 1;
  }

  private grid(i: number, header: boolean) {
    const top = gridLine(this.lines[i], '-');
    if (!top) return undefined;
    let j = i + 1;
    let columns = top;
    let head: ScannedRow | undefined;
    if (header) {
      while (this.gridRowLine(j)) j++;
      const under = gridLine(this.lines[j], '=');
      if (j === i + 1 || !under || under.widths.length !== top.widths.length) return undefined;
      columns = under;
      j += 1;
    }
    const bounds = columns.widths.reduce<number[]>((acc, w) => [...acc, acc.at(-1)! + w + 1], [0]).slice(0, -1);
    if (header) head = this.gridRow(i + 1, j - 2, bounds, true);
    const rows: ScannedRow[] = [];
    for (;;) {
      const first = j;
      while (this.gridRowLine(j)) j++;
      if (j === first) break;
      rows.push(this.gridRow(first, j - 1, bounds, false));
      if (!gridLine(this.lines[j], '-')) break;
      j += 1;
    }
    if (rows.length === 0) return undefined;
    return this.table('grid', i, j - 1, columns.align, head, rows);
  }
}

/** The simple, multiline and grid tables of a Markdown text, in order. */
export function findPandocTables(text: string): ScannedTable[] {
  if (!/^ {0,3}-{2,}|^\+[-=:]/m.test(text)) return [];
  const lines = splitLines(text);
  const reader = new TableReader(text, lines);
  const tables: ScannedTable[] = [];
  let fence: { char: string; length: number } | undefined;
  // The end of raw HTML that may hold blank lines: a comment, or CommonMark's HTML block 1 (`<pre>`…).
  let htmlEnd: RegExp | undefined;
  // Whether a block may start on this line: at the start, or after a blank line or a block that ends by itself.
  let blockStart = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.text;
    const code = CODE_FENCE.exec(line);
    if (fence || htmlEnd) {
      if (fence && code && code[1]![0] === fence.char && code[1]!.length >= fence.length && code[2]!.trim() === '') fence = undefined;
      else if (htmlEnd?.test(line)) htmlEnd = undefined;
      blockStart = !fence && !htmlEnd;
      continue;
    }
    if (code && !(code[1]![0] === '`' && code[2]!.includes('`'))) {
      fence = { char: code[1]![0]!, length: code[1]!.length };
      continue;
    }
    const tag = RAW_HTML_BLOCK.exec(line)?.[1];
    if (tag) {
      const end = tag === '!--' ? /-->/ : new RegExp(`</${tag}>`, 'i');
      if (!end.test(line.slice(line.indexOf('<') + 4))) htmlEnd = end;
      blockStart = false;
      continue;
    }
    if (BLANK.test(line)) {
      blockStart = true;
      continue;
    }
    // A YAML metadata block, which Pandoc reads before it tries a table (`---` over a line of text).
    if (blockStart && /^---[ \t]*$/.test(line) && !BLANK.test(lines[i + 1]?.text ?? '')) {
      let close = i + 2;
      while (close < lines.length && !/^(?:---|\.\.\.)[ \t]*$/.test(lines[close]!.text)) close++;
      if (close < lines.length) {
        i = close;
        continue;
      }
    }
    const found = blockStart ? reader.read(i) : undefined;
    if (found) {
      tables.push(found.table);
      i = found.last;
      continue;
    }
    // An HTML comment opened within the line runs on, blank lines and all, to its end.
    const comment = line.lastIndexOf('<!--');
    if (comment !== -1 && !line.includes('-->', comment + 4) && (line.slice(0, comment).split('`').length - 1) % 2 === 0) htmlEnd = /-->/;
    blockStart = ATX_HEADING.test(line);
  }
  return tables;
}
