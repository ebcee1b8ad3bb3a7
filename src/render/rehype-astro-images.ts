/**
 * Hands the essay's images to Astro's image pipeline, as Astro's own Markdown does: each `<img>` that
 * shows an image file of content/ gets, in place of its `src`, the `__ASTRO_IMAGE_` attribute that
 * Astro's `render()` of a collection entry resolves (the file imported, sized and optimised), and the
 * file is listed for the entry's `imagePaths`. So a site author's page that renders an essay with
 * `render(entry)` shows its figures; the essay's own page reads the same attribute (src/essay-images.ts)
 * to size its figures and link them to their originals.
 *
 * A PDF figure keeps its `src`: Astro imports only image formats, and the essay's page shows the PNG
 * the build makes of its first page (publishing/pdf-to-png.ts). Last in the pass, after every plugin
 * that reads an image's address (the figure list, search passages, the sanitizer, which would drop
 * an attribute it does not know).
 */
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { folderFileOf, lookUpImage } from '../checks/image-checks.ts';
import { walkElements } from '../lib/hast.ts';

/** The formats Astro imports as images (its VALID_INPUT_FORMATS); a PDF is shown by our own plugin. */
const ASTRO_IMAGE_FILE = /\.(png|jpe?g|gif|webp|avif|svg|tiff?)$/i;

/** The writer's size (`{width=420px}`) travels with the image: Astro writes the size it shows. */
const SIZE_PROPERTIES = ['width', 'height'] as const;

export interface Options {
  /** The essay folder and its files (as the check found them), and the list to add each image to. */
  readonly imagesOf: (file: VFile) => { readonly folder: { readonly path: string; readonly files: ReadonlySet<string> }; readonly into: string[] } | undefined;
}

export default function rehypeAstroImages(options: Options) {
  return (tree: Root, file: VFile) => {
    const target = options.imagesOf(file);
    if (!target) return;
    const { folder, into } = target;
    // Astro tells apart two uses of one file by their order, as its Markdown does.
    const uses = new Map<string, number>();
    walkElements(tree, (node) => {
      if (node.tagName !== 'img' || typeof node.properties['src'] !== 'string') return;
      const path = folderFileOf(node.properties['src']);
      if (path === undefined) return;
      const found = lookUpImage(folder.path, path, folder.files);
      if (found.kind !== 'found' || !ASTRO_IMAGE_FILE.test(found.file)) return;
      const src = `./${found.file}`;
      const index = uses.get(src) ?? 0;
      uses.set(src, index + 1);
      if (!into.includes(src)) into.push(src);
      const { src: _written, ...rest } = node.properties;
      const image: Record<string, unknown> = { src, index };
      for (const name of SIZE_PROPERTIES) {
        // A size in pixels only; another ("50%") stays an attribute, as the essay's page keeps it.
        if (!/^\d+(\.\d+)?$/.test(String(rest[name] ?? ''))) continue;
        image[name] = rest[name];
        delete rest[name];
      }
      node.properties = { __ASTRO_IMAGE_: JSON.stringify(image), ...rest };
    });
  };
}
