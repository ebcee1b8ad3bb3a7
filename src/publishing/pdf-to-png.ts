/**
 * PDF figures. A paper written for LaTeX shows its plots as PDF (`![…](images/plot.pdf)`), which a
 * browser does not show as an image. The build converts the first page of each PDF an essay shows to
 * a PNG, which then goes through Astro's image pipeline like any PNG (sizes, WebP copies), linked to
 * the original PDF, which is published too.
 *
 * The converter is Mozilla's PDF.js (pdfjs-dist 6, Apache-2.0) drawing on @napi-rs/canvas (Skia, MIT).
 * Both come from npm like every other dependency: the canvas's prebuilt binary is an optional
 * dependency for each platform (no install script, no compiler, nothing fetched at build time), and
 * nothing has to be installed on the system (poppler, Ghostscript, ImageMagick, Inkscape, a browser).
 * PDF.js is the renderer of Firefox, so what readers see is what a browser would show of the PDF.
 * pdfjs-dist 6 runs on Node 22 and later; it loads @napi-rs/canvas itself (the 1.x line), so that one
 * copy draws both the page and PDF.js's own helpers.
 *
 * The conversion is deterministic (fonts drawn as paths from the PDF or PDF.js's standard fonts,
 * never the system's), so the same PDF gives the same PNG, byte for byte. It is cached in
 * `.apparatus/pdf-figures/<digest>/<name>.png`, the digest a SHA-256 of the converter's version,
 * the rendering settings and the PDF's bytes: a rebuild, or an edit elsewhere, never converts again,
 * and an edited PDF has another digest. Sources in content/ are never written.
 *
 * Where it runs: in Vite, as a plugin (`pdfFigures`, wired by integrations/apparatus.ts), which makes
 * a module of each PDF asked with `?apparatus-pdf-figure` (src/essay-images.ts globs content/'s PDFs
 * so). The module imports the cached PNG, so that Astro's image plugin reads it as it reads any image
 * an essay imports (its size, the file emitted in a build, `/@fs` in dev), and `getImage` takes it
 * unchanged; it also imports the PDF (`?url&no-inline`), which the build publishes. The same code
 * therefore serves `npm run dev` (converted when a page first asks, again when the PDF changes) and
 * `npm run build`. Converting in the page instead (src/essay-images.ts) would come too late in a
 * build: pages are rendered after Vite has bundled, when no file can be emitted any more.
 *
 * PDF.js is a dependency Vite leaves to Node, so its worker is imported by Node from its file URL,
 * not through Vite's module runner (which is closed when a dev server restarts). The check and the
 * page need only publishing/pdf-figures.ts, which does not load PDF.js.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Plugin } from 'vite';
import { pdfConverterProblem, PDF_FIGURE_QUERY } from '../sources/pdf-figures.ts';

/** The longest side of the PNG, in pixels: sharp for the text column at 2×, and for a reader who zooms. */
export const LONG_SIDE = 1600;
/** A small PDF is drawn at twice its size (1 point = 1 CSS pixel), never more. */
export const MAX_SCALE = 2;

const require = createRequire(import.meta.url);

// In Node PDF.js runs its worker on this thread (its "fake worker"), importing it from this file URL.
pdfjs.GlobalWorkerOptions.workerSrc ||= pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href;

/** The converter and its settings, as they enter the cache's digest: another version converts again. */
export function converterVersion(): string {
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  return `pdfjs-dist ${version('pdfjs-dist')}; @napi-rs/canvas ${version('@napi-rs/canvas')}; long side ${LONG_SIDE}, scale ≤ ${MAX_SCALE}`;
}

type Canvas = typeof import('@napi-rs/canvas');
let loaded: { canvas: Canvas; fonts: string; cmaps: string } | undefined;

/** The canvas and PDF.js's font and CMap folders, once per process. */
function converter(): { canvas: Canvas; fonts: string; cmaps: string } {
  if (!loaded) {
    const problem = pdfConverterProblem();
    if (problem) throw new Error(problem);
    const root = dirname(require.resolve('pdfjs-dist/package.json'));
    loaded = { canvas: require('@napi-rs/canvas') as Canvas, fonts: `${join(root, 'standard_fonts')}/`, cmaps: `${join(root, 'cmaps')}/` };
  }
  return loaded;
}

/** The PNG of a PDF's first page: its long side LONG_SIDE pixels, or twice the page's size if smaller. */
export async function pdfFirstPageToPng(pdf: Uint8Array): Promise<{ png: Buffer; width: number; height: number }> {
  const { canvas, fonts, cmaps } = converter();
  // A copy: PDF.js takes the buffer over (transfers it to its worker).
  const loading = pdfjs.getDocument({
    data: new Uint8Array(pdf),
    // No font loading into the page, no system fonts: the same glyphs on every machine.
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: fonts,
    cMapUrl: cmaps,
    cMapPacked: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  const document = await loading.promise;
  try {
    const page = await document.getPage(1);
    const size = page.getViewport({ scale: 1 });
    const scale = Math.min(MAX_SCALE, LONG_SIDE / Math.max(size.width, size.height));
    const viewport = page.getViewport({ scale });
    const width = Math.max(1, Math.round(viewport.width));
    const height = Math.max(1, Math.round(viewport.height));
    const surface = canvas.createCanvas(width, height);
    // PDF.js paints the page's white ground first, as a PDF viewer shows it.
    await page.render({ canvas: surface as unknown as HTMLCanvasElement, canvasContext: surface.getContext('2d') as unknown as CanvasRenderingContext2D, viewport }).promise;
    return { png: await surface.encode('png'), width, height };
  } finally {
    await loading.destroy();
  }
}

/** The digest a PDF's figure is filed under. */
export function pdfFigureDigest(pdf: Uint8Array): string {
  return createHash('sha256').update(converterVersion()).update('\0').update(pdf).digest('hex');
}

/**
 * The cached PNG of a PDF's first page, converted and filed under `cacheDir` if it is not there yet:
 * `<cacheDir>/<digest>/<the PDF's name>.png`. Returns its path and whether it was converted now.
 */
export async function pdfFigureFile(pdfFile: string, cacheDir: string): Promise<{ file: string; converted: boolean }> {
  const pdf = readFileSync(pdfFile);
  const file = join(cacheDir, pdfFigureDigest(pdf), `${basename(pdfFile, extname(pdfFile))}.png`);
  if (existsSync(file)) return { file, converted: false };
  const { png } = await pdfFirstPageToPng(pdf);
  mkdirSync(dirname(file), { recursive: true });
  // Whole or not at all: a build stopped midway never leaves half a PNG to be read.
  const partial = `${file}.${process.pid}.${process.hrtime.bigint()}.tmp`;
  writeFileSync(partial, png);
  renameSync(partial, file);
  return { file, converted: true };
}

/** Where the project's converted figures are kept. */
export function pdfFigureCache(root: string): string {
  return join(root, '.apparatus', 'pdf-figures');
}

/**
 * The Vite plugin: `content/…/plot.pdf?apparatus-pdf-figure` is a module exporting the PNG of the
 * PDF's first page (`default`, as Astro imports an image), the published PDF's address (`original`)
 * and, when the PDF could not be converted, why (`problem`); the page reports it when the PDF is a
 * figure (a PDF that is only linked to is never shown). Before Vite's own asset plugin, which would
 * take any `.pdf` for a file to publish.
 */
export function pdfFigures(): Plugin {
  let cacheDir = '';
  return {
    name: 'apparatus:pdf-figures',
    enforce: 'pre',
    configResolved(config) {
      cacheDir = pdfFigureCache(config.root);
    },
    async load(id) {
      const [file, query] = id.split('?', 2) as [string, string | undefined];
      if (query === undefined || !new URLSearchParams(query).has(PDF_FIGURE_QUERY)) return undefined;
      const original = `import original from ${JSON.stringify(`${file}?url&no-inline`)};\nexport { original };\n`;
      try {
        const { file: png } = await pdfFigureFile(file, cacheDir);
        return `${original}import image from ${JSON.stringify(png)};\nexport default image;\nexport const problem = undefined;\n`;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const problem = `The PDF figure ${file} could not be converted to an image: ${reason}. Convert it to PNG or SVG yourself (for example \`pdftocairo -png -singlefile -r 200 figure.pdf figure\`, or \`pdftocairo -svg figure.pdf figure.svg\`), and name that file instead.`;
        return `${original}export default undefined;\nexport const problem = ${JSON.stringify(problem)};\n`;
      }
    },
  };
}
