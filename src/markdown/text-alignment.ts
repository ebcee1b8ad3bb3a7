/**
 * A text node's characters placed back in the source. The parser decodes escapes and entities and
 * drops the indentation and `>` markers of continuation lines, so a plugin that cuts text at a
 * source offset, or must tell `\\newpage` from `\newpage`, needs each character's place and whether
 * it was escaped. Several plugins need that (raw-tex.ts, superscripts.ts, tex-environments.ts),
 * none of them more than another, so it lives on its own.
 */
import type { Text } from 'mdast';

export const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;

/** One character of a text node's value, with the place (and width) of what wrote it. */
export interface Char {
  readonly char: string;
  readonly escaped: boolean;
  /** Offset in the source of the character or of its escape. */
  readonly offset: number;
  readonly width: number;
}

/**
 * The characters of a text node, each placed in the source; undefined when the value cannot be
 * matched to the source (then the node is left as it is). `verbatim` ranges of the source were
 * read by the parser as as many stand-in characters.
 */
export function alignText(node: Text, text: string, verbatim: readonly { readonly start: number; readonly end: number }[] = []): Char[] | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const value = node.value;
  const chars: Char[] = [];
  let s = start;
  let v = 0;
  while (v < value.length) {
    if (s >= end) return undefined;
    const char = value[v]!;
    const sourceChar = text[s];
    // A range the parser read as stand-ins (a raw TeX environment): one character for one.
    if (verbatim.some((range) => s >= range.start && s < range.end)) {
      chars.push({ char, escaped: false, offset: s, width: 1 });
      s += 1;
      v += 1;
    } else if (sourceChar === char) {
      chars.push({ char, escaped: false, offset: s, width: 1 });
      s += 1;
      v += 1;
    } else if (sourceChar === '\\' && text[s + 1] === char && ASCII_PUNCTUATION.test(char)) {
      chars.push({ char, escaped: true, offset: s, width: 2 });
      s += 2;
      v += 1;
    } else if (sourceChar === '&') {
      const entity = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.exec(text.slice(s, s + 40));
      if (!entity) return undefined;
      const decodedWidth = (value.codePointAt(v) ?? 0) > 0xffff ? 2 : 1;
      for (let k = 0; k < decodedWidth; k++) chars.push({ char: value[v + k]!, escaped: true, offset: s, width: k === 0 ? entity[0].length : 0 });
      s += entity[0].length;
      v += decodedWidth;
    } else if (sourceChar === ' ' || sourceChar === '\t' || sourceChar === '\r' || sourceChar === '>') {
      // Indentation and block-quote markers at the start of a continuation line are not text.
      s += 1;
    } else {
      return undefined;
    }
  }
  return chars;
}
