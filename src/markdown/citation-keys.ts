/**
 * The grammar of a citation key, as Pandoc reads it after `@`: once on tokens, for the tree the
 * renderer formats, and once on the raw Markdown, for the keys a render task must carry. Both
 * readings live here so they cannot drift apart.
 */
import { anyCharAt, charAt, type InlineToken } from './citation-tokens.ts';

const WORD = /^[\p{L}\p{N}_]$/u;
const ALPHANUMERIC = /^[\p{L}\p{N}]$/u;
const INTERNAL_PUNCTUATION = ':.#$%&-+?<>~/';

export interface KeyAt {
  readonly key: string;
  /** Index of the `@` or of the `-` before it. */
  readonly start: number;
  /** Index just past the key. */
  readonly end: number;
  readonly suppressAuthor: boolean;
}

export type KeyReading = KeyAt | { readonly problem: string; readonly start: number } | undefined;

/**
 * Reads a citation key at `at` (an unescaped `@` or `-@`), as Pandoc does: not right after a letter or
 * digit (an e-mail address); a key starts with a letter, digit or `_` and may hold `:.#$%&-+?<>~/`
 * between word characters (and `://`); `@{…}` holds anything but spaces, braces balanced.
 */
export function readKeyAt(tokens: readonly InlineToken[], at: number): KeyReading {
  let start = at;
  let suppressAuthor = false;
  if (charAt(tokens, at) === '-' && charAt(tokens, at + 1) === '@') {
    suppressAuthor = true;
    at += 1;
  }
  if (charAt(tokens, at) !== '@') return undefined;
  const before = anyCharAt(tokens, start - 1);
  if (before !== undefined && ALPHANUMERIC.test(before)) return undefined;
  const first = at + 1;
  if (charAt(tokens, first) === '{') {
    let depth = 0;
    let key = '';
    for (let i = first; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.kind === 'node') {
        if (token.keyText === undefined) break;
        key += token.keyText;
        continue;
      }
      if (/\s/u.test(token.char)) break;
      if (!token.escaped && token.char === '{') depth += 1;
      if (!token.escaped && token.char === '}') {
        depth -= 1;
        if (depth === 0) {
          return key === '' ? { problem: '@{}', start } : { key, start, end: i + 1, suppressAuthor };
        }
      }
      if (i > first) key += token.char;
    }
    return { problem: `@{${key}`, start };
  }
  const firstChar = anyCharAt(tokens, first);
  if (firstChar === undefined || !WORD.test(firstChar)) return undefined;
  let end = first;
  let key = '';
  for (;;) {
    const char = anyCharAt(tokens, end);
    if (char === undefined) break;
    const escaped = (tokens[end] as { escaped: boolean }).escaped;
    if (!escaped && WORD.test(char)) {
      key += char;
      end += 1;
      continue;
    }
    const next = charAt(tokens, end + 1);
    if (!escaped && INTERNAL_PUNCTUATION.includes(char) && next !== undefined && WORD.test(next)) {
      key += char;
      end += 1;
      continue;
    }
    if (!escaped && (char === ':' || char === '/') && next === '/') {
      key += char;
      end += 1;
      continue;
    }
    break;
  }
  return { key, start, end, suppressAuthor };
}

/**
 * Every key the Markdown may cite, read from the raw text by readKeyAt's grammar: what a render task
 * must carry of a bibliography of thousands of entries. It may find more keys than the tree holds
 * (an `@` in code, an escaped one) but not fewer; a key it misses anyway, say one built from a
 * character reference, is caught by the render pass's check and the task done again with the key
 * (see render/cached-render.ts).
 */
export function candidateKeys(markdown: string): Set<string> {
  const keys = new Set<string>();
  const chars = [...markdown];
  const word = (char: string | undefined) => char !== undefined && WORD.test(char);
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== '@' || (i > 0 && ALPHANUMERIC.test(chars[i - 1]!))) continue;
    if (chars[i + 1] === '{') {
      let depth = 0;
      let key = '';
      for (let j = i + 1; j < chars.length && !/\s/u.test(chars[j]!); j++) {
        const char = chars[j]!;
        if (char === '{') depth += 1;
        if (char === '}' && --depth === 0) break;
        if (j > i + 1 && char !== '\\') key += char;
      }
      if (key !== '') keys.add(key);
      continue;
    }
    let key = '';
    for (let j = i + 1; j < chars.length; j++) {
      const char = chars[j]!;
      const next = chars[j + 1];
      if (word(char) || (INTERNAL_PUNCTUATION.includes(char) && word(next)) || ((char === ':' || char === '/') && next === '/')) key += char;
      else break;
    }
    if (key !== '') keys.add(key);
  }
  return keys;
}
