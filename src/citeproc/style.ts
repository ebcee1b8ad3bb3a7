/** What Apparatus reads from a CSL style and its locale itself, without citeproc-js. */
import type { CslStyle } from './engine-cache.ts';

export function isNoteStyle(styleXml: string): boolean {
  return /<style\b[^>]*\bclass=["']note["']/.test(styleXml);
}

/**
 * Whether commas and periods go inside closing quotation marks (“word,”), as the style's own
 * `<locale>` for the language says, or else the locale's file.
 */
export function punctuationInQuote(style: CslStyle): boolean {
  const setting = (xml: string | undefined) => /<style-options\b[^>]*\bpunctuation-in-quote=["'](true|false)["']/.exec(xml ?? '')?.[1];
  const language = style.lang.split('-')[0] ?? '';
  const own = [...style.xml.matchAll(/<locale\b([^>]*)>([\s\S]*?)<\/locale>/g)]
    .map((m) => ({ lang: /xml:lang=["']([^"']+)["']/.exec(m[1]!)?.[1], value: setting(m[2]) }))
    .filter((l) => l.value !== undefined && (l.lang === undefined || l.lang === style.lang || l.lang === language));
  // The most specific of the style's locales wins: its region's, its language's, then one for all.
  const chosen = own.find((l) => l.lang === style.lang) ?? own.find((l) => l.lang === language) ?? own.find((l) => l.lang === undefined);
  const value = chosen?.value ?? setting(style.locales.get(style.lang) ?? style.locales.get('en-US'));
  return value === 'true';
}

/** The bibliography's subsequent-author-substitute ("———"), if the style has one. */
export function subsequentAuthorSubstitute(styleXml: string): string | undefined {
  const value = /<bibliography\b[^>]*\bsubsequent-author-substitute="([^"]*)"/.exec(styleXml)?.[1];
  if (!value) return undefined;
  return value.replace(/&#(x?)([0-9a-f]+);/giu, (_, hex: string, digits: string) => String.fromCodePoint(parseInt(digits, hex ? 16 : 10))).replaceAll('&amp;', '&');
}
