/**
 * Pandoc's fancy_lists: ordered lists numbered with letters or roman numerals, or with the number
 * in parentheses: `a)`, `(a)`, `A.`, `iv.`, `(1)`, `#.`. CommonMark knows `1.` and `1)` only, and
 * prints the others as text, running the items together into one paragraph.
 *
 * The markers are found in the source before the parse and each is shown to the parser as a
 * CommonMark marker of the same length (`(a)` as ` 1)`), so every offset and column stays; the
 * list then gets its start and its numbering type back (`<ol type="a" start="3">`), as Pandoc
 * writes it. As in Pandoc, a list's first item follows a blank line (it cannot interrupt a
 * paragraph), and a capital letter with a period needs two spaces after it (`B.  Russell`), so
 * that an initial at the start of a line is not a list.
 */
import type { List, Root } from 'mdast';
import { visit } from 'unist-util-visit';

export interface FancyMarker {
  /** Offset of the marker's first character (its `(` or its first letter or digit). */
  readonly offset: number;
  /** The marker as written: `(a)`, `iv.`. */
  readonly written: string;
  /** Its CommonMark stand-in, of the same length. */
  readonly standIn: string;
  readonly start: number;
  /** HTML's `type` of the list: `a`, `A`, `i`, `I`, or `1`. */
  readonly type: 'a' | 'A' | 'i' | 'I' | '1';
}

/** A marker, after any block quote's `>` marks and up to three spaces. */
const MARKER = /^((?: {0,3}> ?)* {0,3})(\(?)(#|[0-9]{1,9}|[a-zA-Z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})([.)])( +|\t|$)/;
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ROMAN: Readonly<Record<string, number>> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

function romanValue(numeral: string): number | undefined {
  const letters = numeral.toLowerCase();
  let total = 0;
  for (let k = 0; k < letters.length; k++) {
    const value = ROMAN[letters[k]!];
    const next = ROMAN[letters[k + 1] ?? ''] ?? 0;
    if (value === undefined) return undefined;
    total += value < next ? -value : value;
  }
  return total;
}

/** A marker's start and type, or undefined when it is CommonMark's own (`1.`, `1)`) or none. */
function reading(open: string, body: string, delimiter: string, after: string, continuing: 'a' | 'A' | 'i' | 'I' | '1' | undefined): Pick<FancyMarker, 'start' | 'type'> | undefined {
  if (open === '(' && delimiter !== ')') return undefined;
  if (body === '#') return { start: 1, type: '1' };
  if (/^[0-9]+$/.test(body)) return open === '(' ? { start: Number(body), type: '1' } : undefined;
  // A lone i, v, x… is a roman numeral where a roman list goes on, or where it is "i".
  const roman = romanValue(body);
  const isRoman = roman !== undefined && (body.length > 1 || continuing === 'i' || continuing === 'I' || /^[iI]$/.test(body));
  if (isRoman) return { start: roman, type: body === body.toLowerCase() ? 'i' : 'I' };
  if (body.length !== 1) return undefined;
  // `B. Russell`: a capital letter and a period need two spaces to be a marker.
  if (/[A-Z]/.test(body) && delimiter === '.' && open === '' && after.length < 2 && after !== '\t') return undefined;
  return { start: body.toLowerCase().charCodeAt(0) - 96, type: body === body.toLowerCase() ? 'a' : 'A' };
}

/** The fancy list markers of a Markdown text, outside code fences. */
export function findFancyMarkers(text: string): FancyMarker[] {
  const markers: FancyMarker[] = [];
  let offset = 0;
  let fence: string | undefined;
  let previousBlank = true;
  /** The list being read: its type, while items and their continuations go on. */
  let inList: FancyMarker['type'] | undefined;
  /** Its style as written (`(a)`, `a.`), and the delimiter its stand-ins use. */
  let style = '';
  let delimiter: '.' | ')' = '.';
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    const codeMarker = CODE_FENCE.exec(line)?.[1];
    if (codeMarker && (!fence || (codeMarker[0] === fence[0] && codeMarker.length >= fence.length))) {
      fence = fence ? undefined : codeMarker;
      previousBlank = false;
      continue;
    }
    if (fence) continue;
    const blank = line.replace(/^(?: {0,3}>)+/, '').trim() === '';
    const match = blank ? null : MARKER.exec(line);
    const read = match ? reading(match[2]!, match[3]!, match[4]!, match[5]!, inList) : undefined;
    if (match && read && (previousBlank || inList !== undefined)) {
      const written = `${match[2]}${match[3]}${match[4]}`;
      const itemStyle = `${match[2]}${read.type}${match[4]}`;
      // A list in another style is another list, as in Pandoc; CommonMark starts one where the
      // delimiter changes, so the stand-ins of consecutive lists take turns.
      if (inList === undefined) delimiter = match[4] === ')' || match[2] === '(' ? ')' : '.';
      else if (itemStyle !== style) delimiter = delimiter === '.' ? ')' : '.';
      style = itemStyle;
      markers.push({ offset: lineStart + match[1]!.length, written, standIn: `1${delimiter}`.padStart(written.length, ' '), ...read });
      inList = read.type;
    } else if (!blank && !/^\s/.test(line) && previousBlank) {
      // A paragraph at the left margin after a blank line ends the list.
      inList = undefined;
    }
    previousBlank = blank;
  }
  return markers;
}

/** The text with each fancy marker replaced by its stand-in: same length, same lines. */
export function hideFancyMarkers(text: string, markers: readonly FancyMarker[]): string {
  let out = '';
  let cursor = 0;
  for (const marker of markers) {
    out += text.slice(cursor, marker.offset) + marker.standIn;
    cursor = marker.offset + marker.written.length;
  }
  return out + text.slice(cursor);
}

interface TreeData {
  fancyMarkers?: readonly FancyMarker[];
}

export function setFancyMarkers(tree: Root, markers: readonly FancyMarker[]): void {
  tree.data = { ...tree.data, fancyMarkers: markers } as Root['data'] & TreeData;
}

/** Each list begun by a fancy marker gets its start and numbering type back. */
export default function remarkFancyLists() {
  return (tree: Root) => {
    const markers = (tree.data as TreeData | undefined)?.fancyMarkers ?? [];
    if (markers.length === 0) return;
    const byOffset = new Map(markers.map((m) => [m.offset, m]));
    visit(tree, 'list', (list: List) => {
      const first = list.children[0]?.position?.start.offset;
      // The item starts at the marker, or at the stand-in's first non-space character.
      const marker = first === undefined ? undefined : (byOffset.get(first) ?? [...byOffset.values()].find((m) => first > m.offset && first < m.offset + m.written.length));
      if (!marker || !list.ordered) return;
      list.start = marker.start;
      if (marker.type !== '1') (list.data ??= {}).hProperties = { ...(list.data.hProperties ?? {}), type: marker.type };
    });
  };
}
