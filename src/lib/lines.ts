/** Lines of a text by offset, found by binary search over its line starts (files run to megabytes). */

export function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** The 1-based line of an offset, given the text's line starts. */
export function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** A function from offset to line, for a text looked up many times. */
export function lineFinder(text: string): (offset: number) => number {
  const starts = lineStartOffsets(text);
  return (offset) => lineOf(starts, offset);
}

/** A function from offset to unist point (1-based line and column), for a text looked up many times. */
export function pointFinder(text: string): (offset: number) => { line: number; column: number; offset: number } {
  const starts = lineStartOffsets(text);
  return (offset) => {
    const line = lineOf(starts, offset);
    return { line, column: offset - starts[line - 1]! + 1, offset };
  };
}
