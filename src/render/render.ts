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
import { entryId } from '../bibliography/anchors.ts';
import type { CslEntry } from '../bibliography/csl.ts';
import type { EssayCheck, EssayCheckContext } from '../checks/essay-checks.ts';
import type { CslStyle } from '../citeproc/engine.ts';
import type { CrossrefOptions } from '../markdown/crossref-options.ts';
import type { CitingPlace } from '../publishing/citing-places.ts';
import { essayCitations, type EssayCitations } from '../publishing/essay-citation.ts';
import { essayDownloads, type EssayDownloads } from '../publishing/essay-downloads.ts';
import type { EssayPage, SearchHeader } from '../search/passages.ts';
import { placeFinder, type LineMap } from '../sources/assemble.ts';
import type { CitationOptions, EssayFolder } from '../sources/essay-source.ts';
import { citedKeysOf, getProcessor, type RenderData } from './essay-processor.ts';
import type { ListedFigure } from './figure-list.ts';
import { locatorTerms } from './rehype-citations.ts';
import { NOTES_ID } from './rehype-endnotes.ts';
import type { SectionMarker } from './rehype-essay-sections.ts';
import { REFERENCES_ID } from './rehype-references.ts';

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
  /** The image files the page shows through Astro's image pipeline (render/rehype-astro-images.ts). */
  readonly images: readonly string[];
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
  /** The essay's slug (its page is `/<slug>/`), for links made from the site's root; none for a snippet. */
  readonly slug?: string;
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
    slug: input.slug,
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
    images: [],
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
    images: apparatus.images,
    downloads: essayDownloads(citedKeysOf(apparatus).map((key) => ({ key, path: input.downloads.get(entryId(key)) ?? '', entry: input.entries.get(key)! }))),
    ...(apparatus.search?.passages ? { search: apparatus.search.passages } : {}),
    ...(input.citeThis ? { citeThis: essayCitations(input.citeThis, input.style) } : {}),
  };
  return { check: apparatus.check!, rendered };
}

