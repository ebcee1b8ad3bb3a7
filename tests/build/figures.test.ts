/**
 * Issue 15's own trial, as a new user made it, with the frontmatter an essay publishes besides its
 * text (licence, abstract, keywords, a correction): a map and an equation added to the seed essay's
 * second section, with map.png beside the section file. The build must publish the image through
 * Astro's image pipeline (sizes, WebP copies, the original) and the equation as MathML, numbered
 * and linked where labelled, and the figure numbered, with references to both resolved.
 *
 * Issue 22's figures as papers written for LaTeX name them: a PDF (shown as the PNG of its first
 * page, converted at build time, linked to the published PDF) and a path without an extension.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPage } from '../support/html.ts';
import { createSandbox, type Sandbox } from '../support/sandbox.ts';
import { pdfDocument, pngImage } from '../support/images.ts';

let sandbox: Sandbox;
let page: HTMLElement;
let built: { status: number | null; output: string };
/** content/ before the build: a build never writes there (the PDF's PNG goes to .apparatus/). */
let contentBefore: string;

beforeAll(async () => {
  sandbox = createSandbox();
  writeFileSync(join(sandbox.dir, 'content/great-leap-forward/map.png'), pngImage(1600, 1000));
  mkdirSync(join(sandbox.dir, 'content/great-leap-forward/plots'));
  // 360 × 180 points: drawn at 2×. Smaller than Vite's inlining limit, yet published as a file.
  writeFileSync(join(sandbox.dir, 'content/great-leap-forward/plots/growth.pdf'), pdfDocument(360, 180));
  writeFileSync(join(sandbox.dir, 'content/great-leap-forward/plots/prices.png'), pngImage(400, 300));
  sandbox.edit(
    'content/great-leap-forward/02-soviet-heritage.md',
    'According to @naughton2007, with',
    [
      '![A map of the communes in 1959.](map.png){#fig-communes}',
      '',
      '![Growth of output, 1952–1957.](plots/growth.pdf){#fig-growth}',
      '',
      '![Prices, as LaTeX names the file.](plots/prices){#fig-prices}',
      '',
      'The growth rate $g = \\frac{\\Delta Y}{Y}$ was announced as 25%.',
      '',
      '$$',
      'g = \\frac{\\Delta Y}{Y}',
      '$$ {#eq-growth}',
      '',
      'As @fig-communes shows and @eq-growth states, see @sec-politics. According to @naughton2007, with',
    ].join('\n'),
  );
  sandbox.edit(
    'content/great-leap-forward/index.md',
    'lang: en-US\n',
    'lang: en-US\nlicense: CC-BY-4.0\nabstract: What this essay argues, in two sentences.\nkeywords: [China, planning]\ncorrections:\n  - date: 2027-01-10\n    text: A note on grain figures is added.\n',
  );
  contentBefore = sandbox.digest('content');
  // Not blocking the test worker: a build takes a while, and the worker must keep answering Vitest.
  built = await sandbox.runAsync('npm', ['run', 'build']);
  if (built.status === 0) page = loadPage(join(sandbox.dir, 'dist', 'great-leap-forward', 'index.html'));
}, 240_000);

afterAll(() => sandbox?.remove());

describe('an essay with a map and an equation', () => {
  it('builds', () => {
    expect(built.status, built.output).toBe(0);
  });

  it('publishes the map through the image pipeline: sizes, WebP copies and the original, all in dist/', () => {
    const img = page.querySelector('figure#fig-communes img')!;
    expect(img.getAttribute('alt')).toBe('A map of the communes in 1959.');
    // The original's size: the browser reserves the figure's place before any file arrives.
    expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(['1600', '1000']);
    expect(img.getAttribute('loading')).toBe('lazy');
    const candidates = img.getAttribute('srcset')!.split(',').map((c) => c.trim().split(/\s+/));
    expect(candidates.map(([, width]) => width)).toEqual(['480w', '760w', '1140w', '1520w']);
    for (const [url] of [...candidates, [img.getAttribute('src')!]]) {
      expect(url).toMatch(/^\/_astro\/map\.[^/]+\.webp$/);
      expect(existsSync(join(sandbox.dir, 'dist', url!)), url).toBe(true);
    }
    const original = img.parentNode!.getAttribute('href')!;
    expect(original).toMatch(/^\/_astro\/map\.[^/]+\.png$/);
    expect(statSync(join(sandbox.dir, 'dist', original)).size).toBeGreaterThan(1000);
    // No copy of the map anywhere else: the page names every file it needs.
    expect(readdirSync(join(sandbox.dir, 'dist', 'great-leap-forward'))).not.toContain('map.png');
  });

  it('shows a PDF figure as the PNG of its first page, through the image pipeline, linked to the published PDF', () => {
    const img = page.querySelector('figure#fig-growth img')!;
    expect(img.getAttribute('alt')).toBe('Growth of output, 1952–1957.');
    expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(['720', '360']);
    const candidates = img.getAttribute('srcset')!.split(',').map((c) => c.trim().split(/\s+/));
    expect(candidates.map(([, width]) => width)).toEqual(['480w', '720w']);
    for (const [url] of [...candidates, [img.getAttribute('src')!]]) {
      expect(url).toMatch(/^\/_astro\/growth\.[^/]+\.webp$/);
      expect(existsSync(join(sandbox.dir, 'dist', url!)), url).toBe(true);
    }
    const link = img.parentNode!;
    expect(link.getAttribute('type')).toBe('application/pdf');
    const original = link.getAttribute('href')!;
    expect(original).toMatch(/^\/_astro\/growth\.[^/]+\.pdf$/);
    expect(readFileSync(join(sandbox.dir, 'dist', original)).equals(readFileSync(join(sandbox.dir, 'content/great-leap-forward/plots/growth.pdf')))).toBe(true);
    expect(page.querySelector('figure#fig-growth figcaption')!.text).toBe('Figure 2: Growth of output, 1952–1957.');
  });

  it('converts the PDF into the build cache, never into content/', () => {
    const cache = join(sandbox.dir, '.apparatus/pdf-figures');
    const converted = readdirSync(cache).flatMap((digest) => readdirSync(join(cache, digest)));
    expect(converted).toEqual(['growth.png']);
    expect(sandbox.digest('content')).toBe(contentBefore);
  });

  it('takes the one image file a path without an extension names, and says so', () => {
    const img = page.querySelector('figure#fig-prices img')!;
    expect(img.getAttribute('src')).toMatch(/^\/_astro\/prices\.[^/]+\.webp$/);
    expect(img.parentNode!.getAttribute('href')).toMatch(/^\/_astro\/prices\.[^/]+\.png$/);
    expect(built.output).toContain('The image "plots/prices" has no extension; the page shows content/great-leap-forward/plots/prices.png, the one image file of that name.  [image/extension-added]');
  });

  it('numbers the figure and the labelled equation, and links references to them', () => {
    expect(page.querySelector('figure#fig-communes figcaption')!.text).toBe('Figure 1: A map of the communes in 1959.');
    const display = page.querySelector('#eq-growth')!;
    expect(display.querySelector('math')!.getAttribute('display')).toBe('block');
    expect(display.querySelector('.equation-number')!.text).toBe('(1)');
    const references = page.querySelectorAll('a.cross-ref').map((a) => [a.text, a.getAttribute('href')]);
    expect(references).toEqual([
      ['Figure 1', '#fig-communes'],
      ['Equation 1', '#eq-growth'],
      ['Section 3', '#politics'],
    ]);
  });

  it('typesets the inline equation as MathML, with its TeX kept for copying and search, and no script or font', () => {
    const inline = page.querySelectorAll('span.math.inline math')[0]!;
    expect(inline.querySelector('mfrac')).not.toBeNull();
    expect(inline.querySelector('annotation')!.text).toBe('g = \\frac{\\Delta Y}{Y}');
    expect(page.toString()).not.toMatch(/katex|mathjax|temml/i);
    expect(page.text).not.toContain('$g =');
  });

  it('shows the abstract and keywords under the title, the corrections at the end, and the licence with the citation', () => {
    expect(page.querySelector('.essay-header .abstract p')!.text).toBe('What this essay argues, in two sentences.');
    expect(page.querySelector('.essay-header .keywords')!.text).toBe('Keywords: China, planning');
    const corrections = page.querySelector('section#corrections')!;
    expect(corrections.querySelector('h2')!.text).toBe('Updates and corrections');
    expect(corrections.querySelector('li')!.text).toBe('10 January 2027: A note on grain figures is added.');
    expect(corrections.querySelector('time')!.getAttribute('datetime')).toBe('2027-01-10');
    const licence = page.querySelector('#cite-this .cite-license a')!;
    expect([licence.text, licence.getAttribute('href'), licence.getAttribute('rel')]).toEqual(['CC BY 4.0', 'https://creativecommons.org/licenses/by/4.0/', 'license']);
    // The correction is the essay's revision: in the byline and the metadata.
    expect(page.querySelector('.byline')!.text).toContain('revised 10 January 2027');
    expect(page.querySelector('meta[name="DC.rights"]')!.getAttribute('content')).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(page.querySelector('meta[property="article:modified_time"]')!.getAttribute('content')).toBe('2027-01-10');
  });
});
