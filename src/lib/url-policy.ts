/**
 * Which addresses a page may hold: one policy for the sanitizer (render/rehype-safe-html.ts), the
 * check that warns the editor of what it will remove (checks/essay-checks.ts), and the reference
 * list, whose links come from bibliography data (render/rehype-references.ts).
 */

/** A web or mail address, an anchor, or a path of the site: nothing that runs or embeds data. */
export function isSafeUrl(url: string): boolean {
  return unsafeScheme(url) === undefined;
}

/** The scheme that makes an address unsafe (`javascript`, `data`, `vbscript`, `file`…), or undefined. */
export function unsafeScheme(url: string): string | undefined {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
  const trimmed = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto' ? undefined : scheme;
}

/**
 * A link a reference entry keeps: a web address or an anchor of the page. Stricter than isSafeUrl:
 * an entry's data may hold any text, and a relative path in it would name nothing of this site.
 */
export function isEntryLink(url: string): boolean {
  return /^(https?:\/\/|#)/i.test(url);
}

/** The address a DOI resolves at, from a DOI as entries write it (`10.1000/x`, `doi:10.1000/x`, or its URL). */
export function doiUrl(doi: string): string {
  return `https://doi.org/${bareDoi(doi)}`;
}

/** A DOI without the prefixes entries write it with: `https://doi.org/`, `http://dx.doi.org/`, `doi:`. */
export function bareDoi(doi: string): string {
  return doi.trim().replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s?)/i, '');
}
