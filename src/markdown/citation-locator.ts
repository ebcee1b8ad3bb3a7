/**
 * Splits a citation's suffix into a locator, its label and the rest, by Pandoc's rules (its citeproc
 * module's locator parser), after smart punctuation, with the terms of the essay's locale:
 *
 *   ", p. 33"            → page 33              ", chap. 3"          → chapter 3
 *   " p. 34-35"          → page 34–35 (no comma needed)
 *   ", 33-35, 38-39"     → page "33-35, 38-39" (a bare number is a page)
 *   ", pp. 33 and *passim*" → page 33, suffix " and *passim*"
 *   ", {pp. iv, vi-xi}"  → page "iv, vi-xi" (braces protect a locator)
 *   ", and elsewhere"    → no locator; the suffix as written
 *
 * The input is a list of pieces: characters, and whole inline elements (emphasis, code…) that can
 * only be part of the suffix or of a locator word.
 */

export type SuffixPiece = { readonly kind: 'char'; readonly char: string } | { readonly kind: 'node'; readonly text: string };

export interface LocatorSplit {
  readonly label?: string;
  readonly locator?: string;
  /** Index in the pieces where the suffix that remains begins. */
  readonly suffixFrom: number;
  /** Pandoc prints ", " before a suffix that is not a locator and starts with neither punctuation nor space. */
  readonly commaBeforeSuffix: boolean;
}

/** Locator term names Pandoc recognises (CSL's locator terms). */
const LOCATOR_TERMS = [
  'book', 'chapter', 'column', 'figure', 'folio', 'issue', 'line', 'note', 'opus', 'page', 'number-of-pages', 'paragraph',
  'part', 'section', 'sub verbo', 'sub-verbo', 'verse', 'volume',
] as const;

/** Term text (case-folded) → locator label, from a CSL locale's XML. */
export type LocatorTerms = ReadonlyMap<string, string>;

export function locatorTermsFromLocale(localeXml: string): LocatorTerms {
  const terms = new Map<string, string>();
  // "page" wins over "number-of-pages" where both have the same words, as in Pandoc.
  const order = [...LOCATOR_TERMS].reverse();
  for (const name of order) {
    const pattern = new RegExp(`<term\\s+name="${name}"[^>]*?(?:/>|>([\\s\\S]*?)</term>)`, 'g');
    for (const match of localeXml.matchAll(pattern)) {
      const body = match[1] ?? '';
      const words = /<single>/.test(body) ? [...body.matchAll(/<(?:single|multiple)>([^<]*)<\/(?:single|multiple)>/g)].map((m) => m[1]!) : [body];
      for (const word of words) {
        const text = decodeXml(word).trim();
        if (text) terms.set(text.toLowerCase(), name);
      }
    }
  }
  return terms;
}

function decodeXml(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (entity.startsWith('#')) return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
    return named[entity.toLowerCase()] ?? '';
  });
}

/** Pandoc's words: a run of letters and digits, one punctuation character, white space, or an element. */
interface Word {
  readonly kind: 'str' | 'space' | 'node';
  readonly text: string;
  /** First piece of the word. */
  readonly from: number;
}

const PUNCTUATION = /^\p{P}$/u;
const SPACE = /^\s$/u;

function wordsOf(pieces: readonly SuffixPiece[]): Word[] {
  const words: Word[] = [];
  let current: { text: string; from: number } | undefined;
  const flush = () => {
    if (current) words.push({ kind: 'str', ...current });
    current = undefined;
  };
  pieces.forEach((piece, i) => {
    if (piece.kind === 'node') {
      flush();
      words.push({ kind: 'node', text: piece.text, from: i });
    } else if (SPACE.test(piece.char) || piece.char === '\u00a0') {
      flush();
      const last = words[words.length - 1];
      if (!(last?.kind === 'space' && last.from + last.text.length === i)) words.push({ kind: 'space', text: piece.char, from: i });
      else words[words.length - 1] = { ...last, text: last.text + piece.char };
    } else if (PUNCTUATION.test(piece.char) && piece.char !== ':') {
      flush();
      words.push({ kind: 'str', text: piece.char, from: i });
    } else {
      current ??= { text: '', from: i };
      current.text += piece.char;
    }
  });
  flush();
  return words;
}

const isChar = (word: Word | undefined, test: (c: string) => boolean) => word?.kind === 'str' && [...word.text].length === 1 && test(word.text);
/** Punctuation that ends a locator unit; range dashes and the "vol:page" colon do not. */
const isLocatorPunctuation = (c: string) => c !== '-' && c !== '–' && c !== ':' && PUNCTUATION.test(c);
const BRACES: readonly (readonly [string, string])[] = [['(', ')'], ['[', ']'], ['{', '}']];
const isBrace = (c: string) => '()[]{}'.includes(c);

const ROMAN = /^M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
function isRoman(text: string): boolean {
  return text !== '' && ROMAN.test(text.toUpperCase());
}

/** A parse result: whether any part was number-like, its text, and the next word index. */
interface Unit {
  readonly digitLike: boolean;
  readonly text: string;
  readonly next: number;
}

class LocatorParser {
  private readonly words: readonly Word[];
  private readonly terms: LocatorTerms;

  constructor(words: readonly Word[], terms: LocatorTerms) {
    this.words = words;
    this.terms = terms;
  }

  private isSpace(i: number): boolean {
    return this.words[i]?.kind === 'space';
  }

  /** One unit: a roman numeral, or a run of words up to a space or locator punctuation. */
  private pageUnit(i: number): Unit | undefined {
    const word = this.words[i];
    if (word?.kind === 'str' && isRoman(word.text)) return { digitLike: true, text: word.text, next: i + 1 };
    let j = i;
    let text = '';
    while (j < this.words.length) {
      const w = this.words[j]!;
      if (w.kind === 'space' || isChar(w, isLocatorPunctuation)) break;
      text += w.text;
      j += 1;
    }
    return j === i ? undefined : { digitLike: /\p{Nd}/u.test(text), text, next: j };
  }

  /** Units joined by periods: "1", "1.2", "1.2.3" (a trailing period is not taken). */
  private pageSequence(i: number): Unit | undefined {
    const withPeriod = (at: number): Unit | undefined => {
      if (!isChar(this.words[at], (c) => c === '.')) return undefined;
      const unit = this.pageUnit(at + 1);
      return unit ? { digitLike: unit.digitLike, text: `.${unit.text}`, next: unit.next } : undefined;
    };
    let first = this.pageUnit(i) ?? withPeriod(i);
    if (!first) return undefined;
    for (let more = withPeriod(first.next); more; more = withPeriod(first.next)) {
      first = { digitLike: first.digitLike || more.digitLike, text: first.text + more.text, next: more.next };
    }
    return first;
  }

  /** One or more units, each possibly in (), [] or {}: "34(1)(a)", "[17]". */
  private balanced(i: number): Unit | undefined {
    let at = i;
    let digitLike = false;
    let text = '';
    for (;;) {
      const word = this.words[at];
      let unit: Unit | undefined;
      const pair = BRACES.find(([open]) => isChar(word, (c) => c === open));
      if (pair) {
        const inner = this.pageSequence(at + 1);
        const closeAt = inner ? inner.next : at + 1;
        if (isChar(this.words[closeAt], (c) => c === pair[1])) {
          unit = { digitLike: inner?.digitLike ?? false, text: `${pair[0]}${inner?.text ?? ''}${pair[1]}`, next: closeAt + 1 };
        }
      } else if (!isChar(word, isBrace)) {
        unit = this.pageSequence(at);
      }
      if (!unit) break;
      digitLike ||= unit.digitLike;
      text += unit.text;
      at = unit.next;
    }
    return at === i ? undefined : { digitLike, text, next: at };
  }

  /** A locator word: an optional `,`/`;` (not before the first), an optional space, then units. */
  word(i: number, first: boolean): Unit | undefined {
    let at = i;
    let text = '';
    if (!first && isChar(this.words[at], (c) => c === ',' || c === ';')) {
      text += this.words[at]!.text;
      at += 1;
    }
    if (this.isSpace(at)) {
      text += ' ';
      at += 1;
    }
    const unit = this.balanced(at);
    return unit ? { digitLike: unit.digitLike, text: text + unit.text, next: unit.next } : undefined;
  }

  /** The longest run of words from `i` that is a locator term, when `stop(j)` allows a locator at j. */
  label(i: number, stopAt: (j: number) => boolean): { label: string; next: number } | undefined {
    let best: { label: string; next: number } | undefined;
    let text = '';
    for (let j = i; j < this.words.length; j++) {
      text += this.words[j]!.text;
      if (!stopAt(j + 1)) continue;
      const label = this.terms.get(text.trim().toLowerCase());
      if (label) best = { label, next: j + 1 };
    }
    return best;
  }

  delimited(i: number): { label: string; locator: string; next: number } | undefined {
    if (!isChar(this.words[i], (c) => c === '{')) return undefined;
    let at = i + 1;
    while (this.isSpace(at)) at += 1;
    const label = this.label(at, () => true);
    if (label) at = label.next;
    let depth = 0;
    let locator = '';
    for (; at < this.words.length; at++) {
      const word = this.words[at]!;
      if (isChar(word, (c) => c === '{' || c === '[')) depth += 1;
      if (isChar(word, (c) => c === '}' || c === ']')) {
        if (depth === 0) {
          if (word.text !== '}') return undefined;
          return { label: label?.label ?? 'page', locator, next: at + 1 };
        }
        depth -= 1;
      }
      locator += word.text;
    }
    return undefined;
  }

  integrated(i: number): { label: string; locator: string; next: number } | undefined {
    const romanOrDigits = (u: Unit | undefined) => (u?.digitLike ? u : undefined);
    const digits = (u: Unit | undefined) => (u && /\p{Nd}/u.test(u.text) ? u : undefined);
    const explicit = this.label(i, (j) => romanOrDigits(this.word(j, true)) !== undefined);
    const implicit = !explicit && digits(this.word(i, true)) ? { label: 'page', next: i } : undefined;
    const labelled = explicit ?? implicit;
    if (!labelled) return undefined;
    const require = explicit ? romanOrDigits : digits;
    const first = require(this.word(labelled.next, !explicit));
    if (!first) return undefined;
    let locator = first.text;
    let at = first.next;
    for (let more = require(this.word(at, false)); more; more = require(this.word(at, false))) {
      locator += more.text;
      at = more.next;
    }
    return { label: labelled.label, locator, next: at };
  }
}

export function splitLocator(pieces: readonly SuffixPiece[], terms: LocatorTerms): LocatorSplit {
  const words = wordsOf(pieces);
  const parser = new LocatorParser(words, terms);
  let at = 0;
  if (isChar(words[at], (c) => c === ',')) at += 1;
  if (words[at]?.kind === 'space') at += 1;
  const found = parser.delimited(at) ?? parser.integrated(at);
  if (found && (found.label || found.locator.trim())) {
    return { label: found.label, locator: found.locator.trim(), suffixFrom: words[found.next]?.from ?? pieces.length, commaBeforeSuffix: false };
  }
  const firstPiece = pieces[0];
  const startsPlain = firstPiece !== undefined && !(firstPiece.kind === 'char' && (PUNCTUATION.test(firstPiece.char) || SPACE.test(firstPiece.char)));
  return { suffixFrom: 0, commaBeforeSuffix: startsPlain };
}

/** Words that may stand before a number in an ordinary suffix ("[@a, and 1998]"). */
const PROSE_WORDS = new Set(['and', 'or', 'see', 'cf', 'also', 'in', 'on', 'at', 'from', 'to', 'for', 'the', 'of', 'since', 'until', 'after', 'before', 'esp', 'eg', 'ie']);

/**
 * A suffix that reads like a locator the parser did not recognise (", pg 33", ", chapt. 4"): the
 * writer meant a locator, but it will print as plain text after the citation. Returns the word that
 * stood where a label should, or undefined when the suffix is ordinary text or the word is a label.
 */
export function unparsedLocatorLabel(suffix: string, terms: LocatorTerms): string | undefined {
  const match = /^\s*,?\s*([\p{L}]{1,10}\.?)\s*\p{N}/u.exec(suffix);
  const word = match?.[1];
  if (!word || terms.has(word.toLowerCase())) return undefined;
  return PROSE_WORDS.has(word.toLowerCase().replace(/\.$/, '')) ? undefined : word;
}
