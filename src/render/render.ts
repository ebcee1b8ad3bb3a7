/**
 * An essay's one pass: its Markdown read once with Astro's Markdown processor (GFM, Pandoc's
 * syntax and citations), checked on that tree (checks/essay-checks.ts), then, when the check found
 * no error, rendered to HTML: citeproc-js with the essay's own CSL style, locale and bibliography
 * (all read from the repository, never fetched), our plugins for sections, endnotes and references,
 * and the search passages cut from the finished tree.
 *
 * A pass is plain data in and out (RenderInput, EssayPass), so that it runs on any thread and its
 * result can be kept in the build cache under the digest of its input.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import type { VFile } from 'vfile';
import { entryId } from '../bibliography/anchors.ts';
import { citedKeys } from '../bibliography/cited-works.ts';
import type { CslStyle } from '../citeproc/engine.ts';
import type { CslEntry } from '../bibliography/csl.ts';
import { workDownloadPath } from '../publishing/downloads.ts';
import { essayDownloads, type EssayDownloads } from '../publishing/essay-downloads.ts';
import { essayCitations, type EssayCitations } from '../publishing/essay-citation.ts';
import rehypeCitations, { locatorTerms, type CitationContext } from './rehype-citations.ts';
import rehypeEndnotes, { NOTES_ID } from './rehype-endnotes.ts';
import rehypeCollectIds from './rehype-collect-ids.ts';
import rehypeEssaySections, { type SectionMarker } from './rehype-essay-sections.ts';
import rehypeMarginNotes from './rehype-margin-notes.ts';
import rehypeMarginReferences from './rehype-margin-references.ts';
import rehypeReferences, { REFERENCES_ID } from './rehype-references.ts';
import rehypeHeadingLevels from './rehype-heading-levels.ts';
import rehypePandocHeadingIds from './rehype-pandoc-heading-ids.ts';
import rehypeSafeHtml from './rehype-safe-html.ts';
import rehypeBaseLinks from './rehype-base-links.ts';
import rehypeTableScroll from './rehype-table-scroll.ts';
import rehypeBareLinks from './rehype-bare-links.ts';
import remarkGfm from 'remark-gfm';
import { resolveCitedKey } from '../markdown/cito.ts';
import { gfmOptions, pandocRemarkPlugins } from '../checks/essay-reading.ts';
import { rehypeImplicitHeadingLinks } from '../markdown/pandoc-markdown.ts';
import { rehypeFigureAlt } from '../markdown/figures.ts';
import { rehypeMathml } from '../markdown/math.ts';
import remarkCrossReferences, { CROSS_REFERENCE_KEY } from '../markdown/cross-references.ts';
import remarkShiftHeadings from '../markdown/shift-headings.ts';
import remarkShortcodes from '../markdown/shortcodes.ts';
import remarkSmartypants from 'remark-smartypants';
import remarkSingleQuotes from '../markdown/single-quotes.ts';
import { essayFolder, type CitationOptions, type EssayFolder, type EssaySource } from '../sources/load.ts';
import type { CrossrefOptions } from '../markdown/crossref-options.ts';
import type { CitingPlace } from '../publishing/citing-places.ts';
import rehypeFigureList, { type ListedFigure } from './figure-list.ts';
import { rehypeCollectPassages, type EssayPage, type SearchHeader } from '../search/passages.ts';
import remarkEssayChecks, { type EssayCheck, type EssayCheckContext } from '../checks/essay-checks.ts';
import { candidateKeys } from '../markdown/citation-syntax.ts';
import { didYouMean } from '../lib/suggest.ts';
import { SourceError } from '../lib/diagnostics.ts';
import { placeFinder, type LineMap } from '../sources/assemble.ts';

export interface RenderedEssay {
  readonly html: string;
  /** In the order written; an appendix is printed after the references. */
  readonly sections: readonly { readonly slug: string; readonly title: string; readonly appendix?: boolean }[];
  /** The numbered figures and tables, in order, for the contents' list of figures. */
  readonly figures: readonly ListedFigure[];
  /** Each reference entry's "Cited in" places, by entry id (`bib-…`). */
  readonly citingPlaces: ReadonlyMap<string, readonly CitingPlace[]>;
  /** Whether the page has the author's notes (rehype-endnotes) and a reference list (rehype-references). */
  readonly hasNotes: boolean;
  readonly hasReferences: boolean;
  /** The essay's search passages, when the input asked for them (`searchHeader`). */
  readonly search?: EssayPage;
  /** How to cite the essay itself, in its own style, when the input gave its item (`citeThis`). */
  readonly citeThis?: EssayCitations;
  /** Its works as BibTeX, RIS and CSL-JSON: the list's and each work's downloads. */
  readonly downloads: EssayDownloads;
}

/**
 * All that rendering an essay needs, as plain data (structured-cloneable), so that it can be
 * rendered on another thread: the Markdown, the style's XML, and only the works the essay cites.
 */
export interface RenderInput {
  readonly markdown: string;
  readonly sections: readonly SectionMarker[];
  readonly sectionTitles: readonly { readonly slug: string; readonly title: string; readonly appendix?: boolean }[];
  readonly style: CslStyle;
  readonly entries: ReadonlyMap<string, CslEntry>;
  readonly nocite: readonly string[] | 'all';
  /** Each work's downloads, by entry id: its path from the site's root, without extension (publishing/downloads.ts). */
  readonly downloads: ReadonlyMap<string, string>;
  /** The site's base path, for links the writer made from the site's root. */
  readonly base: string;
  /** Pandoc's link-citations, link-bibliography, suppress-bibliography and reference-section-title. */
  readonly citationOptions: CitationOptions;
  /** How figures, tables, equations and sections are named and numbered. */
  readonly crossref: CrossrefOptions;
  /** When given, the essay's search passages are cut from the finished tree too, under this header. */
  readonly searchHeader?: SearchHeader;
  /** The essay's own CSL item: when given, "Cite this essay" is formatted in the pass, in the essay's style. */
  readonly citeThis?: CslEntry;
  /** What the essay's check needs besides the Markdown and the entries (see checks/essay-checks.ts). */
  readonly check: {
    /** Each section's id, title and file, and its heading's line in the Markdown. */
    readonly sections: readonly { readonly slug: string; readonly title: string; readonly file: string; readonly headingLine: number }[];
    readonly lineMap: LineMap;
    /**
     * "Did you mean" for each key the Markdown may cite that the bibliography lacks: the task
     * carries only the entries the essay may cite, not the whole bibliography to suggest from.
     */
    readonly unknownKeyHints: ReadonlyMap<string, string | undefined>;
    /** The essay folder and its other files, for the images the Markdown shows. */
    readonly folder: EssayFolder;
    /** Levels the headings are set down by (sources/assemble.ts). */
    readonly headingShift: number;
    /** The essay's metadata and variables as text, for Quarto's `meta` and `var` shortcodes. */
    readonly metadataText: ReadonlyMap<string, string>;
  };
}

/** An essay's one pass: its check and, when the check found no error, its page. */
export interface EssayPass {
  readonly check: EssayCheck;
  readonly rendered?: RenderedEssay;
}

/** What the plugins read about the document being rendered, passed through the file's data. */
interface RenderData {
  /** The site's base path, for links the writer made from the site's root (`/other-essay/`). */
  readonly base: string;
  readonly sections: readonly SectionMarker[];
  readonly citations: CitationContext;
  /** Each work's downloads, by entry id (RenderInput's). */
  readonly downloads: ReadonlyMap<string, string>;
  /** Filled by rehype-references. */
  readonly citingPlaces: Map<string, CitingPlace[]>;
  /** Filled by rehypeFigureList. */
  readonly figures: ListedFigure[];
  /** Filled by rehypeCollectIds: every id of the finished page. */
  readonly ids: Set<string>;
  readonly citationOptions: CitationOptions;
  readonly crossref: CrossrefOptions;
  /** Filled by rehypeCollectPassages when the input gives a search header. */
  readonly search: { readonly header: SearchHeader; passages?: EssayPage } | undefined;
  readonly checkContext: EssayCheckContext;
  /** Filled by remarkEssayChecks. */
  check?: EssayCheck;
}

function renderData(file: VFile): RenderData | undefined {
  const data = file.data as { astro?: { frontmatter?: { apparatus?: RenderData } } };
  return data.astro?.frontmatter?.apparatus;
}

// One processor serves every essay: what differs between essays travels in each file's data.
let processor: Promise<MarkdownRenderer> | undefined;

function getProcessor(): Promise<MarkdownRenderer> {
  processor ??= createMarkdownProcessor({
    syntaxHighlight: false,
    // Smart punctuation runs after citations are read (so a cluster is found as written), with
    // Pandoc's rules: `--` an en dash, `---` an em dash.
    smartypants: false,
    // GFM with the options the checks read it with (src/markdown/parse.ts).
    gfm: false,
    // Plain ids (fn-label, fnref-label): the page has one document, so nothing needs a prefix.
    remarkRehype: { clobberPrefix: '', footnoteLabel: 'Notes', footnoteLabelTagName: 'h2' },
    remarkPlugins: [
      [remarkGfm, gfmOptions] as never,
      ...(pandocRemarkPlugins as unknown as readonly never[]),
      [remarkShiftHeadings, { shiftOf: (file: VFile) => renderData(file)?.checkContext.headingShift }] as never,
      [remarkShortcodes, { valuesOf: (file: VFile) => renderData(file)?.checkContext.metadataText }] as never,
      [remarkCrossReferences, { sectionsOf: (file: VFile) => renderData(file)?.sections, crossrefOf: (file: VFile) => renderData(file)?.crossref }] as never,
      // The checks, on the tree the page is made from; an essay in error goes no further.
      [
        remarkEssayChecks,
        {
          contextOf: (file: VFile) => renderData(file)?.checkContext,
          done: (file: VFile, check: EssayCheck) => {
            const data = renderData(file);
            if (data) data.check = check;
          },
          stopOnError: true,
        },
      ] as never,
      // Single quotes paired as Pandoc pairs them; then SmartyPants curls the rest.
      remarkSingleQuotes,
      [remarkSmartypants, { dashes: 'oldschool', backticks: false }] as never,
    ],
    rehypePlugins: [
      [rehypeCitations, { contextOf: citationContextOf }],
      // Once citations are formatted: alt texts that hold them.
      rehypeFigureAlt,
      [rehypeEssaySections, { sectionsOf: (file: VFile) => renderData(file)?.sections ?? [] }],
      // A heading at most one level below the one before it (`#` then `###` in a paper).
      rehypeHeadingLevels,
      // After the sections plugin, which gives section headings their ids.
      rehypeImplicitHeadingLinks,
      // Once headings have their ids: links written against Pandoc's heading ids reach them.
      rehypePandocHeadingIds,
      [rehypeEndnotes, {}],
      [
        rehypeReferences,
        {
          downloadsOf: (file: VFile) => renderData(file)?.downloads,
          optionsOf: (file: VFile) => {
            const own = renderData(file)?.citationOptions;
            return own && { title: own.referenceSectionTitle, linkIdentifiers: own.linkBibliography };
          },
          citingPlacesInto: (file: VFile) => renderData(file)?.citingPlaces,
        },
      ],
      [rehypeMarginReferences, { enabledFor: (file: VFile) => renderData(file)?.citationOptions.citationLocation === 'margin' }],
      [rehypeMarginNotes, {}],
      // Last: it parses the writer's raw HTML into the tree (losing the source positions the plugins
      // above find sections by) and removes anything in it that would run.
      rehypeSafeHtml,
      // After the sanitizer, which removes any <math> the writer typed: the equations' MathML is ours.
      rehypeMathml,
      [rehypeBaseLinks, { baseOf: (file: VFile) => renderData(file)?.base ?? '/' }],
      [rehypeFigureList, { into: (file: VFile) => renderData(file)?.figures }],
      [rehypeCollectPassages, { into: (file: VFile) => renderData(file)?.search }],
      rehypeTableScroll,
      rehypeBareLinks,
      [rehypeCollectIds, { into: (file: VFile) => renderData(file)?.ids }],
    ],
  });
  return processor;
}

/**
 * The citation context of the file, with only the works it cites or lists: the task carries every
 * work the Markdown may cite, and citeproc-js must see only those it does (as in Pandoc,
 * disambiguation must not count works the essay never names).
 */
function citationContextOf(file: VFile): CitationContext | undefined {
  const data = renderData(file);
  if (!data || data.citations.nocite === 'all') return data?.citations;
  const cited = new Set(citedKeysOf(data));
  const entries = new Map([...data.citations.entries].filter(([key]) => cited.has(key)));
  return { ...data.citations, entries };
}

/** The works the essay's reference list shows (bibliography/cited-works.ts), once its check has found its citations. */
function citedKeysOf(data: RenderData): string[] {
  const { entries, nocite } = data.citations;
  return citedKeys(
    (data.check?.citations ?? []).map((c) => c.key),
    nocite,
    entries.keys(),
    (key) => entries.has(key),
  );
}

/** The essay's style with its locale and the en-US fallback that CSL styles may ask for. */
export function essayStyle(essay: EssaySource): CslStyle {
  const locales = new Map<string, string>();
  const localeXml = readFileSync(essay.locale.file, 'utf8');
  locales.set(/xml:lang="([^"]+)"/.exec(localeXml)?.[1] ?? essay.locale.name, localeXml);
  const fallback = join(essay.locale.file, '..', 'locales-en-US.xml');
  if (!locales.has('en-US') && existsSync(fallback)) locales.set('en-US', readFileSync(fallback, 'utf8'));
  return { xml: readFileSync(essay.style.file, 'utf8'), locales, lang: essay.locale.name };
}

/**
 * The task carries only the works the Markdown may cite (or lists in nocite), not the bibliography,
 * which a journal may share among its essays and which can hold thousands of entries.
 */
export function renderInput(essay: EssaySource, options: { readonly base?: string; readonly style?: CslStyle } = {}): RenderInput {
  const all = essay.bibliography.entries;
  const { markdown } = essay.assembled;
  const wanted = essay.nocite === 'all' ? new Set(all.keys()) : new Set([...candidateKeys(markdown), ...essay.nocite]);
  const entries = new Map<string, CslEntry>();
  const unknownKeyHints = new Map<string, string | undefined>();
  for (const key of wanted) {
    // `@fig-map`: a reference to a figure, table, equation or section, never a work.
    if (CROSS_REFERENCE_KEY.test(key)) continue;
    const { key: cited } = resolveCitedKey(key, (candidate) => all.has(candidate));
    const sourced = all.get(cited);
    if (sourced) entries.set(cited, sourced.entry);
    else unknownKeyHints.set(key, didYouMean(key, all.keys()));
  }
  return {
    markdown,
    sections: essay.assembled.sections.map((s) => ({ slug: s.slug, headingLine: s.headingLine, ...(s.appendix ? { appendix: true } : {}) })),
    sectionTitles: essay.assembled.sections.map(({ slug, title, appendix }) => ({ slug, title, ...(appendix ? { appendix } : {}) })),
    style: options.style ?? essayStyle(essay),
    entries,
    nocite: essay.nocite,
    downloads: new Map([...entries.keys()].map((key) => [entryId(key), workDownloadPath(all.get(key)!.file, key)])),
    base: options.base ?? '/',
    citationOptions: essay.citationOptions,
    crossref: essay.crossref,
    check: {
      sections: essay.assembled.sections.map(({ slug, title, file, headingLine }) => ({ slug, title, file, headingLine })),
      lineMap: essay.assembled.lineMap,
      unknownKeyHints,
      folder: essayFolder(essay),
      headingShift: essay.assembled.headingShift,
      metadataText: essay.metadataText,
    },
  };
}

/** Checks and renders an essay in one pass; an essay whose check found an error is not rendered. */
export async function passEssay(input: RenderInput): Promise<EssayPass> {
  const checkContext: EssayCheckContext = {
    isKnownKey: (key) => input.entries.has(key),
    suggestKey: (key) => input.check.unknownKeyHints.get(key),
    terms: locatorTerms(input.style),
    sections: input.check.sections,
    place: placeFinder(input.markdown, input.check.lineMap),
    headingShift: input.check.headingShift,
    metadataText: input.check.metadataText,
    folder: { path: input.check.folder.path, files: new Set(input.check.folder.files) },
  };
  const apparatus: RenderData = {
    base: input.base,
    sections: input.sections,
    citations: {
      style: input.style,
      entries: input.entries,
      nocite: input.nocite,
      linkCitations: input.citationOptions.linkCitations,
      suppressBibliography: input.citationOptions.suppressBibliography,
    },
    downloads: input.downloads,
    citingPlaces: new Map(),
    figures: [],
    ids: new Set(),
    citationOptions: input.citationOptions,
    crossref: input.crossref,
    search: input.searchHeader && { header: input.searchHeader },
    checkContext,
  };
  const { code } = await (await getProcessor()).render(input.markdown, { frontmatter: { apparatus } });
  // The check emptied the tree of an essay in error: there is no page to give.
  if (apparatus.check!.diagnostics.some((d) => d.severity === 'error')) return { check: apparatus.check! };
  // A section the page no longer has is not listed: a paper's closing "References" heading became
  // the reference list's (rehype-references), and the contents list the list under its own entry.
  const sections = input.sectionTitles.filter(({ slug }) => apparatus.ids.has(slug));
  const rendered: RenderedEssay = {
    html: code,
    sections,
    figures: apparatus.figures,
    citingPlaces: apparatus.citingPlaces,
    hasNotes: apparatus.ids.has(NOTES_ID),
    hasReferences: apparatus.ids.has(REFERENCES_ID),
    downloads: essayDownloads(citedKeysOf(apparatus).map((key) => ({ key, path: input.downloads.get(entryId(key)) ?? '', entry: input.entries.get(key)! }))),
    ...(apparatus.search?.passages ? { search: apparatus.search.passages } : {}),
    ...(input.citeThis ? { citeThis: essayCitations(input.citeThis, input.style) } : {}),
  };
  return { check: apparatus.check!, rendered };
}

/** The essay's page; an essay in error throws its diagnostics. */
export async function renderFromInput(input: RenderInput): Promise<RenderedEssay> {
  const pass = await passEssay(input);
  if (!pass.rendered) throw new SourceError(pass.check.diagnostics);
  return pass.rendered;
}

export function renderEssay(essay: EssaySource, options: { readonly base?: string } = {}): Promise<RenderedEssay> {
  return renderFromInput(renderInput(essay, options));
}
