/**
 * Pandoc's Markdown where it differs from GFM in ways essays written for Pandoc rely on (issue 13,
 * defect 17): heading attributes, fenced divs, implicit heading references, setext headings that
 * start with a number, notes whose text starts on the next line, table captions, TeX math
 * typeset, raw TeX left out of the page, and attributes on images and links.
 *
 * Wiring (remark plugins after remark-parse and remark-gfm, before remark-citations):
 *
 *     remarkPlugins: [...pandocMarkdownPlugins, remarkCitations],
 *     rehypePlugins: [..., [rehypeEssaySections, …], rehypeImplicitHeadingLinks, [rehypeEndnotes, {}], …]
 *
 * Nothing has to be done to the text before parsing: remarkFencedDivSource (first in the list)
 * finds the fenced divs and blanks their fences inside the parser, so the file keeps the writer's text.
 */
import type { Pluggable } from 'unified';
import remarkFencedDivs, { remarkFencedDivSource } from './fenced-divs.ts';
import remarkHeadingAttributes from './heading-attributes.ts';
import remarkImplicitHeadingLinks from './implicit-heading-links.ts';
import remarkImageAttributes from './image-attributes.ts';
import remarkNoteContinuation from './note-continuation.ts';
import remarkPandocTables, { remarkPandocTableSource } from './pandoc-tables.ts';
import remarkParagraphInterruptions from './paragraph-interruptions.ts';
import remarkRawTex from './raw-tex.ts';
import remarkSetextNumberedHeadings from './setext-numbered-headings.ts';
import remarkTableCaptions from './table-captions.ts';
import remarkTexMath, { remarkPandocMath } from './math.ts';
import remarkTexEnvironments, { remarkTexEnvironmentSource } from './tex-environments.ts';

/**
 * In order: the parser hooks (fenced divs; equation labels) and the math syntax; blocks repaired before anything reads headings or wraps them
 * (numbered setext headings, notes); divs; raw TeX out of the text (before anything reads a
 * heading's text, a caption or an image's description); attributes after images and links; table
 * captions (which take their paragraph's inline nodes, cleaned); then heading attributes, which
 * implicit heading links need removed from the heading text. Citations and implicit figures
 * (checks/essay-reading.ts) come after all of these: a figure is an image alone in its paragraph
 * once its `{ width=… }` is gone, and a caption's citations are read where the caption now is.
 */
export const pandocMarkdownPlugins: Pluggable[] = [
  // A list, block quote, ATX heading or rule needs a blank line before it, as in Pandoc.
  remarkParagraphInterruptions,
  // Pandoc's simple, multiline and grid tables: the innermost parser hook, so the last to see the
  // text, fences blank and TeX environments hidden by then; its tree plugin comes before
  // remarkTexEnvironments, which gives the cells' stand-ins back as it does a paragraph's.
  remarkPandocTableSource,
  remarkFencedDivSource,
  // Last of the parser hooks, so the first to see the text: raw LaTeX environments, whole.
  remarkTexEnvironmentSource,
  remarkPandocMath,
  remarkPandocTables,
  remarkTexEnvironments,
  remarkSetextNumberedHeadings,
  remarkNoteContinuation,
  remarkFencedDivs,
  // Before raw TeX: what Pandoc's rule for `$` makes text again is then judged as text.
  remarkTexMath,
  remarkRawTex,
  remarkImageAttributes,
  remarkTableCaptions,
  remarkHeadingAttributes,
  remarkImplicitHeadingLinks,
];

