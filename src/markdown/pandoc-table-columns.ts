/**
 * A table's lines measured as Pandoc measures them (its `splitTextByIndices`, `dashedLine`,
 * `alignType` and grid separator lines): columns with tabs stopping every 4 and East Asian wide
 * characters counting 2, lines cut at columns, alignment read from dashes and colons. Apart from
 * pandoc-table-scan.ts, which decides where a table is; this only says how a line is cut.
 */
import { PIPE_PLACEHOLDER, SPACE_PLACEHOLDER } from './parser-stand-ins.ts';

export type Align = 'left' | 'right' | 'center' | null;

/** One line's part of a cell, or a row: offsets into the document. */
export interface Piece {
  readonly start: number;
  readonly end: number;
}

/** A line without its line ending, and where it starts. */
export interface Line {
  readonly text: string;
  readonly offset: number;
}

const DASHED = /^( {0,3})((?:-+[ \t]*)+)$/;
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200B-\u200F\u2060\uFEFF]/u;

export function splitLines(text: string): Line[] {
  let offset = 0;
  return text.split('\n').map((raw) => {
    const line = { text: raw.replace(/\r$/, ''), offset };
    offset += raw.length + 1;
    return line;
  });
}

/** Each character's index in the line and the column it starts at, as Pandoc counts columns. */
function columnsOf(text: string): { index: number; column: number }[] {
  const out: { index: number; column: number }[] = [];
  let column = 0;
  let index = 0;
  for (const char of text) {
    out.push({ index, column });
    column = char === '\t' ? column + 4 - (column % 4) : column + (ZERO_WIDTH.test(char) ? 0 : WIDE.test(char) ? 2 : 1);
    index += char.length;
  }
  out.push({ index, column });
  return out;
}

/** The line cut at columns `bounds`: piece k runs from bounds[k] to bounds[k + 1] (the last to `limit`). */
export function cut(line: Line, bounds: readonly number[], limit = line.text.length): Piece[] {
  const columns = columnsOf(line.text);
  const indexAt = (column: number) => Math.min(columns.find((c) => c.column >= column)?.index ?? limit, limit);
  return bounds.map((bound, k) => ({ start: line.offset + indexAt(bound), end: line.offset + (k + 1 < bounds.length ? indexAt(bounds[k + 1]!) : limit) }));
}

// Also the stand-ins of source-scan.ts, whose scan knows no tables: a space of a link's destination
// and a `|` of math may be a table's, where a destination or math seemed to run across cells.
const isSpace = (char: string | undefined) => char === ' ' || char === '\t' || char === SPACE_PLACEHOLDER;
export const isBar = (char: string | undefined) => char === '|' || char === PIPE_PLACEHOLDER;

export function trimPiece(text: string, piece: Piece, left = true): Piece {
  let { start, end } = piece;
  while (left && start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return { start, end };
}

/** Pandoc's `dashedLine`s: the column each group of dashes starts at, and its dashes' length. */
export function dashedLine(line: Line | undefined): { bounds: number[]; dashes: number[] } | undefined {
  if (!line || !DASHED.test(line.text) || /^ {0,3}-[ \t]/.test(line.text)) return undefined;
  const columns = columnsOf(line.text);
  const groups = [...line.text.matchAll(/-+/g)];
  return { bounds: groups.map((g) => columns.find((c) => c.index === g.index)!.column), dashes: groups.map((g) => g[0].length) };
}

/** Pandoc's `alignType`: the shortest of the column's header texts against the length of its dashes. */
export function alignType(texts: readonly string[], dashes: number): Align {
  const nonEmpty = texts.map((t) => t.replace(/[ \t\r\n]+$/, '')).filter((t) => t !== '');
  const shortest = nonEmpty.reduce<string | undefined>((a, t) => (a === undefined || [...t].length < [...a].length ? t : a), undefined);
  if (shortest === undefined) return null;
  const left = shortest[0] === ' ' || shortest[0] === '\t';
  const right = [...shortest].length < dashes;
  return left ? (right ? 'center' : 'right') : right ? 'left' : null;
}

/** `+---+:--:+` (or `+===+`): the width of each part, colons included, and its alignment. */
export function gridLine(line: Line | undefined, char: '-' | '='): { widths: number[]; align: Align[] } | undefined {
  const pattern = char === '-' ? /^\+(?::?-+:?\+)+[ \t]*$/ : /^\+(?::?=+:?\+)+[ \t]*$/;
  if (!line || !pattern.test(line.text)) return undefined;
  const parts = line.text.replace(/[ \t]+$/, '').slice(1, -1).split('+');
  const align = parts.map((p): Align => (p.startsWith(':') ? (p.endsWith(':') ? 'center' : 'left') : p.endsWith(':') ? 'right' : null));
  return { widths: parts.map((p) => p.length), align };
}
