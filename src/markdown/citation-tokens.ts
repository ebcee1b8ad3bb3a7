/**
 * The tokens Pandoc's citation syntax is read from: each character of a run of inline text (knowing
 * whether the writer escaped it) or a whole inline element. Kept apart from the readers so that the
 * key grammar (citation-keys.ts) and the cluster reader (citation-syntax.ts) share one notion of
 * what an unescaped character, a space and a bracket are.
 */

/** One character of text, or a whole inline element. */
export type InlineToken =
  | { readonly kind: 'char'; readonly char: string; readonly escaped: boolean }
  /** `keyText`: an address GFM made a link of, which a braced key `@{https://…}` may hold. */
  | { readonly kind: 'node'; readonly keyText?: string };

/** A half-open range of token indexes. */
export interface TokenRange {
  readonly from: number;
  readonly to: number;
}

export function charAt(tokens: readonly InlineToken[], i: number): string | undefined {
  const token = tokens[i];
  return token?.kind === 'char' && !token.escaped ? token.char : undefined;
}

export function isSpace(tokens: readonly InlineToken[], i: number): boolean {
  const token = tokens[i];
  return token?.kind === 'char' && /^\s$/u.test(token.char);
}

/** Any character, escaped or not, for the letter-before-@ rule. */
export function anyCharAt(tokens: readonly InlineToken[], i: number): string | undefined {
  const token = tokens[i];
  return token?.kind === 'char' ? token.char : undefined;
}

/** The index of the `]` that closes the `[` at `open`, or -1. Escaped brackets do not count. */
export function matchingBracket(tokens: readonly InlineToken[], open: number, to = tokens.length): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    const char = charAt(tokens, i);
    if (char === '[') depth += 1;
    else if (char === ']') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Tokens of a plain string, `\` escaping the next ASCII punctuation character (for tests and metadata). */
export function tokenizeText(text: string): InlineToken[] {
  const tokens: InlineToken[] = [];
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (char === '\\' && i + 1 < chars.length && /^[!-/:-@[-`{-~]$/.test(chars[i + 1]!)) {
      tokens.push({ kind: 'char', char: chars[i + 1]!, escaped: true });
      i += 1;
    } else {
      tokens.push({ kind: 'char', char, escaped: false });
    }
  }
  return tokens;
}
