/**
 * Ids of the places citations link between. Citation keys may hold characters an id or a URL
 * fragment should not (Pandoc allows `:/.#$%&-+?<>~` inside keys, and spaces in `@{…}` keys).
 */

/**
 * A key as id text, one-to-one: letters, digits and `.:-` stay; anything else, `_` included,
 * becomes `_<hex code point>_`, so that no two keys share an id.
 */
export function safeIdPart(key: string): string {
  return key.replace(/[^\p{L}\p{N}.:-]/gu, (char) => `_${char.codePointAt(0)!.toString(16)}_`);
}

/** `bib-naughton2007`: the reference-list entry of a work. */
export function entryId(key: string): string {
  return `bib-${safeIdPart(key)}`;
}

/** `citation--naughton2007--bachman1991--3`: the n-th citation of the essay. */
export function citationId(keys: readonly string[], n: number): string {
  return `citation--${keys.map(safeIdPart).join('--')}--${n}`;
}
