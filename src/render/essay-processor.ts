/**
 * The processor of the render pass: Astro's Markdown processor with the one reading of an essay
 * (checks/essay-reading.ts), then our rehype plugins. One processor serves every essay: what differs
 * between essays travels in each file's data (RenderData), set by passEssay (render.ts).
 */
import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import remarkSmartypants from 'remark-smartypants';
import type { VFile } from 'vfile';
import { citedKeys } from '../bibliography/cited-works.ts';
import { essayReadingPlugins } from '../checks/essay-reading.ts';
import type { EssayCheck, EssayCheckContext } from '../checks/essay-checks.ts';
import type { CrossrefOptions } from '../markdown/crossref-options.ts';
import { rehypeFigureAlt } from '../markdown/figures.ts';
import { rehypeMathml } from '../markdown/math.ts';
import { rehypeImplicitHeadingLinks } from '../markdown/implicit-heading-links.ts';
import remarkSingleQuotes from '../markdown/single-quotes.ts';
import type { CitingPlace } from '../publishing/citing-places.ts';
import { rehypeCollectPassages, type EssayPage, type SearchHeader } from '../search/passages.ts';
import type { CitationOptions } from '../sources/essay-source.ts';
import rehypeFigureList, { type ListedFigure } from './figure-list.ts';
import rehypeBareLinks from './rehype-bare-links.ts';
import rehypeBaseLinks from './rehype-base-links.ts';
import rehypeCitations, { type CitationContext } from './rehype-citations.ts';
import rehypeAstroImages from './rehype-astro-images.ts';
import rehypeCollectIds from './rehype-collect-ids.ts';
import rehypeEndnotes from './rehype-endnotes.ts';
import rehypeEssaySections, { type SectionMarker } from './rehype-essay-sections.ts';
import rehypeHeadingLevels from './rehype-heading-levels.ts';
import rehypeMarginNotes from './rehype-margin-notes.ts';
import rehypeMarginReferences from './rehype-margin-references.ts';
import rehypePandocHeadingIds from './rehype-pandoc-heading-ids.ts';
import rehypeReferences from './rehype-references.ts';
import rehypeSafeHtml from './rehype-safe-html.ts';
import rehypeTableScroll from './rehype-table-scroll.ts';

/** What the plugins read about the document being rendered, passed through the file's data. */
export interface RenderData {
  /** The site's base path, for links the writer made from the site's root (`/other-essay/`). */
  readonly base: string;
  /** The essay's slug: its page is `/<slug>/` from the site's root. */
  readonly slug: string | undefined;
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
  /** Filled by rehypeAstroImages: the image files the page shows, as Astro imports them (`./figures/map.png`). */
  readonly images: string[];
  readonly citationOptions: CitationOptions;
  readonly crossref: CrossrefOptions;
  /** Filled by rehypeCollectPassages when the input gives a search header. */
  readonly search: { readonly header: SearchHeader; passages?: EssayPage } | undefined;
  readonly checkContext: EssayCheckContext;
  /** Filled by remarkEssayChecks. */
  check?: EssayCheck;
}

/** The essay page's path from the site's root, when the essay has a page. */
const pageOf = (data: RenderData | undefined) => (data?.slug ? `/${data.slug}/` : undefined);

function renderData(file: VFile): RenderData | undefined {
  const data = file.data as { astro?: { frontmatter?: { apparatus?: RenderData } } };
  return data.astro?.frontmatter?.apparatus;
}

// One processor serves every essay: what differs between essays travels in each file's data.
let processor: Promise<MarkdownRenderer> | undefined;

export function getProcessor(): Promise<MarkdownRenderer> {
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
      ...(essayReadingPlugins(
        (file) => {
          const data = renderData(file);
          return data && { checkContext: data.checkContext, sections: data.sections, crossref: data.crossref };
        },
        (file: VFile, check: EssayCheck) => {
          const data = renderData(file);
          if (data) data.check = check;
        },
        // An essay in error goes no further: its tree is emptied, and no page is made of it.
        { stopOnError: true },
      ) as never[]),
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
          pageOf: (file: VFile) => pageOf(renderData(file)),
        },
      ],
      [rehypeMarginReferences, { enabledFor: (file: VFile) => renderData(file)?.citationOptions.citationLocation === 'margin' }],
      [rehypeMarginNotes, {}],
      // Last: it parses the writer's raw HTML into the tree (losing the source positions the plugins
      // above find sections by) and removes anything in it that would run.
      rehypeSafeHtml,
      // After the sanitizer, which removes any <math> the writer typed: the equations' MathML is ours.
      rehypeMathml,
      [rehypeBaseLinks, { baseOf: (file: VFile) => renderData(file)?.base ?? '/', pageOf: (file: VFile) => pageOf(renderData(file)) }],
      [rehypeFigureList, { into: (file: VFile) => renderData(file)?.figures }],
      [rehypeCollectPassages, { into: (file: VFile) => renderData(file)?.search }],
      rehypeTableScroll,
      rehypeBareLinks,
      [rehypeCollectIds, { into: (file: VFile) => renderData(file)?.ids }],
      [
        rehypeAstroImages,
        {
          imagesOf: (file: VFile) => {
            const data = renderData(file);
            return data?.checkContext.folder && { folder: data.checkContext.folder, into: data.images };
          },
        },
      ],
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
export function citedKeysOf(data: RenderData): string[] {
  const { entries, nocite } = data.citations;
  return citedKeys(
    (data.check?.citations ?? []).map((c) => c.key),
    nocite,
    entries.keys(),
    (key) => entries.has(key),
  );
}
