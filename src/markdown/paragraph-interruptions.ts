/**
 * What may end a paragraph without a blank line, as Pandoc's Markdown decides it. CommonMark lets a
 * list item, a block quote, an ATX heading or a thematic break start on the line after a paragraph;
 * Pandoc does not (its `blank_before_blockquote` and `blank_before_header` extensions, and no
 * `lists_without_preceding_blankline`), so a hard-wrapped line that happens to start with `- `,
 * `1. `, `> ` or `# ` continues the paragraph:
 *
 *     $$F = \sum_{i=1}^{m} s_{i}
 *     - (1-f)\exp(-b)$$
 *
 * is one formula, not a paragraph and a list. Within a list item a new list may start on the next
 * line (Pandoc reads an item's lines as a document of their own, where a nested list needs no
 * blank line before it), and a list's next item always may.
 *
 * Each construct is micromark's own, wrapped to refuse a start that would interrupt a paragraph.
 */
import { blockQuote, headingAtx, list, setextUnderline, thematicBreak } from 'micromark-core-commonmark';
import type { Construct, Event, Extension, TokenizeContext, Tokenizer } from 'micromark-util-types';
import type { Processor } from 'unified';

const LIST_TYPES = new Set(['listOrdered', 'listUnordered']);

/** The depth of open lists at the end of a tokenizer's events, kept so each line reads only the new events. */
const listDepthScans = new WeakMap<TokenizeContext, { length: number; last: Event | undefined; depth: number }>();

function openListDepth(context: TokenizeContext): number {
  const { events } = context;
  let scan = listDepthScans.get(context);
  // Closing a list item moves exits back among the events: then the scan starts again.
  if (!scan || scan.length > events.length || (scan.length > 0 && events[scan.length - 1] !== scan.last)) scan = { length: 0, last: undefined, depth: 0 };
  for (let i = scan.length; i < events.length; i++) {
    const [kind, token] = events[i]!;
    if (LIST_TYPES.has(token.type)) scan.depth += kind === 'enter' ? 1 : -1;
  }
  scan.length = events.length;
  scan.last = events[events.length - 1];
  listDepthScans.set(context, scan);
  return scan.depth;
}

/** Set on the parser's constructs by the extension below: only parsers of Pandoc's Markdown change. */
const PANDOC_PARAGRAPHS = 'apparatusPandocParagraphs';
const WRAPPED = Symbol.for('apparatus.paragraph-interruptions');

/**
 * micromark's constructs refer to one another (a list's next item is read by the list construct
 * itself, a block quote's next line by the block quote construct), so a copy under another name
 * would not be the one they call: the shared construct is wrapped, once per process, and the
 * wrapper does anything different only in a parser that carries the extension's mark.
 */
function refuseInterruption(construct: Construct, allowed: (context: TokenizeContext) => boolean = () => false): void {
  const marked = construct as Construct & { [WRAPPED]?: true };
  if (marked[WRAPPED]) return;
  const tokenize = construct.tokenize;
  construct.tokenize = function (this: TokenizeContext, effects, ok, nok) {
    const pandoc = PANDOC_PARAGRAPHS in this.parser.constructs;
    if (pandoc && this.interrupt && !allowed(this)) return nok;
    return tokenize.call(this, effects, ok, nok);
  } satisfies Tokenizer;
  marked[WRAPPED] = true;
}

/** Whether the paragraph before the current line holds one line only (no paragraph: true). */
function oneLineParagraph(context: TokenizeContext): boolean {
  for (let i = context.events.length - 1; i >= 0; i--) {
    const [kind, token] = context.events[i]!;
    if (kind === 'enter' && token.type === 'content') return token.start.line >= context.now().line - 1;
  }
  return true;
}

/** A setext heading's text is one line in Pandoc: under two lines, `===` is text of the paragraph. */
function refuseUnderlineAfterLines(construct: Construct): void {
  const marked = construct as Construct & { [WRAPPED]?: true };
  if (marked[WRAPPED]) return;
  const tokenize = construct.tokenize;
  construct.tokenize = function (this: TokenizeContext, effects, ok, nok) {
    if (PANDOC_PARAGRAPHS in this.parser.constructs && !oneLineParagraph(this)) return nok;
    return tokenize.call(this, effects, ok, nok);
  } satisfies Tokenizer;
  marked[WRAPPED] = true;
}

refuseInterruption(list, (context) => openListDepth(context) > 0);
refuseUnderlineAfterLines(setextUnderline);
refuseInterruption(blockQuote);
refuseInterruption(headingAtx);
refuseInterruption(thematicBreak);

/** The micromark extension: marks a parser as reading Pandoc's Markdown (see refuseInterruption). */
export const paragraphInterruptions = { [PANDOC_PARAGRAPHS]: { null: [] } } as unknown as Extension;

/** The remark plugin that adds the extension to the parser. */
export default function remarkParagraphInterruptions(this: Processor) {
  const data = this.data() as { micromarkExtensions?: Extension[] };
  (data.micromarkExtensions ??= []).push(paragraphInterruptions);
}
