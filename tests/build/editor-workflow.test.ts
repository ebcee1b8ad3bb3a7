/**
 * An editor's day, in a copy of the project with the real commands: scaffold a second essay with
 * `npm run new`, import its sources with `npm run bib`, write citations and notes, publish it, and
 * rebuild after editing the bibliography. The site holds the new essay with the two published ones,
 * newest first, with one Works cited page, and no build ever shows a citation from before an edit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { loadPage } from '../support/html.ts';
import { createSandbox, type Sandbox } from '../support/sandbox.ts';

let sandbox: Sandbox;
const node = 'node_modules/.bin/node';

const BIBTEX = `@book{roe2019,
  author = {Roe, Ada},
  title = {Tides and {Empires}: A History},
  year = {2019},
  publisher = {Harbour Press},
  address = {Lisbon},
}

@article{poe2021,
  author = {Poe, Edgar and Lee, Min},
  title = {Moons over the {Atlantic}},
  journal = {Journal of Sea Studies},
  volume = {12},
  pages = {33--50},
  year = {2021},
  doi = {10.1234/jss.2021.12},
}
`;

const SECTION = `---
title: Tides
---

Tides rose, as @roe2019 shows [see also @poe2021, pp. 33-35; @bachman1991].[^moon]

[^moon]: The moon matters most [@poe2021, p. 40].
`;

beforeAll(() => {
  sandbox = createSandbox();
  expect(sandbox.run(node, ['src/cli/new.ts', 'on-tides', 'On tides: a study']).status).toBe(0);
  sandbox.write('tides.bib', BIBTEX);
  expect(sandbox.run(node, ['src/cli/bib.ts', 'import', 'tides.bib']).status).toBe(0);
  sandbox.write('content/on-tides/01-introduction.md', SECTION);
  // Publish it, newer than the seed, citing its own sources and the seed's shared bibliography.
  sandbox.edit('content/on-tides/index.md', 'draft: true\n', '');
  sandbox.edit('content/on-tides/index.md', /date: .*/.exec(sandbox.read('content/on-tides/index.md'))![0], 'date: 2027-01-15');
  sandbox.edit('content/on-tides/index.md', '  - name: "Your Name"', '  - name: "Ada Writer"\n    orcid: 0000-0002-1825-0097');
  sandbox.edit('content/on-tides/index.md', 'bibliography: on-tides.json', 'bibliography: [tides.json, great-leap-forward.json]');
}, 60_000);
afterAll(() => sandbox?.remove());

describe('a second essay, from npm run new to the published site', () => {
  let build: { status: number | null; output: string };
  beforeAll(async () => {
    // Builds run without blocking the test worker: Vitest's RPC would time out on a loaded machine.
    build = await sandbox.runAsync(node, ['src/cli/build.ts']);
  }, 120_000);

  test('npm run new refuses to overwrite it', () => {
    const again = sandbox.run(node, ['src/cli/new.ts', 'on-tides', 'Another']);
    expect(again.status).toBe(1);
    expect(again.output).toContain('content/on-tides/ exists already, and nothing was changed');
    expect(sandbox.read('content/on-tides/01-introduction.md')).toBe(SECTION);
  });

  test('the site builds, and the home page lists the new essay first, then the published ones, newest first', () => {
    expect(build.status, build.output).toBe(0);
    const home = loadPage(join(sandbox.dir, 'dist/index.html'));
    expect(home.querySelectorAll('.essay-list h3 a').map((a) => a.getAttribute('href'))).toEqual(['/on-tides/', '/great-leap-forward/', '/formatting-open-science/']);
  });

  test('its citations, notes and references are live, from the imported BibTeX and the shared file', () => {
    const page = loadPage(join(sandbox.dir, 'dist/on-tides/index.html'));
    // The section's id comes from its file name, 01-introduction.md.
    const text = page.querySelector('#introduction-p1')!.text;
    expect(text).toContain('Roe (2019)');
    expect(text).toMatch(/see also Poe & Lee, 2021, pp\. 33–35; Bachman, 1991/);
    const entries = page.querySelectorAll('#references li').map((li) => li.id);
    expect(entries).toEqual(['bib-bachman1991', 'bib-poe2021', 'bib-roe2019']);
    // BibTeX read as Pandoc reads it: sentence case, {Protected} words kept.
    expect(page.querySelector('#bib-roe2019')!.text).toContain('Tides and Empires: A history');
    expect(page.querySelector('#fn-moon')!.text).toContain('Poe & Lee, 2021, p. 40');
  });

  test('its head names its one author once, with the ORCID iD, for Google Scholar and in JSON-LD', () => {
    const page = loadPage(join(sandbox.dir, 'dist/on-tides/index.html'));
    expect(page.querySelectorAll('meta[name="citation_author"]').map((m) => m.getAttribute('content'))).toEqual(['Ada Writer']);
    expect(page.querySelector('meta[name="citation_author_orcid"]')?.getAttribute('content')).toBe('https://orcid.org/0000-0002-1825-0097');
    expect(page.querySelectorAll('meta[name="citation_reference"]')).toHaveLength(3);
    const data = JSON.parse(page.querySelector('script[type="application/ld+json"]')!.text) as { author: unknown[]; citation: { '@type': string; sameAs?: string }[] };
    expect(data.author).toEqual([{ '@type': 'Person', name: 'Ada Writer', sameAs: ['https://orcid.org/0000-0002-1825-0097'] }]);
    // The DOI of the imported article is its identifier.
    expect(data.citation.map((c) => c.sameAs).filter(Boolean)).toEqual(['https://doi.org/10.1234/jss.2021.12']);
    expect(page.querySelector('#cite-this .cite-reference')!.text).toMatch(/^Writer, A\. \(2027, January 15\)\. On tides: a study\./);
  });

  test('the Works cited page lists every work of every essay, each linked to the passages citing it', () => {
    const page = loadPage(join(sandbox.dir, 'dist/works-cited/index.html'));
    const bachman = page.querySelector('#bib-bachman1991')!;
    expect(bachman.querySelectorAll('.cited-in > li > a:first-child').map((a) => a.getAttribute('href'))).toEqual(['/on-tides/', '/great-leap-forward/']);
    expect(bachman.querySelector('a[href^="/on-tides/#citation--"]')).not.toBeNull();
    // The seed's and the new essay's nine works, and those of the PeerJ article, which cites none of them.
    const article = loadPage(join(sandbox.dir, 'dist/formatting-open-science/index.html')).querySelectorAll('#references li.csl-entry').length;
    expect(article).toBeGreaterThan(40);
    expect(page.querySelectorAll('section[role="doc-bibliography"] > ul > li')).toHaveLength(9 + article);
  });

  test('npm run bib exports the works it cites, keys kept, in BibTeX, RIS and CSL-JSON', () => {
    for (const format of ['bibtex', 'ris', 'csl-json']) {
      const out = sandbox.run(node, ['src/cli/bib.ts', 'export', 'on-tides', '--format', format]);
      expect(out.status).toBe(0);
      const data = new Cite(out.output.trim()).data as { id: string; title: string }[];
      const ids = format === 'csl-json' ? data.map((e) => e.id) : data.map((e) => String((e as Record<string, unknown>)['citation-key'] ?? e.id));
      expect(ids.sort()).toEqual(['bachman1991', 'poe2021', 'roe2019']);
    }
  });
});

describe('after a bibliography edit', () => {
  test('a plain rebuild shows the new reference, never a cached one', async () => {
    sandbox.edit('bibliography/tides.json', '"publisher": "Harbour Press"', '"publisher": "Lighthouse Books"');
    const rebuilt = await sandbox.runAsync(node, ['src/cli/build.ts']);
    expect(rebuilt.status, rebuilt.output).toBe(0);
    const html = readFileSync(join(sandbox.dir, 'dist/on-tides/index.html'), 'utf8');
    expect(html).toContain('Lighthouse Books');
    expect(html).not.toContain('Harbour Press');
  }, 120_000);

  test('a draft is left out of the build', async () => {
    sandbox.edit('content/on-tides/index.md', 'date: 2027-01-15', 'date: 2027-01-15\ndraft: true');
    const rebuilt = await sandbox.runAsync(node, ['src/cli/build.ts']);
    expect(rebuilt.status, rebuilt.output).toBe(0);
    const home = readFileSync(join(sandbox.dir, 'dist/index.html'), 'utf8');
    expect(home).not.toContain('/on-tides/');
    expect(() => readFileSync(join(sandbox.dir, 'dist/on-tides/index.html'))).toThrow();
  }, 120_000);
});
