/**
 * Ids of the places citations link between. Citation keys may hold characters an id or a URL
 * fragment should not (Pandoc allows `:/.#$%&-+?<>~` inside keys, and spaces in `@{…}` keys).
 */

export function safeIdPart(key: string): string {
  return key.replace(/[^\p{L}\p{N}_.:-]+/gu, '-');
}

/** `bib-naughton2007`: the reference-list entry of a work. */
export function entryId(key: string): string {
  return `bib-${safeIdPart(key)}`;
}

/** `citation--naughton2007--bachman1991--3`: the n-th citation of the essay. */
export function citationId(keys: readonly string[], n: number): string {
  return `citation--${keys.map(safeIdPart).join('--')}--${n}`;
}
