/**
 * One pass per essay (render/render.ts passEssay): the checks run on the tree the page is made
 * from, and a render task carries only the works its Markdown may cite.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { candidateKeys } from '../../src/markdown/citation-keys.ts';
import { citeNodesOf } from '../../src/markdown/citation-nodes.ts';
import { parseEssayMarkdown } from '../../src/checks/essay-reading.ts';
import { checkSite } from '../../src/checks/checked-site.ts';
import { completedPass, essayRenderInput } from '../../src/render/cached-render.ts';
import { assembleEssay } from '../../src/sources/assemble.ts';
import { passEssay } from '../../src/render/render.ts';
import { renderEssay } from '../support/render-essay.ts';
import { renderInput } from '../../src/render/render-input.ts';
import { siteConfigSchema } from '../../src/schemas/site-config.ts';
import { projectPaths } from '../../src/sources/paths.ts';
import { ROOT } from '../support/project.ts';

/** Every Markdown file under a folder. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(dir, name));
}

describe('candidateKeys', () => {
  // Pandoc's own citation tests, three real papers, our Markdown fixtures and the seed essay.
  const files = [...markdownFiles(join(ROOT, 'tests/fixtures')), ...markdownFiles(join(ROOT, 'content'))];

  it('finds every key the parsed tree cites, in Markdown nobody wrote for it', () => {
    let keys = 0;
    for (const file of files) {
      const markdown = readFileSync(file, 'utf8');
      const cited = citeNodesOf(parseEssayMarkdown(markdown).tree).flatMap((cite) => cite.children.map((item) => String(item.data.hProperties['dataKey'])));
      const candidates = candidateKeys(markdown);
      for (const key of cited) expect(candidates.has(key), `${key} in ${file}`).toBe(true);
      keys += cited.length;
    }
    expect(files.length).toBeGreaterThan(50);
    expect(keys).toBeGreaterThan(300);
    // Parses every Markdown file of the fixtures: seconds on a shared machine.
  }, 60_000);

  it("reads keys by Pandoc's grammar: trailing punctuation left out, braces, no e-mail addresses", () => {
    expect([...candidateKeys('As @doe99: see [@roe:2001, p. 3; -@a.b.] and @{https://x.org/a b} and me@mail.org.')]).toEqual(['doe99', 'roe:2001', 'a.b', 'https://x.org/a']);
  });
});

describe('passEssay', () => {
  const site = siteConfigSchema.parse({ title: 'Test' });
  const essay = checkSite(projectPaths(ROOT), site, { includeDrafts: false }).essays.find((e) => e.slug === 'great-leap-forward')!;

  it('checks in the pass what the check alone finds, and prints every citation it found', async () => {
    const pass = await passEssay(renderInput(essay));
    // checkSite judges the sources without rendering (the command line's check): same findings.
    expect(pass.check.citations).toEqual(essay.citations);
    expect(pass.check.links).toEqual(essay.links);
    // Each citation the check counted is on the page once, as a citation of that work, with the id
    // its "Cited in" link leads to (a note's copy in the margin has none).
    const printed = parse(pass.rendered!.html)
      .querySelectorAll('.citation[data-cites][id]')
      .flatMap((cite) => cite.getAttribute('data-cites')!.split(' '));
    expect(printed.sort()).toEqual(pass.check.citations.map((c) => c.key).sort());
    expect(printed.length).toBeGreaterThan(5);
  });

  it("hands on each entry's citing places as its \"Cited in\" links give them", async () => {
    const { html, citingPlaces } = (await passEssay(renderInput(essay))).rendered!;
    const fromLinks = new Map(
      parse(html)
        .querySelectorAll('li.csl-entry')
        .map((entry) => [entry.id, entry.querySelectorAll('.cited-by a').map((a) => ({ fragment: a.getAttribute('href'), label: a.text.trim(), description: a.getAttribute('title') }))]),
    );
    expect(citingPlaces).toEqual(fromLinks);
    expect([...citingPlaces.values()].flat().length).toBeGreaterThanOrEqual(essay.citations.length);
  });

  it('makes no page of an essay in error, and reports at the section file and line', async () => {
    const input = renderInput(essay);
    const markdown = input.markdown.replace('@naughton2007', '@naughton2070');
    const pass = await passEssay({ ...input, markdown, check: { ...input.check, unknownKeyHints: new Map([['naughton2070', 'Did you mean naughton2007?']]) } });
    expect(pass.rendered).toBeUndefined();
    expect(pass.check.diagnostics).toEqual([expect.objectContaining({ rule: 'citation/unknown-key', severity: 'error', file: 'content/great-leap-forward/02-soviet-heritage.md', line: 5, column: 14, hint: 'Did you mean naughton2007?' })]);
  });

  it('does the pass again with the key when the task lacked one the essay cites', async () => {
    const input = renderInput(essay);
    const entries = new Map(input.entries);
    entries.delete('naughton2007');
    // As if the raw-text reading had missed the key: the pass takes it for unknown.
    const partial = await passEssay({ ...input, entries });
    expect(partial.check.unknownCitations.map((c) => c.key)).toContain('naughton2007');
    const completed = await completedPass(essay, { ...input, entries }, partial);
    expect(completed.check.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(completed.rendered!.html).toBe((await renderEssay(essay)).html);
  });
});

describe('figures, tables and equations in the contents and in search', () => {
  const site = siteConfigSchema.parse({ title: 'Test' });
  const seed = checkSite(projectPaths(ROOT), site, { includeDrafts: false }).essays.find((e) => e.slug === 'great-leap-forward')!;
  const markdown = [
    '![The first map.](a.png){#fig-first}',
    '',
    '![An unlabelled chart.](b.png)',
    '',
    ': Grain prices {#tbl-prices}',
    '',
    '| Year | Price |',
    '|------|-------|',
    '| 1958 | 1.2   |',
    '',
    '$$',
    'Y = C + I',
    '$$ {#eq-output}',
    '',
    'As @fig-first and @tbl-prices show.',
  ].join('\n');
  const essay = {
    ...seed,
    assembled: assembleEssay(undefined, [{ file: 'content/great-leap-forward/01-a.md', slug: 'a', title: 'A', titleLine: 2, body: markdown, bodyLine: 4 }]),
    files: ['a.png', 'b.png'],
    nocite: [],
  };

  it('lists the numbered figures and tables, each with an id to lead to', async () => {
    const { rendered } = await passEssay(essayRenderInput(essay, { base: '/' }));
    expect(rendered!.figures).toEqual([
      { id: 'fig-first', label: 'Figure 1', caption: 'The first map.' },
      { id: 'figure-2', label: 'Figure 2', caption: 'An unlabelled chart.' },
      { id: 'tbl-prices', label: 'Table 1', caption: 'Grain prices' },
    ]);
  });

  it('makes each a search passage of its own, landing on it, with its caption, cells or formula', async () => {
    const { rendered } = await passEssay(essayRenderInput(essay, { base: '/' }));
    const passages = rendered!.search!.passages.filter((p) => ['fig-first', 'figure-2', 'tbl-prices', 'eq-output'].includes(p.anchor));
    expect(passages.map((p) => [p.anchor, p.title])).toEqual([
      ['fig-first', 'A, Figure 1'],
      ['figure-2', 'A, Figure 2'],
      ['tbl-prices', 'A, Table 1'],
      ['eq-output', 'A, Equation 1'],
    ]);
    expect(passages[2]!.text).toContain('1958');
    expect(passages[3]!.text).toContain('Y = C + I');
  });
});
