/**
 * The images an essay shows, through Astro's image pipeline: each `<img>` of the rendered essay that
 * names a file of content/ (in its folder, or elsewhere in content/ by a relative path) gets the
 * image's width and height (no layout shift), a `srcset` of WebP sizes for the column it sits in,
 * lazy loading, and a link to the original file, which the build keeps. The render pass has checked
 * that every such file exists (checks/essay-checks.ts), and this page finds it as the check did
 * (`lookUpImage`: a path without an extension takes the one image file that adds one).
 *
 * Vite imports the files (`import.meta.glob`), so the build emits the originals and knows their
 * sizes; `getImage` makes the resized copies. Runs in the page, as `astro:assets` does.
 *
 * A PDF is shown as the PNG of its first page, linked to the PDF. The conversion is not made here:
 * a page is rendered after Vite has bundled, too late to emit a file. It is made by a Vite plugin
 * (publishing/pdf-to-png.ts), for each PDF this module imports with `?apparatus-pdf-figure`: the
 * module it makes imports the converted PNG (cached in `.apparatus/pdf-figures/`) as Astro imports any
 * image, so `getImage` takes it like a PNG of the essay folder, in a build as in `npm run dev`.
 */
import { getImage } from 'astro:assets';
import type { ImageMetadata } from 'astro';
import { posix } from 'node:path';
import { folderFileOf, lookUpImage } from './checks/image-checks.ts';
import type { PdfFigureModule } from './sources/pdf-figures.ts';

/** Every image of content/, as Vite imports it. */
const images = import.meta.glob<{ default: ImageMetadata }>('/content/**/*.{png,jpg,jpeg,gif,webp,avif,svg,PNG,JPG,JPEG,GIF,WEBP,AVIF,SVG}');
/** Every PDF of content/, as the PNG of its first page and the published PDF (the query is PDF_FIGURE_QUERY). */
const pdfs = import.meta.glob<PdfFigureModule>('/content/**/*.{pdf,PDF}', { query: '?apparatus-pdf-figure' });
const available = [...Object.keys(images), ...Object.keys(pdfs)];

/** The widths a figure is offered in: the text column (38rem) at 1× and 2×, and a phone's. */
const WIDTHS = [480, 760, 1140, 1520];
const SIZES = '(min-width: 42rem) 38rem, calc(100vw - 2rem)';

/**
 * An <img> tag: its attributes before the image's address, the address, and the attributes after; a
 * quoted value may hold ">" (an alt text that does). The address is `src` (a PDF, or raw HTML the
 * writer typed) or, for an image file, the `__ASTRO_IMAGE_` attribute the pass gives it for Astro's
 * render() (render/rehype-astro-images.ts): the file and the writer's size, as JSON.
 */
const IMG = /<img\b((?:[^>"]|"[^"]*")*?)\s(src|__ASTRO_IMAGE_)="([^"]*)"((?:[^>"]|"[^"]*")*)>/g;

/** An attribute's value as written in the HTML, its character references read (ampersands last). */
const attributeValue = (html: string) => html.replace(/&(?:#x22|quot);/g, '"').replace(/&(?:#x27|apos);/g, "'").replace(/&(?:#x26|amp);/g, '&');

/** The address an <img> shows and the size the writer gave it, from either form of the tag. */
function addressOf(attribute: string, value: string, attributes: string): { written: string; given: { width?: number; height?: number } } {
  if (attribute === 'src') return { written: value.replace(/&amp;/g, '&'), given: writtenSize(attributes) };
  const image = JSON.parse(attributeValue(value)) as { src: string; width?: number | string; height?: number | string };
  const given: { width?: number; height?: number } = {};
  if (image.width !== undefined) given.width = Number(image.width);
  if (image.height !== undefined) given.height = Number(image.height);
  return { written: image.src, given };
}

const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** The image (its PNG, for a PDF) and the address of the original a reader opens. */
async function imageOf(key: string): Promise<{ image: ImageMetadata; original: string; type?: string }> {
  const pdf = pdfs[key];
  if (!pdf) {
    const image = (await images[key]!()).default;
    return { image, original: image.src };
  }
  const figure = await pdf();
  if (!figure.default) throw new Error(figure.problem);
  return { image: figure.default, original: figure.original, type: 'application/pdf' };
}

/** The essay's HTML with its local images made responsive and linked to their originals. */
export async function withEssayImages(html: string, slug: string): Promise<string> {
  const found = [...html.matchAll(IMG)];
  if (found.length === 0) return html;
  const folder = `/content/${slug}`;
  let files: Set<string> | undefined;
  const made = await Promise.all(
    found.map(async (match) => {
      const { written, given } = addressOf(match[2]!, match[3]!, `${match[1]!} ${match[4]!}`);
      const path = folderFileOf(written);
      if (path === undefined) return match[0];
      files ??= new Set(available.map((key) => posix.relative(folder, key)));
      const file = lookUpImage(folder, path, files);
      // Not an image of content/: the check stopped the build on each such Markdown image (raw HTML's
      // <img> is left as written).
      if (file.kind !== 'found') return match[0];
      const { image: original, original: href, type } = await imageOf(posix.join(folder, file.file));
      // A size the writer gave (`{height=420px}`) is the one shown, the other side kept in proportion;
      // the attribute is written once, not beside the image's own.
      const before = withoutSize(match[1]!);
      const after = withoutSize(match[4]!);
      const shown = shownSize(original, given);
      const link = `<a class="image-original" href="${escape(href)}"${type ? ` type="${type}"` : ''}>`;
      if (original.format === 'svg') {
        return `${link}<img${before} src="${escape(original.src)}" width="${shown.width}" height="${shown.height}" loading="lazy" decoding="async"${after}></a>`;
      }
      const widths = WIDTHS.filter((width) => width < original.width).concat(Math.min(original.width, WIDTHS.at(-1)!));
      const image = await getImage({ src: original, widths: [...new Set(widths)], sizes: SIZES, format: 'webp' });
      const { width, height } = image.attributes as { width?: number; height?: number };
      const size = given.width || given.height || !(width && height) ? ` width="${shown.width}" height="${shown.height}"` : ` width="${width}" height="${height}"`;
      return `${link}<img${before} src="${escape(image.src)}" srcset="${escape(image.srcSet.attribute)}" sizes="${SIZES}"${size} loading="lazy" decoding="async"${after}></a>`;
    }),
  );
  let i = 0;
  return html.replace(IMG, () => made[i++]!);
}

const SIZE_ATTRIBUTE = /\s(width|height)="(\d+(?:\.\d+)?)"/g;

/** The width and height the writer gave the image, in pixels, if any. */
function writtenSize(attributes: string): { width?: number; height?: number } {
  const size: { width?: number; height?: number } = {};
  for (const [, name, value] of attributes.matchAll(SIZE_ATTRIBUTE)) size[name as 'width' | 'height'] = Number(value);
  return size;
}

function withoutSize(attributes: string): string {
  return attributes.replace(SIZE_ATTRIBUTE, '');
}

/** The size the page shows: the writer's, its other side in the image's proportion, or the image's own. */
function shownSize(image: { width: number; height: number }, written: { width?: number; height?: number }): { width: number; height: number } {
  if (written.width && written.height) return { width: written.width, height: written.height };
  if (written.width) return { width: written.width, height: Math.round((written.width * image.height) / image.width) };
  if (written.height) return { width: Math.round((written.height * image.width) / image.height), height: written.height };
  return { width: image.width, height: image.height };
}
