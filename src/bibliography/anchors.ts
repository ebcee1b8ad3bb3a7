/**
 * Names made from citation keys: the ids (and so URL fragments) of the places citations link
 * between, and the file names of each work's downloads. Pandoc allows `:/.#$%&-+?<>~` inside keys,
 * any character but white space in `@{…}` keys (`@{https://doi.org/10.1000/x?a=b}`), and a
 * bibliography's ids, which `nocite: "@*"` lists, may hold anything at all. Every id, anchor,
 * download path and search filter made from a key goes through the functions below, so all of
 * them agree.
 *
 * Both names are one-to-one and leave ordinary lower-case keys (letters, digits, `-`, `.`) as they
 * are, so a key's id and file name read like the key. Both start every escape with `_` (mostly
 * `_<hex code point>_`) and escape `_` itself, so an escape can always be told from a kept
 * character and read back.
 *
 * - Ids (`safeIdPart`) keep letters of any script and case, digits, `.`, `:` and `-`: an HTML id
 *   may hold them, a fragment may too (browsers percent-decode it to find the element), and ids are
 *   case-sensitive, so `Smith2000` and `smith2000` are two ids.
 * - File names (`safeFileName`) keep only `a-z`, `0-9`, `-` and inner `.`: nothing a static host, a
 *   URL or a file system reads specially. macOS and Windows file systems, and hosts serving from
 *   them, fold case, so `Smith2000.bib` and `smith2000.bib` would be one file there: an upper-case
 *   letter is written `_` and the letter in lower case (`Smith2000` → `_smith2000`). Anything else,
 *   non-ASCII included (those file systems fold Unicode normalization too), is `_<hex>_`, with a
 *   leading 0 where the hex would start with a letter (`ü` → `_0fc_`), so `_` then a letter is
 *   always an upper-case letter and `_` then a digit always a code point.
 */

import { createHash } from 'node:crypto';

/** What an id escapes: all but letters, digits and `.:-`. */
const ID_ESCAPED = /[^\p{L}\p{N}.:-]/gu;

const escaped = (char: string): string => `_${char.codePointAt(0)!.toString(16)}_`;

/**
 * A key as id text, one-to-one: letters, digits and `.:-` stay; anything else, `_` included,
 * becomes `_<hex code point>_`, so that no two keys share an id.
 */
export function safeIdPart(key: string): string {
  return key.replace(ID_ESCAPED, escaped);
}

/**
 * Longest file name made in full. Most file systems allow 255 bytes; this leaves room for an
 * extension, and for hosts that add a suffix of their own (a `.gz` beside each file).
 */
export const FILE_NAME_LIMIT = 200;

/** Names Windows reserves whatever their extension (`con.bib` cannot be created there). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/;

/**
 * A key (or any name) as one file name or URL path segment, one-to-one and the same on every
 * build: `a-z`, `0-9` and `-` stay, and `.` except first or last (a leading dot hides a file, or
 * makes `.`/`..`; Windows drops a trailing one); `A-Z` become `_a`-`_z`; anything else, `_`, `:`,
 * `/`, `%`, spaces and non-ASCII included, becomes `_<hex code point>_`. The result holds no
 * upper-case letter, so no two results differ only in case, and needs no percent-encoding in a URL.
 *
 * A result longer than FILE_NAME_LIMIT is cut, and a SHA-256 digest of the name appended: always
 * longer than the limit, so it cannot equal a name made in full.
 */
export function safeFileName(name: string): string {
  if (name === '') return '_';
  const chars = [...name];
  let out = chars
    .map((char, i) => {
      if (/^[a-z0-9-]$/.test(char) || (char === '.' && i > 0 && i < chars.length - 1)) return char;
      if (/^[A-Z]$/.test(char)) return `_${char.toLowerCase()}`;
      const hex = char.codePointAt(0)!.toString(16);
      return `_${/^[a-f]/.test(hex) ? `0${hex}` : hex}_`;
    })
    .join('');
  // Escaping the first letter keeps it one-to-one: no other name gives `_63_on`, since `c` is
  // otherwise never escaped.
  if (WINDOWS_RESERVED.test(out)) out = `_${out.codePointAt(0)!.toString(16)}_${out.slice(1)}`;
  return out.length <= FILE_NAME_LIMIT ? out : `${out.slice(0, FILE_NAME_LIMIT - 64)}-${sha256Hex(name)}`;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** `bib-naughton2007`: the reference-list entry of a work. */
export function entryId(key: string): string {
  return `bib-${safeIdPart(key)}`;
}

/** `citation--naughton2007--bachman1991--3`: the n-th citation of the essay. */
export function citationId(keys: readonly string[], n: number): string {
  return `citation--${keys.map(safeIdPart).join('--')}--${n}`;
}
