/**
 * Quarto's figures and tables that are not an image or a table with a caption of their own: a div
 * labelled `::: {#fig-…}` (or `#tbl-…`) whose last paragraph is its caption, and a code cell
 * labelled `#| label: fig-…` with its `fig-cap` (see quarto-cells.ts). Each is a `float` node,
 * printed `<figure id="fig-…">` with a `<figcaption>`, numbered and named by
 * markdown/cross-references.ts like any other figure or table, so that `@fig-…` leads to it.
 *
 *     ::: {#fig-quine}
 *     ![](article-visualization.pdf)
 *
 *     Frequency distribution for number of days absent from school.
 *     :::
 *
 * Wiring: after remarkFencedDivs and remarkImplicitFigures, before the citations (a caption's
 * citations are read where the caption now is).
 */
import type { BlockContent, Nodes, Paragraph, Parent, PhrasingContent, Root } from 'mdast';
import type { Properties } from 'hast';
import type { Node as UnistNode } from 'unist';
import type { FencedDivNode } from './fenced-divs.ts';
import { ALT_FROM_CONTENT, type FigureNode } from './figures.ts';

export interface FloatCaptionNode extends UnistNode {
  type: 'floatCaption';
  children: PhrasingContent[];
  data: { hName: 'figcaption' };
}

export interface FloatNode extends UnistNode {
  type: 'float';
  kind: FloatKind;
  /** `fig-quine`, `tbl:results`. */
  label: string;
  /** What the figure or table shows, then its caption. */
  children: (BlockContent | FloatCaptionNode)[];
  /**
   * The captions of its parts (`fig-subcap`: the panels of a plot), each a target of its own:
   * `@fig-mnist-2` is "Figure 3(b)".
   */
  subcaptions?: string[];
  data: { hName: 'figure'; hProperties: Properties };
}

/** Figures, tables, code listings and algorithms (Quarto's pseudocode extension). */
export type FloatKind = 'fig' | 'tbl' | 'lst' | 'algo';

/** `fig-map`, `tbl:prices`, `lst-setup`, `algo-tsne`: a label that makes a div or a cell a numbered float. */
export function floatKind(label: string): FloatKind | undefined {
  const match = /^(?:(fig|tbl|lst)[-:]|(algo)-)/.exec(label);
  return match ? ((match[1] ?? match[2]) as FloatKind) : undefined;
}

export function floatNode(kind: FloatKind, label: string, content: BlockContent[], caption: PhrasingContent[], position: UnistNode['position'], properties: Properties = {}): FloatNode {
  const captionNode: FloatCaptionNode = { type: 'floatCaption', children: caption, data: { hName: 'figcaption' } };
  const node: FloatNode = { type: 'float', kind, label, children: [...content, captionNode], data: { hName: 'figure', hProperties: { ...properties, id: label } } };
  if (position) node.position = position;
  return node;
}

/**
 * Inside a float, an image alone in its paragraph is the float's image, not a figure of its own:
 * its description is its alt text, as Quarto has it.
 */
function unwrapFigures(content: readonly Nodes[]): BlockContent[] {
  return content.map((node) => {
    if ((node.type as string) !== 'figure') return node as BlockContent;
    const [image] = (node as unknown as FigureNode).children;
    if (image.data?.hProperties) delete image.data.hProperties[ALT_FROM_CONTENT];
    const paragraph: Paragraph = { type: 'paragraph', children: [image] };
    if (node.position) paragraph.position = node.position;
    return paragraph;
  });
}

export default function remarkQuartoFloats() {
  return (tree: Root) => {
    const visit = (parent: Parent) => {
      parent.children = (parent.children as Nodes[]).map((child) => {
        if ('children' in child) visit(child as Parent);
        if ((child.type as string) !== 'fencedDiv') return child;
        const div = child as unknown as FencedDivNode;
        const id = div.data?.hProperties?.['id'];
        const kind = typeof id === 'string' ? floatKind(id) : undefined;
        const last = div.children.at(-1);
        if (!kind || typeof id !== 'string' || last?.type !== 'paragraph' || div.children.length < 2) return child;
        const { id: _id, ...properties } = div.data?.hProperties ?? {};
        return floatNode(kind, id, unwrapFigures(div.children.slice(0, -1) as Nodes[]), last.children, div.position, properties) as unknown as Nodes;
      }) as Parent['children'];
    };
    visit(tree);
  };
}
