/**
 * Real BibTeX (a dblp export, Zotero Better BibLaTeX exports, tests/fixtures/bibtex-real/) is
 * read by Apparatus as Pandoc 2.17 reads it: every field of every entry matches Pandoc's own
 * CSL-JSON reading (expected.json, made by make-expected.sh), but for the differences listed here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBibliography } from '../../src/bibliography/bibliography.ts';
import { ROOT } from '../support/project.ts';

const FIXTURE = join(ROOT, 'tests/fixtures/bibtex-real');
const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as Record<string, Record<string, unknown>[]>;

/**
 * Where Apparatus knowingly differs from Pandoc, and why. Anything else that differs fails.
 */
const KNOWN_DIFFERENCES: readonly { file: string; id: string; field: string; apparatus: unknown; why: string }[] = [
  {
    file: 'zotero-biblatex.bib',
    id: 'fixedkey',
    field: 'author',
    apparatus: [
      { family: 'Humboldt', given: 'Alexander', 'non-dropping-particle': 'von' },
      { family: 'Gooding', given: 'Cuba', suffix: 'Jr.' },
      { family: 'La Fontaine', given: 'Jean', 'non-dropping-particle': 'de' },
      { family: 'Wright', given: 'Georg Henrik Auto', 'non-dropping-particle': 'von' },
      { family: 'von Wright', given: 'Georg Henrik Explicit' },
    ],
    why: '"{von Wright}, Georg Henrik" braces the family name so that it stays whole, as BibTeX and BibLaTeX keep it; Pandoc splits "von" off anyway.',
  },
];

/** Pandoc's CSL-JSON writer does not print case protection, which Apparatus keeps for title-casing styles. */
const withoutNocase = (value: unknown): unknown =>
  typeof value === 'string'
    ? value.replace(/<span class="nocase">((?:(?!<span)[\s\S])*?)<\/span>/g, '$1')
    : Array.isArray(value)
      ? value.map(withoutNocase)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNocase(v)]))
        : value;

describe.each(['dblp.bib', 'zotero-biblatex.bib', 'biblatex-extended-names.bib'])('%s', (file) => {
  const text = readFileSync(join(FIXTURE, file), 'utf8');
  const ours = readBibliography([{ file, text }]);
  const pandoc = expected[file]!;

  it('has the entries Pandoc has, with no reading error', () => {
    expect([...ours.entries.keys()]).toEqual(pandoc.map((entry) => String(entry['id'])));
    expect(ours.diagnostics.filter((d) => d.rule === 'bibliography/unreadable')).toEqual([]);
  });

  it.each(pandoc.map((entry) => [String(entry['id']), entry] as const))('reads %s field by field as Pandoc does', (id, theirs) => {
    const entry = ours.entries.get(id)?.entry as Record<string, unknown> | undefined;
    expect(entry).toBeDefined();
    const fields = new Set([...Object.keys(theirs), ...Object.keys(entry ?? {})]);
    fields.delete('id');
    for (const field of fields) {
      const known = KNOWN_DIFFERENCES.find((d) => d.file === file && d.id === id && d.field === field);
      const mine = withoutNocase(entry?.[field]);
      if (known) expect(mine, `${id} ${field}`).toEqual(known.apparatus);
      else expect(mine, `${id} ${field}`).toEqual(theirs[field]);
    }
  });
});
