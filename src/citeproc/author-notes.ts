/**
 * A citation written inside one of the author's notes while the style is a note style cannot become
 * a note of its own: it is printed in that note, as Pandoc's citeproc prints it (its `deNote`):
 *
 * - a citation that opens the note's only paragraph, not naming its author in the text, prints as
 *   its note would: `[^1]: [@a], S. 12.` → "Kurze, „Annales regni.“, S. 12." (without the style's
 *   closing period before a comma, where Pandoc 2.17 prints "Weber, Titel, S. 7.; …");
 * - any other in parentheses, without the style's closing period: "… zu den Handschriften (Kurze,
 *   Annales regni., S. xii–xiv).";
 * - an author named in the text, then a comma and the rest of the note, which keeps the style's
 *   closing period only where the sentence ends with it (at the end of the paragraph, or before a
 *   capital): "Grundlegend dazu Müller, Die Hofkapelle, S. 219, 230–231."
 */
import { entryId } from '../bibliography/anchors.ts';
import { textOf } from './output.ts';

/** Where a citation stands in an author's note. */
export interface AuthorNotePlace {
  /** The first thing in the note, which is one paragraph. */
  readonly first: boolean;
  /** What follows the citation ends or starts a sentence: nothing, or a word with a capital. */
  readonly needsPeriod: boolean;
  /** A comma, semicolon or colon follows the citation directly. */
  readonly beforePunctuation: boolean;
}

export interface InNoteCitation {
  readonly place: AuthorNotePlace;
  /** The citation as its note would print it (without the author, for a narrative citation). */
  readonly html: string;
  /** The same without the layout's affixes, as citeproc-js's wrapped rendering gives it. */
  readonly bare: string;
  /** For a narrative citation: the author, as printed in the text, and the key it links to. */
  readonly author?: { readonly html: string; readonly key: string; /** The cluster cites this one work. */ readonly single: boolean };
}

export function citationInAuthorNote({ place, html, bare, author }: InNoteCitation): string {
  if (author) {
    const rest = place.needsPeriod ? html : withoutFinalPeriod(html, bare);
    if (!author.html) return rest;
    // One work: one link, as for an author named in the text ("Naughton (2007)").
    if (author.single) return `<a href="#${entryId(author.key)}">${rest ? `${author.html}, ${unlinked(rest)}` : author.html}</a>`;
    const name = `<a href="#${entryId(author.key)}">${author.html}</a>`;
    return rest ? `${name}, ${rest}` : name;
  }
  // Pandoc 2.17 keeps the style's closing period before the text's own punctuation ("S. 7.;",
  // "2001)., 12"); a title's own period stays ("„Annales regni.“, S. 12").
  if (place.first) return place.beforePunctuation ? withoutFinalPeriod(html, bare) : html;
  return `(${withoutFinalPeriod(html, bare)})`;
}

/**
 * The citation without the period the style closes it with, which may stand inside closing quotes
 * (“Why Water Is Wet.”). A period that belongs to the text before it stays: a title's own
 * (“Annales Regni.”), as in Pandoc, and an abbreviation's ("ebd.", "S. 3 f."), which Pandoc 2.17
 * removes too ("(ebd)"). The rendering without the layout's affixes (`bare`) tells them apart.
 */
function withoutFinalPeriod(html: string, bare: string): string {
  const own = textOf(bare).replaceAll('\u2060', '').trimEnd().replace(/[”’»]+$/u, '');
  if (own.endsWith('.')) return html;
  return html.replace(/\.((?:[”’»]|<\/[^>]+>)*)$/u, '$1');
}

function unlinked(html: string): string {
  return html.replace(/<\/?a\b[^>]*>/g, '');
}
