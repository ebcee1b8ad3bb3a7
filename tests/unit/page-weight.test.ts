import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { measurePage } from '../../bench/page-weight.ts';

describe('measurePage', () => {
  const dist = mkdtempSync(join(tmpdir(), 'apparatus-weight-'));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('adds the page, its render-blocking CSS and its scripts, gzipped', () => {
    const css = 'body { color: red; }\n'.repeat(50);
    const js = 'console.log("hello");\n'.repeat(30);
    const html = '<html><head><link rel="stylesheet" href="/_astro/a.css"><script type="module" src="/_astro/b.js"></script></head><body>Hi</body></html>';
    mkdirSync(join(dist, '_astro'));
    mkdirSync(join(dist, 'essay'));
    writeFileSync(join(dist, '_astro/a.css'), css);
    writeFileSync(join(dist, '_astro/b.js'), js);
    writeFileSync(join(dist, 'essay/index.html'), html);
    const weight = measurePage(dist, 'essay/index.html');
    const gz = (s: string) => gzipSync(s, { level: 9 }).length;
    expect(weight).toEqual({
      page: 'essay/index.html',
      htmlBytes: html.length,
      htmlGzip: gz(html),
      blockingCssGzip: gz(css),
      scriptGzip: gz(js),
      firstRenderGzip: gz(html) + gz(css),
      requests: 3,
      images: 0,
      lazyImages: 0,
      eagerImageBytes: 0,
    });
  });

  it('counts images, and the bytes of those that load with the page rather than lazily', () => {
    writeFileSync(join(dist, '_astro/eager.png'), Buffer.alloc(1234));
    writeFileSync(join(dist, '_astro/lazy.png'), Buffer.alloc(99_999));
    const html = '<html><body><img src="/_astro/eager.png" alt="a"><img src="/_astro/lazy.png" loading="lazy" alt="b"></body></html>';
    writeFileSync(join(dist, 'essay/figures.html'), html);
    expect(measurePage(dist, 'essay/figures.html')).toMatchObject({ images: 2, lazyImages: 1, eagerImageBytes: 1234 });
  });
});
