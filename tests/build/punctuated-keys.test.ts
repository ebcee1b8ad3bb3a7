/**
 * Any key Pandoc accepts works everywhere (issue 13): an essay citing keys with colons and slashes
 * (DBLP keys), `?#%&+<>~`, upper and lower case of one name, non-Latin letters, a leading `_`, a
 * Windows device name and a key too long for a file name builds, and its ids, anchors, downloads and
 * search filters all carry those keys.
 *
 * Two forms that depend on how the Markdown is read, a braced `@{…}` URL key and `~`/`<…>` keys side
 * by side, are built in sandboxes of their own, so that a parser that cannot read them yet fails
 * those cases alone, with the build's own messages.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryId } from '../../src/bibliography/anchors.ts';
import { recordTables } from '../../src/search/landing.ts';
import { loadPage } from '../support/html.ts';
import { createSandbox, type Sandbox } from '../support/sandbox.ts';

const ESSAY = 'punctuated-keys';
const LONG = `long${'key'.repeat(80)}`;
/**
 * Cited with `[@key]`, each in a paragraph of its own: two `~` in one paragraph are GFM
 * strikethrough to the Markdown parser (see the last case).
 */
const CITED = [
  'goering:1992william',
  'goering_3a_1992william',
  'DBLP:conf/sat/Foo20',
  'dblp:conf/sat/foo20',
  'q?a#b%c&d+e<1>g~h',
  'x~y',
  'Smith2000',
  'smith2000',
  'müller2000',
  'Müller2000',
  '李2008',
  'smith.2000',
  '_foo_2001',
  'con',
  LONG,
];
/** Cited in a note only. */
const IN_NOTE = 'note:cited/2003';
/** Listed in nocite, not cited: its reference still has downloads. */
const NOCITED = 'nocite:only/2004';
/**
 * A Pandoc `@{…}` key: a URL with a query, and `=` and `,` (allowed neither unbraced nor in a BibTeX
 * key). Pandoc reads no white space in one: `[@{a b}]` is text to Pandoc.
 */
const BRACED = 'https://doi.org/10.1000/xyz?a=b,c';
/** Pandoc reads each whole however many share a paragraph; GFM sees strikethrough and an HTML tag. */
const SIDE_BY_SIDE = ['a~b', 'c~d', 'e<f>g'];

interface Work {
  id: string;
  type: string;
  title: string;
  author: { family: string; given: string }[];
  issued: { 'date-parts': number[][] };
  publisher: string;
}

/** Two Smiths of 2000 (keys differing in case only); everyone else has a name and year of their own. */
const WORKS: Work[] = [...CITED, IN_NOTE, NOCITED, BRACED, ...SIDE_BY_SIDE].map((id, i) => ({
  id,
  type: 'book',
  title: `Book ${i + 1} on ${['a', 'b', 'c', 'd', 'e'][i % 5]!} subject`,
  author: [{ family: /^smith2000$/i.test(id) ? 'Smith' : `Writer${String.fromCharCode(65 + i)}`, given: 'A.' }],
  issued: { 'date-parts': [[/^smith2000$/i.test(id) ? 2000 : 1980 + i]] },
  publisher: 'Harbour Press',
}));
const work = (key: string) => WORKS.find((w) => w.id === key)!;
const label = (key: string) => `${work(key).author[0]!.family} (${work(key).issued['date-parts'][0]![0]!})`;

interface Fragment {
  url: string;
  filters: Record<string, string[]>;
}

/** A sandbox site with one essay citing `keys` from a bibliography of their own, built. */
class BuiltSite {
  readonly sandbox: Sandbox = createSandbox();
  status: number | null = null;
  output = '';
  #page: HTMLElement | undefined;

  async build(keys: readonly string[], markdown: string, nocite?: string): Promise<this> {
    this.sandbox.write(`bibliography/${ESSAY}.json`, JSON.stringify(keys.map(work), null, 2));
    this.sandbox.write(
      `content/${ESSAY}/index.md`,
      `---\ntitle: Punctuated keys\nauthors: []\ndate: 2027-02-01\ndescription: Keys with every punctuation Pandoc allows.\nbibliography: ${ESSAY}.json\n${nocite ? `nocite: "@${nocite}"\n` : ''}csl: apa-6th-edition\nlang: en-US\n---\n`,
    );
    this.sandbox.write(`content/${ESSAY}/01-keys.md`, `---\ntitle: Keys\n---\n\n${markdown}`);
    ({ status: this.status, output: this.output } = await this.sandbox.runAsync('node_modules/.bin/node', ['src/cli/build.ts']));
    return this;
  }

  get dist(): string {
    return join(this.sandbox.dir, 'dist');
  }
  get page(): HTMLElement {
    return (this.#page ??= loadPage(join(this.dist, ESSAY, 'index.html')));
  }
  /** The citations of the text and notes; the margin's copies of the notes (`.sidenote`) carry no ids. */
  citations(): HTMLElement[] {
    return this.page.querySelectorAll('.essay-body .citation').filter((c) => !c.closest('.sidenote'));
  }
  citationsOf(key: string): HTMLElement[] {
    return this.citations().filter((c) => keysOf(c).includes(key));
  }
  entry(key: string): HTMLElement | undefined {
    return this.page.querySelectorAll('#references li[id]').find((li) => li.id === entryId(key));
  }
  /** The page's download links of a key's entry, as paths in dist/. */
  downloadsOf(key: string): string[] {
    const hrefs = this.entry(key)?.querySelectorAll('.entry-downloads a').map((a) => a.getAttribute('href') ?? '') ?? [];
    return hrefs.map((href) => decodeURIComponent(new URL(href, `http://site/${ESSAY}/`).pathname.slice(1)));
  }
  /**
   * Every passage of the essay's search record, as Pagefind stored it: the record is the essay's,
   * and its table (search/records.ts) says which works each passage cites.
   */
  records(): Fragment[] {
    const dir = join(this.dist, 'pagefind/fragment');
    const stored = readdirSync(dir)
      .map((name) => JSON.parse(gunzipSync(readFileSync(join(dir, name))).toString('utf8').replace(/^pagefind_dcd/, '')) as { url: string; meta: Record<string, string> })
      .find((f) => f.url === `/${ESSAY}/`);
    const tables = stored && recordTables(stored.meta);
    return (tables?.passages ?? []).map((row) => ({ url: `/${ESSAY}/${row[1] ? `#${encodeURIComponent(row[1])}` : ''}`, filters: { cites: row[4].map((i) => tables!.works[i]!) } }));
  }
  record(anchor: string): Fragment | undefined {
    return this.records().find((f) => f.url === `/${ESSAY}/#${encodeURIComponent(anchor)}`);
  }
  read(path: string): string {
    return readFileSync(join(this.dist, path), 'utf8');
  }
}

/** A citation's keys: no key Pandoc reads in Markdown holds white space. */
const keysOf = (citation: HTMLElement) => (citation.getAttribute('data-cites') ?? '').split(/\s+/).filter(Boolean);
const idsOf = (root: HTMLElement) => new Set(root.querySelectorAll('[id]').map((el) => el.id));

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

describe('an essay citing keys with punctuation', () => {
  const site = new BuiltSite();
  beforeAll(async () => {
    await site.build(
      [...CITED, IN_NOTE, NOCITED],
      `${CITED.map((key, i) => `Claim ${i + 1} [@${key}].`).join('\n\n')}\n\nA noted claim.[^cited]\n\n[^cited]: As shown [@${IN_NOTE}].\n`,
      NOCITED,
    );
    // Before the fix: "The build failed: The URL must be of scheme file".
    expect(site.status, site.output).toBe(0);
  }, 240_000);
  afterAll(() => site.sandbox.remove());

  it('links every citation to an element of the page, each key to its entry and back', () => {
    const ids = idsOf(site.page);
    expect(site.citations().length).toBeGreaterThanOrEqual(CITED.length + 1);
    for (const citation of site.page.querySelectorAll('.essay-body .citation')) {
      if (!citation.closest('.sidenote')) expect(ids.has(citation.id), citation.id).toBe(true);
      for (const a of citation.querySelectorAll('a[href^="#"]')) {
        const target = decodeURIComponent(a.getAttribute('href')!.slice(1));
        expect(ids.has(target), `${citation.id} links to #${target}`).toBe(true);
      }
    }
    for (const key of [...CITED, IN_NOTE]) {
      const citations = site.citationsOf(key);
      expect(citations, `@${key} is cited`).not.toHaveLength(0);
      expect(ids.has(entryId(key)), `#${entryId(key)}`).toBe(true);
      expect(citations[0]!.querySelector(`a[href="#${entryId(key)}"]`), `the citation of @${key} links to its entry`).not.toBeNull();
      const backLinks = site.entry(key)!.querySelectorAll('.cited-by a').map((a) => a.getAttribute('href'));
      expect(backLinks, `the entry of @${key} links back`).toEqual(citations.map((c) => `#${c.id}`));
    }
    expect(ids.has(entryId(NOCITED))).toBe(true);
  });

  it('links each entry to its downloads, files of dist/ that hold the key as written', () => {
    for (const key of [...CITED, IN_NOTE, NOCITED]) {
      const downloads = site.downloadsOf(key);
      expect(downloads.map((path) => path.replace(/^.*\./, '')), `the downloads of @${key}`).toEqual(['bib', 'ris']);
      for (const path of downloads) {
        expect(existsSync(join(site.dist, path)), `${path}, the download of @${key}`).toBe(true);
        expect(site.read(path)).toContain(path.endsWith('.bib') ? `{${key},` : `ID  - ${key}\r\n`);
      }
    }
    expect(site.downloadsOf('Smith2000')[0]).not.toBe(site.downloadsOf('smith2000')[0]);
  });

  it('names each download so that no host or file system misreads it or folds two into one', () => {
    const works = filesUnder(join(site.dist, 'works'));
    for (const path of works) for (const part of path.split('/')) expect(part).toMatch(/^[a-z0-9_-][a-z0-9._-]*$/);
    expect(new Set(works.map((p) => p.toLowerCase())).size).toBe(works.length);
    // The seed's downloads keep their addresses.
    expect(works).toContain('great-leap-forward/naughton2007.bib');
  });

  it('keeps every key as written in references.json, .ris and .bib', () => {
    const keys = [...CITED, IN_NOTE, NOCITED];
    const json = JSON.parse(site.read(`${ESSAY}/references.json`)) as { id: string }[];
    expect(json.map((e) => e.id)).toEqual(expect.arrayContaining(keys));
    const ris = site.read(`${ESSAY}/references.ris`);
    const bib = site.read(`${ESSAY}/references.bib`);
    for (const key of keys) {
      expect(ris).toContain(`ID  - ${key}\r\n`);
      expect(bib).toContain(`{${key},`);
    }
  });

  it('carries each key to the "cites" filter of the passages citing it and of its entry', () => {
    const records = site.records();
    // The two Smiths of 2000 share a label: each filter value names one work only.
    const smiths = new Set(records.flatMap((f) => f.filters['cites'] ?? []).filter((value) => value.startsWith('Smith (2000)')));
    expect(smiths.size).toBe(2);
    for (const key of [...CITED, IN_NOTE]) {
      const values = site.record(entryId(key))?.filters['cites'] ?? [];
      expect(values, `the entry of @${key}`).toHaveLength(1);
      expect(values[0]!.startsWith(label(key)), `the entry of @${key}: ${values[0]}`).toBe(true);
      const paragraph = site.citationsOf(key)[0]!.closest('p[id]');
      const passage = key === IN_NOTE ? site.record('fn-cited') : paragraph ? site.record(paragraph.id) : undefined;
      expect(passage?.filters['cites'], `the passage citing @${key}`).toContain(values[0]);
    }
    // A note speaks for the paragraph that calls it.
    const caller = records.find((f) => f.filters['cites']?.some((v) => v.startsWith(label(IN_NOTE))) && !f.url.includes('#fn-') && !f.url.includes('#bib-'));
    expect(caller).toBeDefined();
  });

  it('leaves no link of the site, nor fragment, broken, Works cited included', async () => {
    const { checkLinks, readSiteFiles } = await import('../../src/checks/link-check.ts');
    expect(checkLinks(readSiteFiles(site.dist), '/', 'http://localhost:4321').broken).toEqual([]);
    // Works cited gives each work the id its key gives it on the essay's page.
    const worksCited = idsOf(loadPage(join(site.dist, 'works-cited/index.html')));
    for (const key of [...CITED, IN_NOTE]) expect(worksCited.has(entryId(key)), `#${entryId(key)} on Works cited`).toBe(true);
  });
});

describe('a braced URL key, [@{https://doi.org/10.1000/xyz?a=b,c}]', () => {
  const site = new BuiltSite();
  beforeAll(() => site.build([BRACED], `A braced key [@{${BRACED}}].\n`), 240_000);
  afterAll(() => site.sandbox.remove());

  it('is cited like any other', () => {
    expect(site.status, `The build did not read [@{${BRACED}}]:\n${site.output}`).toBe(0);
    const paragraph = site.page.querySelectorAll('.essay-body p').find((p) => p.text.includes('A braced key'));
    const citations = site.citationsOf(BRACED);
    expect(citations, `The page has no citation of @{${BRACED}}: the paragraph came out as: ${paragraph?.innerHTML ?? '(missing)'}`).toHaveLength(1);
    expect(citations[0]!.querySelector(`a[href="#${entryId(BRACED)}"]`)).not.toBeNull();
    expect(site.entry(BRACED)?.querySelectorAll('.cited-by a').map((a) => a.getAttribute('href'))).toEqual([`#${citations[0]!.id}`]);
    const downloads = site.downloadsOf(BRACED);
    expect(downloads).toHaveLength(2);
    for (const path of downloads) expect(existsSync(join(site.dist, path)), path).toBe(true);
    const values = site.record(entryId(BRACED))?.filters['cites'];
    expect(values).toEqual([label(BRACED)]);
    expect(site.record(paragraph!.id)?.filters['cites']).toEqual(values);
    expect(site.read(`${ESSAY}/references.ris`)).toContain(`ID  - ${BRACED}\r\n`);
    expect(JSON.parse(site.read(`${ESSAY}/references.json`))).toContainEqual(expect.objectContaining({ id: BRACED }));
    // BibTeX ends a key at a comma: the exporter writes a readable stand-in.
    expect(site.read(`${ESSAY}/references.bib`)).toContain('{https://doi.org/10.1000/xyz?a_3d_b_2c_c,');
  });
});

describe('keys holding ~ and <…> side by side in one paragraph', () => {
  const site = new BuiltSite();
  beforeAll(() => site.build(SIDE_BY_SIDE, `One [@a~b], two [@c~d] and three [@e<f>g].\n`), 240_000);
  afterAll(() => site.sandbox.remove());

  it('are each read whole, as Pandoc reads them', () => {
    expect(site.status, `The build did not read [@a~b], [@c~d] and [@e<f>g] in one paragraph:\n${site.output}`).toBe(0);
    expect(site.citations().flatMap(keysOf)).toEqual(SIDE_BY_SIDE);
  });
});
