/**
 * remark plugin: Pandoc's implicit figures. An image alone in its paragraph is a figure whose caption
 * is the image's description, read as Markdown (emphasis, links and citations included):
 *
 *   ![Prices in 1959, from [@naughton2007].](prices.png)
 *
 * becomes `<figure><img alt="…"><figcaption>Prices in 1959, from (Naughton, 2007).</figcaption></figure>`.
 * The image's alt text is the caption as it prints (rehypeFigureAlt sets it once citations are
 * formatted), as Pandoc writes it.
 *
 * The caption is read from the source itself, since the tree keeps only the description's plain
 * text; its nodes keep exact offsets into the source, so later plugins and the checks place them.
 */
import { blankCriticMarkup } from './critic-markup.ts';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Image, Nodes, Paragraph, Parent, PhrasingContent, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Node as UnistNode } from 'unist';
import type { VFile } from 'vfile';
import { pointFinder } from '../lib/lines.ts';
import { removeRawTexFromInline } from './raw-tex.ts';
import { sourceOf } from './source.ts';

/** Set on an image whose alt text is to be its printed caption (or description). */
export const ALT_FROM_CONTENT = 'dataAltFromContent';

const inlineParser = unified().use(remarkParse).use(remarkGfm, { singleTilde: false });

export interface FigureNode extends UnistNode {
  type: 'figure';
  children: [Image, { type: 'figcaption'; children: PhrasingContent[]; data: { hName: 'figcaption' } }];
  data: { hName: 'figure' };
}

/** The description of `![…](…)` as written: from after `![` to its closing bracket. */
export function imageLabel(source: string, image: Image): { text: string; offset: number } | undefined {
  const start = image.position?.start.offset;
  const end = image.position?.end.offset;
  if (start === undefined || end === undefined || source.slice(start, start + 2) !== '![') return undefined;
  let depth = 0;
  for (let i = start + 1; i < end; i++) {
    const char = source[i];
    if (char === '\\') i += 1;
    else if (char === '[') depth += 1;
    else if (char === ']' && --depth === 0) return { text: source.slice(start + 2, i), offset: start + 2 };
  }
  return undefined;
}

/** Marks what CriticMarkup leaves out of a description while it is parsed. */
const LEFT_OUT = '\u0001';

/** Inline nodes of a description, positioned in the whole source. */
export function parseLabel(source: string, label: { text: string; offset: number }): PhrasingContent[] {
  // The source's own text: CriticMarkup in it is read as accepted here, as the scan reads it
  // elsewhere; what it leaves out is marked while parsing (so offsets stay), then taken out.
  const tree = inlineParser.runSync(inlineParser.parse(blankCriticMarkup(label.text, LEFT_OUT))) as Root;
  const paragraph = tree.children.find((n): n is Paragraph => n.type === 'paragraph');
  if (!paragraph) return [];
  const pointAt = pointFinder(source);
  const shift = (node: Nodes) => {
    if (node.position) {
      node.position = {
        start: pointAt(label.offset + (node.position.start.offset ?? 0)),
        end: pointAt(label.offset + (node.position.end.offset ?? 0)),
      };
    }
    if ('children' in node) for (const child of node.children) shift(child as Nodes);
  };
  for (const child of paragraph.children) shift(child);
  const dropLeftOut = (node: Nodes) => {
    if (node.type === 'text' && node.value.includes(LEFT_OUT)) node.value = node.value.replaceAll(LEFT_OUT, '');
    if ('children' in node) for (const child of node.children) dropLeftOut(child as Nodes);
  };
  for (const child of paragraph.children) dropLeftOut(child);
  return paragraph.children;
}

function aloneImage(paragraph: Paragraph): Image | undefined {
  const meaningful = paragraph.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return meaningful.length === 1 && meaningful[0]!.type === 'image' ? meaningful[0] : undefined;
}

export default function remarkImplicitFigures() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const visit = (parent: { children: Nodes[] }) => {
      parent.children.forEach((node, index) => {
        if (node.type === 'paragraph') {
          const image = aloneImage(node);
          const label = image && image.alt ? imageLabel(source, image) : undefined;
          if (!image || !label) return;
          (image.data ??= {}).hProperties = { ...(image.data.hProperties ?? {}), [ALT_FROM_CONTENT]: true };
          const caption = { type: 'figcaption' as const, data: { hName: 'figcaption' as const }, children: parseLabel(source, label) };
          // Raw TeX (`\label{fig:x}`) was reported and cut from the alt text; the caption, read
          // again from the source, drops it too.
          removeRawTexFromInline(caption as unknown as Parent, sourceOf(file));
          const figure: FigureNode = { type: 'figure', data: { hName: 'figure' }, children: [image, caption] };
          if (node.position) figure.position = node.position;
          parent.children[index] = figure as unknown as Nodes;
        } else if ('children' in node) {
          visit(node as { children: Nodes[] });
        }
      });
    };
    visit(tree as unknown as { children: Nodes[] });
  };
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}

/**
 * rehype plugin, after citations are formatted: an image marked by remarkImplicitFigures takes its
 * caption's text as its alt text; an image whose description held citations (built with the
 * description as children) takes their printed text, and loses the children.
 */
export function rehypeFigureAlt() {
  return (tree: HastRoot) => {
    const visit = (node: HastRoot | Element, parent: Element | undefined) => {
      for (const child of node.children) {
        if (child.type !== 'element') continue;
        if (child.tagName === 'img') {
          if (child.children.length > 0) {
            child.properties['alt'] = child.children.map(textOf).join('').replace(/\s+/g, ' ').trim();
            child.children = [];
          } else if (ALT_FROM_CONTENT in child.properties && parent?.tagName === 'figure') {
            const caption = parent.children.find((c): c is Element => c.type === 'element' && c.tagName === 'figcaption');
            // The caption as written, without its number ("Figure 1:"), which is not the image's.
            const described = caption && { ...caption, children: caption.children.filter((c) => !(c.type === 'element' && [c.properties['className']].flat().includes('caption-label'))) };
            if (described) child.properties['alt'] = textOf(described).replace(/\s+/g, ' ').trim();
          }
          delete child.properties[ALT_FROM_CONTENT];
          continue;
        }
        visit(child, child);
      }
    };
    visit(tree, undefined);
  };
}
