import { describe, expect, it } from 'vitest';
import type { CslEntry } from '../../src/bibliography/csl.ts';
import type { CheckedEssay } from '../../src/checks/checked-site.ts';
import { brokenLinks, duplicateWorks, idsInHtml, uncitedEntries, workSignature } from '../../src/checks/site-checks.ts';

const work = (id: string, extra: Partial<CslEntry> = {}): CslEntry => ({
  id,
  type: 'book',
  title: 'Tides: A History',
  author: [{ family: 'Roe', given: 'Ada' }],
  issued: { 'date-parts': [[2019]] },
  ...extra,
});

/** Only what the site checks read of an essay. */
function essay(slug: string, entries: CslEntry[], cited: string[], extra: Partial<CheckedEssay> = {}): CheckedEssay {
  return {
    slug,
    nocite: [],
    bibliography: { entries: new Map(entries.map((entry, i) => [entry.id, { entry, file: 'bibliography/shared.json', line: 3 + i * 10 }])), diagnostics: [] },
    citations: cited.map((key, i) => ({ key, file: `content/${slug}/01.md`, line: 5 + i, column: 3 })),
    links: [],
    ...extra,
  } as unknown as CheckedEssay;
}

describe('uncitedEntries', () => {
  it('warns once of an entry of a shared file that no essay cites or lists in nocite', () => {
    const entries = [work('a'), work('b', { title: 'B' }), work('c', { title: 'C' }), work('d', { title: 'D' })];
    const diagnostics = uncitedEntries([essay('one', entries, ['a']), essay('two', entries, ['b'], { nocite: ['c'] })]);
    expect(diagnostics.map((d) => [d.rule, d.severity, d.file, d.line, d.message])).toEqual([
      ['bibliography/uncited', 'warning', 'bibliography/shared.json', 33, 'Entry "d" is cited by no essay.'],
    ]);
  });
});

describe('duplicateWorks', () => {
  it('knows one work by its DOI, however written, or by authors, year and title', () => {
    expect(workSignature(work('a', { DOI: 'https://doi.org/10.1/X' }))).toBe(workSignature(work('b', { DOI: '10.1/x', title: 'Other' })));
    expect(workSignature(work('a'))).toBe(workSignature(work('b', { title: 'Tides — a history' })));
    expect(workSignature(work('a'))).not.toBe(workSignature(work('b', { issued: { 'date-parts': [[2020]] } })));
  });

  it('is an error where an essay cites one work under two keys, at the second key', () => {
    const [d] = duplicateWorks([essay('one', [work('roe2019'), work('roe-again')], ['roe2019', 'roe-again'])]);
    expect(d).toMatchObject({ rule: 'citation/same-work-two-keys', severity: 'error', file: 'content/one/01.md', line: 6 });
    expect(d?.message).toBe('@roe2019 and @roe-again are one work, with the same authors, year and title; the essay cites it under both keys.');
  });

  it('is a warning on the entry when the duplicate is not cited twice', () => {
    const [d] = duplicateWorks([essay('one', [work('roe2019'), work('roe-again')], ['roe2019'])]);
    expect(d).toMatchObject({ rule: 'bibliography/duplicate-work', severity: 'warning', file: 'bibliography/shared.json', line: 13 });
  });
});

describe('brokenLinks', () => {
  const link = (url: string) => ({ url, file: 'content/one/01.md', line: 4, column: 9 });
  const targets = {
    essays: new Map([
      ['one', new Set(['politics', 'politics-p2', 'fn-a', 'citation--x--1'])],
      ['two', new Set(['intro'])],
    ]),
    pages: new Set(['search/', 'works-cited/']),
    hasFile: (path: string) => path === 'files/map.pdf',
  };
  const check = (...urls: string[]) => brokenLinks([essay('one', [], [], { links: urls.map(link) })], targets);

  it('accepts anchors, other essays, other pages and public files, relative or absolute', () => {
    expect(check('#politics', '#politics-p2', '/two/', '/two/#intro', '../two/#intro', '/search/', '/works-cited/', '/', '/files/map.pdf', '/one/#fn-a')).toEqual([]);
  });

  it('names a missing anchor, with the closest id', () => {
    const [d] = check('#politcs');
    expect(d).toMatchObject({ rule: 'link/missing-anchor', file: 'content/one/01.md', line: 4, column: 9, hint: 'Did you mean politics?' });
    expect(check('/two/#outro')[0]?.message).toBe('The link "/two/#outro" leads nowhere: the essay "two" has no element with the id "outro".');
  });

  it('names a link to no page, with the closest essay', () => {
    const [d] = check('/tow/');
    expect(d).toMatchObject({ rule: 'link/broken', hint: 'Did you mean two?' });
  });

  it('reads ids from HTML, entities decoded', () => {
    expect([...idsInHtml('<p id="a&amp;b"></p><div data-id="no" id="c"></div>')]).toEqual(['a&b', 'c']);
  });
});
