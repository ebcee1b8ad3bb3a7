/**
 * Raw TeX read in the source as Pandoc reads it: where a command ends, and where TeX math between
 * dollars lies (whose commands are math, not raw TeX). Apart from raw-tex.ts because two different
 * cuts rest on it: inline nodes (raw-tex.ts) and an image's description, which is plain text
 * (raw-tex-alt.ts).
 */

export const LETTER = /\p{L}/u;

/** The end (exclusive) of the raw TeX command whose backslash is at `start`, or undefined. */
export function rawTexEnd(text: string, start: number, limit: number): number | undefined {
  if (text[start] !== '\\') return undefined;
  let i = start + 1;
  while (i < limit && LETTER.test(text[i]!)) i++;
  if (i === start + 1) return undefined;
  const name = text.slice(start + 1, i);
  const skipSpaces = (from: number) => {
    let j = from;
    while (j < limit && (text[j] === ' ' || text[j] === '\t')) j++;
    return j;
  };
  if (text[i] === '*') return skipSpaces(i + 1);
  let j = skipSpaces(i);
  let options = false;
  while (text[j] === '[') {
    const close = closing(text, j, limit, '[', ']');
    if (close === undefined) break;
    options = true;
    j = skipSpaces(close + 1);
  }
  if (text[j] !== '{') return options ? j : skipSpaces(i);
  let k = j;
  while (text[k] === '{') {
    const close = closing(text, k, limit, '{', '}');
    // `\foo{x` is text to Pandoc, command and all.
    if (close === undefined) return undefined;
    k = close + 1;
  }
  if (name === 'begin') {
    const env = text.slice(j + 1, closing(text, j, limit, '{', '}'));
    const endAt = text.indexOf(`\\end{${env}}`, k);
    if (endAt !== -1 && endAt < limit) return endAt + `\\end{${env}}`.length;
  }
  return k;
}

/** The offset of the bracket closing the one at `open` (TeX escapes skipped), or undefined. */
function closing(text: string, open: number, limit: number, left: string, right: string): number | undefined {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const char = text[i];
    if (char === '\\') i += 1;
    else if (char === '\n' && /^\n[ \t]*\n/.test(text.slice(i, i + 40))) return undefined;
    else if (char === left) depth += 1;
    else if (char === right && --depth === 0) return i;
  }
  return undefined;
}

/** A character of a run, for finding TeX math: code and other nodes are `undefined`. */
export interface RunChar {
  readonly char: string;
  readonly escaped: boolean;
  readonly offset: number;
}

/**
 * Source ranges of TeX math between dollars, by Pandoc's rules: `$$…$$`, or `$…$` where the opening
 * `$` has a non-space after it and the closing one a non-space before it and no digit after it.
 */
export function mathRanges(run: readonly (RunChar | undefined)[]): [number, number][] {
  const ranges: [number, number][] = [];
  const isDollar = (i: number) => run[i]?.char === '$' && !run[i]!.escaped;
  for (let i = 0; i < run.length; i++) {
    if (!isDollar(i)) continue;
    if (isDollar(i + 1)) {
      for (let j = i + 2; j + 1 < run.length; j++) {
        if (isDollar(j) && isDollar(j + 1)) {
          ranges.push([run[i]!.offset, run[j + 1]!.offset + 1]);
          i = j + 1;
          break;
        }
      }
      continue;
    }
    const next = run[i + 1];
    if (!next || /\s/.test(next.char)) continue;
    for (let j = i + 1; j < run.length; j++) {
      if (!isDollar(j)) continue;
      const before = run[j - 1];
      const after = run[j + 1];
      if (j > i + 1 && before && !/\s/.test(before.char) && !(after && /[0-9]/.test(after.char))) {
        ranges.push([run[i]!.offset, run[j]!.offset + 1]);
        i = j;
        break;
      }
    }
  }
  return ranges;
}

/** `\label{…}`: an anchor, which prints nothing. */
export const LABEL_COMMAND = /^\\label\s*\{/;

export interface RawTexCommand {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export type RawTexReport = (command: RawTexCommand) => void;
