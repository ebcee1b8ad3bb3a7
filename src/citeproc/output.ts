/**
 * citeproc-js's HTML made into what Pandoc's citeproc prints: placeholders and guards removed,
 * punctuation at closing quotes as Pandoc leaves it, and links to the entries carried over from the
 * wrapped rendering.
 */
import { entryId } from '../bibliography/anchors.ts';

/** Citeproc's placeholder when a style has nothing to print for a cite (an author-only numeric cite). */
const NO_PRINTED_FORM = /\[?NO_PRINTED_FORM\]?/g;

/**
 * citeproc-js drops the delimiter after a suffix ending in a period ("57 ff. Roe"); Pandoc keeps it
 * ("57 ff.; Roe"). A word joiner after such a suffix hides the period from citeproc-js; clean()
 * removes it, and the style's own period after it where the suffix ends the citation ("57 ff.").
 */
export const GUARD = '\u2060';

const CLOSING_TAGS = '(?:<\\/[^>]+>)*';

/**
 * Where the locale puts punctuation inside quotes, Pandoc's citeproc moves a comma or period that
 * follows a closing quote into it, and drops it when the quoted text already ends with punctuation
 * (“Annales Regni.” in, “Was There a Renaissance?” Early Medieval Europe). citeproc-js moves it in
 * after that punctuation (“Annales Regni.,”), or leaves it out (“Annales Regni.”, xii).
 */
const MOVED_INTO_QUOTE = new RegExp(`([.,;:!?]${CLOSING_TAGS})[.,](?=${CLOSING_TAGS}[”’])`, 'gu');
const AFTER_QUOTE = new RegExp(`([.,;:!?]${CLOSING_TAGS}[”’]${CLOSING_TAGS})[.,]`, 'gu');

/** citeproc-js's rendering of a citation as Pandoc prints it. */
export function clean(html: string, punctuationInQuote = false): string {
  const text = html
    .replace(NO_PRINTED_FORM, '')
    .replace(/([.!?])\u2060((?:<\/[^>]+>)*)\./gu, '$1$2')
    .replaceAll(GUARD, '')
    .trim();
  return punctuationInQuote ? quotePunctuation(text) : text;
}

/**
 * A bibliography entry as Pandoc prints it (see MOVED_INTO_QUOTE). Where a title stands for the
 * author and the style prints it in quotes, citeproc-js puts the subsequent-author-substitute inside
 * them (“———.” 2010b); Pandoc puts it in place of the whole (———. 2010b).
 */
export function cleanEntry(html: string, punctuationInQuote: boolean, substitute: string | undefined): string {
  // Two groups that both end in ". " (a style's inner and outer suffix): Pandoc's citeproc prints
  // one period, citeproc-js both ("08-Mar-2022. . https://…").
  // The same with commas: one group's ", " suffix and the next's ", " prefix print one comma in
  // Pandoc; and a comma after an empty variable ("In , 116–24") keeps no space before it.
  let entry = (punctuationInQuote ? quotePunctuation(html) : html).replace(DOUBLED_PERIOD, '$1').replace(DOUBLED_COMMA, '$1').replace(SPACE_BEFORE_COMMA, ',');
  if (substitute) {
    const quoted = new RegExp(`^(\\s*(?:<[^>]+>)*)[“‘]${substitute.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([.,;:]?)[”’]`, 'u');
    entry = entry.replace(quoted, `$1${substitute.replaceAll('$', '$$$$')}$2`);
  }
  return entry.trim();
}

const DOUBLED_PERIOD = new RegExp(`(\\.${CLOSING_TAGS}) \\.(?=\\s|<|$)`, 'gu');
const DOUBLED_COMMA = new RegExp(`(,${CLOSING_TAGS}) ,(?=\\s)`, 'gu');
const SPACE_BEFORE_COMMA = /(?<=\p{L}) ,(?=\s)/gu;

function quotePunctuation(html: string): string {
  return html.replace(MOVED_INTO_QUOTE, '$1').replace(AFTER_QUOTE, '$1');
}

/** The text of some HTML, without its tags. */
export function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, '');
}

/** Wraps, in order, each work's text in `plain` in the link the wrapped rendering gave it. */
export function transplantLinks(plain: string, linked: string, resolve: (id: string, text: string) => string | undefined): string {
  let out = '';
  let cursor = 0;
  for (const match of linked.matchAll(/<a href="#item-(-?\d+)">([\s\S]*?)<\/a>/g)) {
    const inner = match[2]!;
    const id = resolve(match[1]!, textOf(inner));
    if (!inner || !id) continue;
    // The wrapped rendering lacks the layout's affixes, so a period the style adds may stand
    // inside closing quotes in the plain one only ("Problems. II.”" against "Problems. II”"):
    // then the part before the quotes is linked.
    let text = inner;
    let at = plain.indexOf(text, cursor);
    if (at === -1) {
      text = inner.replace(/[.,;:]*(?:[”’"']|&#x27;|&quot;|<\/[^>]+>)*$/u, '');
      at = text.length > 3 && !/<[^>]*$/.test(text) && !/<(?!\/)[^>]+>[^<]*$/.test(text) ? plain.indexOf(text, cursor) : -1;
    }
    if (at === -1) continue;
    out += `${plain.slice(cursor, at)}<a href="#${entryId(id)}">${text}</a>`;
    cursor = at + text.length;
  }
  return out + plain.slice(cursor);
}
