/**
 * PDF figures (src/publishing/pdf-to-png.ts, pdf-figures.ts): the first page of a PDF, converted to PNG by PDF.js on
 * @napi-rs/canvas, at the size the page needs, the same bytes every time, cached by the PDF's bytes
 * and the converter's version, and offered to Vite as a module that imports the PNG.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfConverterProblem, PDF_FIGURE_QUERY } from '../../src/sources/pdf-figures.ts';
import { pdfFigureCache, pdfFigureDigest, pdfFigureFile, pdfFigures, pdfFirstPageToPng } from '../../src/publishing/pdf-to-png.ts';
import { pdfDocument } from '../support/images.ts';
import { ROOT } from '../support/project.ts';

const dir = mkdtempSync(join(tmpdir(), 'apparatus-pdf-figures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A PNG's size, from its IHDR chunk. */
const sizeOf = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/** The RGBA pixel at (x, y) of an 8-bit RGBA, non-interlaced PNG (the canvas writes them so). */
function pixel(png: Buffer, x: number, y: number): number[] {
  const { width } = sizeOf(png);
  expect([png[24], png[25], png[28]]).toEqual([8, 6, 0]);
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  // Undo each row's filter (PNG's five: none, sub, up, average, Paeth) up to row y.
  const stride = width * 4;
  let previous = Buffer.alloc(stride);
  let row = Buffer.alloc(stride);
  for (let r = 0; r <= y; r++) {
    const filter = raw[r * (stride + 1)]!;
    const line = raw.subarray(r * (stride + 1) + 1, (r + 1) * (stride + 1));
    row = Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? row[i - 4]! : 0;
      const b = previous[i]!;
      const c = i >= 4 ? previous[i - 4]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter]!;
      row[i] = (line[i]! + predicted) & 0xff;
    }
    previous = row;
  }
  return [...row.subarray(x * 4, x * 4 + 4)];
}

describe('converting a PDF figure', () => {
  it('can be done here (the canvas has a binary for this platform)', () => {
    expect(pdfConverterProblem()).toBeUndefined();
  });

  it('draws a small page at twice its size, on white, with what the PDF draws', async () => {
    const { png, width, height } = await pdfFirstPageToPng(pdfDocument(144, 90));
    expect([width, height]).toEqual([288, 180]);
    expect(sizeOf(png)).toEqual({ width: 288, height: 180 });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    // The page's white ground at the top, the band the PDF fills (0.27 0.51 0.71) across its middle.
    expect(pixel(png, 10, 5)).toEqual([255, 255, 255, 255]);
    const band = pixel(png, 144, 90);
    expect(band.map((v) => Math.round(v / 5) * 5)).toEqual([70, 130, 180, 255]);
  });

  it('draws a large page at 1600 pixels on its long side', async () => {
    const { width, height } = await pdfFirstPageToPng(pdfDocument(1200, 600));
    expect([width, height]).toEqual([1600, 800]);
    const tall = await pdfFirstPageToPng(pdfDocument(600, 1200));
    expect([tall.width, tall.height]).toEqual([800, 1600]);
    // A US Letter page is small enough for 2× (1584 pixels).
    const letter = await pdfFirstPageToPng(pdfDocument(612, 792));
    expect([letter.width, letter.height]).toEqual([1224, 1584]);
  });

  it('gives the same bytes every time, for a real paper figure too', async () => {
    const pdf = readFileSync(join(ROOT, 'tests/fixtures/real-papers/quarto-jss-template/article-visualization.pdf'));
    const first = await pdfFirstPageToPng(pdf);
    const second = await pdfFirstPageToPng(pdf);
    expect([first.width, first.height]).toEqual([1008, 748]);
    expect(first.png.equals(second.png)).toBe(true);
  });

  it('refuses what is not a PDF', async () => {
    await expect(pdfFirstPageToPng(Buffer.from('not a PDF at all'))).rejects.toThrow(/PDF/);
  });
});

describe('the cache of converted figures', () => {
  it('files the PNG under a digest of the PDF and the converter, and converts once', async () => {
    const bytes = pdfDocument(200, 100);
    writeFileSync(join(dir, 'plot.pdf'), bytes);
    const cache = pdfFigureCache(dir);
    expect(cache).toBe(join(dir, '.apparatus', 'pdf-figures'));
    const first = await pdfFigureFile(join(dir, 'plot.pdf'), cache);
    expect(first.converted).toBe(true);
    expect(first.file).toBe(join(cache, pdfFigureDigest(bytes), 'plot.png'));
    expect(pdfFigureDigest(bytes)).toMatch(/^[0-9a-f]{64}$/);
    const made = statSync(first.file).mtimeMs;
    const again = await pdfFigureFile(join(dir, 'plot.pdf'), cache);
    expect(again).toEqual({ file: first.file, converted: false });
    expect(statSync(first.file).mtimeMs).toBe(made);
    expect(sizeOf(readFileSync(first.file))).toEqual({ width: 400, height: 200 });
    // The source is read, never written.
    expect(readFileSync(join(dir, 'plot.pdf')).equals(bytes)).toBe(true);
  });

  it('converts an edited PDF again, under another digest', async () => {
    writeFileSync(join(dir, 'edited.pdf'), pdfDocument(200, 100));
    const before = await pdfFigureFile(join(dir, 'edited.pdf'), pdfFigureCache(dir));
    writeFileSync(join(dir, 'edited.pdf'), pdfDocument(300, 100));
    const after = await pdfFigureFile(join(dir, 'edited.pdf'), pdfFigureCache(dir));
    expect(after.converted).toBe(true);
    expect(dirname(after.file)).not.toBe(dirname(before.file));
    expect(basename(after.file)).toBe('edited.png');
  });
});

describe('the Vite plugin', () => {
  type Load = (this: unknown, id: string) => Promise<string | undefined>;
  const plugin = pdfFigures();
  (plugin.configResolved as (config: { root: string }) => void)({ root: dir });
  const load = (id: string) => (plugin.load as unknown as Load).call({}, id);

  it('runs before Vite takes a PDF for a file to publish', () => {
    expect(plugin.enforce).toBe('pre');
  });

  it('makes a module of a PDF asked for as a figure: its PNG, and the PDF to publish', async () => {
    const pdf = join(dir, 'figure.pdf');
    writeFileSync(pdf, pdfDocument(144, 90));
    const code = (await load(`${pdf}?${PDF_FIGURE_QUERY}`))!;
    const png = join(pdfFigureCache(dir), pdfFigureDigest(readFileSync(pdf)), 'figure.png');
    expect(code).toContain(`import image from ${JSON.stringify(png)};`);
    expect(code).toContain('export default image;');
    expect(code).toContain(`import original from ${JSON.stringify(`${pdf}?url&no-inline`)};`);
    expect(statSync(png).size).toBeGreaterThan(100);
  });

  it('leaves every other module to Vite', async () => {
    expect(await load(join(dir, 'figure.pdf'))).toBeUndefined();
    expect(await load(`${join(dir, 'figure.pdf')}?url`)).toBeUndefined();
  });

  it('says why a PDF could not be converted, for the page to report if it is a figure', async () => {
    const broken = join(dir, 'broken.pdf');
    writeFileSync(broken, '%PDF-1.4\nnothing else\n');
    const code = (await load(`${broken}?${PDF_FIGURE_QUERY}`))!;
    expect(code).toContain('export default undefined;');
    expect(code).toMatch(/export const problem = ".*broken\.pdf could not be converted to an image: .*Convert it to PNG or SVG/);
  });
});
