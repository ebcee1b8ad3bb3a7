/**
 * The one reading of an essay's Markdown: CommonMark with GFM (tables, notes, strikethrough), then
 * Pandoc's block syntax (fenced divs, heading attributes, implicit heading links, notes continued
 * on the next line) and Pandoc's citations and inline notes, TeX math, references to figures, tables,
 * equations and sections, then the essay's checks. The renderer
 * uses the same plugins in the same order (render/render.ts), so what the checks judge is what the
 * page prints.
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';
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

interface ParseData {
  checkContext?: EssayCheckContext;
  check?: EssayCheck;
}

const parser = unified()
  .use(remarkParse)
  .use(remarkGfm, gfmOptions)
  .use(pandocRemarkPlugins)
  .use(remarkShiftHeadings, { shiftOf: (file) => (file.data as ParseData).checkContext?.headingShift })
  .use(remarkShortcodes, { valuesOf: (file) => (file.data as ParseData).checkContext?.metadataText })
  .use(remarkCrossReferences, { sectionsOf: (file) => (file.data as ParseData).checkContext?.sections })
  .use(remarkEssayChecks, {
    contextOf: (file) => (file.data as ParseData).checkContext,
    done: (file, check) => void ((file.data as ParseData).check = check),
  });

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
