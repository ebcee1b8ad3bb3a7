import { describe, expect, it } from 'vitest';
import { readBibliography } from '../../src/lib/bibliography.ts';

const book = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'book',
  title: `Title of ${id}`,
  author: [{ family: 'Doe', given: 'Jane' }],
  issued: { 'date-parts': [[2001]] },
  publisher: 'Press',
  ...extra,
});
const json = (entries: unknown[]) => JSON.stringify(entries, null, 2);

describe('readBibliography', () => {
  it('reads CSL-JSON entries with the line each is defined on', () => {
    const bib = readBibliography([{ file: 'bibliography/a.json', text: json([book('a'), book('b')]) }]);
    expect([...bib.entries.keys()]).toEqual(['a', 'b']);
    expect(bib.entries.get('b')?.line).toBe(22);
    expect(bib.diagnostics).toEqual([]);
  });

  it('stops on a duplicate id and names both entries', () => {
    const bib = readBibliography([
      { file: 'bibliography/a.json', text: json([book('a')]) },
      { file: 'bibliography/b.json', text: json([book('x'), book('a')]) },
    ]);
    const duplicate = bib.diagnostics.find((d) => d.rule === 'bibliography/duplicate-id');
    expect(duplicate).toMatchObject({ file: 'bibliography/b.json', line: 22, severity: 'error' });
    expect(duplicate?.message).toContain('also defined at bibliography/a.json:3');
  });

  it('warns of what the common styles print for the type and the entry lacks', () => {
    const bib = readBibliography([{ file: 'bibliography/a.json', text: json([book('a', { publisher: undefined }), book('c', { type: 'chapter', 'container-title': 'Edited volume' })]) }]);
    expect(bib.diagnostics.map((d) => [d.rule, d.severity, d.message])).toEqual([
      ['bibliography/incomplete-entry', 'warning', 'Entry "a" has no publisher: styles will print it incompletely.'],
    ]);
  });

  it('reports malformed JSON with its line and column', () => {
    const bib = readBibliography([{ file: 'bibliography/bad.json', text: '[\n  { "id": "a",\n    "type": "book"\n  \n]' }]);
    expect(bib.entries.size).toBe(0);
    const [error] = bib.diagnostics;
    expect(error).toMatchObject({ file: 'bibliography/bad.json', line: 5, rule: 'bibliography/unreadable', severity: 'error' });
    expect(error?.message).toMatch(/not valid JSON/);
  });

  it('rejects JSON that is not a list of entries, and entries without an id', () => {
    expect(readBibliography([{ file: 'b.json', text: '{"id": "a"}' }]).diagnostics[0]?.message).toMatch(/not an array/);
    expect(readBibliography([{ file: 'b.json', text: json([{ type: 'book' }]) }]).diagnostics[0]?.message).toMatch(/Entry 1 .* no "id"/);
  });

  it('rejects an unknown CSL type with a suggestion, and warns about incomplete entries', () => {
    const bib = readBibliography([{ file: 'b.json', text: json([book('a', { type: 'boook' }), { id: 'b', type: 'book' }]) }]);
    expect(bib.diagnostics.find((d) => d.rule === 'bibliography/invalid-type')?.hint).toBe('Did you mean book?');
    const incomplete = bib.diagnostics.find((d) => d.rule === 'bibliography/incomplete-entry');
    expect(incomplete).toMatchObject({ severity: 'warning' });
    expect(incomplete?.message).toContain('"b" has no title, no author (or editor), no issued (date)');
  });

  it('reads BibTeX, decoding LaTeX, with each entry\'s line', () => {
    const text = '@book{naughton2007,\n  author = {Naughton, Barry},\n  title = {The {Chinese} Economy},\n  publisher = {MIT Press},\n  year = {2007}\n}\n\n@article{l,\n  author = {L{\\"u}thi, Lorenz},\n  title = {T},\n  journal = {J},\n  year = 2010\n}\n';
    const bib = readBibliography([{ file: 'b.bib', text }]);
    expect([...bib.entries.keys()]).toEqual(['naughton2007', 'l']);
    expect(bib.entries.get('l')?.line).toBe(8);
    expect(bib.entries.get('l')?.entry.author?.[0]?.family).toBe('Lüthi');
    expect(bib.entries.get('naughton2007')?.entry.type).toBe('book');
  });

  it('brings BibTeX titles to sentence case as Pandoc does, keeping {Protected} words', () => {
    const text = '@article{l,\n  title = {Sino-{Soviet} Relations: A Survey of {T}he Mao Years in {USA} and iPhone Studies},\n  journal = {Journal of Cold War Studies},\n  year = 2010\n}\n';
    const entry = readBibliography([{ file: 'b.bib', text }]).entries.get('l')?.entry;
    // pandoc --citeproc (2.17) prints this title, in APA, as the same sentence.
    expect(entry?.title?.replace(/<[^>]+>/g, '')).toBe('Sino-Soviet relations: A survey of The mao years in USA and iPhone studies');
    expect(entry?.['container-title']).toBe('Journal of Cold War Studies');
  });
});

describe('a BibTeX file that cannot be read', () => {
  it('is reported with its line and column, without citation-js\'s code frame', () => {
    const bib = readBibliography([{ file: 'bad.bib', text: '@book{a,\n  title = {A},\n  year = 2001\n}\n@book{b, title={B}' }]);
    const [error] = bib.diagnostics;
    expect(error).toMatchObject({ file: 'bad.bib', rule: 'bibliography/unreadable', severity: 'error' });
    expect(error?.line).toBeGreaterThan(0);
    expect(error?.message).not.toContain('\n');
  });
});
