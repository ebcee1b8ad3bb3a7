/**
 * The one reading of an essay's Markdown: CommonMark with GFM (tables, notes, strikethrough), then
 * Pandoc's block syntax (fenced divs, heading attributes, implicit heading links, notes continued
 * on the next line) and Pandoc's citations and inline notes. The checks and the renderer use the same plugins in the same
 * order, so what the checks judge is what the page prints.
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';
import remarkPandocCitations from './citations.ts';
import remarkImplicitFigures from './figures.ts';
import { pandocMarkdownPlugins } from './pandoc-markdown.ts';

/** The remark plugins that read Pandoc's Markdown, after remark-parse and remark-gfm. */
export const pandocRemarkPlugins = [...pandocMarkdownPlugins, remarkImplicitFigures, remarkPandocCitations] as const satisfies PluggableList;

/** GFM as Pandoc reads it: strikethrough needs two tildes, so a key like `@a~b` stays whole. */
export const gfmOptions = { singleTilde: false } as const;

const parser = unified().use(remarkParse).use(remarkGfm, gfmOptions).use(pandocRemarkPlugins);

export interface ParsedMarkdown {
  readonly tree: Root;
  /** What the plugins reported, with their places in the Markdown. */
  readonly file: VFile;
}

export function parseEssayMarkdown(markdown: string): ParsedMarkdown {
  const file = new VFile({ value: markdown });
  const tree = parser.runSync(parser.parse(file), file) as Root;
  return { tree, file };
}
