/**
 * The one reading of an essay's Markdown: CommonMark with GFM (tables, notes, strikethrough), then
 * Pandoc's block syntax (fenced divs, heading attributes, implicit heading links, notes continued
 * on the next line) and Pandoc's citations and inline notes, TeX math, references to figures, tables,
 * equations and sections, then the essay's checks. One list of plugins (essayReadingPlugins)
 * serves the render pass and the check alone, so what the checks judge is what the page prints.
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';
import type { CrossrefOptions } from '../markdown/crossref-options.ts';
import remarkPandocCitations from '../markdown/citations.ts';
import remarkSuperscripts from '../markdown/superscripts.ts';
import remarkImplicitFigures from '../markdown/figures.ts';
import remarkBracketedSpans from '../markdown/bracketed-spans.ts';
import remarkFancyLists from '../markdown/fancy-lists.ts';
import remarkQuartoBlocks from '../markdown/quarto-blocks.ts';
import remarkQuartoCells from '../markdown/quarto-cells.ts';
import remarkShortcodes from '../markdown/shortcodes.ts';
import remarkQuartoFloats from '../markdown/quarto-floats.ts';
import { pandocMarkdownPlugins } from '../markdown/pandoc-markdown.ts';
import remarkEssayChecks, { type EssayCheck, type EssayCheckContext } from './essay-checks.ts';
import remarkCrossReferences from '../markdown/cross-references.ts';
import remarkShiftHeadings from '../markdown/shift-headings.ts';

/** The remark plugins that read Pandoc's Markdown, after remark-parse and remark-gfm. */
export const pandocRemarkPlugins = [
  ...pandocMarkdownPlugins,
  remarkFancyLists,
  remarkBracketedSpans,
  remarkImplicitFigures,
  remarkQuartoBlocks,
  remarkQuartoCells,
  remarkQuartoFloats,
  remarkPandocCitations,
  // After citations, which read a key with a tilde whole.
  remarkSuperscripts,
] as const satisfies PluggableList;

/** GFM as Pandoc reads it: strikethrough needs two tildes, so a key like `@a~b` stays whole. */
export const gfmOptions = { singleTilde: false } as const;

/** What the reading of one essay needs besides its Markdown, found through the file being read. */
export interface EssayReading {
  /** The check's context; without it the tree is read but not judged. */
  readonly checkContext: EssayCheckContext | undefined;
  /** The sections, for numbering and naming them in cross-references (the check's, when not given). */
  readonly sections?: readonly { readonly slug: string; readonly headingLine: number; readonly appendix?: boolean }[];
  /** How figures, tables, equations and sections are named; Pandoc's defaults when not given. */
  readonly crossref?: CrossrefOptions;
}

/**
 * The remark plugins of the one reading, after remark-parse: the render pass (render/essay-processor.ts)
 * and the check alone (below) both use this list, so what the checks judge is what the page prints.
 * `done` receives the essay's check; with `stopOnError`, an essay in error leaves an empty tree.
 */
export function essayReadingPlugins(
  readingOf: (file: VFile) => EssayReading | undefined,
  done: (file: VFile, check: EssayCheck) => void,
  options: { readonly stopOnError: boolean },
): PluggableList {
  return [
    [remarkGfm, gfmOptions],
    ...pandocRemarkPlugins,
    [remarkShiftHeadings, { shiftOf: (file: VFile) => readingOf(file)?.checkContext?.headingShift }],
    [remarkShortcodes, { valuesOf: (file: VFile) => readingOf(file)?.checkContext?.metadataText }],
    [
      remarkCrossReferences,
      {
        sectionsOf: (file: VFile) => {
          const reading = readingOf(file);
          return reading?.sections ?? reading?.checkContext?.sections;
        },
        crossrefOf: (file: VFile) => readingOf(file)?.crossref,
      },
    ],
    [remarkEssayChecks, { contextOf: (file: VFile) => readingOf(file)?.checkContext, done, stopOnError: options.stopOnError }],
  ];
}

interface ParseData {
  checkContext?: EssayCheckContext;
  check?: EssayCheck;
}

const parser = unified()
  .use(remarkParse)
  .use(
    essayReadingPlugins(
      (file) => ({ checkContext: (file.data as ParseData).checkContext }),
      (file, check) => void ((file.data as ParseData).check = check),
      { stopOnError: false },
    ),
  );

export interface ParsedMarkdown {
  readonly tree: Root;
  /** What the plugins reported, with their places in the Markdown. */
  readonly file: VFile;
  /** The essay's check, when a check context was given. */
  readonly check?: EssayCheck;
}

export function parseEssayMarkdown(markdown: string, checkContext?: EssayCheckContext): ParsedMarkdown {
  const file = new VFile({ value: markdown, data: checkContext ? { checkContext } : {} });
  const tree = parser.runSync(parser.parse(file), file) as Root;
  const { check } = file.data as ParseData;
  return check ? { tree, file, check } : { tree, file };
}
