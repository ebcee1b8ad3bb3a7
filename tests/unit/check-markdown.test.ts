import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locatorTermsFromLocale } from '../../src/markdown/citation-locator.ts';
import { ROOT } from '../support/project.ts';
import { assembleEssay } from '../../src/sources/assemble.ts';
import { checkEssayMarkdown } from '../../src/checks/check-markdown.ts';

const known = new Set(['naughton2007', 'naughton1991', 'bachman1991']);
const terms = locatorTermsFromLocale(readFileSync(join(ROOT, 'bibliography/locales/locales-en-US.xml'), 'utf8'));
const check = (...bodies: string[]) =>
  checkEssayMarkdown(
    assembleEssay(
      undefined,
      bodies.map((body, i) => ({ file: `content/e/0${i + 1}.md`, slug: `s${i}`, title: `S${i}`, titleLine: 2, body, bodyLine: 4 })),
    ),
    known,
    locatorTermsFromLocale(readFileSync(join(ROOT, 'bibliography/locales/locales-en-US.xml'), 'utf8')),
  );

describe('checkEssayMarkdown', () => {
  it('accepts known keys and defined notes, and lists the citations in order', () => {
    const result = check('As @naughton2007 says[^a] [see @bachman1991, p. 3].\n\n[^a]: Also @naughton1991.\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.citations.map((c) => c.key)).toEqual(['naughton2007', 'bachman1991', 'naughton1991']);
  });

  it('reports every unknown key with its section file, line, column and suggestions', () => {
    const result = check('First line.\nAs @naughton2070 says.\n', 'Text [@bachmann1991; @smith2020].\n');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ file: 'content/e/01.md', line: 5, column: 4, rule: 'citation/unknown-key', hint: 'Did you mean naughton2007 or naughton1991?' }),
      expect.objectContaining({ file: 'content/e/02.md', line: 4, column: 7, hint: 'Did you mean bachman1991?' }),
      expect.objectContaining({ file: 'content/e/02.md', line: 4, column: 22, message: expect.stringContaining('@smith2020') }),
    ]);
  });

  it('warns of a locator whose label it does not know, which would print as plain text', () => {
    const result = check('Text [@naughton2007, pg 33] and [@bachman1991, chap 3] but [@naughton1991, and 1998 passim].\n');
    expect(result.diagnostics.map((d) => [d.rule, d.severity, d.column, d.hint])).toEqual([
      ['citation/unparsed-locator', 'warning', 6, 'Did you mean p., page or pp.? Use a label such as p., pp., chap., sec. or para., or write the locator in braces: [@naughton2007, {pg 33}].'],
      ['citation/unparsed-locator', 'warning', 33, expect.stringMatching(/^Did you mean (chap\.|ch\.)/)],
    ]);
  });

  it('collects the links within the site, with their places, and leaves other addresses alone', () => {
    const result = check('See [above](#politics), [there](/other/#p2), [up](../other/) and [away](https://example.org/#x) or [mail](mailto:a@b.org).\n');
    expect(result.links.map((l) => [l.url, l.file, l.line, l.column])).toEqual([
      ['#politics', 'content/e/01.md', 4, 5],
      ['/other/#p2', 'content/e/01.md', 4, 25],
      ['../other/', 'content/e/01.md', 4, 46],
    ]);
  });

  it('ignores @ in code and in links', () => {
    expect(check('Run `npm i @scope/pkg` and write to <mailto:a@b.org>.\n\n```\n@nothing\n```\n').diagnostics).toEqual([]);
  });

  it('ignores @ in a web address, linked or not', () => {
    expect(check('Follow https://example.social/@editor or <https://x.org/@bob> or [me](https://x.org/@me).\n').diagnostics).toEqual([]);
  });

  it('reports a section swallowed by an unclosed code block at the fence left open', () => {
    const result = check('Text.\n\n```\ncode never closed\n', 'Lost text.\n');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ file: 'content/e/01.md', line: 6, column: 1, rule: 'content/swallowed-section', message: expect.stringContaining('"S1" (content/e/02.md)'), hint: 'Close this code block (```).' }),
    ]);
  });

  it('reports a note call without definition, with a suggestion', () => {
    const result = check('Text[^price].\n\n[^prices]: A note.\n');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ line: 4, column: 5, rule: 'note/undefined', hint: expect.stringMatching(/^Did you mean prices\?/) }),
      expect.objectContaining({ line: 6, column: 1, rule: 'note/unreferenced' }),
    ]);
  });

  it('reports a note label defined twice, across sections', () => {
    const result = check('A[^n].\n\n[^n]: One.\n', 'B.\n\n[^n]: Two.\n');
    const duplicate = result.diagnostics.find((d) => d.rule === 'note/duplicate-label');
    expect(duplicate).toMatchObject({ file: 'content/e/02.md', line: 6 });
    expect(duplicate?.message).toContain('content/e/01.md:6');
  });

  it('stops on a key that is not one, at its place, and reads keys in notes, captions and link text', () => {
    const result = check('First line.\nSee [@{naughton2007, p. 3] here.\n', 'A^[Inline, after @bachman1991.] and [text @naughton1991](https://x.org).\n\n![A map from [@naughton2070].](map.png)\n');
    expect(result.diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.rule])).toEqual([
      ['content/e/01.md', 5, 6, 'error', 'citation/bad-key'],
      ['content/e/02.md', 6, 15, 'error', 'citation/unknown-key'],
    ]);
    expect(result.diagnostics[0]!.message).toContain('"@{naughton2007,');
    expect(result.citations.map((c) => [c.key, c.file, c.line, c.column])).toEqual([
      ['bachman1991', 'content/e/02.md', 4, 18],
      ['naughton1991', 'content/e/02.md', 4, 43],
    ]);
  });

  it('stops on an image that is not in the essay folder, one a browser cannot show, and one without alt text', () => {
    const folder = { path: 'content/e', files: ['map.png', 'figures/prices.svg', 'notes.txt'] };
    const essay = assembleEssay(undefined, [
      { file: 'content/e/01.md', slug: 's', title: 'S', titleLine: 2, body: '![A map.](map.png)\n\n![Prices.](figures/prices.svg) and ![A chart](chart.png) and ![](map.png)\n\n![A map, again.](mpa.png)\n\n![Notes.](notes.txt)\n', bodyLine: 4 },
    ]);
    const result = checkEssayMarkdown(essay, known, terms, folder);
    expect(result.diagnostics.map((d) => [d.line, d.column, d.rule, d.hint?.slice(0, 40)])).toEqual([
      [6, 36, 'image/missing', 'Put chart.png in content/e/, beside the '],
      [6, 62, 'image/no-alt', 'Describe it between the brackets: ![A ma'],
      [8, 1, 'image/missing', 'Did you mean map.png?'],
      [10, 1, 'image/unsupported-format', 'Convert it to PNG, JPEG, WebP, AVIF, GIF'],
    ]);
    expect(result.diagnostics[0]!.message).toBe('The image "chart.png" is not in content/e/: the page would show a broken image.');
  });
});
