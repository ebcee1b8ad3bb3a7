/**
 * What Pandoc's Markdown reader reads where CommonMark's parser would read something else, found in
 * the source before the parse, so that the parser can be shown stand-ins of the same length
 * (parser-stand-ins.ts; every offset, line and column stays what the writer wrote):
 *
 * - raw LaTeX environments (below);
 * - `|` inside TeX math (`$p>|t|$` in a pipe table's cell), which GFM would take for a cell's end;
 * - spaces in a link's destination (`[the layouts](#Page Layouts)`), which Pandoc allows and
 *   CommonMark does not (the link would print as text).
 *
 * Raw LaTeX environments, as Pandoc finds them:
 * `\begin{name}` … the matching `\end{name}` (environments of the same name nest), wherever it
 * stands in the text, blank lines included. CommonMark would cut such an environment at its first
 * blank line and print the pieces as paragraphs (a `\begin{table}` whose rows are set apart, an
 * `align` with an empty line in it), and would read what is inside as Markdown: `@{}` of a column
 * specification as a citation, `&` rows as text, `_` as emphasis.
 *
 * Not an environment: an escaped backslash, and anything in code (fenced blocks, code spans), in
 * HTML comments, or in TeX math between dollars (`$$\begin{aligned}…\end{aligned}$$` is math).
 */
import type { PandocAttributes } from './attributes.ts';
import { criticMarkupAt, CRITIC_OPENING } from './critic-markup.ts';
import { attributeBlockAt } from './image-attributes.ts';

export interface TexEnvironment {
  /**
   * The environment's name; `critic` for CriticMarkup the page leaves out (a deletion or a
   * comment, an addition's or a substitution's marks).
   */
  readonly name: string;
  /** Offset of the `\` of `\begin`. */
  readonly start: number;
  /** Offset just past the `}` of `\end{name}`. */
  readonly end: number;
  /** True when it starts a block (at the start of the document or after a blank line): Pandoc's RawBlock. */
  readonly block: boolean;
}

const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const BLANK_LINE = /\n[ \t]*\n/;

/** The offset of the line start at or before `offset`. */
function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function isEscaped(text: string, offset: number): boolean {
  let backslashes = 0;
  for (let i = offset - 1; i >= 0 && text[i] === '\\'; i--) backslashes += 1;
  return backslashes % 2 === 1;
}

/** Where the code fence opened on the line at `lineStart` closes (the end of its closing line), or undefined. */
function fencedCodeEnd(text: string, lineStart: number): number | undefined {
  const lineEnd = text.indexOf('\n', lineStart);
  const open = CODE_FENCE.exec(text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd));
  if (!open || (open[1]![0] === '`' && open[2]!.includes('`'))) return undefined;
  const [char, length] = [open[1]![0]!, open[1]!.length];
  let at = lineEnd;
  while (at !== -1) {
    const next = text.indexOf('\n', at + 1);
    const line = text.slice(at + 1, next === -1 ? undefined : next);
    const close = CODE_FENCE.exec(line);
    if (close && close[1]![0] === char && close[1]!.length >= length && close[2]!.trim() === '') return next === -1 ? text.length : next;
    at = next;
  }
  return text.length;
}

/** The end of the paragraph that holds `offset`: its next blank line, or the end of the text. */
function paragraphEnd(text: string, offset: number): number {
  const blank = BLANK_LINE.exec(text.slice(offset));
  return blank ? offset + blank.index : text.length;
}

/** The end of a code span opened by the backtick run at `offset`, or the run's end when it never closes. */
function codeSpanEnd(text: string, offset: number): number {
  let run = offset;
  while (text[run] === '`') run += 1;
  const ticks = text.slice(offset, run);
  const limit = paragraphEnd(text, run);
  for (let at = text.indexOf(ticks, run); at !== -1 && at < limit; at = text.indexOf(ticks, at + 1)) {
    let after = at + ticks.length;
    if (text[at - 1] !== '`' && text[after] !== '`') return after;
    while (text[after] === '`') after += 1;
    at = after - 1;
  }
  return run;
}

/** The end of TeX math opening at `offset` (Pandoc's rules for `$` and `$$`), or undefined when it is not math. */
function mathEnd(text: string, offset: number): number | undefined {
  const limit = paragraphEnd(text, offset);
  if (text[offset + 1] === '$') {
    for (let at = text.indexOf('$$', offset + 2); at !== -1 && at < limit; at = text.indexOf('$$', at + 1)) if (!isEscaped(text, at)) return at + 2;
    return undefined;
  }
  if (/\s/.test(text[offset + 1] ?? ' ')) return undefined;
  for (let at = offset + 1; at < limit; at++) {
    if (text[at] === '\\') at += 1;
    else if (text[at] === '$') return /\s/.test(text[at - 1]!) || /[0-9]/.test(text[at + 1] ?? '') ? undefined : at + 1;
  }
  return undefined;
}

/** The end of the environment begun at `offset` (`\begin{name}`), its nested namesakes matched; undefined when it never ends. */
function environmentEnd(text: string, offset: number, name: string): number | undefined {
  const begin = `\\begin{${name}}`;
  const end = `\\end{${name}}`;
  let depth = 0;
  let at = offset;
  for (;;) {
    const nextBegin = text.indexOf(begin, at);
    const nextEnd = text.indexOf(end, at);
    if (nextEnd === -1) return undefined;
    if (nextBegin !== -1 && nextBegin < nextEnd) {
      depth += 1;
      at = nextBegin + begin.length;
      continue;
    }
    depth -= 1;
    at = nextEnd + end.length;
    if (depth === 0) return at;
  }
}

/** `[text]{.smallcaps}`: Pandoc's bracketed span, its marks hidden from the parser. */
export interface BracketedSpan {
  /** Offsets of `[`, of `]`, and just past the attribute block's `}`. */
  readonly open: number;
  readonly close: number;
  readonly end: number;
  readonly attributes: PandocAttributes;
}

/** `{{< pagebreak >}}`: a Quarto shortcode, hidden from the parser and replaced by what it means. */
export interface Shortcode {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly args: readonly string[];
}

export interface SourceScan {
  /** Raw LaTeX environments, outermost only, in order (and what else the page leaves out: CriticMarkup, span marks). */
  readonly environments: readonly TexEnvironment[];
  readonly spans: readonly BracketedSpan[];
  readonly shortcodes: readonly Shortcode[];
  /** Offsets of the `|` characters inside TeX math. */
  readonly mathPipes: readonly number[];
  /** Offsets of the spaces inside link destinations. */
  readonly destinationSpaces: readonly number[];
}

/**
 * The spaces of the destination of a link whose `](` is at `offset`: `](#Page Layouts)` or
 * `](b c "title")`, not the space before a title, nor a `<…>` destination (which CommonMark reads).
 */
function destinationSpacesAt(text: string, offset: number): number[] {
  const start = offset + 2;
  if (text[start] === '<') return [];
  let depth = 0;
  let end = start;
  for (; end < text.length; end++) {
    const char = text[end];
    if (char === '\\') end += 1;
    else if (char === '\n' || (char === '(' && /\s/.test(text[end - 1] ?? ''))) return [];
    else if (char === '(') depth += 1;
    else if (char === ')' && depth-- === 0) break;
  }
  if (end >= text.length) return [];
  const inside = text.slice(start, end);
  const title = /\s+("[^"]*"|'[^']*')\s*$/.exec(inside);
  const destination = (title ? inside.slice(0, title.index) : inside).trimEnd();
  const spaces: number[] = [];
  for (let i = 0; i < destination.length; i++) if (destination[i] === ' ' && destination.trim() !== '') spaces.push(start + i);
  return destination.startsWith(' ') ? [] : spaces;
}

/** Raw LaTeX environments, pipes in math and spaced link destinations of a Markdown text. */
export function scanPandocSource(text: string): SourceScan {
  const found: TexEnvironment[] = [];
  const mathPipes: number[] = [];
  const destinationSpaces: number[] = [];
  const spans: BracketedSpan[] = [];
  const shortcodes: Shortcode[] = [];
  /** Brackets opened and not yet closed, for bracketed spans. */
  const brackets: number[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (i === lineStartOf(text, i)) {
      const codeEnd = fencedCodeEnd(text, i);
      if (codeEnd !== undefined) {
        i = codeEnd;
        continue;
      }
    }
    if (char === '`') {
      i = codeSpanEnd(text, i);
    } else if (char === '<' && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      i = close === -1 ? text.length : close + 3;
    } else if (char === '$' && !isEscaped(text, i)) {
      const end = mathEnd(text, i);
      if (end !== undefined) for (let k = i; k < end; k++) if (text[k] === '|') mathPipes.push(k);
      i = end ?? i + (text[i + 1] === '$' ? 2 : 1);
    } else if (char === '{' && text.startsWith('{{<', i)) {
      const shortcode = shortcodeAt(text, i);
      if (shortcode) {
        shortcodes.push(shortcode);
        found.push({ name: 'shortcode', start: shortcode.start, end: shortcode.end, block: false });
        i = shortcode.end;
      } else i += 3;
    } else if (char === '[' && !isEscaped(text, i)) {
      brackets.push(i);
      i += 1;
    } else if (char === ']' && !isEscaped(text, i)) {
      const open = brackets.pop();
      const block = text[i + 1] === '{' && open !== undefined && !/[!^]/.test(text[open - 1] ?? '') ? attributeBlockAt(text, i + 1) : undefined;
      if (block && open !== undefined && !text.slice(open, i).includes('\n\n')) {
        const end = i + 1 + block.text.length;
        spans.push({ open, close: i, end, attributes: block.attributes });
        found.push({ name: 'span-mark', start: open, end: open + 1, block: false }, { name: 'span-mark', start: i, end, block: false });
        i = end;
      } else if (text[i + 1] === '(') {
        destinationSpaces.push(...destinationSpacesAt(text, i));
        i += 2;
      } else i += 1;
    } else if (char === '{' && CRITIC_OPENING.test(text.slice(i, i + 3))) {
      const marks = criticMarkupAt(text, i);
      found.push(...marks.map((mark) => ({ name: 'critic', ...mark, block: false })));
      i = marks.length > 0 ? marks[marks.length - 1]!.end : i + 1;
    } else if (char === '\\' && !isEscaped(text, i)) {
      const name = /^\\begin\{([A-Za-z]+\*?)\}/.exec(text.slice(i, i + 80))?.[1];
      const end = name === undefined ? undefined : environmentEnd(text, i, name);
      if (name !== undefined && end !== undefined) {
        const before = text.slice(lineStartOf(text, i), i);
        const previousLine = text.slice(lineStartOf(text, Math.max(lineStartOf(text, i) - 1, 0)), Math.max(lineStartOf(text, i) - 1, 0));
        // A block begins the document or follows a blank line, and is indented less than code.
        const block = /^ {0,3}$/.test(before) && (lineStartOf(text, i) === 0 || previousLine.trim() === '');
        found.push({ name, start: i, end, block });
        i = end;
      } else i += 2;
    } else i += 1;
  }
  // Marks found out of order (a span inside an environment's neighbour) are put back in order.
  found.sort((a, b) => a.start - b.start);
  return { environments: found, mathPipes, destinationSpaces, spans, shortcodes };
}

/** The shortcode opening at `offset` (`{{< name arg "an arg" >}}`), or undefined. */
function shortcodeAt(text: string, offset: number): Shortcode | undefined {
  const close = text.indexOf('>}}', offset + 3);
  if (close === -1) return undefined;
  const inside = text.slice(offset + 3, close).trim();
  // `{{</* pagebreak */>}}` is Quarto's escape: the shortcode shown as written, which code does.
  if (inside === '' || inside.startsWith('/*') || inside.includes('\n\n')) return undefined;
  const words = inside.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  const [name, ...args] = words.map((word) => word.replace(/^(["'])(.*)\1$/s, '$2'));
  return name === undefined ? undefined : { start: offset, end: close + 3, name, args };
}
