/**
 * Sentence case as Pandoc's BibTeX reader makes it for English titles (unTitlecase): braced groups
 * are protected while citeproc's caseTransform (citeproc 0.6, withSentenceCase) runs, and stay
 * protected afterwards only if they hold a word that starts in lower case.
 */
import { splitStrWhen, type Inline } from './inlines.ts';

type State = 'start' | 'startSentence' | 'afterWordEnd' | 'afterWordChar' | 'afterSentenceEnd' | 'beforeLastWord';

// Haskell's Data.Char classes, with the ASCII answers first (most text is ASCII).
const isUpper = (c: string) => (c < '\u0080' ? c >= 'A' && c <= 'Z' : /^[\p{Lu}\p{Lt}]$/u.test(c));
const isLower = (c: string) => (c < '\u0080' ? c >= 'a' && c <= 'z' : /^\p{Ll}$/u.test(c));
const isAlphaNum = (c: string) => (c < '\u0080' ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') : /^[\p{L}\p{N}]$/u.test(c));
const isSpace = (c: string) => (c < '\u0080' ? c === ' ' || (c >= '\t' && c <= '\r') : /^\s$/u.test(c));
const isWordBreak = (c: string) => c === '-' || c === '/' || c === '\u2013' || c === '\u2014' || isSpace(c);
const isPunctuation = (c: string) => /^\p{P}$/u.test(c);

function sentenceCaseChunk(state: State, chunk: string): string {
  const chars = [...chunk];
  const capitalized = chars.length > 0 && isUpper(chars[0]!) && chars.slice(1).every(isLower);
  const atStart = state === 'start' || state === 'startSentence';
  if (capitalized && !atStart) return chunk.toLowerCase();
  if ((capitalized || chars.every(isLower)) && atStart) {
    const [first = '', ...rest] = [...chunk.toLowerCase()];
    return first.toUpperCase() + rest.join('');
  }
  return chunk;
}

/** T.groupBy: runs of letters and digits, runs of spaces, and every other character alone. */
function splitUp(text: string): string[] {
  const out: string[] = [];
  let first = '';
  for (const c of text) {
    const last = out.at(-1);
    if (last !== undefined && ((isAlphaNum(first) && isAlphaNum(c)) || (isSpace(first) && isSpace(c)))) out[out.length - 1] = last + c;
    else {
      out.push(c);
      first = c;
    }
  }
  return out;
}

/** The text of the runs inside (citeproc's query fromStr: spaces do not count). */
function strText(inlines: readonly Inline[]): string {
  return inlines.map((x) => (x.t === 'str' ? x.s : 'c' in x ? strText(x.c) : '')).join('');
}

export function sentenceCase(inlines: readonly Inline[]): Inline[] {
  let state: State = 'start';
  const g = (t: string): string => {
    const before = state;
    const c = [...t].at(-1);
    if (c !== undefined) {
      if ('.?!:'.includes(c)) state = 'afterSentenceEnd';
      else if (isAlphaNum(c)) state = 'afterWordChar';
      else if (isSpace(c) && before === 'afterSentenceEnd') state = 'startSentence';
      else if (isWordBreak(c)) state = 'afterWordEnd';
    }
    return t !== '' && [...t].every(isAlphaNum) ? sentenceCaseChunk(before, t) : t;
  };
  const go = (x: Inline): Inline => {
    switch (x.t) {
      case 'str':
        return { t: 'str', s: splitUp(x.s).map(g).join('') };
      case 'space':
        g(' ');
        return x;
      case 'smallcaps':
      case 'sup':
      case 'sub':
        g(strText(x.c));
        return x;
      case 'span':
        if (x.kind === 'nocase') {
          const wasAfterWordChar = state === 'afterWordChar';
          g(strText(x.c));
          return wasAfterWordChar ? { ...x, kind: 'group' } : x;
        }
        return { ...x, c: x.c.map(go) };
      case 'linebreak':
      case 'code':
      case 'math':
      case 'raw':
        return x;
      default:
        return { ...x, c: x.c.map(go) };
    }
  };
  const last = inlines.at(-1);
  if (inlines.length > 1 && last?.t === 'str' && ![...last.s].some(isWordBreak)) {
    const head = inlines.slice(0, -1).map(go);
    const now = state as State;
    if (now === 'afterWordEnd' || now === 'startSentence' || now === 'start') state = 'beforeLastWord';
    return [...head, go(last)];
  }
  return inlines.map(go);
}

/** Pandoc's unTitlecase (protectCase with sentence case). */
export function unTitlecase(inlines: readonly Inline[]): Inline[] {
  const protect = (x: Inline): Inline =>
    x.t === 'span' ? { ...x, kind: x.kind === 'group' ? 'nocase' : x.kind, c: x.c.map(protect) } : 'c' in x ? ({ ...x, c: x.c.map(protect) } as Inline) : x;
  const hasLowercaseWord = (xs: readonly Inline[]) => splitStrWhen(xs, isPunctuation).some((x) => x.t === 'str' && x.s !== '' && isLower([...x.s][0]!));
  const unprotect = (x: Inline): Inline => {
    if (x.t === 'span') {
      const c = x.c.map(unprotect);
      return { ...x, c, kind: x.kind === 'nocase' && !hasLowercaseWord(x.c) ? 'group' : x.kind };
    }
    return 'c' in x ? ({ ...x, c: x.c.map(unprotect) } as Inline) : x;
  };
  return sentenceCase(inlines.map(protect)).map(unprotect);
}
