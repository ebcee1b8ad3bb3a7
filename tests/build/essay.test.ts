/**
 * The seed essay as built by `npm run build`: read from dist/ the way a reader's browser gets it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { htmlFiles, loadPage, normalizeText } from '../support/html.ts';
import siteConfig from '../../site.config.ts';
import { authorLine } from '../../src/publishing/format.ts';
import { renderFromInput } from '../support/render-essay.ts';
import { renderInput } from '../../src/render/render-input.ts';
import { checkSite } from '../../src/checks/checked-site.ts';
import { essayPassages } from '../../src/search/passages.ts';
import { recordTables } from '../../src/search/landing.ts';
import { projectPaths } from '../../src/sources/paths.ts';
import { DIST, ROOT } from '../support/project.ts';
import { readSeed } from '../support/seed.ts';

const seed = readSeed();
let page: HTMLElement;
let body: HTMLElement;

/** The page's text without note numbers and back links, as the seed prints it. */
function readerText(element: HTMLElement): string {
  const clone = element.clone() as HTMLElement;
  for (const node of clone.querySelectorAll('sup, .cited-by, [role="doc-backlink"], .sidenote, .permalink, .entry-downloads')) node.remove();
  return normalizeText(clone.textContent);
}

beforeAll(() => {
  page = loadPage(join(DIST, 'great-leap-forward/index.html'));
  body = page.querySelector('.essay-body')!;
});

describe('the essay page', () => {
  it('has the seed\'s title, an honest byline and the five sections in order', () => {
    expect(normalizeText(page.querySelector('h1')!.textContent)).toBe(seed.title);
    expect(page.querySelector('.byline .authors')?.textContent).toBe('Anonymous');
    expect(page.querySelector('.byline time')?.getAttribute('datetime')).toBe('2026-11-29');
    const headings = body.querySelectorAll('section.essay-section > h2').map((h) => [h.id, h.textContent.replace(/\s*#$/, '')]);
    expect(headings).toEqual([
      ['introduction', 'Introduction'],
      ['soviet-heritage', seed.headings[0]],
      ['politics', seed.headings[1]],
      ['institutions', 'Institutions: how bureaucratic coalitions shaped the Leap'],
      ['conclusion', 'Conclusion'],
    ]);
  });

  it('publishes every paragraph of the seed word for word', () => {
    const paragraphs = body.querySelectorAll('section.essay-section > p').map(readerText);
    expect(seed.paragraphs).toHaveLength(7);
    expect(paragraphs).toEqual(seed.paragraphs.map(normalizeText));
  });

  it('renders the citations as the seed prints them, each a link to its entry', () => {
    const citations = body.querySelectorAll('.citation').filter((c) => !c.closest('.sidenote'));
    // The seed prints each citation as "Author (Year)": as many as the page must link.
    const printed = [...seed.paragraphs, ...seed.notes].join(' ').match(/[A-Z][A-Za-z]+ \(\d{4}\)/g) ?? [];
    expect(printed).toHaveLength(14);
    expect(citations.map((c) => normalizeText(c.textContent))).toEqual(printed);
    for (const citation of citations) {
      const links = citation.querySelectorAll('a[role="doc-biblioref"]');
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) {
        const target = link.getAttribute('href')!.slice(1);
        expect(page.getElementById(target)?.closest('[role="doc-bibliography"]')).toBeTruthy();
      }
    }
    expect(citations.map((c) => normalizeText(c.textContent))).toContain('Naughton (2007)');
  });

  it('numbers the five notes 1–5 across sections, each linked both ways', () => {
    const calls = body.querySelectorAll('a[role="doc-noteref"]');
    expect(calls.map((a) => a.textContent)).toEqual(['1', '2', '3', '4', '5']);
    const notes = body.querySelectorAll('#notes[role="doc-endnotes"] > ol > li');
    expect(notes.map(readerText)).toEqual(seed.notes.map(normalizeText));
    calls.forEach((call, i) => {
      const note = notes[i]!;
      expect(call.getAttribute('href')).toBe(`#${note.id}`);
      const back = note.querySelector('a[role="doc-backlink"]');
      expect(back?.getAttribute('href')).toBe(`#${call.id}`);
    });
  });

  it('lists the seven references of the seed, in its APA 6th-edition form', () => {
    const entries = body.querySelectorAll('#references[role="doc-bibliography"] li');
    expect(entries).toHaveLength(7);
    // The seed's "Lexington-Books", "M.E.-Sharpe" and "MIT-Press" carry stray hyphens from its
    // extraction; the publishers' names are spelled as they are.
    const seedForm = seed.references.map((r) => normalizeText(r.replace(/-(Books|Sharpe|Press)\b/g, ' $1')));
    expect(entries.map(readerText)).toEqual(seedForm);
  });

  it('links each reference back to every place that cites it, with its context', () => {
    const bachman = page.getElementById('bib-bachman1991')!;
    const back = bachman.querySelectorAll('a[role="doc-backlink"]');
    expect(bachman.querySelector('.cited-by-count')?.textContent).toBe('Cited in 5 places:');
    expect(back.map((a) => a.textContent)).toEqual(['§3 ¶1', '§3 ¶2', '§3 ¶3', '§4 ¶1', 'n. 5']);
    for (const link of back) {
      const target = page.getElementById(link.getAttribute('href')!.slice(1));
      expect(target?.querySelector('a[href="#bib-bachman1991"]')).toBeTruthy();
    }
  });

  it('puts the notes before the references, after the last section', () => {
    const ids = body.childNodes.filter((n): n is HTMLElement => 'id' in n && n.nodeType === 1).map((n) => (n.id || n.getAttribute('data-section')) ?? '');
    expect(ids.slice(-2)).toEqual(['notes', 'references']);
  });
});

describe('every page', () => {
  const pages = htmlFiles(DIST);

  it('builds the home, essay, search and 404 pages', () => {
    expect(pages).toEqual(expect.arrayContaining(['index.html', 'great-leap-forward/index.html', 'search/index.html', '404.html']));
  });

  it.each(pages)('%s has unique ids and every #anchor resolves', (file) => {
    const doc = loadPage(join(DIST, file));
    const ids = doc.querySelectorAll('[id]').map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const missing = doc
      .querySelectorAll('a[href^="#"]')
      .map((a) => decodeURIComponent(a.getAttribute('href')!.slice(1)))
      .filter((id) => id !== '' && !ids.includes(id));
    expect(missing).toEqual([]);
  });

  it.each(pages)('%s links only to pages that exist', (file) => {
    const doc = loadPage(join(DIST, file));
    for (const a of doc.querySelectorAll('a[href^="/"]')) {
      const path = a.getAttribute('href')!.split('#')[0]!.split('?')[0]!;
      const target = path.endsWith('/') ? join(DIST, path, 'index.html') : join(DIST, path);
      expect(existsSync(target), `${file} links to ${path}`).toBe(true);
    }
  });
});

describe('the home page', () => {
  it('lists the essays, newest first, each with title, author, date and description', () => {
    const home = loadPage(join(DIST, 'index.html'));
    const items = home.querySelectorAll('.essay-list > li');
    expect(items.map((li) => li.querySelector('h3 a')?.getAttribute('href'))).toEqual(['/great-leap-forward/', '/formatting-open-science/']);
    const item = items[0]!;
    expect(item.querySelector('h3 a')?.getAttribute('href')).toBe('/great-leap-forward/');
    expect(normalizeText(item.querySelector('h3')!.textContent)).toBe(seed.title);
    expect(item.querySelector('.authors')?.textContent).toBe('Anonymous');
    expect(item.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-29');
    expect(item.querySelector('.description')?.textContent).toMatch(/Great Leap Forward/);
  });
});

describe('the search index', () => {
  it('is made from the rendered essay, and reads there the passages the built page has', async () => {
    const checked = checkSite(projectPaths(ROOT), siteConfig, { includeDrafts: false });
    const essay = checked.essays.find((e) => e.slug === 'great-leap-forward')!;
    const searchHeader = { title: essay.frontmatter.title, authors: authorLine(essay.frontmatter.authors) };
    const rendered = await renderFromInput({ ...renderInput(essay, { base: '/' }), searchHeader });
    const fromPage = essayPassages(readFileSync(join(DIST, 'great-leap-forward/index.html'), 'utf8'));
    // Cut from the render's own tree, they are the passages of the page as served.
    expect(rendered.search).toEqual(fromPage);
    expect(fromPage.passages.map((p) => p.kind)).toEqual(expect.arrayContaining(['essay', 'heading', 'paragraph', 'note', 'reference']));
  });

  interface Fragment {
    url: string;
    content: string;
    meta: Record<string, string>;
    filters: Record<string, string[]>;
  }
  let fragments: Fragment[] = [];
  let byUrl = new Map<string, Fragment>();
  beforeAll(() => {
    // Every record as Pagefind stored it: gzip, a `pagefind_dcd` tag, then JSON.
    fragments = readdirSync(join(DIST, 'pagefind/fragment')).map(
      (name) => JSON.parse(gunzipSync(readFileSync(join(DIST, 'pagefind/fragment', name))).toString('utf8').replace(/^pagefind_dcd/, '')) as Fragment,
    );
    byUrl = new Map(fragments.map((f) => [f.url, f]));
  });
  const seedRecord = () => byUrl.get('/great-leap-forward/')!;

  /** The record's passages by anchor: title, text (its words, from the record's table) and the works it cites. */
  const passagesOf = (fragment: Fragment) => {
    const tables = recordTables(fragment.meta)!;
    const words = fragment.content.split(/[\r\n\s]+/g);
    return new Map(
      tables.passages.map((row, i) => [
        row[1],
        { title: row[2], text: words.slice(row[0], tables.passages[i + 1]?.[0]).join(' '), cites: row[4].map((w) => tables.works[w]!) },
      ]),
    );
  };

  it('holds one record per essay, with every passage of its page, and nothing from other pages', () => {
    expect([...byUrl.keys()].sort()).toEqual(['/formatting-open-science/', '/great-leap-forward/']);
    const ids = [...page.querySelectorAll('.essay-body h2[id], .essay-body p[id], #notes li[id], #references li[id]')].map((el) => el.id).filter((id) => id !== 'notes-title' && id !== 'references-title');
    expect([...passagesOf(seedRecord()).keys()].sort()).toEqual(['', ...ids].sort());
    const entry = JSON.parse(readFileSync(join(DIST, 'pagefind/pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    expect(Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0)).toBe(fragments.length);
  });

  it('indexes the words as the reader reads them, without navigation or apparatus', () => {
    const all = fragments.map((f) => f.content).join('\n');
    for (const apparatus of ['Contents', 'Skip to the text', 'Cited in', '↩︎', '¶ ', 'Published with Apparatus']) expect(all).not.toContain(apparatus);
    // Each paragraph's passage is the paragraph's text, whole.
    const politics3 = page.querySelector('#politics-p3')!;
    const words = politics3.text.replace(/¶\s*$/, '').replace(/\s+/g, ' ').trim();
    expect(words.startsWith(passagesOf(seedRecord()).get('politics-p3')!.text.slice(0, 200))).toBe(true);
  });

  it('gives each figure, table and equation of the essay with figures a passage of its own', () => {
    const passages = passagesOf(byUrl.get('/formatting-open-science/')!);
    expect(passages.get('fig-apc')?.title).toMatch(/Figure 1$/);
    expect(passages.get('fig-apc')?.text).toContain('Article Processing Charge');
    expect(passages.get('tbl-formats')?.title).toMatch(/Table 1$/);
    expect(passages.get('tbl-formats')?.text).toContain('journal article tag suite');
    // A search for the formula's TeX finds the equation, and the code block showing how it is typed.
    expect(passages.get('eq-sd')?.title).toBe('Pandoc markdown for scientific texts, Equation 1');
    expect([...passages.values()].filter((p) => p.text.includes('\\frac{1}{N-1}')).map((p) => p.title)).toEqual([
      'Pandoc markdown for scientific texts, ¶15',
      'Pandoc markdown for scientific texts, Equation 1',
    ]);
  });

  it('titles notes by number and calling place, and entries by their work', () => {
    const passages = passagesOf(seedRecord());
    expect(passages.get('fn-collectivization')?.title).toBe('Note 1 (The Soviet heritage, ¶1)');
    expect(passages.get('bib-luthi2010')?.title).toBe('References: Luthi (2010)');
    expect(passages.get('bib-luthi2010')?.text).toContain('Lexington Books');
  });

  it('says which passages cite each work, a note counting for the paragraph that calls it; the filters are the essay\'s', () => {
    const passages = [...passagesOf(seedRecord())];
    const citing = (work: string) => passages.filter(([, p]) => p.cites.includes(work)).map(([anchor]) => `#${anchor}`).sort();
    expect(citing('Bachman (1991)')).toEqual(['#bib-bachman1991', '#fn-trade', '#institutions-p1', '#politics-p1', '#politics-p2', '#politics-p3']);
    // Note 1 cites Naughton (2007); the paragraph calling it cites it too.
    expect(citing('Naughton (2007)')).toEqual(['#bib-naughton2007', '#fn-collectivization', '#soviet-heritage-p1']);
    expect(seedRecord().filters['essay']).toEqual(['The political and institutional origins of the Great Leap Forward']);
    expect(seedRecord().filters['cites']).toEqual(expect.arrayContaining(['Bachman (1991)', 'Naughton (2007)']));
  });
});

describe('the links of the built site', () => {
  it('all lead somewhere: every internal link, asset and #fragment resolves (external ones are listed, not fetched)', async () => {
    const { checkLinks, readSiteFiles } = await import('../../src/checks/link-check.ts');
    const report = checkLinks(readSiteFiles(DIST), '/', 'http://localhost:4321');
    expect(report.broken).toEqual([]);
    expect(report.checked).toBeGreaterThan(150);
    // The site's own pages link out once (the CSL project, in the footer); every other link out is
    // written in an essay or its references.
    const written = new Set(
      htmlFiles(DIST).flatMap((file) => loadPage(join(DIST, file)).querySelectorAll('.essay-body a[href], .abstract a[href], #references a[href], .epigraph a[href]').map((a) => new URL(a.getAttribute('href')!, 'http://localhost:4321/').href)),
    );
    expect(report.external.filter((url) => !written.has(url))).toEqual(['https://citationstyles.org/']);
    expect(report.external).toContain('https://doi.org/10.7717/peerj-cs.112');
  });

  it('the checker does find a broken link and a missing anchor', async () => {
    const { checkLinks } = await import('../../src/checks/link-check.ts');
    const files = new Map([
      ['index.html', '<a href="/a/">a</a> <a href="/a/#there">there</a> <a href="/a/#nowhere">x</a> <img src="/missing.png"> <a href="https://example.org/">out</a>'],
      ['a/index.html', '<p id="there">here</p>'],
    ]);
    const report = checkLinks({ paths: new Set(files.keys()), read: (path) => files.get(path)! });
    expect(report.broken.map((b) => b.url)).toEqual(['/a/#nowhere', '/missing.png']);
    expect(report.external).toEqual(['https://example.org/']);
  });
});
