/**
 * Renders an assembled essay to HTML with Astro's Markdown processor: GFM notes, our citation
 * plugins over citeproc-js with the essay's own CSL style, locale and bibliography (all read from
 * the repository, never fetched), then our plugins for sections, endnotes and references.
 *
 * Rendering happens when the page is built, not through Astro's content cache, so an edit to the
 * bibliography or the style is never served stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMarkdownProcessor, type MarkdownProcessor } from '@astrojs/markdown-remark';
import type { VFile } from 'vfile';
import { entryId } from '../bibliography/anchors.ts';
import type { CslStyle } from './citeproc/engine.ts';
import type { CslEntry } from '../bibliography/csl.ts';
import { workDownloadFromEssay } from '../publishing/downloads.ts';
import rehypeCitations, { type CitationContext } from './rehype-citations.ts';
import rehypeEndnotes from './rehype-endnotes.ts';
import rehypeEssaySections, { type SectionMarker } from './rehype-essay-sections.ts';
import rehypeMarginNotes from './rehype-margin-notes.ts';
import rehypeReferences from './rehype-references.ts';
import rehypeSafeHtml from './rehype-safe-html.ts';
import rehypeBaseLinks from './rehype-base-links.ts';
import remarkGfm from 'remark-gfm';
import { gfmOptions, pandocRemarkPlugins } from '../markdown/parse.ts';
import { rehypeImplicitHeadingLinks } from '../markdown/pandoc-markdown.ts';
import { rehypeFigureAlt } from '../markdown/figures.ts';
import remarkSmartypants from 'remark-smartypants';
import type { CitationOptions, EssaySource } from '../sources/load.ts';
import rehypeCollectCitingPlaces, { type CitingPlace } from './citing-places.ts';
import { rehypeCollectPassages, type EssayPage, type SearchHeader } from '../search/passages.ts';

export interface RenderedEssay {
  readonly html: string;
  readonly sections: readonly { readonly slug: string; readonly title: string }[];
  /** Each reference entry's "Cited in" places, by entry id (`bib-…`). */
  readonly citingPlaces: ReadonlyMap<string, readonly CitingPlace[]>;
  /** The essay's search passages, when the input asked for them (`searchHeader`). */
  readonly search?: EssayPage;
}

/**
 * All that rendering an essay needs, as plain data (structured-cloneable), so that it can be
 * rendered on another thread: the Markdown, the style's XML, and only the works the essay cites.
 */
export interface RenderInput {
  readonly markdown: string;
  readonly sections: readonly SectionMarker[];
  readonly sectionTitles: readonly { readonly slug: string; readonly title: string }[];
  readonly style: CslStyle;
  readonly entries: ReadonlyMap<string, CslEntry>;
  readonly nocite: readonly string[] | 'all';
  /** Each work's downloads (without extension), by entry id, relative to the page. */
  readonly downloads: ReadonlyMap<string, string>;
  /** The site's base path, for links the writer made from the site's root. */
  readonly base: string;
  /** Pandoc's link-citations, link-bibliography, suppress-bibliography and reference-section-title. */
  readonly citationOptions: CitationOptions;
  /** When given, the essay's search passages are cut from the finished tree too, under this header. */
  readonly searchHeader?: SearchHeader;
}

/** What the plugins read about the document being rendered, passed through the file's data. */
interface RenderData {
  /** The site's base path, for links the writer made from the site's root (`/other-essay/`). */
  readonly base: string;
  readonly sections: readonly SectionMarker[];
  readonly citations: CitationContext;
  /** Each work's downloads (without extension), by entry id, relative to the page. */
  readonly downloads: ReadonlyMap<string, string>;
  /** Filled by the last plugin. */
  readonly citingPlaces: Map<string, CitingPlace[]>;
  readonly citationOptions: CitationOptions;
  /** Filled by rehypeCollectPassages when the input gives a search header. */
  readonly search: { readonly header: SearchHeader; passages?: EssayPage } | undefined;
}

function renderData(file: VFile): RenderData | undefined {
  const data = file.data as { astro?: { frontmatter?: { apparatus?: RenderData } } };
  return data.astro?.frontmatter?.apparatus;
}

// One processor serves every essay: what differs between essays travels in each file's data.
let processor: Promise<MarkdownProcessor> | undefined;

function getProcessor(): Promise<MarkdownProcessor> {
  processor ??= createMarkdownProcessor({
    syntaxHighlight: false,
    // Smart punctuation runs after citations are read (so a cluster is found as written), with
    // Pandoc's rules: `--` an en dash, `---` an em dash.
    smartypants: false,
    // GFM with the options the checks read it with (src/markdown/parse.ts).
    gfm: false,
    // Plain ids (fn-label, fnref-label): the page has one document, so nothing needs a prefix.
    remarkRehype: { clobberPrefix: '', footnoteLabel: 'Notes', footnoteLabelTagName: 'h2' },
    remarkPlugins: [[remarkGfm, gfmOptions] as never, ...(pandocRemarkPlugins as unknown as readonly never[]), [remarkSmartypants, { dashes: 'oldschool' }] as never],
    rehypePlugins: [
      [rehypeCitations, { contextOf: (file: VFile) => renderData(file)?.citations }],
      // Once citations are formatted: alt texts that hold them.
      rehypeFigureAlt,
      [rehypeEssaySections, { sectionsOf: (file: VFile) => renderData(file)?.sections ?? [] }],
      // After the sections plugin, which gives section headings their ids.
      rehypeImplicitHeadingLinks,
      [rehypeEndnotes, {}],
      [
        rehypeReferences,
        {
          downloadsOf: (file: VFile) => renderData(file)?.downloads,
          optionsOf: (file: VFile) => {
            const own = renderData(file)?.citationOptions;
            return own && { title: own.referenceSectionTitle, linkIdentifiers: own.linkBibliography };
          },
        },
      ],
      [rehypeMarginNotes, {}],
      // Last: it parses the writer's raw HTML into the tree (losing the source positions the plugins
      // above find sections by) and removes anything in it that would run.
      rehypeSafeHtml,
      [rehypeBaseLinks, { baseOf: (file: VFile) => renderData(file)?.base ?? '/' }],
      [rehypeCollectCitingPlaces, { into: (file: VFile) => renderData(file)?.citingPlaces }],
      [rehypeCollectPassages, { into: (file: VFile) => renderData(file)?.search }],
    ],
  });
  return processor;
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
 * Only the works the essay cites or lists go to citeproc: as in Pandoc, disambiguation ("2007a")
 * must not count works the essay never names, and a shared bibliography of thousands of entries
 * would make every essay pay for all of them.
 */
export function renderInput(
  essay: EssaySource & { readonly citations?: readonly { readonly key: string }[] },
  options: { readonly base?: string; readonly style?: CslStyle } = {},
): RenderInput {
  const used =
    essay.citations && essay.nocite !== 'all' ? new Set([...essay.citations.map((c) => c.key), ...essay.nocite]) : undefined;
  const entries = new Map<string, CslEntry>(
    [...essay.bibliography.entries].filter(([id]) => !used || used.has(id)).map(([id, sourced]) => [id, sourced.entry]),
  );
  return {
    markdown: essay.assembled.markdown,
    sections: essay.assembled.sections.map((s) => ({ slug: s.slug, headingLine: s.headingLine })),
    sectionTitles: essay.assembled.sections.map(({ slug, title }) => ({ slug, title })),
    style: options.style ?? essayStyle(essay),
    entries,
    nocite: essay.nocite,
    downloads: new Map([...entries.keys()].map((key) => [entryId(key), workDownloadFromEssay(essay.bibliography.entries.get(key)!.file, key)])),
    base: options.base ?? '/',
    citationOptions: essay.citationOptions,
  };
}

export async function renderFromInput(input: RenderInput): Promise<RenderedEssay> {
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
    citationOptions: input.citationOptions,
    search: input.searchHeader && { header: input.searchHeader },
  };
  const result = await (await getProcessor()).render(input.markdown, { frontmatter: { apparatus } });
  const rendered = { html: result.code, sections: input.sectionTitles, citingPlaces: apparatus.citingPlaces };
  return apparatus.search?.passages ? { ...rendered, search: apparatus.search.passages } : rendered;
}

export function renderEssay(
  essay: EssaySource & { readonly citations?: readonly { readonly key: string }[] },
  options: { readonly base?: string } = {},
): Promise<RenderedEssay> {
  return renderFromInput(renderInput(essay, options));
}
