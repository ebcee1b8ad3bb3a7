/**
 * The images an essay shows, as the check judges them (src/checks/essay-checks.ts) and the page finds
 * them (lookUpImage, shared with src/essay-images.ts): PDF figures, images elsewhere in content/, a
 * path without an extension. And the stand-ins the real-paper tests write for missing figures.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { locatorTermsFromLocale } from '../../src/markdown/citation-locator.ts';
import { assembleEssay } from '../../src/sources/assemble.ts';
import { checkEssayMarkdown } from '../../src/checks/check-markdown.ts';
import { lookUpImage } from '../../src/checks/image-checks.ts';
import { pdfFirstPageToPng } from '../../src/publishing/pdf-to-png.ts';
import { imagePaths, standInImage, writeStandInFigures } from '../support/images.ts';
import { ROOT } from '../support/project.ts';

/** Whether the converter loads, as the check asks it: here it does, unless a test says otherwise. */
const converter = vi.hoisted(() => ({ problem: undefined as string | undefined }));
vi.mock('../../src/sources/pdf-figures.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/sources/pdf-figures.ts')>()),
  pdfConverterProblem: () => converter.problem,
}));
beforeEach(() => {
  converter.problem = undefined;
});

const terms = locatorTermsFromLocale(readFileSync(join(ROOT, 'bibliography/locales/locales-en-US.xml'), 'utf8'));

/** The diagnostics of a one-section essay in content/e with these files (relative to its folder). */
function diagnosticsOf(body: string, files: readonly string[]) {
  const essay = assembleEssay(undefined, [{ file: 'content/e/01.md', slug: 's', title: 'S', titleLine: 2, body, bodyLine: 4 }]);
  return checkEssayMarkdown(essay, new Set(), terms, { path: 'content/e', files }).diagnostics;
}

describe('the check of an essay’s images', () => {
  it('accepts a PDF figure: the build shows its first page', () => {
    expect(diagnosticsOf('![Run times.](images/run-time.pdf)\n', ['images/run-time.pdf'])).toEqual([]);
  });

  it('refuses a PDF figure at its line when the converter cannot be loaded, saying what to do', () => {
    converter.problem = 'the converter (PDF.js drawing on @napi-rs/canvas) cannot be loaded on this machine (sunos-x64): Cannot find module';
    const [diagnostic, ...rest] = diagnosticsOf('Text.\n\n![Run times.](images/run-time.pdf)\n', ['images/run-time.pdf']);
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ file: 'content/e/01.md', line: 6, column: 1, severity: 'error', rule: 'image/pdf-not-converted' });
    expect(diagnostic!.message).toBe(`The figure "images/run-time.pdf" is a PDF, which the build shows by converting its first page to PNG, but ${converter.problem}.`);
    expect(diagnostic!.hint).toMatch(/^Convert the figure to PNG or SVG/);
  });

  it('takes an image elsewhere in content/, named from the essay folder', () => {
    expect(diagnosticsOf('![A map.](../shared/map.png)\n\n![A plot.](../shared/plots/a%20b.pdf)\n', ['../shared/map.png', '../shared/plots/a b.pdf'])).toEqual([]);
  });

  it('says where it looked for a missing image elsewhere in content/', () => {
    const [missing] = diagnosticsOf('![A map.](../shared/mpa.png)\n', ['../shared/map.png']);
    expect(missing).toMatchObject({ rule: 'image/missing', message: 'The image "../shared/mpa.png" is not in content/shared/: the page would show a broken image.', hint: 'Did you mean ../shared/map.png?' });
    const [absent] = diagnosticsOf('![A map.](../docs/imgs/plot.png)\n', []);
    expect(absent!.hint).toBe('Put plot.png in content/docs/imgs/, or fix the path (it is read from content/e/).');
  });

  it('refuses an image outside content/: the build publishes nothing from there', () => {
    const diagnostics = diagnosticsOf('![A map.](../../assets/map.png)\n\n![Secrets.](../../../etc/passwd.png)\n', []);
    expect(diagnostics.map((d) => [d.line, d.rule])).toEqual([
      [4, 'image/outside-content'],
      [6, 'image/outside-content'],
    ]);
    expect(diagnostics[0]!.message).toBe('The image "../../assets/map.png" is outside content/ (assets/map.png): a build publishes only what content/ holds.');
    expect(diagnostics[0]!.hint).toBe('Copy it into content/e/, or into a folder of content/ that holds no essay, and name it from there.');
  });

  it('adds the extension of the one image file a path without one names, with a warning', () => {
    const files = ['Figures/Reproduction_Shlomi_fig_1.png', 'Figures/Reproduction_Shlomi_fig_1.txt', 'Figures/Reproduction_Shlomi_fig_10.png'];
    const [warning, ...rest] = diagnosticsOf('![The network.](Figures/Reproduction_Shlomi_fig_1)\n', files);
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ severity: 'warning', rule: 'image/extension-added', line: 4, column: 1 });
    expect(warning!.message).toBe('The image "Figures/Reproduction_Shlomi_fig_1" has no extension; the page shows content/e/Figures/Reproduction_Shlomi_fig_1.png, the one image file of that name.');
    expect(warning!.hint).toBe('Write Figures/Reproduction_Shlomi_fig_1.png to name it exactly, as a browser and Pandoc\'s HTML need.');
  });

  it('refuses a path without an extension that several image files match, listing them', () => {
    const [error, ...rest] = diagnosticsOf('![The network.](Figures/network)\n', ['Figures/network.pdf', 'Figures/network.png', 'Figures/network.svg']);
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ severity: 'error', rule: 'image/ambiguous' });
    expect(error!.message).toBe('The image "Figures/network" has no extension, and 3 files could be it: content/e/Figures/network.pdf, content/e/Figures/network.png, content/e/Figures/network.svg.');
  });

  it('still refuses a file a browser cannot show, and a missing path without an extension', () => {
    expect(diagnosticsOf('![Data.](data.csv)\n\n![Gone.](Figures/gone)\n', ['data.csv']).map((d) => d.rule)).toEqual(['image/unsupported-format', 'image/missing']);
  });
});

describe('lookUpImage', () => {
  const files = new Set(['map.png', 'fig.v2.pdf', '../shared/plot.svg', 'a/b.jpg', 'a/b.jpeg']);
  it('finds a file of the folder, or elsewhere in content/, by a path normalised as a browser would', () => {
    expect(lookUpImage('content/e', 'map.png', files)).toEqual({ kind: 'found', file: 'map.png', extensionAdded: false });
    expect(lookUpImage('content/e', 'a/../map.png', files)).toEqual({ kind: 'found', file: 'map.png', extensionAdded: false });
    expect(lookUpImage('content/e', '../e/map.png', files)).toEqual({ kind: 'found', file: 'map.png', extensionAdded: false });
    expect(lookUpImage('/content/e', '../shared/plot.svg', files)).toEqual({ kind: 'found', file: '../shared/plot.svg', extensionAdded: false });
  });

  it('adds an extension as LaTeX does, after a dot of the name too', () => {
    expect(lookUpImage('content/e', 'fig.v2', files)).toEqual({ kind: 'found', file: 'fig.v2.pdf', extensionAdded: true });
    expect(lookUpImage('content/e', '../shared/plot', files)).toEqual({ kind: 'found', file: '../shared/plot.svg', extensionAdded: true });
    expect(lookUpImage('content/e', 'a/b', files)).toEqual({ kind: 'ambiguous', file: 'a/b', candidates: ['a/b.jpeg', 'a/b.jpg'] });
    // A name with an image extension is never given another.
    expect(lookUpImage('content/e', 'fig.png', new Set(['fig.png.pdf']))).toEqual({ kind: 'missing', file: 'fig.png' });
  });

  it('names nothing outside content/', () => {
    expect(lookUpImage('content/e', '../../site.config.ts', files)).toEqual({ kind: 'outside-content', file: 'site.config.ts' });
    expect(lookUpImage('/content/e', '../../../etc/passwd', files)).toEqual({ kind: 'outside-content', file: '/etc/passwd' });
  });
});

describe('stand-in figures for the real papers', () => {
  const root = mkdtempSync(join(tmpdir(), 'apparatus-stand-ins-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads images, with brackets in their descriptions, and not links', () => {
    expect(imagePaths('![A map [@doe2001].](map.png) and [the paper](paper.pdf) and ![](<a b.svg>)\n![x\n[y]](fig.pdf){#fig-x}')).toEqual(['map.png', 'a b.svg', 'fig.pdf']);
  });

  it('writes a valid file of each format a missing image names, in the folder or elsewhere in content/, never outside it', async () => {
    const content = join(root, 'content');
    const essay = join(content, 'paper');
    mkdirSync(join(essay, 'images'), { recursive: true });
    writeFileSync(join(essay, 'images/kept.png'), 'the author’s own');
    writeFileSync(join(essay, 'index.qmd'), ['![](images/kept.png)', '![](images/a.jpg) ![](images/b.jpeg) ![](images/c.gif)', '![](images/d.webp) ![](images/e.avif) ![](images/f.svg)', '![](images/g.pdf) ![](../shared/h.png)', '![](../../outside.png) ![](https://example.org/i.png) ![](Figures/no-extension)', '[a link](j.pdf)'].join('\n'));
    writeFileSync(join(essay, 'notes.md'), '![A chart.](chart.PNG)\n');
    const written = writeStandInFigures(essay, content);
    expect(written.sort()).toEqual(['../shared/h.png', 'chart.PNG', 'images/a.jpg', 'images/b.jpeg', 'images/c.gif', 'images/d.webp', 'images/e.avif', 'images/f.svg', 'images/g.pdf'].sort());
    expect(readFileSync(join(essay, 'images/kept.png'), 'utf8')).toBe('the author’s own');
    expect(existsSync(join(root, 'outside.png'))).toBe(false);
    expect(existsSync(join(essay, 'j.pdf'))).toBe(false);
    // Each is what its extension says, as sharp (Astro's image service) reads it.
    const sharp = (await import('sharp')).default;
    for (const [file, format] of [['images/a.jpg', 'jpeg'], ['images/c.gif', 'gif'], ['images/d.webp', 'webp'], ['images/e.avif', 'heif'], ['images/f.svg', 'svg'], ['../shared/h.png', 'png']] as const) {
      const metadata = await sharp(readFileSync(join(essay, file))).metadata();
      expect([file, metadata.format, metadata.width, metadata.height]).toEqual([file, format, 64, 40]);
    }
    const pdf = await pdfFirstPageToPng(readFileSync(join(essay, 'images/g.pdf')));
    expect([pdf.width, pdf.height]).toEqual([288, 180]);
    // By default the content root is the folder's parent.
    rmSync(join(content, 'shared'), { recursive: true });
    expect(writeStandInFigures(essay)).toEqual(['../shared/h.png']);
  });

  it('has no stand-in for a format it does not know', () => {
    expect(standInImage('figure.eps')).toBeUndefined();
  });
});
