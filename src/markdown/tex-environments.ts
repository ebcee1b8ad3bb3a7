/**
 * Raw LaTeX environments in the Markdown (see tex-environment-scan.ts for how they are found):
 *
 * - a math environment (`equation`, `align`, `gather`, `multline`, their starred forms, `aligned`,
 *   `cases`, the matrices…) is typeset as display math, as Pandoc's HTML writer does when it has a
 *   math renderer (its `--mathjax`): numbered where LaTeX numbers it, and its `\label`s reachable by
 *   `\ref` and `\eqref` (markdown/cross-references.ts);
 * - any other environment (`table`, `tabular`, `figure`, `tikzpicture`…) is left out of the page,
 *   as Pandoc leaves raw TeX out of HTML, with a warning at its line (`apparatus:content/raw-tex`),
 *   as single raw TeX commands are (raw-tex.ts).
 *
 * An environment that starts a block (after a blank line) is a block of its own, as Pandoc's
 * RawBlock: text on the line after its `\end` starts a new paragraph. One within a paragraph stays
 * there.
 *
 * Wiring: remarkTexEnvironmentSource after remark-parse (it wraps the parser, as
 * remarkFencedDivSource does); remarkTexEnvironments first among the tree plugins, before
 * remarkTexMath (which typesets the math nodes made here) and remarkRawTex.
 */
import type { Nodes, Paragraph, Parent, PhrasingContent, Root, Text } from 'mdast';
import type { InlineMath, Math } from 'mdast-util-math';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { RAW_TEX_RULE } from './raw-tex.ts';
import { ORIGIN, sourceOf, type Source } from './source.ts';
import { hideFromParser, PIPE_PLACEHOLDER, SPACE_PLACEHOLDER, TEX_PLACEHOLDER } from './parser-stand-ins.ts';
import { scanPandocSource, type BracketedSpan, type Shortcode, type TexEnvironment } from './source-scan.ts';
import { alignText } from './text-alignment.ts';
import type { Node } from 'unist';
import { findFancyMarkers, hideFancyMarkers, setFancyMarkers } from './fancy-lists.ts';

/** Pandoc's math environments (its HTML writer's isMathEnvironment), and those of breqn and LaTeX's displaymath. */
const MATH_ENVIRONMENTS = new Set(
  [
    'align', 'alignat', 'aligned', 'alignedat', 'array', 'Bmatrix', 'bmatrix', 'cases', 'CD', 'dmath', 'displaymath', 'eqnarray', 'equation',
    'flalign', 'gather', 'gathered', 'matrix', 'multline', 'pmatrix', 'smallmatrix', 'split', 'subarray', 'Vmatrix', 'vmatrix',
  ].flatMap((name) => [name, `${name}*`]),
);

export function isMathEnvironment(name: string): boolean {
  return MATH_ENVIRONMENTS.has(name);
}

interface TreeData {
  texEnvironments?: readonly TexEnvironment[];
  /** Quarto's shortcodes, replaced by remarkShortcodes; bracketed spans, wrapped by remarkBracketedSpans. */
  shortcodes?: readonly Shortcode[];
  bracketedSpans?: readonly BracketedSpan[];
}

/** A shortcode where it stood, for remarkShortcodes (shortcodes.ts) to replace by what it means. */
export interface ShortcodeNode extends Node {
  type: 'shortcode';
  name: string;
  args: readonly string[];
}

function shortcodeNode(environment: TexEnvironment, source: Source, shortcodes: readonly Shortcode[]): Nodes {
  const shortcode = shortcodes.find((s) => s.start === environment.start);
  const node: ShortcodeNode = { type: 'shortcode', name: shortcode?.name ?? '', args: shortcode?.args ?? [], position: source.span(environment.start, environment.end) };
  return node as unknown as Nodes;
}

/** What a math node made of an environment carries for remarkTexMath. */
export interface TexEnvironmentData {
  /** The environment's name, as written (`align*`). */
  readonly texEnvironment: string;
}

/**
 * Makes the parser read each raw LaTeX environment as one run of plain text (blank lines, `&`,
 * `@`, `_` and all), and keeps the environments on the tree's data. The file keeps the writer's text.
 */
export function remarkTexEnvironmentSource(this: Processor) {
  const self = this as unknown as { parser?: (document: string, file: VFile) => Root };
  const parse = self.parser;
  if (!parse) throw new Error('remarkTexEnvironmentSource must be used after remark-parse.');
  self.parser = (document: string, file: VFile) => {
    const scan = scanPandocSource(document);
    const hidden = hideFromParser(document, scan);
    // Pandoc's list markers CommonMark lacks (`a)`, `(1)`, `iv.`), found where nothing is hidden.
    const fancy = findFancyMarkers(hidden);
    const tree = parse(hideFancyMarkers(hidden, fancy), file);
    setFancyMarkers(tree, fancy);
    // An environment the scan could not hide (more empty lines than characters) is left to the parser.
    const kept = scan.environments.filter((e) => hidden[e.start] === TEX_PLACEHOLDER);
    tree.data = { ...tree.data, texEnvironments: kept, shortcodes: scan.shortcodes, bracketedSpans: scan.spans } as Root['data'] & TreeData;
    return tree;
  };
}

type Piece = { readonly kind: 'text'; readonly node: Text } | { readonly kind: 'environment'; readonly environment: TexEnvironment };

/** A text node cut at the environments it holds: its text around them, and the environments. */
function cutText(node: Text, source: Source, environments: readonly TexEnvironment[]): Piece[] | undefined {
  const chars = alignText(node, source.text, environments);
  if (!chars) return undefined;
  const pieces: Piece[] = [];
  let run: typeof chars = [];
  const flush = () => {
    if (run.length === 0) return;
    const last = run[run.length - 1]!;
    const piece: Text = { type: 'text', value: run.map((c) => c.char).join(''), position: source.span(run[0]!.offset, last.offset + Math.max(last.width, 1)) };
    pieces.push({ kind: 'text', node: piece });
    run = [];
  };
  let i = 0;
  while (i < chars.length) {
    const environment = environments.find((e) => e.start === chars[i]!.offset);
    if (environment) {
      flush();
      pieces.push({ kind: 'environment', environment });
      while (i < chars.length && chars[i]!.offset < environment.end) i += 1;
      continue;
    }
    run.push(chars[i]!);
    i += 1;
  }
  flush();
  return pieces;
}

function mathNode(environment: TexEnvironment, source: Source, block: boolean): Math | InlineMath {
  const value = source.text.slice(environment.start, environment.end);
  const data: TexEnvironmentData = { texEnvironment: environment.name };
  return { type: block ? 'math' : 'inlineMath', value, position: source.span(environment.start, environment.end), data } as Math | InlineMath;
}

function isBlank(nodes: readonly Nodes[]): boolean {
  return nodes.every((n) => (n.type === 'text' && n.value.trim() === '') || n.type === 'break');
}

/** Leading white space of a paragraph's first text, which the environment before it left there. */
function trimStart(nodes: PhrasingContent[], source: Source): PhrasingContent[] {
  const first = nodes[0];
  if (first?.type !== 'text' || !/^\s/.test(first.value)) return nodes;
  const value = first.value.replace(/^\s+/, '');
  const start = (first.position?.start.offset ?? 0) + (first.value.length - value.length);
  const trimmed: Text = { ...first, value, position: source.span(start, first.position?.end.offset ?? start) };
  return value === '' ? trimStart(nodes.slice(1), source) : [trimmed, ...nodes.slice(1)];
}

/** The `|` of math and the spaces of link destinations, given back where the parser saw stand-ins. */
function restoreStandIns(node: Nodes): void {
  if ('value' in node && typeof node.value === 'string' && node.value.includes(PIPE_PLACEHOLDER)) node.value = node.value.replaceAll(PIPE_PLACEHOLDER, '|');
  if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.url.includes(SPACE_PLACEHOLDER)) node.url = node.url.replaceAll(SPACE_PLACEHOLDER, '%20');
  if ('children' in node) for (const child of node.children) restoreStandIns(child as Nodes);
}

export default function remarkTexEnvironments() {
  return (tree: Root, file: VFile) => {
    restoreStandIns(tree);
    const environments = (tree.data as TreeData | undefined)?.texEnvironments ?? [];
    const shortcodes = (tree.data as TreeData | undefined)?.shortcodes ?? [];
    if (environments.length === 0) return;
    const source = sourceOf(file);
    let criticReported = false;
    const report = (environment: TexEnvironment) => {
      if (environment.name === 'critic') {
        if (criticReported) return;
        criticReported = true;
        file.message('CriticMarkup is read as its author\'s accepted text: deletions and comments are left out, additions and substitutions kept, their marks removed.', {
          place: source.span(environment.start, environment.end),
          ruleId: 'content/critic-markup',
          source: ORIGIN,
        });
        return;
      }
      const shown = `\\begin{${environment.name}}…\\end{${environment.name}}`;
      file.message(`Raw TeX "${shown}" is left out of the web page.`, { place: source.span(environment.start, environment.end), ruleId: RAW_TEX_RULE, source: ORIGIN });
    };
    /** The inline children of a container with its environments replaced: math, or nothing. */
    const replaceInline = (children: readonly Nodes[]): { children: Nodes[]; found: boolean } => {
      const out: Nodes[] = [];
      let found = false;
      for (const child of children) {
        if (child.type === 'text' && child.value.includes(TEX_PLACEHOLDER)) {
          const pieces = cutText(child, source, environments);
          if (pieces) {
            found = true;
            for (const piece of pieces) {
              if (piece.kind === 'text') out.push(piece.node);
              else if (piece.environment.name === 'shortcode') out.push(shortcodeNode(piece.environment, source, shortcodes));
              else if (piece.environment.name === 'span-mark') continue;
              else if (isMathEnvironment(piece.environment.name)) out.push(mathNode(piece.environment, source, false));
              else report(piece.environment);
            }
            continue;
          }
        }
        if ('children' in child) {
          const inner = replaceInline(child.children as Nodes[]);
          if (inner.found) {
            found = true;
            (child as Parent).children = inner.children as Parent['children'];
          }
        }
        out.push(child);
      }
      return { children: out, found };
    };
    /**
     * A paragraph that starts with an environment which starts a block: the environment is a block
     * (display math, or nothing), and what follows it on the next lines a paragraph of its own.
     */
    const splitBlock = (paragraph: Paragraph): Nodes[] | undefined => {
      const first = paragraph.children[0];
      const start = first?.position?.start.offset;
      const environment = environments.find((e) => e.block && e.start === start);
      if (!environment || first?.type !== 'text') return undefined;
      const pieces = cutText(first, source, environments);
      if (!pieces || pieces[0]?.kind !== 'environment') return undefined;
      const rest = [...replaceInline(pieces.slice(1).map((p) => (p.kind === 'text' ? p.node : mathNode(p.environment, source, false)))).children, ...paragraph.children.slice(1)] as PhrasingContent[];
      const blocks: Nodes[] = [];
      if (isMathEnvironment(environment.name)) blocks.push(mathNode(environment, source, true));
      else report(environment);
      const after = trimStart(rest, source);
      if (!isBlank(after)) {
        const { children } = replaceInline(after);
        const startOffset = children[0]?.position?.start.offset ?? environment.end;
        blocks.push({ type: 'paragraph', children: children as PhrasingContent[], position: { start: source.point(startOffset), end: paragraph.position!.end } });
      }
      return blocks;
    };
    const walk = (parent: Parent) => {
      const children: Nodes[] = [];
      for (const child of parent.children as Nodes[]) {
        if (child.type === 'code' || child.type === 'html' || child.type === 'math') {
          children.push(child);
          continue;
        }
        if (child.type === 'paragraph') {
          const blocks = splitBlock(child);
          if (blocks) {
            children.push(...blocks);
            continue;
          }
        }
        if ('children' in child) {
          if (child.type === 'paragraph' || child.type === 'heading' || child.type === 'tableCell') {
            const { children: inline, found } = replaceInline(child.children as Nodes[]);
            if (found) {
              (child as Parent).children = inline as Parent['children'];
              if (child.type === 'paragraph' && isBlank(inline)) continue;
            }
          } else walk(child as Parent);
        }
        children.push(child);
      }
      (parent as { children: Nodes[] }).children = children;
    };
    walk(tree);
  };
}
