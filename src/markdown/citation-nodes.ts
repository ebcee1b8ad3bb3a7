/**
 * The cite nodes the citation plugin puts in the tree: their shape and element names, and how they
 * are built from a parsed cluster. Kept apart from the plugin so that what reads them (the checks,
 * cross-references, rehype-citations) depends on their shape, not on how Markdown is read.
 */
import type { Nodes, PhrasingContent, Root } from 'mdast';
import type { Node as UnistNode } from 'unist';
import type { CiteMode, ParsedCite } from './citation-syntax.ts';
import type { TokenRange } from './citation-tokens.ts';
import { nodesOf, positionOf, type Token } from './citation-tree-tokens.ts';

export const CITATION_ELEMENT = 'apparatus-citation';
export const CITE_ITEM_ELEMENT = 'apparatus-cite-item';
export const CITE_PREFIX_ELEMENT = 'apparatus-cite-prefix';
export const CITE_SUFFIX_ELEMENT = 'apparatus-cite-suffix';

/** One work of a citation, as the checks read it from the tree. */
export interface CiteItemData {
  readonly key: string;
  readonly mode: CiteMode;
}

export interface CiteNode extends UnistNode {
  type: 'cite';
  children: CiteItemNode[];
  data: { hName: string; hProperties: Record<string, string | boolean | undefined>; items: readonly CiteItemData[] };
}

export interface CiteItemNode extends UnistNode {
  type: 'citeItem';
  children: [CitePartNode, CitePartNode];
  data: { hName: string; hProperties: Record<string, string | boolean | undefined> };
}

export interface CitePartNode extends UnistNode {
  type: 'citePrefix' | 'citeSuffix';
  children: PhrasingContent[];
  data: { hName: string };
}

function part(type: 'citePrefix' | 'citeSuffix', children: PhrasingContent[]): CitePartNode {
  return { type, children, data: { hName: type === 'citePrefix' ? CITE_PREFIX_ELEMENT : CITE_SUFFIX_ELEMENT } };
}

export function citeNode(tokens: readonly Token[], range: TokenRange, cites: readonly ParsedCite[], source: string, inLink: boolean): CiteNode {
  const node: CiteNode = {
    type: 'cite',
    data: {
      hName: CITATION_ELEMENT,
      hProperties: { dataInLink: inLink || undefined },
      items: cites.map(({ key, mode }) => ({ key, mode })),
    },
    children: cites.map((cite): CiteItemNode => {
      const item: CiteItemNode = {
        type: 'citeItem',
        data: { hName: CITE_ITEM_ELEMENT, hProperties: { dataKey: cite.key, dataMode: cite.mode, dataBareSuffix: cite.bareSuffix || undefined } },
        children: [part('citePrefix', nodesOf(tokens, cite.prefix, source)), part('citeSuffix', nodesOf(tokens, cite.suffix, source))],
      };
      const position = positionOf(tokens, { from: cite.at, to: cite.at + 1 }, source);
      if (position) item.position = position;
      return item;
    }),
  };
  const position = positionOf(tokens, range, source);
  if (position) node.position = position;
  return node;
}

/** The cite nodes of a tree, in document order. */
export function citeNodesOf(tree: Root): CiteNode[] {
  const found: CiteNode[] = [];
  const walk = (node: Nodes | CiteNode) => {
    if (node.type === 'cite') {
      found.push(node as CiteNode);
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return found;
}
