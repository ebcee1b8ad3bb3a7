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
 *
 * The tokens are citation-tokens.ts's and the key grammar citation-keys.ts's: this module reads
 * how keys, prefixes and suffixes group into clusters.
 */
import { anyCharAt, charAt, isSpace, matchingBracket, type InlineToken, type TokenRange } from './citation-tokens.ts';
import { readKeyAt, type KeyAt } from './citation-keys.ts';

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

