/**
 * Writers link other essays from the site's root (`/on-tides/#tides-p1`); a site served under a base
 * path (`/essays/`) needs `/essays/on-tides/#tides-p1`. Root-relative links and images get the base.
 *
 * A link relative to the essay's page (`data.csv`, `../on-tides/`) is made one from the site's root
 * first (`/on-tides/data.csv`), so that the text leads to the same place wherever it is shown: on
 * its own page, or on a page of the site's own that renders the collection's entry. Images keep
 * their addresses: Astro's image pipeline and the essay's page resolve them (rehype-astro-images.ts).
 */
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { walkElements } from '../lib/hast.ts';

/** A link relative to the page: not from the root, not to a fragment or a query of the page itself, with no scheme. */
const RELATIVE = /^(?![a-z][a-z0-9+.-]*:|\/|#|\?)./i;

export default function rehypeBaseLinks(options: { baseOf: (file: VFile) => string; pageOf?: (file: VFile) => string | undefined }) {
  return (tree: Root, file: VFile) => {
    const page = options.pageOf?.(file);
    if (page) {
      walkElements(tree, (node) => {
        const href = node.properties['href'];
        if (node.tagName !== 'a' || typeof href !== 'string' || !RELATIVE.test(href)) return;
        const url = new URL(href, `http://page${page}`);
        node.properties['href'] = `${url.pathname}${url.search}${url.hash}`;
      });
    }
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
