/**
 * Marks Pandoc citations in the Markdown tree (`[@a, p. 3]`, `@a`) as citation elements, to be
 * formatted by rehype-citations once the whole document is known.
 *
 * Citations are found in the source text itself (as the source checks find them), so an escaped
 * `\@` is never a citation and the cluster is exactly what the editor wrote.
 */
import type { Root, PhrasingContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { findCitationClusters } from '../lib/citation-cluster.ts';

export const CITATION_ELEMENT = 'apparatus-citation';

function occurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + 1)) count++;
  return count;
}

function nthIndexOf(text: string, part: string, n: number): number {
  let at = text.indexOf(part);
  for (let i = 0; i < n && at !== -1; i++) at = text.indexOf(part, at + 1);
  return at;
}

export default function remarkCitations() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    visit(tree, (node, index, parent) => {
      // No citations inside links, as in Pandoc (and as the source checks read it).
      if (node.type === 'link' || node.type === 'linkReference') return SKIP;
      if (node.type !== 'text' || !parent || index === undefined || !node.position) return undefined;
      const start = node.position.start.offset ?? 0;
      const raw = source.slice(start, node.position.end.offset ?? start);
      const clusters = findCitationClusters(raw);
      if (clusters.length === 0) return undefined;
      // Split the node's own value (already typographically processed) at each cluster found in
      // the source. The n-th occurrence of a cluster's text in the source is the n-th in the value:
      // an escaped "\@a" still holds "@a", and typography never makes or unmakes a citation.
      const value = (node as Text).value;
      const replacement: PhrasingContent[] = [];
      let cursor = 0;
      for (const cluster of clusters) {
        const written = raw.slice(cluster.start, cluster.end);
        const at = nthIndexOf(value, written, occurrences(raw.slice(0, cluster.start), written));
        if (at === -1 || at < cursor) continue;
        if (at > cursor) replacement.push({ type: 'text', value: value.slice(cursor, at) });
        replacement.push({
          type: 'text',
          value: written,
          data: { hName: CITATION_ELEMENT, hProperties: { dataCluster: JSON.stringify(cluster) } },
        });
        cursor = at + written.length;
      }
      if (cursor < value.length) replacement.push({ type: 'text', value: value.slice(cursor) });
      parent.children.splice(index, 1, ...replacement);
      return [SKIP, index + replacement.length];
    });
  };
}
