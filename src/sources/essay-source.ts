/**
 * What an essay is once its folder is read: the shape every later stage (checks, rendering,
 * publishing) takes, kept apart from the reading so that those stages need not import the loader.
 */
import type { EssayFrontmatter } from '../schemas/essay.ts';
import type { AssembledEssay } from './assemble.ts';
import type { Bibliography } from '../bibliography/bibliography.ts';
import type { CrossrefOptions } from '../markdown/crossref-options.ts';

export interface EssaySource {
  readonly slug: string;
  /** `content/<slug>/index.md`, relative to the root. */
  readonly indexFile: string;
  readonly frontmatter: EssayFrontmatter;
  readonly assembled: AssembledEssay;
  readonly bibliography: Bibliography;
  /** Absolute paths of the bibliography files. */
  readonly bibliographyFiles: readonly string[];
  /** Official CSL name and absolute path of the style. */
  readonly style: { readonly name: string; readonly file: string };
  /** CSL locale name (`en-US`) and absolute path. */
  readonly locale: { readonly name: string; readonly file: string };
  /** Language of the text, for `<html lang>`. */
  readonly lang: string;
  /** Entries listed without being cited: their ids, or 'all' for `nocite: "@*"`. */
  readonly nocite: readonly string[] | 'all';
  /** Pandoc's citation options, from the frontmatter, with Apparatus's defaults. */
  readonly citationOptions: CitationOptions;
  /** How figures, tables, equations and sections are named and numbered (Quarto's and pandoc-crossref's options). */
  readonly crossref: CrossrefOptions;
  /**
   * The essay's metadata as text by key (`title`, `citation.url`), `_quarto.yml`'s and
   * `_metadata.yml`'s included, and `_variables.yml`'s (`var:version`): what Quarto's `meta` and
   * `var` shortcodes print.
   */
  readonly metadataText: ReadonlyMap<string, string>;
  /**
   * The essay folder's other files (images, data), relative to it with forward slashes
   * (`map.png`, `figures/prices.svg`): what its Markdown may show or link to.
   */
  readonly files: readonly string[];
}

export interface EssayFolder {
  /** `content/great-leap-forward` */
  readonly path: string;
  /** Its files other than Markdown and bibliographies, relative to it. */
  readonly files: readonly string[];
}

export function essayFolder(essay: EssaySource): EssayFolder {
  return { path: essay.indexFile.replace(/\/[^/]*$/, ''), files: essay.files };
}

export interface CitationOptions {
  /** `link-citations`: each citation links to its entry. On unless turned off (Pandoc's default is off; ours has always been on). */
  readonly linkCitations: boolean;
  /** `link-bibliography`: DOIs and URLs in entries are links. */
  readonly linkBibliography: boolean;
  /** `suppress-bibliography`: no reference list (citations still render, as in Pandoc). */
  readonly suppressBibliography: boolean;
  /** `reference-section-title`; undefined means the renderer's own ("References"). */
  readonly referenceSectionTitle: string | undefined;
  /** Quarto's `citation-location`: `margin` sets each citation's reference beside it too. */
  readonly citationLocation: 'document' | 'margin';
}

export function citationOptionsOf(frontmatter: EssayFrontmatter): CitationOptions {
  return {
    linkCitations: frontmatter['link-citations'] ?? true,
    linkBibliography: frontmatter['link-bibliography'] ?? true,
    suppressBibliography: frontmatter['suppress-bibliography'] ?? false,
    referenceSectionTitle: frontmatter['reference-section-title'],
    citationLocation: frontmatter['citation-location'] ?? 'document',
  };
}
