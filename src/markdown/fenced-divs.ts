/**
 * Pandoc's fenced divs (`::: name`, `::: {.class #id}`, `:::::: {.a} ::::::`, closing `:::`).
 *
 * CommonMark reads a fence line as paragraph text, and a paragraph may run across it, so fences
 * cannot be found in the tree afterwards. They are found in the source instead
 * (`findFencedDivs`), and each fence line of a complete div is replaced by spaces of the same
 * length: every offset, line and column of the document stays what the writer wrote, and the
 * parser sees a blank line where the fence was. The plugin then wraps the blocks lying between an
 * opening line and its closing line into a node rendered as `<div>` with the fence's attributes.
 *
 * Pandoc's rules, checked against pandoc 2.17: a fence starts at the first column; an opening fence
 * has at least three colons and attributes (`{…}` or one bare word, a class), optionally followed
 * by more colons, and cannot interrupt a paragraph; a line of three or more colons alone closes the
 * innermost open div, whatever its length, and may end a paragraph. A div never closed is not a div
 * at all: its opening line stays paragraph text, as in Pandoc, and a warning says so.
 *
 * Rule ids (`file.message(…, 'apparatus:…')`):
 * - `apparatus:content/div-unclosed` (warning): an opening fence with no closing fence; printed as text.
 * - `apparatus:content/div-unopened` (warning): a closing fence outside any div; printed as text.
 * - `apparatus:content/div-overlap` (warning): the blocks between the fences could not be wrapped (a list
 *   item or code block runs across a fence line); the content is kept without the div.
 */
import type { BlockContent, Data, DefinitionContent, Parent, Root, RootContent } from 'mdast';
import type { Properties } from 'hast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { attributeProperties, parseAttributes, type PandocAttributes } from './attributes.ts';
import { sourceOf } from './source.ts';

/** A fence line of the source. */
export interface DivFence {
  /** 1-based line. */
  readonly line: number;
  readonly offset: number;
  /** The line's length (without its line ending). */
  readonly length: number;
}

export interface FencedDiv {
  readonly open: DivFence;
  readonly close: DivFence;
  readonly attributes: PandocAttributes;
}

export interface FencedDivScan {
  /** Complete divs, in the order of their closing fences (inner before outer). */
  readonly divs: readonly FencedDiv[];
  /** Opening fences never closed, left as text. */
  readonly unclosed: readonly DivFence[];
  /** Closing fences outside any div, left as text. */
  readonly unopened: readonly DivFence[];
}

/** A div in the Markdown tree, rendered as `<div>` by mdast-util-to-hast's handler for unknown nodes. */
export interface FencedDivNode extends Parent {
  type: 'fencedDiv';
  children: (BlockContent | DefinitionContent)[];
  data?: FencedDivData;
}

export interface FencedDivData extends Data {
  hName?: 'div';
  hProperties?: Properties;
}

// Not declared into mdast's node maps: that would change every `Nodes` union of the project
// (other plugins' type guards); the node is cast where it enters the tree.
interface TreeData {
  /** The fenced divs found in the source before parsing (see remarkFencedDivSource). */
  fencedDivs?: FencedDivScan;
}

const OPENING = /^(:{3,})[ \t]*(\{[^{}]*\}|[^\s{}:][^\s{}]*?)[ \t]*(?::+[ \t]*)?$/;
const CLOSING = /^:{3,}[ \t]*$/;
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;

interface Line {
  readonly text: string;
  readonly offset: number;
}

function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  let offset = 0;
  for (const raw of source.split('\n')) {
    lines.push({ text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, offset });
    offset += raw.length + 1;
  }
  return lines;
}

function openingAttributes(text: string): PandocAttributes | undefined {
  const match = OPENING.exec(text);
  if (!match) return undefined;
  const written = match[2]!;
  return written.startsWith('{') ? parseAttributes(written) : { classes: [written], pairs: [] };
}

/** Finds the fenced divs of a document, as Pandoc reads them. Fences inside code blocks are code. */
export function findFencedDivs(source: string): FencedDivScan {
  const lines = splitLines(source);
  const fence = (i: number): DivFence => ({ line: i + 1, offset: lines[i]!.offset, length: lines[i]!.text.length });
  // A div never closed fails as a whole in Pandoc and its opening line becomes text, which changes
  // how the lines after it read (an opening fence cannot interrupt that paragraph): scan again
  // with the outermost unclosed opening taken as text until every opening is closed.
  const asText = new Set<number>();
  for (;;) {
    const divs: FencedDiv[] = [];
    const unopened: DivFence[] = [];
    const open: { index: number; attributes: PandocAttributes }[] = [];
    let code: { char: string; length: number } | undefined;
    // Whether the line before may be continued by a paragraph line (an opening fence cannot follow it).
    let afterText = false;
    lines.forEach(({ text }, i) => {
      const codeFence = CODE_FENCE.exec(text);
      if (code) {
        if (codeFence && codeFence[1]![0] === code.char && codeFence[1]!.length >= code.length && codeFence[2]!.trim() === '') code = undefined;
        afterText = false;
        return;
      }
      if (codeFence && !(codeFence[1]![0] === '`' && codeFence[2]!.includes('`'))) {
        code = { char: codeFence[1]![0]!, length: codeFence[1]!.length };
        afterText = false;
        return;
      }
      if (!asText.has(i) && CLOSING.test(text)) {
        const opening = open.pop();
        if (opening) {
          divs.push({ open: fence(opening.index), close: fence(i), attributes: opening.attributes });
          afterText = false;
          return;
        }
        unopened.push(fence(i));
      }
      const attributes = asText.has(i) || afterText ? undefined : openingAttributes(text);
      if (attributes) {
        open.push({ index: i, attributes });
        afterText = false;
        return;
      }
      afterText = text.trim() !== '' && !ATX_HEADING.test(text);
    });
    if (open.length === 0) {
      return { divs, unclosed: [...asText].sort((a, b) => a - b).map(fence), unopened };
    }
    asText.add(open[0]!.index);
  }
}

/** The source with the fence lines of complete divs replaced by spaces: same length, same lines. */
export function blankFences(source: string, scan: FencedDivScan): string {
  if (scan.divs.length === 0) return source;
  const chars = source.split('');
  for (const div of scan.divs) {
    for (const { offset, length } of [div.open, div.close]) for (let i = offset; i < offset + length; i++) chars[i] = ' ';
  }
  return chars.join('');
}

/**
 * Makes the parser read fence lines as blank lines, and keeps what it found on the tree's
 * `data.fencedDivs` for remarkFencedDivs. It wraps the parser rather than asking the caller to
 * prepare the text: the file keeps the writer's text (remark-citations reads the source by
 * offset), and a pipeline that parses and runs with different files (markdown/parse.ts) still
 * carries the fences, on the tree. Use after remark-parse.
 */
export function remarkFencedDivSource(this: Processor) {
  // eslint-disable-next-line @typescript-eslint/no-this-alias
  const self = this as unknown as { parser?: (document: string, file: VFile) => Root };
  const parse = self.parser;
  if (!parse) throw new Error('remarkFencedDivSource must be used after remark-parse.');
  self.parser = (document: string, file: VFile) => {
    const scan = findFencedDivs(document);
    const tree = parse(blankFences(document, scan), file);
    tree.data = { ...tree.data, fencedDivs: scan } as Root['data'] & TreeData;
    return tree;
  };
}

type Block = RootContent;

function startLine(node: Block): number {
  return node.position?.start.line ?? 0;
}
function endLine(node: Block): number {
  return node.position?.end.line ?? 0;
}

/**
 * Wraps the blocks between each div's fences into a `fencedDiv` node, and reports the fences that
 * are printed as text.
 */
export default function remarkFencedDivs() {
  return (tree: Root, file: VFile) => {
    const scan = (tree.data as TreeData | undefined)?.fencedDivs;
    if (!scan) return;
    const source = sourceOf(file);
    const at = (fence: DivFence) => source.span(fence.offset, fence.offset + fence.length);
    for (const fence of scan.unclosed) {
      file.message('This fenced div is never closed, so it is not a div: its opening line prints as text (as in Pandoc).', {
        place: at(fence),
        ruleId: 'content/div-unclosed',
        source: 'apparatus',
      });
    }
    for (const fence of scan.unopened) {
      file.message('This closing fence (:::) closes no div, so it prints as text.', { place: at(fence), ruleId: 'content/div-unopened', source: 'apparatus' });
    }
    if (scan.divs.length === 0) return;

    // A blank line where a fence was may join the lists on either side into one list; split them.
    const fenceLines = new Set(scan.divs.flatMap((d) => [d.open.line, d.close.line]));
    splitListsAtFences(tree, fenceLines);

    // Inner divs first (shorter spans), so an outer div wraps the inner div's node.
    const divs = [...scan.divs].sort((a, b) => a.close.line - a.open.line - (b.close.line - b.open.line));
    for (const div of divs) {
      const parent = containerOf(tree, div);
      const children = parent.children as Block[];
      const inside = (node: Block) => startLine(node) > div.open.line && endLine(node) < div.close.line;
      const across = children.find(
        (node) =>
          (startLine(node) < div.open.line && endLine(node) > div.open.line) || (startLine(node) < div.close.line && endLine(node) > div.close.line),
      );
      if (across) {
        file.message(
          'The blocks inside this fenced div could not be set apart: a block runs across one of its fences. Its content is kept without the div.',
          { place: at(div.open), ruleId: 'content/div-overlap', source: 'apparatus' },
        );
        continue;
      }
      const first = children.findIndex(inside);
      const count = first === -1 ? 0 : children.slice(first).findIndex((node) => !inside(node));
      const taken = first === -1 ? [] : children.slice(first, count === -1 ? undefined : first + count);
      const node: FencedDivNode = {
        type: 'fencedDiv',
        children: taken as FencedDivNode['children'],
        position: source.span(div.open.offset, div.close.offset + div.close.length),
        data: { hName: 'div', hProperties: attributeProperties(div.attributes) },
      };
      const index = first === -1 ? insertionIndex(children, div.open.line) : first;
      children.splice(index, taken.length, node as unknown as Block);
    }
  };
}

/** The innermost node whose children hold the div: a div inside a div, or the root. */
function containerOf(tree: Root, div: FencedDiv): Parent {
  let parent: Parent = tree;
  for (;;) {
    const holder = (parent.children as Block[]).find(
      (node) => 'children' in node && node.type !== 'list' && startLine(node) < div.open.line && endLine(node) > div.close.line,
    );
    if (!holder || !('children' in holder)) return parent;
    parent = holder as Parent;
  }
}

function insertionIndex(children: readonly Block[], line: number): number {
  const index = children.findIndex((node) => startLine(node) > line);
  return index === -1 ? children.length : index;
}

function splitListsAtFences(tree: Root, fenceLines: ReadonlySet<number>): void {
  visit(tree, (node, index, parent) => {
    if (node.type !== 'list' || !parent || index === undefined) return undefined;
    const cut = node.children.findIndex((item, i) => {
      if (i === 0) return false;
      const before = node.children[i - 1]!;
      return [...fenceLines].some((line) => line > (before.position?.end.line ?? 0) && line < (item.position?.start.line ?? 0));
    });
    if (cut <= 0) return undefined;
    const rest = node.children.splice(cut);
    const second = { ...node, children: rest };
    if (node.ordered && typeof node.start === 'number') second.start = node.start + cut;
    for (const list of [node, second]) {
      const first = list.children[0]!;
      const last = list.children.at(-1)!;
      list.position = first.position && last.position ? { start: first.position.start, end: last.position.end } : list.position;
      // Loose only if its own items are apart (the blank line of a fence made the whole list loose).
      list.spread = list.children.some((item, i) => i > 0 && (item.position?.start.line ?? 0) > (list.children[i - 1]!.position?.end.line ?? 0) + 1)
        || list.children.some((item) => item.spread);
    }
    parent.children.splice(index + 1, 0, second as never);
    // Visit the second part too: it may hold another fence line.
    return index + 1;
  });
}
