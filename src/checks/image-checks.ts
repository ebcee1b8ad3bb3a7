/**
 * The checks of an essay's images, and the reading of an image's address that the check and the
 * page (src/essay-images.ts) share, so that the page finds every image the check passed.
 */
import { posix } from 'node:path';
import type { Nodes } from 'mdast';
import type { VFile } from 'vfile';
import { pdfConverterProblem } from '../sources/pdf-figures.ts';
import { didYouMean } from '../lib/suggest.ts';
import type { EssayCheckContext } from './essay-checks.ts';
import { capitalized } from '../lib/diagnostics.ts';
import { report } from './findings.ts';

/** What browsers show and the image pipeline reads (src/essay-images.ts), and PDF, whose first page the build shows. */
const IMAGE_EXTENSION = /^(png|jpe?g|gif|webp|avif|svg|pdf)$/i;
const IMAGE_FILE = /\.(png|jpe?g|gif|webp|avif|svg|pdf)$/i;
const PDF_FILE = /\.pdf$/i;

/**
 * An image must have alt text, and the file it names must be one the build can show: in the essay
 * folder, or elsewhere in content/ (a folder that holds no essay may keep the figures several essays
 * share), never outside content/. A path without an extension takes the one image file it matches,
 * as LaTeX does (`Figures/fig_1` → `Figures/fig_1.png`). A PDF is shown as its first page, converted
 * at build time (publishing/pdf-to-png.ts), when the converter can be loaded here. A build would
 * otherwise publish a broken image, or one a reader who cannot see it gets nothing from.
 */
export function checkImage(file: VFile, context: EssayCheckContext, node: Nodes): void {
  const image = node.type === 'image' ? { url: node.url, alt: node.alt ?? '' } : citedImageOf(node);
  const written = image.url;
  if (image.alt.trim() === '') {
    // Published as Pandoc publishes it, so that a paper drops in; the editor still learns what to fix.
    report(
      file,
      'warning',
      'image/no-alt',
      `Accessibility: the image "${written}" has no alt text. It is published with an empty one (alt=""), as Pandoc writes it, so a screen reader passes it by and a reader who cannot see it is told nothing.`,
      node.position,
      `Describe it between the brackets: ![A map of the communes in 1959](${written}). An image alone in its paragraph also takes that text as its caption.`,
    );
  }
  const path = folderFileOf(written);
  if (!context.folder || path === undefined) return;
  const folder = context.folder;
  const found = lookUpImage(folder.path, path, folder.files);
  const where = (name: string) => posix.join(folder.path, name);
  switch (found.kind) {
    case 'outside-content':
      report(
        file,
        'error',
        'image/outside-content',
        `The image "${written}" is outside content/ (${found.file}): a build publishes only what content/ holds.`,
        node.position,
        `Copy it into ${folder.path}/, or into a folder of content/ that holds no essay, and name it from there.`,
      );
      return;
    case 'ambiguous':
      report(
        file,
        'error',
        'image/ambiguous',
        `The image "${written}" has no extension, and ${found.candidates.length} files could be it: ${found.candidates.map(where).join(', ')}.`,
        node.position,
        `Write the one you mean with its extension, for example ${found.candidates[0]!}.`,
      );
      return;
    case 'missing': {
      const inFolder = !found.file.startsWith('../');
      const suggestion = didYouMean(found.file, [...folder.files].filter((name) => IMAGE_FILE.test(name)));
      const place = inFolder ? `${folder.path}/` : `${posix.dirname(where(found.file))}/`;
      report(
        file,
        'error',
        'image/missing',
        `The image "${written}" is not in ${place}: the page would show a broken image.`,
        node.position,
        suggestion
          ? capitalized(suggestion)
          : inFolder
            ? `Put ${path.split('/').at(-1)} in ${folder.path}/, beside the essay's Markdown, or fix the path (it is read from that folder).`
            : `Put ${path.split('/').at(-1)} in ${place}, or fix the path (it is read from ${folder.path}/).`,
      );
      return;
    }
    case 'found':
      break;
  }
  if (!IMAGE_FILE.test(found.file)) {
    report(file, 'error', 'image/unsupported-format', `"${written}" is not an image a browser shows.`, node.position, 'Convert it to PNG, JPEG, WebP, AVIF, GIF or SVG (or PDF, which the build converts); the build makes the sizes a reader needs.');
    return;
  }
  if (found.extensionAdded) {
    report(
      file,
      'warning',
      'image/extension-added',
      `The image "${written}" has no extension; the page shows ${where(found.file)}, the one image file of that name.`,
      node.position,
      `Write ${written}${found.file.slice(found.file.lastIndexOf('.'))} to name it exactly, as a browser and Pandoc's HTML need.`,
    );
  }
  if (PDF_FILE.test(found.file)) {
    const problem = pdfConverterProblem();
    if (problem) {
      report(
        file,
        'error',
        'image/pdf-not-converted',
        `The figure "${written}" is a PDF, which the build shows by converting its first page to PNG, but ${problem}.`,
        node.position,
        'Convert the figure to PNG or SVG (for example `pdftocairo -png -singlefile -r 200 figure.pdf figure`, or `pdftocairo -svg figure.pdf figure.svg`) and name that file, or build on a platform @napi-rs/canvas supports (Linux, macOS, Windows; x64 or arm64) with optional dependencies installed (`npm ci`).',
      );
    }
  }
}

/** What an image's path names among the files an essay may show (`lookUpImage`). */
export type ImageLookup =
  /** `file` is relative to the essay folder; `extensionAdded` when the path had none and `file` is its one match. */
  | { readonly kind: 'found'; readonly file: string; readonly extensionAdded: boolean }
  | { readonly kind: 'missing'; readonly file: string }
  /** A path without an extension that several image files match (`candidates`, relative to the folder). */
  | { readonly kind: 'ambiguous'; readonly file: string; readonly candidates: readonly string[] }
  /** `file` is the path resolved from the project's root (or the content folder's parent). */
  | { readonly kind: 'outside-content'; readonly file: string };

/**
 * The file an image's path (`folderFileOf`) names, among the files an essay may show: `files`,
 * relative to the essay folder `folder` (`content/on-tides`), those elsewhere in content/ written
 * as the essay reaches them (`../figures/map.png`). The content folder is the essay folder's
 * parent; a path that leaves it names nothing. A path whose file is not there and that has no image
 * extension takes the one image file that adds one (`Figures/fig_1` → `Figures/fig_1.png`). The check
 * and the page (src/essay-images.ts) find images alike.
 */
export function lookUpImage(folder: string, path: string, files: ReadonlySet<string>): ImageLookup {
  const full = posix.normalize(posix.join(folder, path));
  const content = posix.dirname(folder);
  const fromContent = posix.relative(content, full);
  if (fromContent === '..' || fromContent.startsWith('../') || posix.isAbsolute(fromContent)) return { kind: 'outside-content', file: full };
  const file = posix.relative(folder, full);
  if (files.has(file)) return { kind: 'found', file, extensionAdded: false };
  if (!IMAGE_FILE.test(file)) {
    const candidates = [...files].filter((name) => name.startsWith(`${file}.`) && IMAGE_EXTENSION.test(name.slice(file.length + 1))).sort();
    if (candidates.length === 1) return { kind: 'found', file: candidates[0]!, extensionAdded: true };
    if (candidates.length > 1) return { kind: 'ambiguous', file, candidates };
  }
  return { kind: 'missing', file };
}

/** A URL with a scheme (https:, mailto:) or protocol-relative (//host) leaves the site. */
export function isInternal(url: string): boolean {
  return url !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//');
}

/**
 * The file an address names, relative to the essay folder (`map.png`, `./figures/a%20b.svg` →
 * `figures/a b.svg`, `../shared/map.png`), or undefined for an address elsewhere (a web address, a
 * path of the site, an anchor). The check and the page (src/essay-images.ts) read addresses alike.
 */
export function folderFileOf(address: string): string | undefined {
  if (!isInternal(address) || address.startsWith('/') || address.startsWith('#')) return undefined;
  const path = address.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(path).replace(/^\.\//, '');
  } catch {
    return path.replace(/^\.\//, '');
  }
}

/** An image whose description held citations (markdown/citations.ts): its address and description. */
function citedImageOf(node: Nodes): { url: string; alt: string } {
  const properties = (node.data as { hProperties?: Record<string, unknown> } | undefined)?.hProperties ?? {};
  return { url: String(properties['src'] ?? ''), alt: String(properties['alt'] ?? '') };
}
