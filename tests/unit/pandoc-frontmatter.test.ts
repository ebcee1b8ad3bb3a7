/**
 * An index.md written for Pandoc loads unchanged: Pandoc's frontmatter fields, its inline
 * `references`, files found beside the essay, every CSL locale, and the citation options.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/lib/diagnostics.ts';
import { resolveLocale } from '../../src/bibliography/csl-locales.ts';
import { pandocInlineMarkdown } from '../../src/sources/inline-references.ts';
import { withPandocDefaultType } from '../../src/bibliography/default-type.ts';
import { essayDate, nociteKeys } from '../../src/schemas/pandoc-values.ts';
import { loadSources } from '../../src/sources/load.ts';
import type { EssaySource } from '../../src/sources/essay-source.ts';
import { projectPaths } from '../../src/sources/paths.ts';
import type { SiteConfig } from '../../src/schemas/site-config.ts';
import { ROOT } from '../support/project.ts';
import { writeTempProject } from '../support/temp-project.ts';

const SITE = { defaultStyle: 'apa', defaultLocale: 'en-US' } as SiteConfig;
const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A project with one essay, `content/e/`, the repository's styles and locales, and the given files. */
function project(files: Record<string, string>): string {
  const root = writeTempProject(files, 'apparatus-pandoc-fm-');
  roots.push(root);
  return root;
}

function load(frontmatter: string, extra: Record<string, string> = {}): { essay: EssaySource | undefined; diagnostics: readonly Diagnostic[] } {
  const root = project({ 'content/e/index.md': `---\n${frontmatter}\n---\n\nText [@a].\n`, ...extra });
  const loaded = loadSources(projectPaths(root), SITE, { includeDrafts: true });
  return { essay: loaded.essays[0], diagnostics: loaded.diagnostics };
}

const errors = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error');

const ENTRY_A = `[{"id":"a","type":"book","title":"A","author":[{"family":"Doe","given":"J."}],"issued":{"date-parts":[[2001]]},"publisher":"P"}]`;

describe('an essay written for Pandoc', () => {
  // The references are those of two of Pandoc's own tests (jgm/pandoc test/command/, a film by
  // Hitchcock with a single name object and a {year} date; an article with Pandoc-citeproc's
  // [{month, year}] date), under the metadata Pandoc documents for citations and for LaTeX.
  const PANDOC_FRONTMATTER = [
    'title: "On *films* and lasers"',
    'subtitle: A test of Pandoc metadata',
    'author:',
    '  - John Doe',
    '  - name: Jane Roe',
    '    affiliation: [University A, Institute B]',
    'date: 29 November 2026',
    'abstract: Short.',
    'keywords: [film, optics]',
    'lang: it',
    'csl: my-style.csl',
    'bibliography: refs.json',
    'link-citations: false',
    'link-bibliography: false',
    'suppress-bibliography: true',
    'reference-section-title: Works cited',
    "nocite: '[@nbn; @ding_metallic_2012]'",
    'header-includes: \\usepackage{xcolor}',
    'documentclass: scrartcl',
    'geometry: margin=1in',
    'fontsize: 12pt',
    'references:',
    '- director:',
    '    family: Hitchcock',
    '    given: Alfred',
    '  id: nbn',
    '  issued:',
    '    year: 1959',
    "  language: 'en-US'",
    "  publisher: 'Metro-Goldwyn-Mayer'",
    '  publisher-place: USA',
    '  title: North by Northwest',
    '  type: motion_picture',
    '- DOI: 10.1038/lsa.2012.20',
    "  ISSN: '2047-7538'",
    '  author:',
    '  - family: Ding',
    '    given: K.',
    '  - family: Ning',
    '    given: C. Z.',
    '  container-title: Light Sci. Appl.',
    '  id: ding_metallic_2012',
    '  issue: 7',
    '  issued:',
    '  - month: 7',
    '    year: 2012',
    "  page: 'e20-e20'",
    "  title: 'Metallic subwavelength-cavity semiconductor nanolasers'",
    "  type: 'article-journal'",
    '  volume: 1',
  ].join('\n');

  it('loads without an error, and reads every field as Pandoc does', () => {
    const apa = join(ROOT, 'bibliography/styles/apa.csl');
    const root = project({
      'content/e/index.md': `---\n${PANDOC_FRONTMATTER}\n---\n\nText [@a; @nbn].\n`,
      'content/e/refs.json': ENTRY_A,
    });
    cpSync(apa, join(root, 'content/e/my-style.csl'));
    const { essays, diagnostics } = loadSources(projectPaths(root), SITE, { includeDrafts: true });
    expect(errors(diagnostics)).toEqual([]);
    const essay = essays[0]!;
    expect(essay.frontmatter.authors).toEqual([{ name: 'John Doe' }, { name: 'Jane Roe', affiliation: 'University A; Institute B' }]);
    expect(essay.frontmatter.date.toISOString()).toBe('2026-11-29T00:00:00.000Z');
    expect(essay.frontmatter.subtitle).toBe('A test of Pandoc metadata');
    expect(essay.style).toEqual({ name: 'my-style', file: join(root, 'content/e/my-style.csl') });
    expect(essay.bibliographyFiles).toEqual([join(root, 'content/e/refs.json')]);
    expect(essay.locale).toEqual({ name: 'it-IT', file: join(root, 'bibliography/locales/locales-it-IT.xml') });
    expect(essay.lang).toBe('it');
    expect(essay.nocite).toEqual(['nbn', 'ding_metallic_2012']);
    expect(essay.citationOptions).toEqual({ linkCitations: false, linkBibliography: false, suppressBibliography: true, referenceSectionTitle: 'Works cited', citationLocation: 'document' });
    expect([...essay.bibliography.entries.keys()]).toEqual(['nbn', 'ding_metallic_2012', 'a']);
    const nbn = essay.bibliography.entries.get('nbn')!;
    expect(nbn).toMatchObject({ file: 'content/e/index.md', line: 24 });
    expect(nbn.entry).toMatchObject({ type: 'motion_picture', director: [{ family: 'Hitchcock', given: 'Alfred' }], issued: { 'date-parts': [[1959]] } });
    expect(essay.bibliography.entries.get('ding_metallic_2012')!.entry).toMatchObject({ issued: { 'date-parts': [[2012, 7]] }, DOI: '10.1038/lsa.2012.20' });
    expect(diagnostics.filter((d) => d.rule === 'frontmatter/ignored-field').map((d) => [d.line, d.message])).toEqual([
      [19, 'The Pandoc field "header-includes" is ignored by Apparatus.'],
      [20, 'The Pandoc field "documentclass" is ignored by Apparatus.'],
      [21, 'The Pandoc field "geometry" is ignored by Apparatus.'],
      [22, 'The Pandoc field "fontsize" is ignored by Apparatus.'],
    ]);
  });

  it('defaults the citation options to what Apparatus has always done', () => {
    const { essay } = load('title: T\ndate: 2026-01-01\nbibliography: refs.json', { 'content/e/refs.json': ENTRY_A });
    expect(essay?.citationOptions).toEqual({ linkCitations: true, linkBibliography: true, suppressBibliography: false, referenceSectionTitle: undefined, citationLocation: 'document' });
  });

  it('still refuses a typo of its own fields, with "did you mean"', () => {
    const { diagnostics } = load('title: T\ndate: 2026-01-01\nbibliograpy: refs.json\nautor: Me');
    expect(errors(diagnostics).map((d) => [d.rule, d.message, d.hint?.split(' Unknown')[0]])).toEqual([
      ['frontmatter/unknown-field', 'Unknown field "bibliograpy" in the essay frontmatter.', 'Did you mean bibliography?'],
      ['frontmatter/unknown-field', 'Unknown field "autor" in the essay frontmatter.', 'Did you mean author or authors?'],
    ]);
  });

  it('reads "authors" where the essay names its authors twice, as JOSS papers do, and says so', () => {
    const { essay, diagnostics } = load('title: T\ndate: 2026-01-01\nauthor: A\nauthors: [B]');
    expect(errors(diagnostics)).toEqual([]);
    expect(essay?.frontmatter.authors.map((a) => a.name)).toEqual(['B']);
    expect(diagnostics).toContainEqual(expect.objectContaining({ line: 4, severity: 'warning', rule: 'frontmatter/ignored-field', message: '"author" is ignored: the essay names its authors under "authors" too, which Apparatus reads.' }));
  });

  it('requires a date, and says why', () => {
    const { diagnostics } = load('title: T');
    expect(errors(diagnostics)).toEqual([
      expect.objectContaining({
        rule: 'frontmatter/missing-field',
        message: 'The essay frontmatter has no "date", which is required.',
        hint: 'Add a line "date: YYYY-MM-DD" with the date of publication. Pandoc, JOSS and pandoc-scholar let a paper go without one, but Apparatus lists, dates and cites every essay by it.',
      }),
    ]);
  });

  it('reads the dates Pandoc reads without ambiguity, and refuses the others', () => {
    expect(essayDate('2026-11-29')?.toISOString()).toBe('2026-11-29T00:00:00.000Z');
    expect(essayDate('29 November 2026')?.toISOString()).toBe('2026-11-29T00:00:00.000Z');
    expect(essayDate('Nov. 29, 2026')?.toISOString()).toBe('2026-11-29T00:00:00.000Z');
    expect(essayDate('April 02, 2018')?.toISOString()).toBe('2018-04-02T00:00:00.000Z');
    expect(essayDate('27th May 2026')?.toISOString()).toBe('2026-05-27T00:00:00.000Z');
    expect(essayDate('May 27th, 2026')?.toISOString()).toBe('2026-05-27T00:00:00.000Z');
    expect(essayDate('2026/05/27')?.toISOString()).toBe('2026-05-27T00:00:00.000Z');
    for (const text of ['03/04/2026', '29/11/2026', 'Août 2026', '\\today', '2026-02-30', 'November 2026', '2026/02/30']) expect(essayDate(text)).toBeUndefined();
    const { diagnostics } = load('title: T\ndate: Maio de 2017');
    expect(errors(diagnostics)[0]?.message).toBe('"date" in the essay frontmatter: "Maio de 2017" is not a date Apparatus can read: write it as YYYY-MM-DD.');
    expect(errors(load('title: T\ndate: "`r Sys.Date()`"').diagnostics)[0]?.message).toBe(
      '"date" in the essay frontmatter: "`r Sys.Date()`" is the date of each build, not of publication: write the date the essay was published, as YYYY-MM-DD.',
    );
  });

  it('reads nocite in every form Pandoc takes', () => {
    expect(nociteKeys('@a, @b')).toEqual(['a', 'b']);
    expect(nociteKeys('[@a; @b]')).toEqual(['a', 'b']);
    expect(nociteKeys('@*')).toEqual(['*']);
    expect(nociteKeys('[@*]')).toEqual(['*']);
    expect(nociteKeys(['@a', '[@b; @c.]'])).toEqual(['a', 'b', 'c']);
    expect(nociteKeys(['a', 'b'])).toEqual(['a', 'b']);
    expect(nociteKeys('a, b')).toEqual(['a', 'b']);
    expect(nociteKeys('@doe:2020/x, @{odd key}')).toEqual(['doe:2020/x', 'odd key']);
    const { essay } = load("title: T\ndate: 2026-01-01\nbibliography: refs.json\nnocite: '[@*]'", { 'content/e/refs.json': ENTRY_A });
    expect(essay?.nocite).toBe('all');
  });

  it('accepts a document that is only a reference list (frontmatter with nocite, no text)', () => {
    const root = project({ 'content/e/index.md': "---\ntitle: T\ndate: 2026-01-01\nbibliography: refs.json\nnocite: '@*'\n---\n", 'content/e/refs.json': ENTRY_A });
    expect(errors(loadSources(projectPaths(root), SITE, { includeDrafts: true }).diagnostics)).toEqual([]);
    const bare = project({ 'content/e/index.md': '---\ntitle: T\ndate: 2026-01-01\n---\n' });
    expect(errors(loadSources(projectPaths(bare), SITE, { includeDrafts: true }).diagnostics).map((d) => d.rule)).toEqual(['content/empty-essay']);
  });
});

describe('inline references', () => {
  it('warns of an entry without a type, reads it as Pandoc does, and names its line', () => {
    const { essay, diagnostics } = load(
      ['title: T', 'date: 2026-01-01', 'references:', '- id: a', '  title: A', '  author: John Doe', '  issued: 2008-03', '  publisher: P'].join('\n'),
    );
    expect(errors(diagnostics)).toEqual([]);
    expect(diagnostics.filter((d) => d.rule === 'bibliography/missing-type')).toEqual([
      {
        file: 'content/e/index.md',
        line: 5,
        severity: 'warning',
        rule: 'bibliography/missing-type',
        message: 'Entry "a" has no "type": it is read as Pandoc reads it, as a generic document (type "document").',
        hint: 'Add the type of the work (book, chapter, article-journal, webpage…): styles print each type differently.',
      },
    ]);
    // Pandoc reads a name written as one string as a literal name, and "2008-03" as year and month.
    expect(essay?.bibliography.entries.get('a')?.entry).toMatchObject({ type: 'document', author: [{ literal: 'John Doe' }], issued: { 'date-parts': [[2008, 3]] } });
  });

  it('names the line of a broken entry', () => {
    const { diagnostics } = load(['title: T', 'date: 2026-01-01', 'references:', '- id: a', '  type: bok', '  title: A', '- title: no id', '- just text'].join('\n'));
    expect(errors(diagnostics).map((d) => [d.line, d.rule, d.message])).toEqual([
      [8, 'bibliography/unreadable', 'Reference 2 in "references" has no "id".'],
      [9, 'bibliography/unreadable', 'Reference 3 in "references" is not an entry.'],
      [5, 'bibliography/invalid-type', 'Entry "a" has the type "bok", which CSL does not know.'],
    ]);
    expect(errors(diagnostics)[2]?.hint).toBe('Did you mean book?');
  });

  it('reports a duplicate id within the frontmatter at both lines, and takes the last, as Pandoc does', () => {
    const { essay, diagnostics } = load(['title: T', 'date: 2026-01-01', 'references:', '- id: a', '  type: book', '- id: a', '  type: article'].join('\n'));
    expect(diagnostics.filter((d) => d.rule === 'bibliography/duplicate-id')).toEqual([
      expect.objectContaining({ line: 7, severity: 'warning', message: expect.stringContaining('Duplicate bibliography id "a": it is also defined at content/e/index.md:5, as a different entry.') }),
    ]);
    expect(essay?.bibliography.entries.get('a')?.entry.type).toBe('article');
    expect(essay?.bibliography.duplicates?.get('a')?.identical).toBe(false);
  });

  it('replaces a file\'s entry of the same id, as Pandoc does, with a warning', () => {
    const { essay, diagnostics } = load(['title: T', 'date: 2026-01-01', 'bibliography: refs.json', 'references:', '- id: a', '  type: book', '  title: Inline'].join('\n'), {
      'bibliography/refs.json': ENTRY_A,
    });
    expect(essay?.bibliography.entries.get('a')?.entry.title).toBe('Inline');
    expect(diagnostics.find((d) => d.rule === 'bibliography/overridden-entry')).toEqual({
      file: 'content/e/index.md',
      line: 6,
      severity: 'warning',
      rule: 'bibliography/overridden-entry',
      message: 'Entry "a" of "references" replaces the entry of the same id at bibliography/refs.json:1.',
      hint: 'Pandoc does the same, so the essay prints the frontmatter\'s entry. Delete one of the two, or give one another id.',
    });
  });

  it('reads text fields as Pandoc\'s Markdown, as its CSL-JSON writer renders them', () => {
    // pandoc 2.17 -t csljson gives the same, except that it drops the nocase span (it keeps it when rendering).
    expect(pandocInlineMarkdown('It\'s a [Title]{.nocase} with **bold**, ^sup^, ~sub~, [sc]{.smallcaps}, snake_case_word and *it* ... --- end')).toBe(
      'It’s a <span class="nocase">Title</span> with <b>bold</b>, <sup>sup</sup>, <sub>sub</sub>, <span style="font-variant:small-caps;">sc</span>, snake_case_word and <i>it</i> … — end',
    );
    expect(pandocInlineMarkdown('The "quoted" -- title, 1\\*2')).toBe('The “quoted” – title, 1*2');
  });

  it('gives CSL-JSON entries without a type the same reading (for src/bibliography/bibliography.ts)', () => {
    const { entries, diagnostics } = withPandocDefaultType([
      { entry: { id: 'x' } as never, file: 'bibliography/b.json', line: 3 },
      { entry: { id: 'y', type: 'book' }, file: 'bibliography/b.json', line: 9 },
    ]);
    expect(entries.map((e) => e.entry.type)).toEqual(['document', 'book']);
    expect(diagnostics).toEqual([expect.objectContaining({ file: 'bibliography/b.json', line: 3, rule: 'bibliography/missing-type' })]);
  });
});

describe('bibliography and style files', () => {
  it('finds them in bibliography/ as before, and beside index.md as Pandoc does', () => {
    const { essay } = load('title: T\ndate: 2026-01-01\nbibliography: [shared.json, local.json]\ncsl: chicago-author-date', {
      'bibliography/shared.json': ENTRY_A,
      'content/e/local.json': '[]',
    });
    expect(essay?.bibliographyFiles.map((f) => f.split('/').slice(-2).join('/'))).toEqual(['bibliography/shared.json', 'e/local.json']);
    expect(essay?.style.name).toBe('chicago-author-date');
  });

  it('takes a style written as a path with .csl', () => {
    const { essay, diagnostics } = load('title: T\ndate: 2026-01-01\ncsl: apa.csl');
    expect(errors(diagnostics)).toEqual([]);
    expect(essay?.style.file.endsWith('bibliography/styles/apa.csl')).toBe(true);
  });

  it('keeps its "did you mean" for a missing file or style', () => {
    const { diagnostics } = load('title: T\ndate: 2026-01-01\nbibliography: ref.json\ncsl: chicago-author-dat.csl', { 'content/e/refs.json': ENTRY_A });
    expect(errors(diagnostics).map((d) => [d.rule, d.message, d.hint])).toEqual([
      ['bibliography/missing-file', 'The bibliography "ref.json" does not exist in bibliography/ or beside index.md.', 'Did you mean refs.json?'],
      ['style/missing', 'The CSL style "chicago-author-dat.csl" is not in bibliography/styles/ or beside index.md.', expect.stringMatching(/^Did you mean chicago-author-date\? Styles available: /)],
    ]);
  });

  it('says that a style named by its web address must be kept in the project', () => {
    const { diagnostics } = load('title: T\ndate: 2026-01-01\ncsl: "https://www.zotero.org/styles/apa.csl"');
    expect(errors(diagnostics)).toEqual([
      expect.objectContaining({
        rule: 'style/missing',
        message: 'The CSL style "https://www.zotero.org/styles/apa.csl" is a web address, and Apparatus builds offline.',
        hint: 'Write csl: apa, the copy kept in bibliography/styles/.',
      }),
    ]);
  });
});

describe('CSL locales', () => {
  const locales = join(ROOT, 'bibliography/locales');

  it('keeps every official locale', () => {
    for (const name of ['it-IT', 'pt-BR', 'ja-JP', 'ar', 'la', 'de-AT']) expect(resolveLocale(name, locales)?.name).toBe(name);
  });

  it('resolves a language to its primary dialect by the locales\' own data', () => {
    expect(resolveLocale('it', locales)?.name).toBe('it-IT');
    expect(resolveLocale('pt', locales)?.name).toBe('pt-PT');
    expect(resolveLocale('sv', locales)?.name).toBe('sv-SE');
    expect(resolveLocale('en-au', locales)).toMatchObject({ name: 'en-US', fallbackFrom: 'en-au' });
    expect(resolveLocale('xx', locales)).toBeUndefined();
  });

  it('loads lang: it-IT and lang: it, and warns when a region has no locale', () => {
    expect(load('title: T\ndate: 2026-01-01\nlang: it-IT').essay?.locale.name).toBe('it-IT');
    const { essay, diagnostics } = load('title: T\ndate: 2026-01-01\nlang: en-AU');
    expect(essay?.locale.name).toBe('en-US');
    expect(diagnostics).toEqual([
      expect.objectContaining({
        line: 4,
        severity: 'warning',
        rule: 'style/locale-fallback',
        message: 'There is no CSL locale for "en-AU": citations use en-US, the primary dialect of its language.',
        hint: 'Write lang: en-US to say so, or copy the official locales-en-AU.xml into bibliography/locales/.',
      }),
    ]);
  });

  it('names the locales kept when there is none for the language', () => {
    const { diagnostics } = load('title: T\ndate: 2026-01-01\nlang: xx');
    expect(errors(diagnostics)).toEqual([expect.objectContaining({ rule: 'style/missing-locale', message: 'There is no CSL locale for "xx" in bibliography/locales/.' })]);
  });
});

/** A diagnostic of the frontmatter as [line, severity, rule, message]. */
const brief = (d: Diagnostic) => [d.line, d.severity, d.rule, d.message];
const aboutFrontmatter = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.rule.startsWith('frontmatter/'));

describe('the frontmatter of three real papers (tests/fixtures/real-papers/)', () => {
  /** The paper's folder as content/e/, its index.md edited by `edit`. */
  function loadPaper(name: string, edit: (text: string) => string = (text) => text) {
    const root = project({});
    // The paper alone, without Pandoc's output and the notes on its source kept beside it.
    cpSync(join(ROOT, 'tests/fixtures/real-papers', name), join(root, 'content/e'), { recursive: true, filter: (source) => !/[\\/](pandoc\.html|pandoc\.stderr|SOURCE\.md)$/.test(source) });
    const index = join(root, 'content/e/index.md');
    writeFileSync(index, edit(readFileSync(index, 'utf8')));
    const loaded = loadSources(projectPaths(root), SITE, { includeDrafts: true });
    return { essay: loaded.essays[0], diagnostics: loaded.diagnostics };
  }

  it('JOSS (kmedoids): tags and output are ignored with a warning, affiliation: 1 is the affiliation\'s name', () => {
    const { essay, diagnostics } = loadPaper('kmedoids-joss');
    expect(aboutFrontmatter(diagnostics).map(brief)).toEqual([
      [3, 'warning', 'frontmatter/ignored-field', 'The JOSS field "tags" is ignored by Apparatus.'],
      [9, 'warning', 'frontmatter/ignored-field', 'The R Markdown field "output" is ignored by Apparatus.'],
    ]);
    expect(aboutFrontmatter(diagnostics)[0]?.hint).toBe('Apparatus\'s field for this is "keywords": write the value there too if the essay should show it. Keep the line for JOSS, or delete it.');
    expect(errors(diagnostics)).toEqual([]);
    const tu = 'TU Dortmund University, Informatik VIII, 44221 Dortmund, Germany';
    expect(essay?.frontmatter.authors).toEqual([
      { name: 'Erich Schubert', orcid: '0000-0001-9143-4880', affiliation: tu },
      { name: 'Lars Lenssen', orcid: '0000-0003-0037-0418', affiliation: tu },
    ]);
    expect(essay?.frontmatter.date.toISOString()).toBe('2022-01-25T00:00:00.000Z');
  });

  it('JOSS (numpydantic): affiliation: \'1, 2\' names both, and a date written "27 May 2026" is read', () => {
    const { essay, diagnostics } = loadPaper('numpydantic-joss');
    expect(aboutFrontmatter(diagnostics)).toEqual([]);
    expect(errors(diagnostics)).toEqual([]);
    const ucla = 'University of California, Los Angeles. Department of Neurology.';
    expect(essay?.frontmatter.authors).toEqual([
      { name: 'Jonny L. Saunders', orcid: '0000-0003-0545-5066', affiliation: `${ucla}; Peertech Global Cyberindustrial Concern LLC, LLC.` },
      { name: 'Daniel Aharoni', orcid: '0000-0003-4931-8514', affiliation: ucla },
    ]);
    expect(essay?.frontmatter.date.toISOString()).toBe('2026-05-27T00:00:00.000Z');
  });

  it('pandoc-scholar (PeerJ): authors as name → details, institutes by id; only the date is asked for', () => {
    const asWritten = loadPaper('pandoc-scholar-peerj');
    expect(errors(aboutFrontmatter(asWritten.diagnostics)).map(brief)).toEqual([[2, 'error', 'frontmatter/missing-field', 'The essay frontmatter has no "date", which is required.']]);
    // As the test of the real papers does, the date is added (pandoc-scholar asks for none).
    const { essay, diagnostics } = loadPaper('pandoc-scholar-peerj', (text) => text.replace('\nbibliography:', '\ndate: 2017-06-01\nbibliography:'));
    expect(aboutFrontmatter(diagnostics).map(brief)).toEqual([
      [9, 'warning', 'frontmatter/ignored-field', 'The author\'s field "author[1].fullname" is ignored by Apparatus.'],
      [10, 'warning', 'frontmatter/ignored-field', 'The author\'s field "author[1].email" is ignored by Apparatus.'],
    ]);
    expect(essay?.frontmatter.authors).toEqual([
      { name: 'Albert Krewinkel', affiliation: 'Pandoc Development Team', orcid: '0000-0002-9455-0796' },
      { name: 'Robert Winkler', affiliation: 'CINVESTAV Unidad Irapuato, Department of Biochemistry and Biotechnology', orcid: '0000-0001-6732-1958' },
    ]);
    expect(essay?.frontmatter.keywords).toEqual(['open science', 'document formats', 'markdown', 'latex', 'publishing', 'typesetting']);
  });
});

describe('fields Apparatus does not read', () => {
  it('are errors when they are a typo of one of its fields, with "did you mean"', () => {
    const { diagnostics } = load(['title: T', 'date: 2026-01-01', 'descripton: D', 'authros: [A]', 'bibliograpy: refs.json', 'cls: apa'].join('\n'));
    expect(errors(diagnostics).map((d) => [d.line, d.rule, d.message, d.hint])).toEqual([
      [4, 'frontmatter/unknown-field', 'Unknown field "descripton" in the essay frontmatter.', 'Did you mean description? Unknown fields are errors so that a typo is never silently ignored.'],
      [5, 'frontmatter/unknown-field', 'Unknown field "authros" in the essay frontmatter.', 'Did you mean authors or author? Unknown fields are errors so that a typo is never silently ignored.'],
      [6, 'frontmatter/unknown-field', 'Unknown field "bibliograpy" in the essay frontmatter.', 'Did you mean bibliography? Unknown fields are errors so that a typo is never silently ignored.'],
      [7, 'frontmatter/unknown-field', 'Unknown field "cls" in the essay frontmatter.', 'Did you mean csl? Unknown fields are errors so that a typo is never silently ignored.'],
    ]);
    expect(diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
  });

  it('reads a field written with other capitals, or spelled "licence", as the field it names, with a warning', () => {
    const { essay, diagnostics } = load(['Title: Capitals', 'Date: 2026-01-01', 'licence: CC-BY-4.0', 'title: Both'].join('\n'));
    expect(errors(diagnostics)).toEqual([]);
    expect(essay?.frontmatter.title).toBe('Both');
    expect(essay?.frontmatter.license).toBe('CC-BY-4.0');
    expect(diagnostics.map((d) => [d.line, d.rule, d.message])).toEqual([
      [2, 'frontmatter/ignored-field', '"Title" is ignored: "title" gives the same field.'],
      [3, 'frontmatter/field-capitals', '"Date" is read as "date", the field it names.'],
      [4, 'frontmatter/field-capitals', '"licence" is read as "license", the field it names.'],
    ]);
  });

  it('are accepted with a warning otherwise, named by their format when it is known', () => {
    const { essay, diagnostics } = load(
      ['title: T', 'date: 2026-01-01', 'css: style.css', 'titlepage: true', 'date-modified: 2026-02-01', 'language: fr', 'execute: {echo: false}', 'site: bookdown::bookdown_site', 'aas-doi: 10.3847/x'].join('\n'),
    );
    expect(errors(diagnostics)).toEqual([]);
    expect(essay?.lang).toBe('en-US');
    expect(diagnostics.map((d) => [d.line, d.rule, d.message, d.hint])).toEqual([
      [4, 'frontmatter/ignored-field', 'The Pandoc field "css" is ignored by Apparatus.', 'Apparatus lays out its pages itself, so Pandoc\'s template, LaTeX and EPUB variables change nothing here. Keep the line for Pandoc, or delete it.'],
      [5, 'frontmatter/ignored-field', 'The field "titlepage" is ignored by Apparatus.', 'It is none of the fields Apparatus reads. If you meant title, rename it. Keep the line if another tool (a Pandoc template or filter) reads it, or delete it.'],
      [6, 'frontmatter/ignored-field', 'The Quarto field "date-modified" is ignored by Apparatus.', 'Apparatus\'s field for this is "revised": write the value there too if the essay should show it. Keep the line for Quarto, or delete it.'],
      [7, 'frontmatter/ignored-field', 'The field "language" is ignored by Apparatus.', 'Apparatus\'s field for this is "lang": write the value there too if the essay should show it. Keep the line if another tool (a Pandoc template or filter) reads it, or delete it.'],
      [8, 'frontmatter/ignored-field', 'The Quarto field "execute" is ignored by Apparatus.', 'It steers Quarto\'s own output, which Apparatus does not make. Keep the line for Quarto, or delete it.'],
      [9, 'frontmatter/ignored-field', 'The R Markdown field "site" is ignored by Apparatus.', 'It steers R Markdown\'s own output, which Apparatus does not make. Keep the line for R Markdown, or delete it.'],
      [10, 'frontmatter/ignored-field', 'The JOSS field "aas-doi" is ignored by Apparatus.', 'It steers JOSS\'s own output, which Apparatus does not make. Keep the line for JOSS, or delete it.'],
    ]);
  });

  it('checks an author\'s fields the same way', () => {
    const { diagnostics } = load(['title: T', 'date: 2026-01-01', 'authors:', '  - name: A', '    affilation: U', '    email: a@example.org', '  - B:', '      institue: u'].join('\n'));
    expect(diagnostics.map((d) => [d.line, d.severity, d.rule, d.message, d.hint?.split(' Unknown')[0]])).toEqual([
      [7, 'warning', 'frontmatter/ignored-field', 'The author\'s field "authors[0].email" is ignored by Apparatus.', 'Apparatus shows an author\'s name, affiliation, orcid and url. Keep the line for the template or filter that reads it, or delete it.'],
      [9, 'error', 'frontmatter/unknown-field', 'Unknown field "authors[1].institue" in the essay frontmatter.', 'Did you mean institute?'],
      [6, 'error', 'frontmatter/unknown-field', 'Unknown field "authors[0].affilation" in the essay frontmatter.', 'Did you mean affiliation?'],
    ]);
  });
});

describe('authors as JOSS, pandoc-scholar and Quarto write them', () => {
  it('JOSS: affiliation indexes as a number, a string or a list; names in parts', () => {
    const { essay, diagnostics } = load(
      [
        'title: T', 'date: 2026-01-01', 'authors:',
        '  - name: A', '    affiliation: 2',
        '  - name: B', '    affiliation: "1,2"',
        '  - given-names: Ludwig', '    dropping-particle: van', '    surname: Beethoven', '    affiliation: [1]',
        '  - name: D', '    affiliation: Independent scholar',
        'affiliations:', '  - name: One', '    index: 1', '  - name: Two', '    index: 2', '    ror: 00hx57361',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(essay?.frontmatter.authors).toEqual([
      { name: 'A', affiliation: 'Two' },
      { name: 'B', affiliation: 'One; Two' },
      { name: 'Ludwig van Beethoven', affiliation: 'One' },
      { name: 'D', affiliation: 'Independent scholar' },
    ]);
  });

  it('JOSS: an index that names no affiliation is an error', () => {
    const { essay, diagnostics } = load(['title: T', 'date: 2026-01-01', 'authors:', '  - name: A', '    affiliation: "1, 3"', 'affiliations:', '  - name: One', '    index: 1'].join('\n'));
    expect(essay).toBeUndefined();
    expect(diagnostics.map((d) => [d.line, d.rule, d.message, d.hint])).toEqual([
      [6, 'frontmatter/invalid-field', '"authors[0].affiliation" in the essay frontmatter: no entry of "affiliations" has the index 3.', 'Use one of the indexes listed: 1.'],
    ]);
    const none = load(['title: T', 'date: 2026-01-01', 'authors:', '  - name: A', '    affiliation: 1'].join('\n'));
    expect(none.diagnostics.map((d) => [d.line, d.rule, d.message])).toEqual([
      [6, 'frontmatter/invalid-field', '"authors[0].affiliation" in the essay frontmatter: 1 is the index of an affiliation, as JOSS writes them, but the frontmatter has no "affiliations" list with indexes.'],
    ]);
  });

  it('pandoc-scholar: ids of institutes, a name as an institute, an author with no details, a mistyped id', () => {
    const { essay, diagnostics } = load(
      [
        'title: T', 'date: 2026-01-01', 'author:',
        '  - Ada Writer:', '      institute: [uni, lab]', '      email: ada@example.org', '      orcid: https://orcid.org/0000-0002-1825-0097',
        '  - Bo Reader:', '      institute: Independent scholar',
        '  - Cy Nobody:',
        '  - Di Typo:', '      institute: unii',
        'institute:', '  - uni: University of Somewhere', '  - lab:', '      name: The Laboratory', '      address: 1 Main Street',
      ].join('\n'),
    );
    expect(essay).toBeUndefined();
    expect(diagnostics.map(brief)).toEqual([
      [7, 'warning', 'frontmatter/ignored-field', 'The author\'s field "author[0].email" is ignored by Apparatus.'],
      [13, 'error', 'frontmatter/invalid-field', '"author[3].institute" in the essay frontmatter: "unii" is not the id of an institute.'],
    ]);
    expect(diagnostics[1]?.hint).toBe('Did you mean uni? The ids are those of the top-level "institute" list.');
    const fixed = load(
      ['title: T', 'date: 2026-01-01', 'author:', '  - Ada Writer:', '      institute: [uni, lab]', '      orcid: https://orcid.org/0000-0002-1825-0097', '  - Bo Reader:', '      institute: Independent scholar', '  - Cy Nobody:', 'institute:', '  - uni: University of Somewhere', '  - lab:', '      name: The Laboratory'].join('\n'),
    );
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.essay?.frontmatter.authors).toEqual([
      { name: 'Ada Writer', affiliation: 'University of Somewhere; The Laboratory', orcid: '0000-0002-1825-0097' },
      { name: 'Bo Reader', affiliation: 'Independent scholar' },
      { name: 'Cy Nobody' },
    ]);
  });

  it('pandoc-scholar: an error in an author\'s details is reported at its line', () => {
    const { diagnostics } = load(['title: T', 'date: 2026-01-01', 'author:', '  - Ada Writer:', '      orcid: "0000-0002-1825"'].join('\n'));
    expect(diagnostics.map((d) => [d.line, d.column, d.rule, d.message])).toEqual([
      [6, 7, 'frontmatter/invalid-field', '"author[0].orcid" in the essay frontmatter: An ORCID iD looks like 0000-0002-1825-0097.'],
    ]);
  });

  it('Quarto: a name in parts, affiliations by reference or in place; an unused affiliations list is reported', () => {
    const { essay, diagnostics } = load(
      [
        'title: T', 'date: 2026-01-01', 'author:',
        '  - name: {given: Ada, family: Writer}', '    affiliations:', '      - ref: u', '      - name: The Laboratory',
        'affiliations:', '  - id: u', '    name: University of Somewhere',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(essay?.frontmatter.authors).toEqual([{ name: 'Ada Writer', affiliation: 'University of Somewhere; The Laboratory' }]);
    const unused = load(['title: T', 'date: 2026-01-01', 'author: Ada Writer', 'affiliations:', '  - name: One', '    index: 1'].join('\n'));
    expect(unused.diagnostics.map((d) => [d.line, d.severity, d.message, d.hint])).toEqual([
      [5, 'warning', 'The JOSS field "affiliations" is ignored by Apparatus.', 'No author refers to it: give each author the indexes of its affiliations (JOSS: affiliation: 1) or their ids (pandoc-scholar: institute: id). Keep the line for JOSS, or delete it.'],
    ]);
  });
});
