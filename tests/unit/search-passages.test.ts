import { describe, expect, test } from 'vitest';
import { essayPassages } from '../../src/search/passages.ts';
import { searchRecord } from '../../src/search/records.ts';
import { landedPassages, recordTables } from '../../src/search/landing.ts';
import type { CslEntry } from '../../src/bibliography/csl.ts';

/** A page shaped as the essay template and our rehype plugins write it, with the parts search must skip. */
const PAGE = `<!doctype html><html lang="en"><body>
<header class="site-header"><a href="/">Site</a></header>
<main><article class="essay">
  <header class="essay-header"><h1>On Tides</h1><p class="byline"><span class="authors">Ada Roe</span> · <span>3 min read</span></p>
    <p class="description">A summary naming the Hundred Flowers.</p></header>
  <nav class="toc"><h2 id="toc-title">Contents</h2></nav>
  <div class="essay-body">
    <section class="essay-section"><h2 id="sea">The sea <a class="permalink" href="#sea" data-pagefind-ignore="">#</a></h2>
      <p id="sea-p1">Waves rise <span class="citation" data-cites="doe2020"><a href="#bib-doe2020">Doe (2020)</a></span>.<sup data-pagefind-ignore=""><a href="#fn-a" id="fnref-a" data-footnote-ref="">1</a></sup><span class="sidenote" data-pagefind-ignore=""> Copy of the note about moons.</span> <a class="permalink" data-pagefind-ignore="">¶</a></p>
      <ul><li>a listed point on salt</li></ul>
      <p id="sea-p2">Calm water.</p>
    </section>
    <section class="essay-section"><h2 id="land">The land</h2>
      <p id="land-p1">Hills <span class="citation" data-cites="roe2019 doe2020"><a href="#bib-roe2019">Roe 2019</a></span>.</p>
    </section>
    <section id="notes" role="doc-endnotes"><h2 id="notes-title">Notes</h2><ol>
      <li id="fn-a"><p>About moons, <span class="citation" data-cites="roe2019"><a href="#bib-roe2019">Roe (2019)</a></span>. <a href="#fnref-a" role="doc-backlink">↩︎</a></p></li>
      <li id="fn-b"><p>A note no one calls.</p></li>
    </ol></section>
    <section id="references" role="doc-bibliography"><h2 id="references-title">References</h2><ul>
      <li id="bib-doe2020">Doe, J. (2020). <i>Tides</i>. <span class="cited-by" data-pagefind-ignore="">Cited in 2 places</span></li>
      <li id="bib-roe2019">Roe, A. (2019). <i>Hills</i>.</li>
    </ul></section>
  </div>
</article></main></body></html>`;

describe('essayPassages', () => {
  const { title, passages } = essayPassages(PAGE);
  const byAnchor = new Map(passages.map((p) => [p.anchor, p]));

  test('cuts the essay into header, headings, paragraphs, notes and entries, in reading order', () => {
    expect(title).toBe('On Tides');
    expect(passages.map((p) => `${p.kind}:${p.anchor}`)).toEqual([
      'essay:', 'heading:sea', 'paragraph:sea-p1', 'paragraph:sea-p2', 'heading:land', 'paragraph:land-p1',
      'note:fn-a', 'note:fn-b', 'reference:bib-doe2020', 'reference:bib-roe2019',
    ]);
  });

  test('indexes the words of the essay only: no permalinks, note numbers, sidenote copies, back links or "cited in"', () => {
    expect(byAnchor.get('sea-p1')?.text).toBe('Waves rise Doe (2020). a listed point on salt');
    expect(byAnchor.get('sea')?.text).toBe('The sea');
    expect(byAnchor.get('fn-a')?.text).toBe('About moons, Roe (2019).');
    expect(byAnchor.get('bib-doe2020')?.text).toBe('Doe, J. (2020). Tides.');
    // The essay is found by title and author; its summary's words would outrank the passages.
    expect(byAnchor.get('')?.text).toBe('On Tides Ada Roe');
  });

  test('titles a passage by section and paragraph, and a note by the place that calls it', () => {
    expect(byAnchor.get('sea-p1')?.title).toBe('The sea, ¶1');
    expect(byAnchor.get('land-p1')?.title).toBe('The land, ¶1');
    expect(byAnchor.get('fn-a')?.title).toBe('Note 1 (The sea, ¶1)');
    expect(byAnchor.get('fn-a')?.section).toBe('The sea');
    expect(byAnchor.get('fn-b')?.title).toBe('Note 2');
  });

  test('a paragraph cites what it cites and what the notes it calls cite', () => {
    expect(byAnchor.get('sea-p1')?.cites).toEqual(['doe2020', 'roe2019']);
    expect(byAnchor.get('land-p1')?.cites).toEqual(['roe2019', 'doe2020']);
    expect(byAnchor.get('sea-p2')?.cites).toEqual([]);
    expect(byAnchor.get('fn-a')?.cites).toEqual(['roe2019']);
  });

  test('a page that is not an essay is refused, not indexed as empty', () => {
    expect(() => essayPassages('<html><body><p>Hello</p></body></html>')).toThrow(/no essay header and body/);
  });
});

describe('searchRecord and landedPassages', () => {
  const works = new Map<string, CslEntry>([
    ['doe2020', { id: 'doe2020', type: 'book', title: 'Tides', author: [{ family: 'Doe', given: 'Jane' }], issued: { 'date-parts': [[2020]] } }],
    ['roe2019', { id: 'roe2019', type: 'book', title: 'Hills', author: [{ family: 'Roe', given: 'Ada' }, { family: 'Poe', given: 'E.' }], issued: { 'date-parts': [[2019]] } }],
  ]);
  const frontmatter = { title: 'On Tides', authors: [{ name: 'Ada Roe' }], date: new Date('2024-05-01T00:00:00Z') } as Parameters<typeof searchRecord>[0]['frontmatter'];
  const page = essayPassages(PAGE);
  const record = searchRecord({ url: '/essays/on-tides/', indexUrl: '/on-tides/', frontmatter, works }, page, 'en');
  const tables = recordTables(record.meta as Record<string, string>)!;
  const byAnchor = new Map(page.passages.map((p) => [p.anchor, p]));
  /** Every word of the record equal to `word` (case aside), as Pagefind reports a match: its word index. */
  const matches = (word: string) =>
    record.content.split(/[\r\n\s]+/g).flatMap((w, location) => (w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '') === word.toLowerCase() ? [{ location }] : []));

  test('one record per essay, at its page (Pagefind adds the base path), carrying the essay for grouping', () => {
    expect(record.url).toBe('/on-tides/');
    expect(record.meta).toMatchObject({ title: 'On Tides', essay_url: '/essays/on-tides/', author: 'Ada Roe', date: '2024-05-01' });
  });

  test("its content is every passage's text in order, and the table says where each begins", () => {
    const words = record.content.split(/[\r\n\s]+/g);
    const texts = page.passages.filter((p) => p.text !== '');
    expect(tables.passages.map((row) => row[1])).toEqual(texts.map((p) => p.anchor));
    tables.passages.forEach((row, i) => {
      const next = tables.passages[i + 1]?.[0] ?? words.length;
      expect(words.slice(row[0], next).join(' ')).toBe(texts[i]!.text);
    });
  });

  test('filters are the essay\'s, with every work and author it cites', () => {
    expect(record.filters).toEqual({
      essay: ['On Tides'], author: ['Ada Roe'], year: ['2024'],
      cites: ['Doe (2020)', 'Roe & Poe (2019)'], 'cited author': ['Doe, Jane', 'Roe, Ada', 'Poe, E.'],
    });
  });

  test('a matched word lands on the passage that holds it, its word marked in the excerpt', () => {
    const word = 'Calm'; // "Calm water." is the sea's second paragraph
    const landed = landedPassages(record.content, tables, matches(word), {});
    expect(landed.map((p) => p.anchor)).toEqual(['sea-p2']);
    expect(landed[0]?.excerpt).toBe('<mark>Calm</mark> water.');
    for (const passage of landed) {
      expect(byAnchor.get(passage.anchor)!.text.toLowerCase()).toContain(word.toLowerCase());
      expect(passage.excerpt).toContain(`<mark>`);
    }
  });

  test('passages come by the weight of their matches, then in reading order; a reference entry is titled by its work', () => {
    const found = matches('Hills');
    const inEntry = tables.passages.findIndex((row) => row[1] === 'bib-roe2019');
    const entryStart = tables.passages[inEntry]![0];
    const weighted = found.map(({ location }) => ({ location, balanced_score: location >= entryStart ? 5 : 1 }));
    const landed = landedPassages(record.content, tables, weighted, {});
    expect(landed.length).toBeGreaterThan(1);
    expect(landed[0]?.title).toBe('References: Roe & Poe (2019)');
    const rest = landed.slice(1).map((p) => tables.passages.findIndex((row) => row[1] === p.anchor));
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
  });

  test('a filter by cited work lists the passages citing it, a calling paragraph counting its notes', () => {
    const landed = landedPassages(record.content, tables, undefined, { works: ['Doe (2020)'] });
    const expected = page.passages.filter((p) => p.cites.includes('doe2020') || p.anchor === 'bib-doe2020').map((p) => p.anchor);
    expect(landed.map((p) => p.anchor).sort()).toEqual(expected.sort());
    expect(landed.map((p) => p.anchor)).toContain('sea-p1');
    expect(landedPassages(record.content, tables, undefined, { people: ['Poe, E.'] }).map((p) => p.anchor)).toContain('bib-roe2019');
  });

  test('with neither words nor a filter by work, the essay itself is the result', () => {
    expect(landedPassages(record.content, tables, undefined, {}).map((p) => [p.anchor, p.kind])).toEqual([['', 'essay']]);
  });

  test('text that looks like HTML is escaped in excerpts', () => {
    const hostile = searchRecord({ url: '/x/', indexUrl: '/x/', frontmatter, works }, { title: 'x', passages: [{ kind: 'paragraph', anchor: 'p', title: 'x', section: '', text: 'a <img src=x onerror=alert(1)> b', cites: [] }] }, 'en');
    const landed = landedPassages(hostile.content, recordTables(hostile.meta as Record<string, string>)!, [{ location: 1 }], {});
    expect(landed[0]?.excerpt).not.toContain('<img');
    expect(landed[0]?.excerpt).toContain('<mark>&lt;img</mark>');
  });
});
