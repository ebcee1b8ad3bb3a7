// @ts-check
import { defineConfig } from 'astro/config';
import apparatus from './src/integrations/apparatus.ts';
import site from './site.config.ts';

export default defineConfig({
  site: site.site,
  base: process.env.APPARATUS_BASE ?? site.base,
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [apparatus(site)],
  // Markdown is rendered by src/render/render.ts (one document per essay), not by Astro's pages.
  devToolbar: { enabled: false },
  // Whitespace between elements kept as one space, as Astro 5 wrote pages (Astro 7's default, 'jsx',
  // drops it, which would join words across inline elements of the templates).
  compressHTML: true,
  // Scripts stay files of their own (never inlined into pages), so a strict Content-Security-Policy
  // can forbid inline scripts and readers' browsers cache them across pages.
  vite: { build: { assetsInlineLimit: 0 } },
  experimental: {
    // A page whose essay did not change (its entry's digest, src/collection/) is not made again.
    incrementalBuild: true,
    // The content store (each essay's HTML: about 80 MB at 1,000 essays) in parts of 20 MB that the
    // build loads as separate modules: one module holding it all took V8 about 11 s to compile.
    collectionStorage: 'chunked',
  },
  // Astro's caches (the content store, the pages of the last build) are the project's, beside ours:
  // not in node_modules/.astro/, which a copy of the project that links node_modules would share.
  cacheDir: './.apparatus/astro',
});
