/**
 * CriticMarkup read as its author's accepted text. Apart from source-scan.ts because it is needed
 * on text the scan never reaches too (an image's description, read again by figures.ts).
 */

export const CRITIC_OPENING = /^\{(--|\+\+|==|>>|~~)/;
const CRITIC_CLOSING: Readonly<Record<string, string>> = { '--': '--}', '++': '++}', '==': '==}', '>>': '<<}', '~~': '~~}' };

/**
 * A text with its CriticMarkup read as accepted (see criticMarkupAt), what is left out blanked with
 * `fill` (spaces by default) so that every offset stays: for text the scan does not reach, such as
 * an image's description, which figures.ts reads again from the source.
 */
export function blankCriticMarkup(text: string, fill = ' '): string {
  if (!/\{(--|\+\+|~~|==|>>)/.test(text)) return text;
  const chars = text.split('');
  let i = text.indexOf('{');
  while (i !== -1) {
    const marks = CRITIC_CLOSING[text.slice(i + 1, i + 3)] ? criticMarkupAt(text, i) : [];
    for (const { start, end } of marks) for (let k = start; k < end; k++) if (chars[k] !== '\n') chars[k] = fill;
    i = text.indexOf('{', marks.length > 0 ? marks[marks.length - 1]!.end : i + 1);
  }
  return chars.join('');
}

/**
 * CriticMarkup (`{--deleted--}`, `{++added++}`, `{~~old~>new~~}`, `{==highlighted==}`,
 * `{>>comment<<}`), read as its author's accepted text: what the page leaves out of a mark at
 * `offset` (the whole of a deletion or comment; the marks of an addition or highlight; the old text
 * and the marks of a substitution). None when the mark never closes.
 */
export function criticMarkupAt(text: string, offset: number): { start: number; end: number }[] {
  const kind = text.slice(offset + 1, offset + 3);
  const close = text.indexOf(CRITIC_CLOSING[kind]!, offset + 3);
  if (close === -1) return [];
  const end = close + 3;
  if (kind === '--' || kind === '>>') return [{ start: offset, end }];
  if (kind === '~~') {
    const arrow = text.indexOf('~>', offset + 3);
    if (arrow === -1 || arrow > close) return [];
    return [{ start: offset, end: arrow + 2 }, { start: close, end }];
  }
  return [{ start: offset, end: offset + 3 }, { start: close, end }];
}
