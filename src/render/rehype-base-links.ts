/**
 * Writers link other essays from the site's root (`/on-tides/#tides-p1`); a site served under a base
 * path (`/essays/`) needs `/essays/on-tides/#tides-p1`. Root-relative links and images get the base.
 */
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { walkElements } from '../lib/hast.ts';

export default function rehypeBaseLinks(options: { baseOf: (file: VFile) => string }) {
  return (tree: Root, file: VFile) => {
    const base = options.baseOf(file).replace(/\/$/, '');
    if (base === '') return;
    walkElements(tree, (node) => {
      for (const name of ['href', 'src']) {
        const value = node.properties[name];
        if (typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith(`${base}/`)) node.properties[name] = `${base}${value}`;
      }
    });
  };
}
