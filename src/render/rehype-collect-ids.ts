/**
 * Collects every id of the finished page, so that what the page has (its notes, its references, each
 * section's heading) is known as data, not found again by searching the HTML.
 */
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { walkElements } from '../lib/hast.ts';

export interface Options {
  readonly into: (file: VFile) => Set<string> | undefined;
}

export default function rehypeCollectIds(options: Options) {
  return (tree: Root, file: VFile) => {
    const ids = options.into(file);
    if (!ids) return;
    walkElements(tree, (node) => {
      const id = node.properties['id'];
      if (typeof id === 'string' && id !== '') ids.add(id);
    });
  };
}
