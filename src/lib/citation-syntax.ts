/**
 * Finds the citation keys in a run of Markdown text, following Pandoc's citation syntax:
 * `[@a]`, `@a`, `@a [p. 4]`, `[see @a, p. 33]`, `[@a; @b]`, `[-@a]`, `@{key with spaces}`.
 *
 * A key begins with a letter, digit or `_` and may hold internal punctuation (`:.#$%&-+?<>~/`);
 * an `@` right after a letter or digit is not a citation (that is an e-mail address), nor is an
 * escaped `\@`.
 */

export interface CitationKeyToken {
  readonly key: string;
  /** Offset of the `@` in the text. */
  readonly start: number;
  /** Offset just past the key. */
  readonly end: number;
}

const WORD = /[\p{L}\p{N}_]/u;
const INTERNAL_PUNCTUATION = ':.#$%&-+?<>~/';

export function findCitationKeys(text: string): CitationKeyToken[] {
  const tokens: CitationKeyToken[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    const before = at > 0 ? text[at - 1]! : '';
    // Not after a letter or digit (an e-mail address), a slash (a URL path) or a backslash (escaped).
    if (before === '\\' || before === '/' || (before !== '' && WORD.test(before))) continue;
    const token = readKey(text, at);
    if (token) tokens.push(token);
  }
  return tokens;
}

function readKey(text: string, at: number): CitationKeyToken | undefined {
  const first = at + 1;
  if (text[first] === '{') {
    const close = text.indexOf('}', first + 1);
    if (close <= first + 1) return undefined;
    return { key: text.slice(first + 1, close), start: at, end: close + 1 };
  }
  let end = first;
  while (end < text.length) {
    const char = text[end]!;
    if (WORD.test(char)) {
      end += char.length;
    } else if (INTERNAL_PUNCTUATION.includes(char) && end > first && end + 1 < text.length && WORD.test(text[end + 1]!)) {
      end += 1;
    } else {
      break;
    }
  }
  if (end === first || !WORD.test(text[first]!)) return undefined;
  return { key: text.slice(first, end), start: at, end };
}
