/** The document's source text and positions in it, shared by the Pandoc Markdown plugins. */
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';

export interface Source {
  readonly text: string;
  /** The point (line, column, offset) of an offset into the text. */
  readonly point: (offset: number) => Point;
  readonly span: (start: number, end: number) => Position;
  /** Offset of the start of a 1-based line. */
  readonly lineStart: (line: number) => number;
}

export function sourceOf(file: VFile): Source {
  const text = String(file.value);
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const point = (offset: number): Point => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1, offset };
  };
  return {
    text,
    point,
    span: (start, end) => ({ start: point(start), end: point(end) }),
    lineStart: (line) => starts[Math.min(Math.max(line, 1), starts.length) - 1]!,
  };
}

/** `file.message` with the `apparatus:` origin the plugins' rule ids share. */
export const ORIGIN = 'apparatus';
