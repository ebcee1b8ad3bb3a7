/**
 * How to cite the essay itself: its CSL item (a web article of the site), its reference in the
 * essay's own style, a citation of one paragraph ("para. 3": web essays have no pages), and BibTeX.
 * The style text comes from the same citeproc-js engine as the essay's references; BibTeX from
 * citation-js.
 */
import type { Author, EssayFrontmatter } from '../schemas/essay.ts';
import { formatAlone, type CslStyle } from '../citeproc/engine.ts';
import type { CslEntry, CslName } from '../bibliography/csl.ts';
import { exportEntries } from '../bibliography/exports.ts';
import { isoDate } from './format.ts';

/** Stands for the paragraph number in a passage citation, replaced when a reader picks one. */
export const PARAGRAPH_PLACEHOLDER = '987654321';
/** Stands for the paragraph's id in the passage's address. */
export const PARAGRAPH_ID_PLACEHOLDER = 'paragraph-id-placeholder';

/** "Ada Writer" → Writer, Ada; "Ada van der Writer" keeps the particle with the family name. */
export function personName(author: Author): CslName {
  const parts = author.name.trim().split(/\s+/);
  if (parts.length === 1) return { literal: author.name.trim() };
  const particle = parts.findIndex((part, i) => i > 0 && i < parts.length - 1 && /^(van|von|de|der|den|du|da|di|del|della|la|le|bin|ibn|al)$/i.test(part));
  const split = particle === -1 ? parts.length - 1 : particle;
  return { given: parts.slice(0, split).join(' '), family: parts.slice(split).join(' ') };
}

const dateParts = (date: Date): [[number, number, number]] => [[date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]];

export function essayCslItem(essay: { readonly slug: string; readonly frontmatter: EssayFrontmatter; readonly url: string; readonly lang: string }, siteTitle: string): CslEntry {
  const { frontmatter } = essay;
  return {
    id: essay.slug,
    type: 'webpage',
    title: frontmatter.title,
    ...(frontmatter.authors.length > 0 ? { author: frontmatter.authors.map(personName) } : {}),
    issued: { 'date-parts': dateParts(frontmatter.date) },
    'container-title': siteTitle,
    URL: essay.url,
    language: essay.lang,
    ...(frontmatter.description ? { abstract: frontmatter.description } : {}),
    ...(frontmatter.keywords.length > 0 ? { keyword: frontmatter.keywords.join(', ') } : {}),
  } as CslEntry;
}

export interface EssayCitations {
  /** The essay's entry in its style (HTML, no links). */
  readonly reference: string;
  /** A citation of paragraph PARAGRAPH_PLACEHOLDER in its style: a note for note styles, else in-text. */
  readonly passage: string;
  readonly bibtex: string;
  /** BibTeX of the passage: the essay's, with the paragraph's address and number. */
  readonly passageBibtex: string;
}

/**
 * The reference as phrasing content, to stand in a paragraph: without links, without the entry's
 * own block, and with the parts numeric styles set as blocks ("[1]" and the text) as spans.
 */
const unlinked = (html: string) =>
  html
    .replace(/<\/?a\b[^>]*>/g, '')
    .replace(/^\s*<div class="csl-entry">|<\/div>\s*$/g, '')
    .replace(/<div\b([^>]*)>/g, '<span$1>')
    .replace(/<\/div>/g, '</span>')
    .replace(/<\/span>\s*<span/g, '</span> <span')
    .trim();

export function essayCitations(item: CslEntry, style: CslStyle): EssayCitations {
  const formatted = formatAlone(style, item, { locator: PARAGRAPH_PLACEHOLDER, label: 'paragraph' });
  // BibTeX has no day: the year and month make `month = nov`, not citation-js's "nov 29".
  const forBibtex = { ...item, issued: { 'date-parts': [(item.issued?.['date-parts']?.[0] ?? []).slice(0, 2)] } } as CslEntry;
  const bibtex = exportEntries([forBibtex], 'bibtex');
  return {
    reference: unlinked(formatted.reference),
    passage: unlinked(formatted.citation),
    bibtex,
    passageBibtex: exportEntries([{ ...forBibtex, URL: `${item.URL ?? ''}#${PARAGRAPH_ID_PLACEHOLDER}`, note: `para. ${PARAGRAPH_PLACEHOLDER}` } as CslEntry], 'bibtex'),
  };
}

/** The essay's date for metadata: `2026/11/29`, as Google Scholar asks. */
export function highwireDate(date: Date): string {
  return isoDate(date).replaceAll('-', '/');
}
