/**
 * Three real, published papers written for Pandoc (tests/fixtures/real-papers/, see each SOURCE.md),
 * checked and rendered as `astro build` would, and compared with what `pandoc --citeproc` made of
 * them (pandoc.html, pandoc.stderr) as a reader meets the page: the errors reported, every citation
 * kept and formatted, no citation syntax left as text, the same reference list and the same notes.
 *
 * Wording and punctuation inside citations and entries are not compared here: they depend on the CSL
 * engine (citeproc-js against Pandoc's citeproc), which pandoc-suite.test.ts covers case by case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { entryId } from '../../src/bibliography/anchors.ts';
import { apparatusBlocks, checkAndRenderPaper, pandocBlocks, type CheckedPaper } from '../support/pandoc-suite.ts';
import { ROOT } from '../support/project.ts';

const PAPERS = join(ROOT, 'tests/fixtures/real-papers');
/** What the fixtures keep beside the paper: Pandoc's output and the notes on the source. */
const NOT_THE_PAPER = /[\\/](pandoc\.html|pandoc\.stderr|SOURCE\.md)$/;

/** An error Apparatus must report because the paper really has the problem, and Pandoc reports it too. */
interface ExpectedError {
  readonly rule: string;
  /** The citation key as written, without its `@`. */
  readonly key: string;
  /** Place of the `@` in the fixture's index.md (column in UTF-16 code units, from 1). */
  readonly line: number;
  readonly column: number;
  /** The line of pandoc.stderr saying the same. */
  readonly pandoc: string;
}

interface Paper {
  readonly name: string;
  /** What `--csl` gave Pandoc (see SOURCE.md); none means Pandoc's default, chicago-author-date. */
  readonly style?: string;
  readonly errors: readonly ExpectedError[];
  /**
   * Metadata Apparatus requires and Pandoc does not, which the harness adds to the copy when the
   * paper lacks it (see loadAskingDefaults in tests/support/pandoc-suite.ts).
   */
  readonly defaults: Readonly<Record<string, unknown>>;
  /**
   * A build stops on an error, so a paper with one has no page as written. The page compared is the
   * one published once the author makes the change Apparatus's hint asks for, described here.
   */
  readonly fix?: { readonly edit: (text: string) => string; readonly reason: string };
  /**
   * Keys Pandoc left unresolved (its data-cites holds them as written) and which the fix resolves:
   * as written → as the fixed page cites them.
   */
  readonly renamedKeys: Readonly<Record<string, string>>;
  /** Entries the fixed page lists beyond Pandoc's #refs, with the reason. */
  readonly extraEntries: { readonly keys: readonly string[]; readonly reason: string };
}

const PAPERS_UNDER_TEST: readonly Paper[] = [
  { name: 'kmedoids-joss', style: 'ieee', errors: [], defaults: {}, renamedKeys: {}, extraEntries: { keys: [], reason: '' } },
  { name: 'numpydantic-joss', errors: [], defaults: {}, renamedKeys: {}, extraEntries: { keys: [], reason: '' } },
  // pandoc-scholar's CiTO syntax (`@method:key`) is read as its cito filter reads it (src/markdown/cito.ts),
  // and pandoc.html was made with a stand-in for that filter (make-pandoc.sh).
  {
    name: 'pandoc-scholar-peerj',
    style: 'peerj.csl',
    errors: [],
    // The paper's metadata has no date (pandoc-scholar does not ask for one); Apparatus dates every essay.
    defaults: { date: '2020-01-01' },
    renamedKeys: {},
    extraEntries: { keys: [], reason: '' },
  },
];

/** Citation syntax a reader must never meet as text (a citation's key is checked on its own). */
const CITATION_SYNTAX = /\[@|@\{|-@[\w{]/;

/** Text Pandoc's reader consumes (raw TeX, attributes, captions) that a reader must not meet as text either. */
const PANDOC_SYNTAX: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /\\(pagebreak|newpage|label)\b/, what: 'raw TeX, which Pandoc drops from HTML' },
  { pattern: /\{\s*width=/, what: 'image attributes (link_attributes)' },
  { pattern: /(^|\n)\s*Table: /, what: 'a table caption (table_captions)' },
];

function citationClusters(doc: HTMLElement): string[][] {
  return doc.querySelectorAll('span.citation[data-cites]').map((e) => (e.getAttribute('data-cites') ?? '').split(' ').filter(Boolean));
}

/**
 * The rendered page without its sidenotes: Apparatus prints each note twice, in the margin and in
 * the list of notes, and Pandoc once, so the margin copies would count every citation in a note twice.
 */
function apparatusPage(html: string): HTMLElement {
  const doc = parse(html);
  for (const node of doc.querySelectorAll('.sidenote')) node.remove();
  return doc;
}

/** What a reader meets as text: the page's text outside code, and images' alternative text and titles. */
function readerText(html: string): string[] {
  const doc = parse(html);
  const images = doc.querySelectorAll('img').flatMap((img) => [img.getAttribute('alt') ?? '', img.getAttribute('title') ?? '']);
  for (const node of doc.querySelectorAll('code, pre, script, style')) node.remove();
  return [...doc.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, td, th, caption, figcaption, blockquote, dt, dd').map((e) => e.textContent), ...images];
}

function place(line: number, column: number): string {
  return `${line}:${column}`;
}

describe.each(PAPERS_UNDER_TEST)('the real paper $name', (paper) => {
  const folder = join(PAPERS, paper.name);
  const pandocHtml = readFileSync(join(folder, 'pandoc.html'), 'utf8');
  const pandoc = parse(pandocHtml);
  const source = readFileSync(join(folder, 'index.md'), 'utf8').split('\n');
  const indexFile = `content/${paper.name}/index.md`;
  let checked: CheckedPaper;
  let page: CheckedPaper;

  beforeAll(async () => {
    checked = await checkAndRenderPaper(folder, paper.name, { style: paper.style, exclude: NOT_THE_PAPER, render: !paper.fix });
    page = paper.fix ? await checkAndRenderPaper(folder, paper.name, { style: paper.style, exclude: NOT_THE_PAPER, edit: paper.fix.edit }) : checked;
  }, 30_000);

  /** The page's HTML; a test of the page fails with the load's report when there is none. */
  function html(): string {
    expect(page.html, page.problems).toBeDefined();
    return page.html ?? '';
  }

  it('lists, as data, only errors that Pandoc reports too and that sit where the data says', () => {
    const stderr = readFileSync(join(folder, 'pandoc.stderr'), 'utf8');
    for (const error of paper.errors) {
      expect(stderr, error.key).toContain(error.pandoc);
      expect(source[error.line - 1]?.slice(error.column - 1), error.key).toMatch(new RegExp(`^@${error.key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\b`));
    }
    expect(stderr.match(/Citeproc: citation \S+ not found/g) ?? []).toHaveLength(paper.errors.length);
  });

  it('loads with no error but those Pandoc reports too, each at its file:line:col', () => {
    const errors = checked.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.file}:${place(d.line ?? 0, d.column ?? 0)} ${d.rule} ${/"@([^"]+)"/.exec(d.message)?.[1] ?? d.message}`);
    const expected = paper.errors.map((e) => `${indexFile}:${place(e.line, e.column)} ${e.rule} ${e.key}`);
    expect(errors, checked.problems).toEqual(expected);
    expect(checked.defaults).toEqual(paper.defaults);
  });

  it('renders without a crash and, once fixed, without an error', () => {
    expect(page.html, page.problems).toBeDefined();
    expect(page.diagnostics.filter((d) => d.severity === 'error'), page.problems).toEqual([]);
  });

  it('keeps every citation Pandoc formatted, cluster by cluster, in reading order', () => {
    const expected = citationClusters(pandoc).map((keys) => keys.map((key) => paper.renamedKeys[key] ?? key));
    const rendered = citationClusters(apparatusPage(html()));
    expect(rendered.map((keys) => keys.join(' ')), page.problems).toEqual(expected.map((keys) => keys.join(' ')));
  });

  it('formats every citation the check found, and no other', () => {
    const rendered = citationClusters(apparatusPage(html())).flat().sort();
    expect(rendered).toEqual(page.citations.map((c) => c.key).sort());
  });

  it('leaves no citation syntax as text: no [@, no @key of the bibliography, outside code', () => {
    const keys = page.bibliographyKeys;
    expect(keys.length, page.problems).toBeGreaterThan(0);
    const leftovers = readerText(html()).flatMap((text) => [
      ...(CITATION_SYNTAX.test(text) ? [`citation syntax: ${text.trim().slice(0, 160)}`] : []),
      ...keys.filter((key) => text.includes(`@${key}`)).map((key) => `@${key}: ${text.trim().slice(0, 160)}`),
    ]);
    expect([...new Set(leftovers)]).toEqual([]);
  });

  it('leaves no other Pandoc syntax as text', () => {
    const leftovers = readerText(html()).flatMap((text) =>
      PANDOC_SYNTAX.filter(({ pattern }) => pattern.test(text)).map(({ what }) => `${what}: ${text.trim().slice(0, 160)}`),
    );
    expect([...new Set(leftovers)]).toEqual([]);
  });

  it('lists the same works as Pandoc\'s #refs', () => {
    const pandocKeys = pandoc.querySelectorAll('#refs > div[id^="ref-"]').map((e) => e.id.slice('ref-'.length));
    const byId = new Map(page.bibliographyKeys.map((key) => [entryId(key), key]));
    const listed = apparatusPage(html()).querySelectorAll('#references li.csl-entry').map((e) => byId.get(e.id) ?? `unknown id ${e.id}`);
    expect([...listed].sort()).toEqual([...pandocKeys, ...paper.extraEntries.keys].sort());
    const entries = (blocks: ReturnType<typeof pandocBlocks>) => blocks.filter((b) => b.kind === 'entry').length;
    expect(entries(apparatusBlocks(html()))).toBe(entries(pandocBlocks(pandocHtml)) + paper.extraEntries.keys.length);
  });

  it('has as many notes as Pandoc', () => {
    const notes = (blocks: ReturnType<typeof pandocBlocks>) => blocks.filter((b) => b.kind === 'note').length;
    expect(pandoc.querySelectorAll('section.footnotes li').length).toBe(notes(pandocBlocks(pandocHtml)));
    expect(notes(apparatusBlocks(html()))).toBe(notes(pandocBlocks(pandocHtml)));
  });
});
