/**
 * The rehype plugins through the whole Markdown pipeline, on small essays made in the test.
 */
import { DEFAULT_CROSSREF_OPTIONS } from '../../src/markdown/crossref-options.ts';
import { describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { assembleEssay } from '../../src/sources/assemble.ts';
import { readBibliography } from '../../src/bibliography/bibliography.ts';
import { renderEssay } from '../support/render-essay.ts';
import type { EssaySource } from '../../src/sources/essay-source.ts';
import { essayFrontmatterSchema } from '../../src/schemas/essay.ts';
import { join } from 'node:path';
import { ROOT } from '../support/project.ts';

function essay(body: string, entries: unknown[], style = 'apa', nocite: readonly string[] | 'all' = [], locale = 'en-US', bib = ''): EssaySource {
  const bibliography = readBibliography([{ file: 'bib.json', text: JSON.stringify(entries) }, ...(bib ? [{ file: 'more.bib', text: bib }] : [])]);
  return {
    slug: 'test',
    indexFile: 'content/test/index.md',
    frontmatter: essayFrontmatterSchema.parse({ title: 'T', date: '2026-01-01' }),
    assembled: assembleEssay(undefined, [{ file: 'content/test/01-a.md', slug: 'a', title: 'A', titleLine: 2, body, bodyLine: 4 }]),
    bibliography,
    bibliographyFiles: [],
    style: { name: style, file: join(ROOT, 'bibliography/styles', `${style}.csl`) },
    locale: { name: locale, file: join(ROOT, 'bibliography/locales', `locales-${locale}.xml`) },
    lang: locale,
    nocite,
    citationOptions: { linkCitations: true, linkBibliography: true, suppressBibliography: false, referenceSectionTitle: undefined, citationLocation: 'document' },
    crossref: DEFAULT_CROSSREF_OPTIONS,
    metadataText: new Map(),
    files: [],
  };
}

const book = (id: string, family: string, year: number, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'book',
  title: `A book by ${family}`,
  author: [{ family, given: 'A.' }],
  issued: { 'date-parts': [[year]] },
  publisher: 'Press',
  ...extra,
});

describe('the rendered essay', () => {
  it('marks a link whose text is its own address, which print does not repeat after it', async () => {
    const doc = parse((await renderEssay(essay('See <https://arxiv.org/>, www.example.org and [the archive](https://arxiv.org).\n', []))).html);
    const links = doc.querySelectorAll('p a:not(.permalink)');
    expect(links.map((a) => [a.text, a.classList.contains('bare-link')])).toEqual([
      ['https://arxiv.org/', true],
      ['www.example.org', true],
      ['the archive', false],
    ]);
  });

  it('puts every table in a box that scrolls sideways, a keyboard stop named by its caption', async () => {
    const body = '| a | b |\n|---|---|\n| 1 | 2 |\n\n: Prices {#tbl-prices}\n\nText.\n\n| c |\n|---|\n| 3 |\n';
    const doc = parse((await renderEssay(essay(body, []))).html);
    const boxes = doc.querySelectorAll('div.table-scroll');
    expect(boxes.map((box) => [box.getAttribute('role'), box.getAttribute('tabindex'), box.firstElementChild?.tagName])).toEqual([
      ['region', '0', 'TABLE'],
      ['region', '0', 'TABLE'],
    ]);
    const captioned = boxes[0]!;
    expect(doc.getElementById(captioned.getAttribute('aria-labelledby')!)?.textContent).toBe('Table 1: Prices');
    expect(boxes[1]!.getAttribute('aria-label')).toBe('Table');
    // Links to the table still land on it.
    expect(captioned.querySelector('table')?.id).toBe('tbl-prices');
  });

  it('gives a note called twice a back link for each call', async () => {
    const { html } = await renderEssay(essay('One[^n] and two[^n].\n\n[^n]: The note.\n', []));
    const back = parse(html).querySelectorAll('#notes li a[role="doc-backlink"]');
    expect(back.map((a) => a.getAttribute('href'))).toEqual(['#fnref-n', '#fnref-n-2']);
    expect(back.map((a) => a.getAttribute('aria-label'))).toEqual(['Back to the call of note 1 in the text', 'Back to the call of note 1 in the text (call 2)']);
  });

  it('links DOIs and URLs, and never a javascript: URL', async () => {
    const entries = [book('a', 'Doe', 2001, { DOI: '10.1234/abc.1' }), book('b', 'Roe', 2002, { URL: 'javascript:alert(1)' })];
    const { html } = await renderEssay(essay('See [@a; @b].\n', entries));
    const doc = parse(html);
    expect(doc.querySelector('#bib-a a[href="https://doi.org/10.1234/abc.1"]')).toBeTruthy();
    expect(doc.querySelectorAll('a').map((a) => a.getAttribute('href') ?? '').filter((h) => /^javascript:/i.test(h))).toEqual([]);
    expect(doc.querySelector('#bib-b')?.textContent).toContain('javascript:alert(1)');
  });

  it('turns citations into notes for a note style, merged in order with the author\'s notes', async () => {
    const entries = [book('a', 'Doe', 2001), book('b', 'Roe', 2002)];
    const { html } = await renderEssay(essay('First [@a, 12]. Then a note.[^x] Last [@b].\n\n[^x]: The author says, citing [@b, 3].\n', entries, 'chicago-note-bibliography'));
    const doc = parse(html);
    const calls = doc.querySelectorAll('a[role="doc-noteref"]');
    expect(calls.map((a) => a.textContent)).toEqual(['1', '2', '3']);
    const notes = doc.querySelectorAll('#notes > ol > li').map((li) => li.textContent.replace('↩\uFE0E', '').trim());
    expect(notes[0]).toBe('Doe, A Book by Doe, 12.');
    // Inside the author's note the citation stands in the sentence, in parentheses, as Pandoc prints it.
    expect(notes[1]).toBe('The author says, citing (Roe, A Book by Roe, 3).');
    expect(notes[2]).toBe('Roe, A Book by Roe.');
  });

  it('lists nocite entries without citing them, and not the entries never cited', async () => {
    const entries = [book('a', 'Doe', 2001), book('b', 'Roe', 2002), book('c', 'Poe', 2003)];
    const { html } = await renderEssay(essay('See @a.\n', entries, 'apa', ['b']));
    expect(parse(html).querySelectorAll('#references li').map((li) => li.id)).toEqual(['bib-a', 'bib-b']);
  });

  it('prints the author in the text for a narrative citation, linked to the entry', async () => {
    const { html } = await renderEssay(essay('As @a [p. 4] says.\n', [book('a', 'Doe', 2001)]));
    expect(html).toContain('<a href="#bib-a" role="doc-biblioref">Doe (2001, p. 4)</a>');
  });

  it('speaks the essay\'s language: terms come from its CSL locale', async () => {
    const entries = [book('a', 'Doe', 2001, { author: [{ family: 'Doe', given: 'A.' }, { family: 'Roe', given: 'B.' }] })];
    const german = await renderEssay(essay('Siehe [@a, S. 4].\n', entries, 'chicago-author-date', [], 'de-DE'));
    expect(parse(german.html).querySelector('.citation')?.textContent).toBe('(Doe und Roe 2001, 4)');
    const english = await renderEssay(essay('See [@a, p. 4].\n', entries, 'chicago-author-date'));
    expect(parse(english.html).querySelector('.citation')?.textContent).toBe('(Doe and Roe 2001, 4)');
  });

  it('cites from several bibliography files, CSL-JSON and BibTeX together', async () => {
    const bib = '@book{roe2002,\n  author = {R{\\"o}e, B.},\n  title = {A {BibTeX} Book},\n  publisher = {Press},\n  year = {2002}\n}\n';
    const { html } = await renderEssay(essay('See [@a; @roe2002].\n', [book('a', 'Doe', 2001)], 'apa', [], 'en-US', bib));
    const doc = parse(html);
    expect(doc.querySelector('.citation')?.textContent).toBe('(Doe, 2001; Röe, 2002)');
    expect(doc.querySelector('#bib-roe2002')?.textContent).toContain('Röe, B. (2002). A BibTeX book. Press.');
  });

  it('renders hostile data as text: markup in titles and names, scripts and handlers in the Markdown and its notes', async () => {
    const entries = [
      book('a', '<img src=x onerror=alert(1)>', 2001, { title: '<script>alert(2)</script> and <b onclick="x()">bold</b>' }),
      book('b', 'Roe', 2002, { URL: 'javascript:alert(3)', DOI: 'javascript:alert(4)' }),
    ];
    const body = [
      'Text [@a; @b].[^n] <script>alert(5)</script> <img src="x" onerror="alert(6)"> <a href="javascript:alert(7)">here</a>',
      '[link](javascript:alert(8)) <iframe src="https://evil.example"></iframe> <span style="color:red">red</span> <sup>fine</sup>',
      '',
      '[^n]: A note <b onmouseover="alert(9)">holding</b> <svg onload="alert(10)"></svg> markup.',
      '',
    ].join('\n');
    const { html } = await renderEssay(essay(body, entries));
    const doc = parse(html);
    for (const element of doc.querySelectorAll('*')) {
      expect(['script', 'iframe', 'svg', 'style']).not.toContain(element.tagName.toLowerCase());
      for (const [name, value] of Object.entries(element.attributes)) {
        expect(name).not.toMatch(/^on|^style$/i);
        expect(value).not.toMatch(/^\s*javascript:/i);
      }
    }
    // The data's markup is printed as text, not dropped: a reader sees what the source says.
    expect(doc.querySelector('#bib-a')!.text).toContain('<script>alert(2)</script> and <b onclick="x()">bold</b>');
    expect(doc.querySelector('#bib-a')!.text).toContain('<img src=x onerror=alert(1)>');
    // What writers use HTML for stays.
    expect(doc.querySelectorAll('sup').map((sup) => sup.text)).toContain('fine');
    expect(doc.querySelector('#fn-n')!.text).toMatch(/A note holding\s+markup\./);
  });

  it('never lets a URL or DOI in the data add attributes or a script link', async () => {
    const entries = [
      book('a', 'Doe', 2001, { URL: 'https://ex.com/" onfocus="alert(7)" autofocus x="' }),
      book('b', 'Roe', 2002, { DOI: '10.1/x" onmouseover="alert(5)' }),
      book('c', 'Poe', 2003, { URL: 'javascript:alert(1)' }),
    ];
    const { html } = await renderEssay(essay('See [@a; @b; @c].\n', entries));
    const doc = parse(html);
    for (const a of doc.querySelectorAll('a')) {
      expect(Object.keys(a.attributes).filter((name) => /^on|autofocus/i.test(name))).toEqual([]);
      expect(a.getAttribute('href') ?? '').toMatch(/^(#|https:\/\/|\/works\/[\w.:-]+\/[\w.:-]+\.(bib|ris)$|\/[\w-]+\/references\.(bib|ris|json)$)/);
    }
  });

  it('links citations of keys with punctuation to their entries, one id per key', async () => {
    const entries = [book('smith/2001', 'Smith', 2001), book('smith-2001', 'Smyth', 2001), book('doe_x', 'Doe', 2002)];
    const { html } = await renderEssay(essay('See [@smith/2001; @smith-2001; @doe_x].\n', entries));
    const doc = parse(html);
    const ids = doc.querySelectorAll('#references li').map((li) => li.id);
    expect(new Set(ids).size).toBe(3);
    for (const a of doc.querySelectorAll('.citation a[role="doc-biblioref"]')) {
      expect(ids).toContain(a.getAttribute('href')!.slice(1));
    }
  });

  it('keeps an escaped @ as text', async () => {
    const { html } = await renderEssay(essay('Write to \\@a or see @a.\n', [book('a', 'Doe', 2001)]));
    const paragraph = parse(html).querySelector('p')!;
    for (const link of paragraph.querySelectorAll('.permalink')) link.remove();
    expect(paragraph.textContent.trim()).toBe('Write to @a or see Doe (2001).');
  });
});
