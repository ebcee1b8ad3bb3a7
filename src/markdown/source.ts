/** The document's source text and positions in it, shared by the Pandoc Markdown plugins. */
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import { lineStartOffsets, pointFinder } from '../lib/lines.ts';

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
  const starts = lineStartOffsets(text);
  const point: (offset: number) => Point = pointFinder(text);
  return {
    text,
    point,
    span: (start, end) => ({ start: point(start), end: point(end) }),
    lineStart: (line) => starts[Math.min(Math.max(line, 1), starts.length) - 1]!,
  };
}

/** `file.message` with the `apparatus:` origin the plugins' rule ids share. */
export const ORIGIN = 'apparatus';
