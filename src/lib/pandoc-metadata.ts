/**
 * What an essay's frontmatter may hold because it was written for Pandoc: the variables of Pandoc's
 * templates (accepted, with a warning that they change nothing here), `nocite` in each of Pandoc's
 * forms, and the free-text dates Pandoc itself can read.
 */
import type { Diagnostic } from './diagnostics.ts';
import type { Position } from './frontmatter.ts';

/**
 * The variables documented in Pandoc's MANUAL ("Metadata variables", "Language variables", the
 * "Variables for …" sections of each output, "Variables set automatically", EPUB metadata and
 * "Citation rendering"), less the fields Apparatus reads itself. They steer Pandoc's templates and
 * LaTeX, which Apparatus does not use; refusing them would make an essay written for Pandoc fail
 * for nothing, and dropping them silently would hide a field that the writer expects to matter.
 */
export const PANDOC_VARIABLES: ReadonlySet<string> = new Set([
  // Metadata, HTML and EPUB.
  'abstract-title', 'author-meta', 'belongs-to-collection', 'category', 'contributor', 'coverage', 'cover-image',
  'creator', 'css', 'date-meta', 'description-meta', 'dir', 'document-css', 'epub-cover-image', 'format', 'group-position',
  'ibooks', 'identifier', 'include-after', 'include-before', 'institute', 'keywords-meta', 'meta-json', 'page-progression-direction',
  'pagetitle', 'publisher', 'relation', 'rights', 'subject', 'thanks', 'title-meta', 'title-prefix', 'type',
  'accessModes', 'accessModeSufficient', 'accessibilityFeatures', 'accessibilityHazards', 'accessibilitySummary',
  'header-includes', 'toc', 'toc-depth', 'toc-title', 'numbersections', 'lof', 'lot',
  // Fonts, colours and layout (HTML, LaTeX, ConTeXt, Typst, ms).
  'backgroundcolor', 'fontcolor', 'linkcolor', 'mainfont', 'monofont', 'monobackgroundcolor', 'maxwidth', 'fontsize',
  'linestretch', 'margin-left', 'margin-right', 'margin-top', 'margin-bottom', 'classoption', 'block-headings',
  'documentclass', 'geometry', 'shorthands', 'hyperrefoptions', 'indent', 'pagestyle', 'papersize', 'secnumdepth',
  'beamerarticle', 'handout', 'csquotes', 'csquotesoptions', 'babeloptions', 'babelfonts', 'fontenc', 'fontfamily',
  'fontfamilyoptions', 'sansfont', 'mathfont', 'CJKmainfont', 'CJKsansfont', 'CJKmonofont', 'mainfontoptions',
  'sansfontoptions', 'monofontoptions', 'mathfontoptions', 'CJKoptions', 'luatexjapresetoptions', 'mainfontfallback',
  'sansfontfallback', 'monofontfallback', 'microtypeoptions', 'mathspec', 'colorlinks', 'boxlinks', 'filecolor',
  'citecolor', 'urlcolor', 'toccolor', 'links-as-notes', 'urlstyle', 'pdf-trailer-id', 'polyglossia-lang',
  'headertext', 'footertext', 'indenting', 'interlinespace', 'layout', 'contrastcolor', 'linkstyle', 'pagenumbering',
  'pdfa', 'pdfaiccprofile', 'pdfaintent', 'whitespace', 'includesource', 'footer-html', 'header-html', 'adjusting',
  'footer', 'header', 'section', 'version', 'filename', 'template', 'margin', 'section-numbering', 'page-numbering',
  'columns', 'codefont', 'lineheight', 'pointsize',
  // Slides.
  'revealjs-url', 's5-url', 'slidy-url', 'slideous-url', 'title-slide-attributes', 'aspectratio', 'beameroption',
  'logo', 'navigation', 'section-titles', 'theme', 'colortheme', 'fonttheme', 'innertheme', 'outertheme',
  'themeoptions', 'colorthemeoptions', 'fontthemeoptions', 'innerthemeoptions', 'outerthemeoptions', 'titlegraphic',
  'titlegraphicoptions', 'shorttitle', 'shortsubtitle', 'shortauthor', 'shortinstitute', 'shortdate',
  // Citations handled by LaTeX, or Pandoc options Apparatus has its own way of doing.
  'biblatexoptions', 'biblio-style', 'biblio-title', 'natbiboptions', 'natbib', 'biblatex', 'cite-method',
  'citation-abbreviations', 'notes-after-punctuation', 'citeproc',
  // Set automatically by Pandoc, sometimes copied into frontmatter.
  'body', 'sourcefile', 'outputfile', 'pdf-engine', 'curdir', 'pandoc-version',
]);

export interface IgnoredFields {
  /** The frontmatter without the Pandoc variables Apparatus ignores. */
  readonly data: unknown;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Takes out of the frontmatter the Pandoc variables that Apparatus has no use for, with a warning
 * for each, so that the schema still refuses every other unknown field (a typo of our own fields).
 */
export function setAsidePandocVariables(
  data: unknown,
  own: readonly string[],
  file: string,
  locate: (path: readonly PropertyKey[]) => Position,
): IgnoredFields {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { data, diagnostics: [] };
  const kept: Record<string, unknown> = {};
  const diagnostics: Diagnostic[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (!own.includes(key) && PANDOC_VARIABLES.has(key)) {
      diagnostics.push({
        file,
        ...locate([key]),
        severity: 'warning',
        rule: 'frontmatter/ignored-pandoc-field',
        message: `The Pandoc field "${key}" is ignored by Apparatus.`,
        hint: 'Apparatus lays out its pages itself, so Pandoc\'s template, LaTeX and EPUB variables change nothing here. Keep the line for Pandoc, or delete it.',
      });
      continue;
    }
    kept[key] = value;
  }
  return { data: kept, diagnostics };
}

/**
 * The keys of Pandoc's `nocite` in any form Pandoc reads: "@a, @b", "[@a; @b]", "@*", a list of such
 * strings, or, more leniently than Pandoc, keys written without their @. `@{key}` is Pandoc's form
 * for a key with unusual characters.
 */
export function nociteKeys(value: string | readonly string[]): string[] {
  const keys: string[] = [];
  for (const text of typeof value === 'string' ? [value] : value) {
    if (text.includes('@')) {
      // A key may hold internal punctuation (Pandoc's rule), so punctuation only ends it when no
      // letter or digit follows: "@a, @b." gives a and b.
      for (const match of text.matchAll(/@(?:\{([^}]+)\}|(\*|[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*))/gu)) {
        keys.push((match[1] ?? match[2] ?? '').trim());
      }
    } else {
      keys.push(...text.split(/[\s,;[\]]+/));
    }
  }
  return [...new Set(keys.map((key) => key.trim()).filter(Boolean))];
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthOf(word: string): number | undefined {
  const name = word.toLowerCase().replace(/\.$/, '');
  if (name.length < 3) return undefined;
  const index = MONTHS.findIndex((month) => month.startsWith(name) && (name.length >= 3));
  return index < 0 ? undefined : index + 1;
}

/**
 * A publication date from what an editor wrote: ISO 8601 (2026-11-29), or the unambiguous free
 * forms that Pandoc also reads for `date-meta` ("29 November 2026", "Nov. 29, 2026"). Numeric forms
 * with slashes are refused: Pandoc reads 03/04/2026 as 4 March, and half the world means 3 April.
 */
export function essayDate(value: string | Date): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
  if (iso) {
    const date = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
    return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3])) && !Number.isNaN(date.getTime()) ? date : undefined;
  }
  const dayFirst = /^(\d{1,2})\.?\s+([A-Za-z]+\.?)\s+(\d{4})$/.exec(text);
  const monthFirst = /^([A-Za-z]+\.?)\s+(\d{1,2}),?\s+(\d{4})$/.exec(text);
  const parts = dayFirst
    ? { day: Number(dayFirst[1]), month: monthOf(dayFirst[2]!), year: Number(dayFirst[3]) }
    : monthFirst
      ? { day: Number(monthFirst[2]), month: monthOf(monthFirst[1]!), year: Number(monthFirst[3]) }
      : undefined;
  if (!parts?.month || !validDay(parts.year, parts.month, parts.day)) return undefined;
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
