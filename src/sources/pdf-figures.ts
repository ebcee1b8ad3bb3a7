/**
 * PDF figures, what the check and the page need of them without the converter itself (which is
 * publishing/pdf-to-png.ts, loaded by the Astro integration only): whether the converter can be
 * loaded here, and the module the converter's Vite plugin makes of a PDF. See pdf-to-png.ts for the
 * converter, why it was chosen, where it runs and how its results are cached.
 */
import { createRequire } from 'node:module';
import type { ImageMetadata } from 'astro';

/** The query that asks the Vite plugin for a PDF's figure; src/essay-images.ts writes it literally in its glob. */
export const PDF_FIGURE_QUERY = 'apparatus-pdf-figure';

/** What the plugin's module of a PDF exports (src/essay-images.ts imports it). */
export interface PdfFigureModule {
  /** The PNG of the first page, as Astro imports an image; undefined when the PDF could not be converted. */
  readonly default: ImageMetadata | undefined;
  /** The published PDF's address. */
  readonly original: string;
  /** Why it could not be converted, when it could not. */
  readonly problem: string | undefined;
}

const require = createRequire(import.meta.url);

let probed: { problem: string | undefined } | undefined;

/**
 * Why PDF figures cannot be converted on this machine, or undefined when they can: @napi-rs/canvas
 * has a prebuilt binary for Linux, macOS, Windows and Android (glibc and musl, x64 and arm64), but
 * none for other platforms, and an install without optional dependencies lacks it. Loads the canvas
 * (about 20 ms, once per process), so that the answer is the one a conversion would meet.
 */
export function pdfConverterProblem(): string | undefined {
  if (!probed) {
    try {
      require.resolve('pdfjs-dist/legacy/build/pdf.mjs');
      require('@napi-rs/canvas');
      probed = { problem: undefined };
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      probed = { problem: `the converter (PDF.js drawing on @napi-rs/canvas) cannot be loaded on this machine (${process.platform}-${process.arch}): ${reason}` };
    }
  }
  return probed.problem;
}
