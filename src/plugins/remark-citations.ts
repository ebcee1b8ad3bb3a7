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

function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

export default function remarkCitations() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !node.position) return undefined;
      const start = node.position.start.offset ?? 0;
      const raw = source.slice(start, node.position.end.offset ?? start);
      const clusters = findCitationClusters(raw);
      if (clusters.length === 0) return undefined;
      // Split the node's own value (already typographically processed) at each cluster found in
      // the source; fall back to the source text around a cluster the value does not hold as such.
      const value = node.value;
      const replacement: PhrasingContent[] = [];
      let cursor = 0;
      let rawCursor = 0;
      for (const cluster of clusters) {
        const written = raw.slice(cluster.start, cluster.end);
        let at = value.indexOf(written, cursor);
        let before: string;
        if (at === -1) {
          before = unescapeMarkdown(raw.slice(rawCursor, cluster.start));
          at = cursor;
        } else {
          before = value.slice(cursor, at);
        }
        if (before) replacement.push({ type: 'text', value: before });
        replacement.push({
          type: 'text',
          value: written,
          data: { hName: CITATION_ELEMENT, hProperties: { dataCluster: JSON.stringify(cluster) } },
        });
        cursor = value.indexOf(written, cursor) === -1 ? cursor : at + written.length;
        rawCursor = cluster.end;
      }
      const rest = cursor < value.length ? value.slice(cursor) : '';
      if (rest) replacement.push({ type: 'text', value: rest });
      parent.children.splice(index, 1, ...replacement);
      return [SKIP, index + replacement.length];
    });
  };
}
