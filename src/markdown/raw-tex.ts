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
import type { Nodes, Parent, Root, Text } from 'mdast';
import type { Node, Position } from 'unist';
import type { VFile } from 'vfile';
import { removeRawTexFromAlt } from './raw-tex-alt.ts';
import { LABEL_COMMAND, LETTER, mathRanges, rawTexEnd, type RawTexCommand, type RawTexReport, type RunChar } from './raw-tex-scan.ts';
import { ORIGIN, sourceOf, type Source } from './source.ts';
import { alignText, type Char } from './text-alignment.ts';

export const RAW_TEX_RULE = 'content/raw-tex';

/** Nodes whose children are inline content: the runs the commands are looked for in. */
const CONTAINERS = new Set(['paragraph', 'heading', 'tableCell', 'tableCaption', 'figcaption']);
/** Inline nodes whose text is part of the run around them. */
const INLINE_PARENTS = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference', 'bracketedSpan']);

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

/**
 * Removes the raw TeX commands from a node's inline children (and from the alt text of images
 * among them). Returns the commands removed. Exported for plugins that build inline content of
 * their own from the source after this one ran (remarkImplicitFigures' figcaption, read anew
 * from the image's description): they call it without `report`, since the commands were reported
 * here already, when they left the image's alt text.
 */
export function removeRawTexFromInline(container: Parent, source: Source, report: RawTexReport = () => {}): RawTexCommand[] {
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
    const report: RawTexReport = (command) => {
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
