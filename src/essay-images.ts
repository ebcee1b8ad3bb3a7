/**
 * The images an essay shows, through Astro's image pipeline: each `<img>` of the rendered essay that
 * names a file of its folder gets the image's width and height (no layout shift), a `srcset` of
 * WebP sizes for the column it sits in, lazy loading, and a link to the original file, which the
 * build keeps. The render pass has checked that every such file exists (checks/essay-checks.ts).
 *
 * Vite imports the files (`import.meta.glob`), so the build emits the originals and knows their
 * sizes; `getImage` makes the resized copies. Runs in the page, as `astro:assets` does.
 */
import { getImage } from 'astro:assets';
import type { ImageMetadata } from 'astro';
import { folderFileOf } from './checks/essay-checks.ts';

/** Every image of every essay folder, as Vite imports it. */
const images = import.meta.glob<{ default: ImageMetadata }>('/content/**/*.{png,jpg,jpeg,gif,webp,avif,svg,PNG,JPG,JPEG,GIF,WEBP,AVIF,SVG}');

/** The widths a figure is offered in: the text column (38rem) at 1× and 2×, and a phone's. */
const WIDTHS = [480, 760, 1140, 1520];
const SIZES = '(min-width: 42rem) 38rem, calc(100vw - 2rem)';

const IMG = /<img\b([^>]*?)\ssrc="([^"]*)"([^>]*)>/g;

const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** The essay's HTML with its local images made responsive and linked to their originals. */
export async function withEssayImages(html: string, slug: string): Promise<string> {
  const found = [...html.matchAll(IMG)];
  if (found.length === 0) return html;
  const made = await Promise.all(
    found.map(async (match) => {
      // The address as written in the Markdown: the HTML escapes only its ampersands.
      const path = folderFileOf(match[2]!.replace(/&amp;/g, '&'));
      const load = path && images[`/content/${slug}/${path}`];
      if (!load) return match[0];
      const original = (await load()).default;
      const before = match[1]!;
      const after = match[3]!;
      if (original.format === 'svg') {
        return `<a class="image-original" href="${escape(original.src)}"><img${before} src="${escape(original.src)}" width="${original.width}" height="${original.height}" loading="lazy" decoding="async"${after}></a>`;
      }
      const widths = WIDTHS.filter((width) => width < original.width).concat(Math.min(original.width, WIDTHS.at(-1)!));
      const image = await getImage({ src: original, widths: [...new Set(widths)], sizes: SIZES, format: 'webp' });
      const { width, height } = image.attributes as { width?: number; height?: number };
      const size = width && height ? ` width="${width}" height="${height}"` : ` width="${original.width}" height="${original.height}"`;
      return `<a class="image-original" href="${escape(original.src)}"><img${before} src="${escape(image.src)}" srcset="${escape(image.srcSet.attribute)}" sizes="${SIZES}"${size} loading="lazy" decoding="async"${after}></a>`;
    }),
  );
  let i = 0;
  return html.replace(IMG, () => made[i++]!);
}
