/**
 * Pandoc's raw_tex: TeX commands written in the Markdown (`\newpage`, `\vspace{1em}`,
 * `\label{fig:x}`, `\noindent`) are raw TeX to Pandoc, kept for LaTeX output and left out of HTML.
 * CommonMark reads them as text, so without this plugin the page prints them. Each command is
 * removed from the tree (a paragraph left with nothing else goes too), and reported as a warning
 * (`apparatus:content/raw-tex`), since the writer may have meant it for the page.
 *
 * A command is read as Pandoc reads one: `\` and letters, then either `*` or options `[…]` and
 * adjacent groups `{…}` (the first may follow spaces); a command with no group takes the spaces
 * after it, as TeX does. `\begin{env}…\end{env}` within a paragraph goes whole. An unclosed group
 * (`\foo{x`) leaves the whole as text, as in Pandoc.
 *
 * Left alone: escaped backslashes (`\\newpage`, `&#92;newpage`), code, raw HTML, link addresses,
 * and TeX math between dollars (`$\alpha$`, Pandoc's tex_math_dollars), which the page keeps as
 * written. In an image's description the commands leave the alt text.
 *
 * The Markdown text is never changed: text nodes are cut at the command, and each piece keeps its
 * exact place in the source.
 */
import type { Image, Nodes, Parent, Root, Text } from 'mdast';
import type { Node, Position } from 'unist';
import type { VFile } from 'vfile';
import { ORIGIN, sourceOf, type Source } from './source.ts';

export const RAW_TEX_RULE = 'content/raw-tex';

/** Nodes whose children are inline content: the runs the commands are looked for in. */
const CONTAINERS = new Set(['paragraph', 'heading', 'tableCell', 'tableCaption', 'figcaption']);
/** Inline nodes whose text is part of the run around them. */
const INLINE_PARENTS = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference', 'bracketedSpan']);

const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;
const LETTER = /\p{L}/u;

/** One character of a text node's value, with the place (and width) of what wrote it. */
interface Char {
  readonly char: string;
  readonly escaped: boolean;
  /** Offset in the source of the character or of its escape. */
  readonly offset: number;
  readonly width: number;
}

/**
 * The characters of a text node, each placed in the source; undefined when the value cannot be
 * matched to the source (then the node is left as it is). `verbatim` ranges of the source were
 * read by the parser as as many stand-in characters.
 */
export function alignText(node: Text, text: string, verbatim: readonly { readonly start: number; readonly end: number }[] = []): Char[] | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const value = node.value;
  const chars: Char[] = [];
  let s = start;
  let v = 0;
  while (v < value.length) {
    if (s >= end) return undefined;
    const char = value[v]!;
    const sourceChar = text[s];
    // A range the parser read as stand-ins (a raw TeX environment): one character for one.
    if (verbatim.some((range) => s >= range.start && s < range.end)) {
      chars.push({ char, escaped: false, offset: s, width: 1 });
      s += 1;
      v += 1;
    } else if (sourceChar === char) {
      chars.push({ char, escaped: false, offset: s, width: 1 });
      s += 1;
      v += 1;
    } else if (sourceChar === '\\' && text[s + 1] === char && ASCII_PUNCTUATION.test(char)) {
      chars.push({ char, escaped: true, offset: s, width: 2 });
      s += 2;
      v += 1;
    } else if (sourceChar === '&') {
      const entity = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.exec(text.slice(s, s + 40));
      if (!entity) return undefined;
      const decodedWidth = (value.codePointAt(v) ?? 0) > 0xffff ? 2 : 1;
      for (let k = 0; k < decodedWidth; k++) chars.push({ char: value[v + k]!, escaped: true, offset: s, width: k === 0 ? entity[0].length : 0 });
      s += entity[0].length;
      v += decodedWidth;
    } else if (sourceChar === ' ' || sourceChar === '\t' || sourceChar === '\r' || sourceChar === '>') {
      // Indentation and block-quote markers at the start of a continuation line are not text.
      s += 1;
    } else {
      return undefined;
    }
  }
  return chars;
}

/** The end (exclusive) of the raw TeX command whose backslash is at `start`, or undefined. */
export function rawTexEnd(text: string, start: number, limit: number): number | undefined {
  if (text[start] !== '\\') return undefined;
  let i = start + 1;
  while (i < limit && LETTER.test(text[i]!)) i++;
  if (i === start + 1) return undefined;
  const name = text.slice(start + 1, i);
  const skipSpaces = (from: number) => {
    let j = from;
    while (j < limit && (text[j] === ' ' || text[j] === '\t')) j++;
    return j;
  };
  if (text[i] === '*') return skipSpaces(i + 1);
  let j = skipSpaces(i);
  let options = false;
  while (text[j] === '[') {
    const close = closing(text, j, limit, '[', ']');
    if (close === undefined) break;
    options = true;
    j = skipSpaces(close + 1);
  }
  if (text[j] !== '{') return options ? j : skipSpaces(i);
  let k = j;
  while (text[k] === '{') {
    const close = closing(text, k, limit, '{', '}');
    // `\foo{x` is text to Pandoc, command and all.
    if (close === undefined) return undefined;
    k = close + 1;
  }
  if (name === 'begin') {
    const env = text.slice(j + 1, closing(text, j, limit, '{', '}'));
    const endAt = text.indexOf(`\\end{${env}}`, k);
    if (endAt !== -1 && endAt < limit) return endAt + `\\end{${env}}`.length;
  }
  return k;
}

/** The offset of the bracket closing the one at `open` (TeX escapes skipped), or undefined. */
function closing(text: string, open: number, limit: number, left: string, right: string): number | undefined {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const char = text[i];
    if (char === '\\') i += 1;
    else if (char === '\n' && /^\n[ \t]*\n/.test(text.slice(i, i + 40))) return undefined;
    else if (char === left) depth += 1;
    else if (char === right && --depth === 0) return i;
  }
  return undefined;
}

/** A character of a run, for finding TeX math: code and other nodes are `undefined`. */
interface RunChar {
  readonly char: string;
  readonly escaped: boolean;
  readonly offset: number;
}

/**
 * Source ranges of TeX math between dollars, by Pandoc's rules: `$$…$$`, or `$…$` where the opening
 * `$` has a non-space after it and the closing one a non-space before it and no digit after it.
 */
export function mathRanges(run: readonly (RunChar | undefined)[]): [number, number][] {
  const ranges: [number, number][] = [];
  const isDollar = (i: number) => run[i]?.char === '$' && !run[i]!.escaped;
  for (let i = 0; i < run.length; i++) {
    if (!isDollar(i)) continue;
    if (isDollar(i + 1)) {
      for (let j = i + 2; j + 1 < run.length; j++) {
        if (isDollar(j) && isDollar(j + 1)) {
          ranges.push([run[i]!.offset, run[j + 1]!.offset + 1]);
          i = j + 1;
          break;
        }
      }
      continue;
    }
    const next = run[i + 1];
    if (!next || /\s/.test(next.char)) continue;
    for (let j = i + 1; j < run.length; j++) {
      if (!isDollar(j)) continue;
      const before = run[j - 1];
      const after = run[j + 1];
      if (j > i + 1 && before && !/\s/.test(before.char) && !(after && /[0-9]/.test(after.char))) {
        ranges.push([run[i]!.offset, run[j]!.offset + 1]);
        i = j;
        break;
      }
    }
  }
  return ranges;
}

/** `\label{…}`: an anchor, which prints nothing. */
const LABEL_COMMAND = /^\\label\s*\{/;
/** The commands that print a reference to a label: hyperref's and cleveref's too. */
const REFERENCE_COMMAND = /^\\(ref|eqref|autoref|cref|Cref)\s*\{([^{}]*)\}\s*$/;

/**
 * `\ref{eq:growth}`, `\eqref{…}`, `\autoref{…}`, `\cref{…}`: what markdown/cross-references.ts
 * prints as a link to the numbered equation, figure, table or section labelled so (Pandoc drops
 * them from HTML, leaving "see Equation ." where the author wrote a reference).
 */
export interface TexReferenceNode extends Node {
  type: 'texReference';
  command: 'ref' | 'eqref' | 'autoref' | 'cref' | 'Cref';
  labels: string[];
  data: { hName: 'span' };
}

function texReferenceOf(command: RawTexCommand, source: Source): TexReferenceNode | undefined {
  const match = REFERENCE_COMMAND.exec(command.text);
  if (!match) return undefined;
  const labels = match[2]!.split(',').map((label) => label.trim()).filter((label) => label !== '');
  if (labels.length === 0) return undefined;
  return { type: 'texReference', command: match[1] as TexReferenceNode['command'], labels, data: { hName: 'span' }, position: source.span(command.start, command.start + command.text.trimEnd().length) };
}

export interface RawTexCommand {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

type Report = (command: RawTexCommand) => void;

/**
 * Removes the raw TeX commands from a node's inline children (and from the alt text of images
 * among them). Returns the commands removed. Exported for plugins that build inline content of
 * their own from the source after this one ran (remarkImplicitFigures' figcaption, read anew
 * from the image's description): they call it without `report`, since the commands were reported
 * here already, when they left the image's alt text.
 */
export function removeRawTexFromInline(container: Parent, source: Source, report: Report = () => {}): RawTexCommand[] {
  const text = source.text;
  const limit = container.position?.end.offset ?? text.length;
  const run: (RunChar | undefined)[] = [];
  const aligned = new Map<Text, Char[]>();
  const candidates: number[] = [];
  const collect = (parent: Parent) => {
    for (const child of parent.children as Nodes[]) {
      if (child.type === 'text') {
        const chars = alignText(child, text);
        if (!chars) {
          run.push(undefined);
          continue;
        }
        aligned.set(child, chars);
        for (const c of chars) {
          if (c.char === '\\' && !c.escaped && text[c.offset] === '\\' && LETTER.test(text[c.offset + 1] ?? '')) candidates.push(c.offset);
          run.push(c);
        }
      } else if (INLINE_PARENTS.has(child.type) && 'children' in child) {
        collect(child as Parent);
      } else {
        if (child.type === 'image') removeRawTexFromAlt(child, source, report);
        run.push(undefined);
      }
    }
  };
  collect(container);
  if (candidates.length === 0) return [];
  const math = mathRanges(run);
  const commands: RawTexCommand[] = [];
  let after = -1;
  for (const start of candidates) {
    if (start < after || math.some(([from, to]) => start >= from && start < to)) continue;
    const end = rawTexEnd(text, start, limit);
    if (end === undefined) continue;
    const command = { start, end, text: text.slice(start, end) };
    const reference = texReferenceOf(command, source);
    if (!cut(container, command, aligned, source, reference as unknown as Nodes | undefined)) continue;
    commands.push(command);
    // A label prints nothing in LaTeX either; a reference is resolved by cross-references.ts.
    if (!reference && !LABEL_COMMAND.test(command.text)) report(command);
    after = end;
  }
  return commands;
}

/**
 * Whether every node the range touches is text (cut there) or lies wholly inside it: an emphasis
 * begun inside a command's braces and ended after them keeps the command as text.
 */
function removable(parent: Parent, range: RawTexCommand, aligned: Map<Text, Char[]>): boolean {
  for (const child of parent.children as Nodes[]) {
    const start = child.position?.start.offset;
    const end = child.position?.end.offset;
    if (start === undefined || end === undefined) {
      if (child.type === 'text') return false;
      continue;
    }
    if (end <= range.start || start >= range.end) continue;
    if (start >= range.start && end <= range.end) continue;
    if (child.type === 'text') {
      if (!aligned.has(child)) return false;
    } else if (INLINE_PARENTS.has(child.type) && 'children' in child) {
      // A link's text may hold a command; the link itself is not cut.
      if (start < range.start && end > range.end) {
        if (!removable(child as Parent, range, aligned)) return false;
      } else return false;
    } else return false;
  }
  return true;
}

/** Cuts the command's range out of the container; `replacement`, if given, stands where it was. */
function cut(container: Parent, range: RawTexCommand, aligned: Map<Text, Char[]>, source: Source, replacement?: Nodes): boolean {
  if (!removable(container, range, aligned)) return false;
  let placed = replacement === undefined;
  const apply = (parent: Parent) => {
    const children: Nodes[] = [];
    const place = () => {
      if (placed) return;
      children.push(replacement!);
      placed = true;
    };
    for (const child of parent.children as Nodes[]) {
      const start = child.position?.start.offset;
      const end = child.position?.end.offset;
      if (start === undefined || end === undefined || end <= range.start || start >= range.end) {
        children.push(child);
      } else if (start >= range.start && end <= range.end) {
        place();
        continue;
      } else if (child.type === 'text') {
        const chars = aligned.get(child)!;
        const before = chars.filter((c) => c.offset < range.start);
        const rest = chars.filter((c) => c.offset >= range.end);
        for (const piece of [before, rest]) {
          if (piece === rest) place();
          if (piece.length === 0) continue;
          const node = textOf(piece, child, source);
          aligned.set(node, piece);
          children.push(node);
        }
      } else {
        apply(child as Parent);
        children.push(child);
      }
    }
    (parent as { children: Nodes[] }).children = children;
  };
  apply(container);
  return true;
}

function textOf(chars: readonly Char[], from: Text, source: Source): Text {
  const last = chars[chars.length - 1]!;
  const node: Text = { type: 'text', value: chars.map((c) => c.char).join('') };
  if (from.data) node.data = from.data;
  node.position = source.span(chars[0]!.offset, last.offset + Math.max(last.width, 1));
  return node;
}

/** Removes the commands in an image's description from its alt text. */
export function removeRawTexFromAlt(image: Image, source: Source, report: Report = () => {}): RawTexCommand[] {
  const text = source.text;
  const start = image.position?.start.offset;
  const end = image.position?.end.offset;
  if (!image.alt || start === undefined || end === undefined || text.slice(start, start + 2) !== '![') return [];
  // The description as written, with escapes and code spans marked so that neither counts.
  const run: (RunChar | undefined)[] = [];
  const candidates: number[] = [];
  let depth = 0;
  let labelEnd = -1;
  for (let i = start + 1; i < end; i++) {
    const char = text[i]!;
    if (char === '\\' && ASCII_PUNCTUATION.test(text[i + 1] ?? '')) {
      if (depth > 0) run.push({ char: text[i + 1]!, escaped: true, offset: i });
      i += 1;
    } else if (char === '`') {
      const ticks = /^`+/.exec(text.slice(i))![0];
      const close = text.indexOf(ticks, i + ticks.length);
      run.push(undefined);
      if (close !== -1 && close < end) i = close + ticks.length - 1;
      else i += ticks.length - 1;
    } else if (char === '[') {
      depth += 1;
      if (depth > 1) run.push({ char, escaped: false, offset: i });
    } else if (char === ']') {
      if (--depth === 0) {
        labelEnd = i;
        break;
      }
      run.push({ char, escaped: false, offset: i });
    } else {
      if (char === '\\' && LETTER.test(text[i + 1] ?? '')) candidates.push(i);
      run.push({ char, escaped: false, offset: i });
    }
  }
  if (labelEnd === -1 || candidates.length === 0) return [];
  const math = mathRanges(run);
  const commands: RawTexCommand[] = [];
  let after = -1;
  let alt = image.alt;
  let cursor = 0;
  for (const at of candidates) {
    if (at < after || math.some(([from, to]) => at >= from && at < to)) continue;
    const commandEnd = rawTexEnd(text, at, labelEnd);
    if (commandEnd === undefined) continue;
    const written = text.slice(at, commandEnd);
    // The alt text is the description's plain text: the command is in it as written, unless
    // Markdown inside its braces changed it (then its name and braces still are).
    const found = alt.indexOf(written.trimEnd(), cursor);
    if (found === -1) continue;
    const before = alt.slice(0, found);
    const rest = alt.slice(found + written.trimEnd().length);
    alt = /\s$/.test(before) || before === '' ? before + rest.replace(/^\s+/, '') : before + rest;
    cursor = before.length;
    const command = { start: at, end: commandEnd, text: written };
    commands.push(command);
    if (!LABEL_COMMAND.test(written)) report(command);
    after = commandEnd;
  }
  image.alt = alt.trim();
  return commands;
}

function isBlank(node: Nodes): boolean {
  return (node.type === 'text' && node.value.trim() === '') || node.type === 'break';
}

/** Leading and trailing white space left at the edges of a paragraph, heading or cell by a removal. */
function trimEdges(paragraph: Parent, source: Source): void {
  const first = paragraph.children[0] as Nodes | undefined;
  if (first?.type === 'text' && /^\s/.test(first.value) && first.position?.start.offset !== undefined) {
    const kept = first.value.replace(/^\s+/, '');
    const start = first.position.start.offset + (first.value.length - kept.length);
    if (source.text.slice(start, start + 1) === kept.slice(0, 1)) {
      first.value = kept;
      first.position = source.span(start, first.position.end.offset ?? start);
    }
  }
  const last = paragraph.children.at(-1) as Nodes | undefined;
  if (last?.type === 'text' && /\s$/.test(last.value) && last.position?.end.offset !== undefined) {
    const kept = last.value.replace(/\s+$/, '');
    const end = last.position.end.offset - (last.value.length - kept.length);
    if (source.text.slice(end - 1, end) === kept.slice(-1)) {
      last.value = kept;
      last.position = source.span(last.position.start.offset ?? end, end);
    }
  }
}

export default function remarkRawTex() {
  return (tree: Root, file: VFile) => {
    const source = sourceOf(file);
    const report: Report = (command) => {
      const env = /^\\begin\{([^{}]*)\}/.exec(command.text)?.[1];
      const shown = env !== undefined && /\\end\{[^{}]*\}$/.test(command.text) ? `\\begin{${env}}…\\end{${env}}` : command.text.trim().replace(/\s+/g, ' ');
      const place: Position = source.span(command.start, command.start + command.text.trimEnd().length);
      file.message(`Raw TeX "${shown.length > 60 ? `${shown.slice(0, 57)}…` : shown}" is left out of the web page.`, { type: 'text', value: shown, position: place } as Text, `${ORIGIN}:${RAW_TEX_RULE}`);
    };
    const walk = (parent: Parent) => {
      const children: Nodes[] = [];
      for (const child of parent.children as Nodes[]) {
        if (child.type === 'code' || child.type === 'inlineCode' || child.type === 'html') {
          children.push(child);
          continue;
        }
        if (CONTAINERS.has(child.type)) {
          const container = child as Parent;
          const removed = removeRawTexFromInline(container, source, report);
          if (removed.length > 0) {
            // A paragraph of nothing but TeX (`\newpage`) is Pandoc's raw block: nothing prints.
            if (child.type === 'paragraph' && container.children.every((c) => isBlank(c as Nodes))) continue;
            trimEdges(container, source);
          }
          // Table cells and captions hold no blocks; a paragraph's inline children were all seen.
          children.push(child);
          continue;
        }
        if ('children' in child) walk(child as Parent);
        children.push(child);
      }
      (parent as { children: Nodes[] }).children = children;
    };
    walk(tree);
  };
}
