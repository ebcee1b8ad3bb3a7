/**
 * Three real papers written for Pandoc (tests/fixtures/real-papers/), published as essays of one
 * site by the real `npm run build`: a JOSS paper with a Zotero BibLaTeX export, a JOSS paper with
 * DBLP keys in IEEE style, and a pandoc-scholar article with figures whose captions cite. Each
 * page has every citation Pandoc printed (by its keys, in order), its notes and its references; no
 * citation syntax is left on the page; every link and download resolves.
 *
 * The only changes to the papers are those an editor would make on being told (the tests of
 * real-papers.test.ts assert the messages): the IEEE style Pandoc was given on its command line,
 * and a date for the pandoc-scholar article, which has none (Apparatus requires one).
 * pandoc-scholar's citation-type prefixes (`@method:key`) are read as its filter reads them.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPage } from '../support/html.ts';
import { ROOT } from '../support/project.ts';
import { writeStandInFigures } from '../support/images.ts';
import { createSandbox, type Sandbox } from '../support/sandbox.ts';

const PAPERS = ['numpydantic-joss', 'kmedoids-joss', 'pandoc-scholar-peerj'] as const;
const FIXTURES = join(ROOT, 'tests/fixtures/real-papers');

/** What an editor changes before publishing (see the file's comment). */
const EDITS: Record<(typeof PAPERS)[number], (text: string) => string> = {
  'numpydantic-joss': (text) => text,
  'kmedoids-joss': (text) => text.replace(/^---\n/, '---\ncsl: ieee\n'),
  'pandoc-scholar-peerj': (text) => text.replace(/^---\n/, '---\ndate: 2017-02-10\n'),
};

const keysOf = (el: HTMLElement) => (el.getAttribute('data-cites') ?? '').split(/\s+/).filter(Boolean);

describe('three real papers written for Pandoc, built as a site', () => {
  let sandbox: Sandbox;
  /** The stand-ins written for the figures each fixture leaves out. */
  const figures = new Map<string, string[]>();
  let status: number | null;
  let output: string;

  beforeAll(async () => {
    sandbox = createSandbox();
    for (const paper of PAPERS) {
      const dir = join(sandbox.dir, 'content', paper);
      cpSync(join(FIXTURES, paper), dir, { recursive: true, filter: (source) => !/(pandoc\.(html|stderr)|SOURCE\.md)$/.test(source) });
      sandbox.write(`content/${paper}/index.md`, EDITS[paper](readFileSync(join(dir, 'index.md'), 'utf8')));
      figures.set(paper, writeStandInFigures(dir));
    }
    ({ status, output } = await sandbox.runAsync('node_modules/.bin/node', ['src/cli/build.ts']));
  });

  afterAll(() => sandbox?.remove());

  it('builds, with warnings only', () => {
    expect(output).not.toMatch(/\berror\b.*\[[a-z-]+\/[a-z-]+\]/);
    expect(status, output).toBe(0);
  });

  describe.each(PAPERS)('%s', (paper) => {
    const page = () => loadPage(join(sandbox.dir, 'dist', paper, 'index.html'));
    const pandoc = () => parse(readFileSync(join(FIXTURES, paper, 'pandoc.html'), 'utf8'));
    // The margin repeats each note beside the text: only the text and the notes list count.
    const citations = (root: HTMLElement) => root.querySelectorAll('.citation').filter((c) => !c.closest('.sidenote'));

    it('prints every citation Pandoc prints, with the same works, in order', () => {
      const ours = citations(page()).map(keysOf);
      // pandoc.html was made with pandoc-scholar's CiTO step (make-pandoc.sh): its keys are the works'.
      expect(ours).toEqual(citations(pandoc()).map(keysOf));
    });

    it('lists the same works in its references, each linked from its citations', () => {
      const doc = page();
      const entries = doc.querySelectorAll('#references li.csl-entry').map((li) => li.id);
      const listed = new Set(pandoc().querySelectorAll('#refs .csl-entry').map((div) => div.id.replace(/^ref-/, '')));
      expect(entries).toHaveLength(listed.size);
      const ids = new Set(doc.querySelectorAll('[id]').map((el) => el.id));
      for (const link of doc.querySelectorAll('.citation a[href^="#"]')) expect(ids.has(link.getAttribute('href')!.slice(1))).toBe(true);
    });

    it('has the same notes', () => {
      expect(page().querySelectorAll('#notes li')).toHaveLength(pandoc().querySelectorAll('section.footnotes li').length);
    });

    it('leaves no citation syntax on the page', () => {
      const body = page().querySelector('.essay-body') ?? page();
      for (const code of body.querySelectorAll('code, pre')) code.remove();
      const text = body.textContent;
      expect(text).not.toMatch(/\[-?@|@\{|\^\[/);
      const alts = body.querySelectorAll('img').map((img) => img.getAttribute('alt') ?? '');
      expect(alts.join('\n')).not.toMatch(/\[-?@/);
    });

    it('offers every cited work for download where the page says', () => {
      const doc = page();
      const hrefs = doc.querySelectorAll('#references .entry-downloads a').map((a) => a.getAttribute('href')!);
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) {
        const path = decodeURIComponent(new URL(href, `http://site/${paper}/`).pathname);
        expect(existsSync(join(sandbox.dir, 'dist', path)), path).toBe(true);
      }
    });
  });

  it('gives pages the Nu HTML Checker finds no error in', () => {
    const pages = PAPERS.map((paper) => join(sandbox.dir, 'dist', paper, 'index.html'));
    const result = spawnSync('java', ['-jar', createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar'), '--errors-only', '--format', 'gnu', ...pages], { encoding: 'utf8' });
    if (result.error) throw new Error(`The Nu HTML Checker needs Java (apt-get install -y default-jre-headless): ${result.error.message}`);
    expect(result.stderr.trim().split('\n').filter(Boolean)).toEqual([]);
  });

  it('has no broken internal link, image or anchor anywhere, the figures included', () => {
    const result = sandbox.run('node_modules/.bin/node', ['src/cli/check-links.ts']);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/ 0 broken;/);
    // The papers' figures went through the image pipeline: each page shows its stand-ins.
    expect([...figures.values()].flat().length).toBeGreaterThan(0);
    for (const [paper, written] of figures) {
      if (written.length === 0) continue;
      const images = loadPage(join(sandbox.dir, 'dist', paper, 'index.html')).querySelectorAll('img');
      expect(images.length).toBeGreaterThan(0);
      for (const img of images) expect(img.getAttribute('src')).toMatch(/^\/_astro\/.+\.webp$/);
    }
  });
});
