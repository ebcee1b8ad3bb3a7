/**
 * Pandoc's citation syntax, read from a run of inline content as Pandoc's Markdown reader reads it:
 *
 *   [@a]  [@a, p. 33]  [see @a, pp. 3-5, for the data]  [@a; @b]  [-@a]     (a citation cluster)
 *   @a  @a [p. 4]  @a [-@b, p. 30; see also @c]  -@a                       (the author in the text)
 *   ^[an inline note]
 *
 * The input is a list of tokens, not a string: each character of the text (knowing whether the writer
 * escaped it) or a whole inline element (emphasis, code, a link…) that a prefix or suffix may hold.
 * So a cluster is found in the tree the renderer formats, never searched for again in changed text.
 *
 * Locators are not split off here: Pandoc parses them from the suffix after smart punctuation, with
 * the terms of the essay's locale (see citation-locator.ts).
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

export type CiteMode = 'normal' | 'suppress-author' | 'author-in-text';

export interface ParsedCite {
  readonly key: string;
  readonly mode: CiteMode;
  /** Tokens before the key (trimmed), empty for none. */
  readonly prefix: TokenRange;
  /** Tokens after the key, locator included, as written (not trimmed: Pandoc keeps a leading comma). */
  readonly suffix: TokenRange;
  /** Where the key's `@` (or its `-@`) stands. */
  readonly at: number;
  /**
   * True for `@a [p. 4]`: a suffix given in brackets after a key in the text, which Pandoc prints
   * after a comma when it does not start with punctuation.
   */
  readonly bareSuffix?: boolean;
}

export interface ParsedCluster {
  readonly kind: 'cluster';
  /** The whole cluster, brackets included. */
  readonly range: TokenRange;
  readonly cites: readonly ParsedCite[];
}

export interface ParsedInlineNote {
  readonly kind: 'inline-note';
  /** `^[` to `]`. */
  readonly range: TokenRange;
  readonly content: TokenRange;
}

/** Something that looked like a citation but could not be read as one: reported, never dropped. */
export interface CitationProblem {
  readonly kind: 'problem';
  readonly at: number;
  readonly rule: 'citation/bad-key' | 'citation/key-in-suffix' | 'citation/comma-separated' | 'citation/not-a-cluster';
  readonly text: string;
}

export type InlineFinding = ParsedCluster | ParsedInlineNote | CitationProblem;

const WORD = /^[\p{L}\p{N}_]$/u;
const ALPHANUMERIC = /^[\p{L}\p{N}]$/u;
const INTERNAL_PUNCTUATION = ':.#$%&-+?<>~/';

function charAt(tokens: readonly InlineToken[], i: number): string | undefined {
  const token = tokens[i];
  return token?.kind === 'char' && !token.escaped ? token.char : undefined;
}

function isSpace(tokens: readonly InlineToken[], i: number): boolean {
  const token = tokens[i];
  return token?.kind === 'char' && /^\s$/u.test(token.char);
}

/** Any character, escaped or not, for the letter-before-@ rule. */
function anyCharAt(tokens: readonly InlineToken[], i: number): string | undefined {
  const token = tokens[i];
  return token?.kind === 'char' ? token.char : undefined;
}

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

/** Splits a range at the `;` that stand outside nested brackets. */
function splitParts(tokens: readonly InlineToken[], range: TokenRange): TokenRange[] {
  const parts: TokenRange[] = [];
  let depth = 0;
  let from = range.from;
  for (let i = range.from; i < range.to; i++) {
    const char = charAt(tokens, i);
    if (char === '[') depth += 1;
    else if (char === ']') depth -= 1;
    else if (char === ';' && depth === 0) {
      parts.push({ from, to: i });
      from = i + 1;
    }
  }
  parts.push({ from, to: range.to });
  return parts;
}

/** The first key in a range that stands outside nested brackets. */
function firstKey(tokens: readonly InlineToken[], range: TokenRange): KeyAt | { problem: string; start: number } | undefined {
  let depth = 0;
  for (let i = range.from; i < range.to; i++) {
    const char = charAt(tokens, i);
    if (char === '[') depth += 1;
    else if (char === ']') depth -= 1;
    else if (depth === 0 && (char === '@' || (char === '-' && charAt(tokens, i + 1) === '@'))) {
      const reading = readKeyAt(tokens, i);
      if (reading && 'problem' in reading) return reading;
      if (reading && reading.end <= range.to) return reading;
      if (char === '-') i += 1;
    }
  }
  return undefined;
}

function trim(tokens: readonly InlineToken[], range: TokenRange): TokenRange {
  let { from, to } = range;
  while (from < to && isSpace(tokens, from)) from += 1;
  while (to > from && isSpace(tokens, to - 1)) to -= 1;
  return { from, to };
}

interface ListReading {
  readonly cites: ParsedCite[];
  readonly problems: CitationProblem[];
}

/** The last `,` between two token indexes that stands outside nested brackets, or -1. */
function lastComma(tokens: readonly InlineToken[], from: number, to: number): number {
  let depth = 0;
  let found = -1;
  for (let i = from; i < to; i++) {
    const char = charAt(tokens, i);
    if (char === '[') depth += 1;
    else if (char === ']') depth -= 1;
    else if (char === ',' && depth === 0) found = i;
  }
  return found;
}

/**
 * One `prefix @key suffix` part of a bracketed list, or undefined when it has no key.
 *
 * Keys after the first, in the suffix, are what Pandoc's users mean by `[e.g., @a, @b, @c]`: works
 * listed with commas where Pandoc wants `;`. Pandoc reads them as citations nested in the first
 * one's suffix and prints a garbled cluster; here each key that a comma sets apart is a work of the
 * cluster (the text after the comma its prefix), with a warning that says so. A key in a suffix that
 * no comma sets apart (`[@a and @b]`) stays text, with a warning naming it.
 */
function readPart(tokens: readonly InlineToken[], part: TokenRange): ListReading | { problem: CitationProblem } | undefined {
  const key = firstKey(tokens, part);
  if (!key) return undefined;
  if ('problem' in key) return { problem: { kind: 'problem', at: key.start, rule: 'citation/bad-key', text: key.problem } };
  const cites: ParsedCite[] = [];
  const problems: CitationProblem[] = [];
  let current = { key, prefix: trim(tokens, { from: part.from, to: key.start }) };
  let searchFrom = key.end;
  for (;;) {
    const another = firstKey(tokens, { from: searchFrom, to: part.to });
    if (another && 'problem' in another) return { problem: { kind: 'problem', at: another.start, rule: 'citation/bad-key', text: another.problem } };
    const comma = another ? lastComma(tokens, current.key.end, another.start) : -1;
    if (another && comma === -1) {
      problems.push({ kind: 'problem', at: another.start, rule: 'citation/key-in-suffix', text: `@${another.key}` });
      searchFrom = another.end;
      continue;
    }
    const suffixEnd = another ? comma : part.to;
    const mode = current.key.suppressAuthor ? 'suppress-author' : 'normal';
    cites.push({ key: current.key.key, mode, prefix: current.prefix, suffix: { from: current.key.end, to: suffixEnd }, at: current.key.start });
    if (!another) break;
    problems.push({ kind: 'problem', at: another.start, rule: 'citation/comma-separated', text: `@${another.key}` });
    current = { key: another, prefix: trim(tokens, { from: comma + 1, to: another.start }) };
    searchFrom = another.end;
  }
  return { cites, problems };
}

/** A bracketed list whose every part holds a key; undefined when one part has none. */
function readList(tokens: readonly InlineToken[], parts: readonly TokenRange[]): ListReading | CitationProblem | undefined {
  const cites: ParsedCite[] = [];
  const problems: CitationProblem[] = [];
  for (const part of parts) {
    const reading = readPart(tokens, part);
    if (!reading) return undefined;
    if ('problem' in reading) return reading.problem;
    cites.push(...reading.cites);
    problems.push(...reading.problems);
  }
  return { cites, problems };
}

/** Skips spaces and at most one line break (Pandoc's `spnl`). */
function skipSpaceAndNewline(tokens: readonly InlineToken[], i: number): number {
  let newlines = 0;
  while (i < tokens.length && isSpace(tokens, i)) {
    if (anyCharAt(tokens, i) === '\n' && ++newlines > 1) break;
    i += 1;
  }
  return i;
}

/**
 * Finds every citation cluster and inline note in a run of tokens, in order, and every `@` that
 * looked like a citation but could not be read as one.
 */
export function scanInline(tokens: readonly InlineToken[]): InlineFinding[] {
  const found: InlineFinding[] = [];
  let i = 0;
  while (i < tokens.length) {
    const char = charAt(tokens, i);
    if (char === '^' && charAt(tokens, i + 1) === '[') {
      const close = matchingBracket(tokens, i + 1);
      if (close !== -1) {
        found.push({ kind: 'inline-note', range: { from: i, to: close + 1 }, content: { from: i + 2, to: close } });
        i = close + 1;
        continue;
      }
    }
    if (char === '[' && charAt(tokens, i + 1) !== '^') {
      const close = matchingBracket(tokens, i);
      if (close !== -1) {
        const inner = { from: i + 1, to: close };
        const reading = firstKey(tokens, inner) ? readList(tokens, splitParts(tokens, inner)) : undefined;
        if (reading && 'cites' in reading) {
          found.push({ kind: 'cluster', range: { from: i, to: close + 1 }, cites: reading.cites }, ...reading.problems);
          i = close + 1;
          continue;
        }
        if (reading) found.push(reading);
        else if (firstKey(tokens, inner)) found.push({ kind: 'problem', at: i, rule: 'citation/not-a-cluster', text: '' });
        // Not a cluster: Pandoc reads on inside the brackets, where `@a` is a citation of its own.
      }
    }
    if (char === '@' || (char === '-' && charAt(tokens, i + 1) === '@')) {
      const key = readKeyAt(tokens, i);
      if (key && 'problem' in key) {
        found.push({ kind: 'problem', at: key.start, rule: 'citation/bad-key', text: key.problem });
        i += 2;
        continue;
      }
      if (key) {
        const textual = readTextualCite(tokens, key);
        found.push(textual.cluster, ...textual.problems);
        i = textual.cluster.range.to;
        continue;
      }
    }
    i += 1;
  }
  // A bracket that fails on a bad key is read on inside, where the same key is met again: report once.
  const seen = new Set<string>();
  return found.filter((f) => f.kind !== 'problem' || (!seen.has(`${f.rule}@${f.at}`) && Boolean(seen.add(`${f.rule}@${f.at}`))));
}

/** `@a`, then optionally `[suffix]`, `[suffix; @b]` or `[-@b; @c]` right after it (Pandoc's textualCite). */
function readTextualCite(tokens: readonly InlineToken[], key: KeyAt): { cluster: ParsedCluster; problems: CitationProblem[] } {
  const first: ParsedCite = {
    key: key.key,
    mode: key.suppressAuthor ? 'suppress-author' : 'author-in-text',
    prefix: { from: key.start, to: key.start },
    suffix: { from: key.end, to: key.end },
    at: key.start,
  };
  const alone = { cluster: { kind: 'cluster' as const, range: { from: key.start, to: key.end }, cites: [first] }, problems: [] };
  const open = skipSpaceAndNewline(tokens, key.end);
  if (charAt(tokens, open) !== '[' || charAt(tokens, open + 1) === '^') return alone;
  const close = matchingBracket(tokens, open);
  if (close === -1) return alone;
  const parts = splitParts(tokens, { from: open + 1, to: close });
  const range = { from: key.start, to: close + 1 };
  // `@a [@b; @c]`: a list of its own, joined to the first cite.
  const list = readList(tokens, parts);
  if (list && 'cites' in list) return { cluster: { kind: 'cluster', range, cites: [first, ...list.cites] }, problems: list.problems };
  // `@a [p. 4]` or `@a [p. 4; @b]`: the first part is the suffix of @a. Not followed by `(` or `[`
  // (that is a link), and the suffix holds no key of its own.
  const after = charAt(tokens, close + 1);
  if (after === '(' || after === '[') return alone;
  const [suffixPart, ...rest] = parts;
  if (!suffixPart || firstKey(tokens, suffixPart)) return alone;
  const others = rest.length > 0 ? readList(tokens, rest) : { cites: [], problems: [] };
  if (!others || !('cites' in others)) return alone;
  return {
    cluster: { kind: 'cluster', range, cites: [{ ...first, suffix: suffixPart, bareSuffix: true }, ...others.cites] },
    problems: others.problems,
  };
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
