/**
 * The fields Pandoc and the formats around it (Quarto, JOSS, pandoc-scholar, ReScience) define:
 * the frontmatter reader warns that they change nothing here, and the schema's errors tell them
 * apart from typos of Apparatus's own fields.
 */
import { editDistance } from '../lib/suggest.ts';

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

/**
 * Fields of the other formats a paper written for Pandoc is commonly in: a JOSS `paper.md`, a
 * pandoc-scholar article, a Quarto or R Markdown document (papaja, bookdown, blogdown). Any field
 * that is not a typo of one of Apparatus's is ignored with a warning; these are named by their
 * format in the warning, and are ignored even when they look like one of ours (`css`, `site`).
 * `affiliations` and `institute` are read when the authors refer to them (see `readPandocMetadata`).
 */
const FORMAT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  JOSS: [
    'tags', 'affiliations', 'aas-doi', 'aas-journal', 'archive_doi', 'formatted_doi', 'paper_url', 'review_issue_url',
    'software_repository_url', 'software_review_url', 'citation_author', 'journal_name', 'submitted', 'published',
    'editor', 'reviewers', 'volume', 'issue', 'page', 'year', 'repository', 'archive', 'review',
  ],
  'pandoc-scholar': ['journal', 'article', 'copyright', 'project'],
  Quarto: [
    'format', 'execute', 'jupyter', 'engine', 'knitr', 'filters', 'number-sections', 'number-depth',
    'date-format', 'date-modified', 'funding', 'categories', 'image', 'citation', 'google-scholar', 'doi',
    'appendix-style', 'title-block-banner', 'title-block-style', 'order',
    'code-fold', 'code-tools', 'comments', 'resources', 'freeze', 'toc-location',
    'page-layout', 'search', 'website', 'published-title', 'modified-title', 'author-title', 'affiliation-title',
  ],
  'R Markdown': [
    'output', 'params', 'runtime', 'knit', 'vignette', 'always_allow_html', 'editor_options', 'site', 'github-repo',
    'url', 'authornote', 'wordcount', 'floatsintext', 'figurelist', 'tablelist', 'footnotelist', 'linenumbers', 'mask',
    'annotate_references', 'note', 'slug', 'summary', 'weight', 'aliases', 'lastmod', 'publishdate', 'expirydate',
  ],
};

/** The format each known field comes from, Pandoc's own variables first. */
const FIELD_FORMAT: ReadonlyMap<string, string> = new Map([
  ...[...PANDOC_VARIABLES].map((key): [string, string] => [key, 'Pandoc']),
  ...Object.entries(FORMAT_FIELDS).flatMap(([format, keys]) => keys.filter((key) => !PANDOC_VARIABLES.has(key)).map((key): [string, string] => [key, format])),
]);

/** Fields of other formats that mean what a field of Apparatus means: the warning names it. */
export const EQUIVALENTS: Readonly<Record<string, string>> = {
  tags: 'keywords', categories: 'keywords', subject: 'keywords', 'date-modified': 'revised', lastmod: 'revised',
  summary: 'description', language: 'lang', 'description-meta': 'description',
};

/** The format a known foreign field belongs to ("Pandoc", "JOSS"…), or undefined. */
export function formatOfField(key: string): string | undefined {
  return FIELD_FORMAT.get(key);
}

/**
 * The fields of ours that `key` is a typo of: one edit for a short name (`cls`, `data`), two for a
 * longer one (`descripton`, `bibliograpy`, `authros`), letter case aside (`Title`). Stricter than
 * "did you mean" (src/checks/suggest.ts), which also offers `lang` for `language`: that decides
 * whether an unknown field is an error, and `titlepage` or `date-format` must not be.
 */
export function typoOf(key: string, own: readonly string[]): string[] {
  const word = key.toLowerCase();
  const budget = word.length <= 4 ? 1 : 2;
  return own.filter((field) => field !== key && editDistance(word, field.toLowerCase()) <= budget);
}
