/**
 * Issue 22: documents written for Pandoc or Quarto drop in unchanged. One block per class of what
 * real documents showed (the numbering), each with an input of the kind the real documents
 * hold; tests/unit/real-documents.test.ts runs the real documents themselves.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/lib/diagnostics.ts';
import { loadSources, type LoadedSources } from '../../src/sources/load.ts';
import { checkSite } from '../../src/checks/checked-site.ts';
import { renderEssay } from '../support/render-essay.ts';
import { parse } from 'node-html-parser';
import { projectPaths } from '../../src/sources/paths.ts';
import type { SiteConfig } from '../../src/schemas/site-config.ts';
import { ROOT } from '../support/project.ts';
import { writeTempProject } from '../support/temp-project.ts';
import { pngImage } from '../support/images.ts';

const SITE = { defaultStyle: 'apa', defaultLocale: 'en-US' } as SiteConfig;
const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function load(files: Record<string, string>): LoadedSources {
  const root = writeTempProject(files, 'apparatus-drop-in-');
  roots.push(root);
  return loadSources(projectPaths(root), SITE, { includeDrafts: true });
}

const errors = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error');

const THREE_WORKS = [
  '@book{a2005, author = {Doe, John}, title = {A}, year = {2005}, publisher = {P}}',
  '@book{b2008, author = {Roe, Jane}, title = {B}, year = {2008}, publisher = {P}}',
  '@book{c2012, author = {Poe, Edgar}, title = {C}, year = {2012}, publisher = {P}}',
].join('\n');

/** An essay's body, checked and rendered as a build does: its diagnostics, and its page when it has no error. */
async function render(body: string, files: Record<string, string | Uint8Array> = {}): Promise<{ diagnostics: readonly Diagnostic[]; html?: string }> {
  const root = writeTempProject(
    { 'content/e/index.md': `---\ntitle: T\ndate: 2020-01-01\nbibliography: refs.bib\ncsl: chicago-author-date\n---\n\n${body}`, 'content/e/refs.bib': THREE_WORKS, ...files },
    'apparatus-drop-in-',
  );
  roots.push(root);
  const checked = checkSite(projectPaths(root), SITE, { includeDrafts: true });
  const essay = checked.essays[0];
  if (!essay || errors(checked.diagnostics).length > 0) return { diagnostics: checked.diagnostics };
  return { diagnostics: checked.diagnostics, html: (await renderEssay(essay)).html };
}

/** The index.md line of a body line (the frontmatter above takes 7). */
const bodyLine = (n: number) => n + 7;

const BIB = '@book{doe2001, author = {Doe, Jane}, title = {Frogs}, year = {2001}, publisher = {P}}\n';
const STYLE_NAME = 'chicago-author-date';

describe('11. an author\'s own folder layout', () => {
  it('reads a chapter that names ../bib/refs.bib and ../csl/style.csl, and takes the folders beside it for what they are', () => {
    const loaded = load({
      'content/chapter-2/index.md': '---\ntitle: Methods\ndate: 2020-01-01\nbibliography: ../bib/refs.bib\ncsl: ../csl/style.csl\n---\n\nAs @doe2001 says.\n',
      'content/bib/refs.bib': BIB,
      'content/csl/style.csl': readFileSync(join(ROOT, 'bibliography/styles', `${STYLE_NAME}.csl`), 'utf8'),
      'content/figures/map.png': 'not read',
    });
    expect(errors(loaded.diagnostics)).toEqual([]);
    expect(loaded.essays.map((e) => e.slug)).toEqual(['chapter-2']);
    const [essay] = loaded.essays;
    expect(essay?.bibliography.entries.has('doe2001')).toBe(true);
    expect(essay?.style.file).toMatch(/content\/csl\/style\.csl$/);
  });

  it('still asks for an index.md where a folder holds Markdown without one', () => {
    const loaded = load({ 'content/second/01-first.md': '---\ntitle: First\n---\n\nText.\n' });
    expect(errors(loaded.diagnostics).map((d) => [d.rule, d.file])).toEqual([['content/missing-index', 'content/second']]);
  });
});

describe('Quarto: index.qmd', () => {
  it('reads an index.qmd as an index.md', () => {
    const loaded = load({
      'content/post/index.qmd': '---\ntitle: A post\ndate: 2020-01-01\nbibliography: refs.bib\n---\n\nAs @doe2001 says.\n',
      'content/post/refs.bib': BIB,
    });
    expect(errors(loaded.diagnostics)).toEqual([]);
    expect(loaded.essays.map((e) => [e.slug, e.indexFile])).toEqual([['post', 'content/post/index.qmd']]);
  });

  it('refuses a folder with both index.md and index.qmd, saying which to keep', () => {
    const loaded = load({
      'content/post/index.qmd': '---\ntitle: A\ndate: 2020-01-01\n---\n\nText.\n',
      'content/post/index.md': '---\ntitle: B\ndate: 2020-01-01\n---\n\nText.\n',
    });
    expect(errors(loaded.diagnostics).map((d) => d.message)).toEqual(['The essay folder content/post/ has both index.md and index.qmd.']);
  });
});

describe('3. YAML that Pandoc reads', () => {
  it('reads a plain scalar continued on lines indented with a TAB, and keeps every line where it was', () => {
    const loaded = load({
      'content/e/index.md': '---\ntitle: T\ndate: 2020-01-01\nabstract:\n\tThis is a tabbed\n\tparagraph that goes on.\nlang: fr-XX\n---\n\nText.\n',
    });
    expect(errors(loaded.diagnostics)).toEqual([]);
    expect(loaded.essays[0]?.frontmatter.abstract).toBe('This is a tabbed paragraph that goes on.');
    // The field after the tabbed lines is still placed on its own line.
    expect(loaded.diagnostics.find((d) => d.rule === 'style/locale-fallback')).toMatchObject({ line: 7, column: 1 });
  });

  it.each([
    ['authors', "'Ada Writer and Bo Reader'", ['Ada Writer', 'Bo Reader']],
    ['author', 'Ada Writer, Bo Reader and Cy Doe', ['Ada Writer', 'Bo Reader', 'Cy Doe']],
    ['authors', 'Ada Writer & Bo Reader', ['Ada Writer', 'Bo Reader']],
  ])('takes %s: %s as the people it names, and says so', (field, value, names) => {
    const loaded = load({ 'content/e/index.md': `---\ntitle: T\ndate: 2020-01-01\n${field}: ${value}\n---\n\nText.\n` });
    expect(errors(loaded.diagnostics)).toEqual([]);
    expect(loaded.essays[0]?.frontmatter.authors.map((a) => a.name)).toEqual(names);
    const warning = loaded.diagnostics.find((d) => d.rule === 'frontmatter/authors-in-one-string');
    expect(warning).toMatchObject({ file: 'content/e/index.md', line: 4, severity: 'warning' });
    expect(warning?.message).toContain(`took ${names.length} authors: ${names.join('; ')}`);
  });

  it.each(['Ada Writer', 'Writer, Ada', 'Writer, A. and Reader, B.', 'Jane Doe, PhD'])('keeps "%s" as one author', (value) => {
    const loaded = load({ 'content/e/index.md': `---\ntitle: T\ndate: 2020-01-01\nauthor: "${value}"\n---\n\nText.\n` });
    expect(loaded.essays[0]?.frontmatter.authors.map((a) => a.name)).toEqual([value]);
    expect(loaded.diagnostics.filter((d) => d.rule === 'frontmatter/authors-in-one-string')).toEqual([]);
  });
});

describe('3. YAML that Pandoc reads: one name where a list is expected', () => {
  it('takes authors: "Ada Writer" as one author', () => {
    const loaded = load({ 'content/e/index.md': '---\ntitle: T\ndate: 2020-01-01\nauthors: Ada Writer\n---\n\nText.\n' });
    expect(errors(loaded.diagnostics)).toEqual([]);
    expect(loaded.essays[0]?.frontmatter.authors.map((a) => a.name)).toEqual(['Ada Writer']);
  });
});

describe('1. raw LaTeX environments', () => {
  it('leaves a table environment out whole, blank lines and all, with one warning at its line', async () => {
    const { diagnostics, html } = await render('Before [@a2005].\n\n\\begin{table}\n\\centering\n\n\\begin{tabular}{lr}\n\\toprule\na & b \\\\\n\\bottomrule\n\\end{tabular}\n\\caption{A table}\n\\end{table}\nAfter.\n');
    expect(errors(diagnostics)).toEqual([]);
    expect(diagnostics.filter((d) => d.rule === 'content/raw-tex').map((d) => [d.line, d.message])).toEqual([[bodyLine(3), 'Raw TeX "\\begin{table}…\\end{table}" is left out of the web page.']]);
    const doc = parse(html!);
    expect(doc.querySelectorAll('p[id]').map((p) => p.textContent.replace(/\s*¶$/, ''))).toEqual(['Before (Doe 2005).', 'After.']);
    expect(html).not.toMatch(/toprule|tabular|centering/);
  });

  it('typesets math environments as numbered display equations that \\ref and \\eqref reach', async () => {
    const body = [
      'The energy is',
      '\\begin{equation}',
      'E = mc^2 \\label{eq:einstein}',
      '\\end{equation}',
      'where $m$ is the mass.',
      '',
      '\\begin{align}',
      'a &= b \\label{eq:a} \\\\',
      'c &= d \\nonumber \\\\',
      'e &= f \\label{eq:e}',
      '\\end{align}',
      '',
      '\\begin{gather*}',
      'x = y',
      '\\end{gather*}',
      '',
      'See \\ref{eq:einstein}, \\eqref{eq:a}, \\autoref{eq:e} and \\eqref{eq:none}.',
      '',
    ].join('\n');
    const { diagnostics, html } = await render(body);
    expect(errors(diagnostics)).toEqual([]);
    const doc = parse(html!);
    // The equation inside the paragraph stays there, set as display math with its number.
    const first = doc.querySelector('p')!;
    expect(first.textContent).toMatch(/^The energy is/);
    expect(first.querySelector('.math.display')?.getAttribute('id')).toBe('eq:einstein');
    expect(first.querySelector('.tml-eqn')?.textContent).toBe('(1)');
    // align numbers its rows but the one marked \nonumber; each label leads to its row.
    const align = doc.querySelectorAll('div.math.display')[0]!;
    expect(align.querySelectorAll('.tml-eqn').map((n) => n.textContent)).toEqual(['(2)', '(3)']);
    expect(align.querySelectorAll('mtr').map((row) => row.getAttribute('id') ?? '')).toEqual(['eq:a', '', 'eq:e']);
    expect(doc.querySelectorAll('div.math.display')[1]!.querySelectorAll('.tml-eqn')).toHaveLength(0);
    const refs = doc.querySelectorAll('a.cross-ref').map((a) => [a.textContent, a.getAttribute('href')]);
    expect(refs).toEqual([['1', '#eq:einstein'], ['(2)', '#eq:a'], ['Equation 3', '#eq:e']]);
    expect(diagnostics.filter((d) => d.rule === 'crossref/unknown-tex-label').map((d) => d.line)).toEqual([bodyLine(17)]);
  });
});

describe('2. nothing inside raw TeX, code or a URL is a citation', () => {
  it('reads no citation in a column specification, a code span or an address', async () => {
    const table = ['\\begin{table}', '', '\\begin{tabular}{@{} l r @{}}', '\\toprule', 'a & b \\\\', '\\bottomrule', '\\end{tabular}', '', '\\end{table}'].join('\n');
    const { diagnostics, html } = await render(`${table}\n\nCode \`@a2005\` and <https://example.org/@b2008> and [@c2012].\n`);
    expect(errors(diagnostics)).toEqual([]);
    expect(parse(html!).querySelectorAll('.citation').map((c) => c.getAttribute('data-cites'))).toEqual(['c2012']);
  });
});

describe('5. links Pandoc makes', () => {
  it('makes a link of a destination with a space, as Pandoc does', async () => {
    const { html } = await render('See [the layouts](#Page Layouts) and [the site](https://example.org/a b "Title") [@a2005].\n');
    const links = parse(html!).querySelectorAll('p[id] a:not(.permalink):not([role])');
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('title')])).toEqual([
      ['the layouts', '#Page%20Layouts', undefined],
      ['the site', 'https://example.org/a%20b', 'Title'],
    ]);
  });

  it('keeps a pipe table whose header holds $p>|t|$', async () => {
    const { html } = await render('| Term | $p>|t|$ |\n|------|------:|\n| x | 0.01 |\n\nText [@a2005].\n');
    const table = parse(html!).querySelector('table');
    expect(table?.querySelectorAll('th')).toHaveLength(2);
    expect(table?.querySelector('th:last-child annotation')?.textContent).toBe('p>|t|');
  });
});

describe('9. no citation is dropped', () => {
  it('reads [e.g., @a, @b, @c] as the three works it lists, and says so at each key', async () => {
    const { diagnostics, html } = await render('Some text [e.g., @a2005, @b2008, @c2012] and more.\n');
    const cluster = parse(html!).querySelector('.citation')!;
    expect(cluster.getAttribute('data-cites')).toBe('a2005 b2008 c2012');
    expect(cluster.textContent).toBe('(e.g., Doe 2005; Roe 2008; Poe 2012)');
    expect(diagnostics.filter((d) => d.rule === 'citation/comma-separated').map((d) => [d.line, d.column])).toEqual([
      [bodyLine(1), 26],
      [bodyLine(1), 34],
    ]);
  });

  it('names every key left in a suffix, not only the first', async () => {
    const { diagnostics } = await render('Text [@a2005 and @b2008 or @c2012].\n');
    expect(diagnostics.filter((d) => d.rule === 'citation/key-in-suffix').map((d) => d.message.split(' ')[0])).toEqual(['@b2008', '@c2012']);
  });
});

describe('10. images', () => {
  it('publishes an image without a description with an empty alt, and lists it as an accessibility warning', async () => {
    const { diagnostics, html } = await render('![](figure1.png)\n\nText [@a2005].\n', { 'content/e/figure1.png': pngImage(8, 8) });
    expect(errors(diagnostics)).toEqual([]);
    expect(parse(html!).querySelector('img')?.getAttribute('alt')).toBe('');
    const warning = diagnostics.find((d) => d.rule === 'image/no-alt');
    expect(warning).toMatchObject({ severity: 'warning', line: bodyLine(1) });
    expect(warning?.message).toMatch(/^Accessibility: /);
  });
});

describe('notes Pandoc leaves out', () => {
  it('publishes the essay when a note is defined but never called, with a warning at the definition', async () => {
    const { diagnostics, html } = await render('Text [@a2005].\n\n[^orphan]: Called only from code output.\n');
    expect(errors(diagnostics)).toEqual([]);
    expect(diagnostics.find((d) => d.rule === 'note/unreferenced')).toMatchObject({ severity: 'warning', line: bodyLine(3), column: 1 });
    expect(html).not.toContain('Called only from code output');
  });
});
