/**
 * Real BibTeX (tests/fixtures/bibtex-real/: papers' bibliographies, reference-manager exports,
 * biblatex's own examples) is read by Apparatus as `pandoc --citeproc` 2.17 reads it: for an English
 * and for a German essay, every field of every entry matches Pandoc's own reading (expected.json,
 * made by make-expected.sh), but for the differences listed here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBibliography } from '../../src/bibliography/bibliography.ts';
import { ROOT } from '../support/project.ts';

const FIXTURE = join(ROOT, 'tests/fixtures/bibtex-real');
const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as { readings: Record<string, Record<string, Record<string, unknown>[]>> };
const FILES = readdirSync(FIXTURE).filter((name) => name.endsWith('.bib')).sort();

const DROPPED_SYMBOL =
  'Pandoc 2.17 does not know LaTeX\'s text symbol commands (\\textendash, \\textemdash, \\textregistered, \\textquotesingle…): it keeps them as raw LaTeX, which prints nothing ("Publicationthe Situation"), and takes a braced group after one as its argument, dropping it too. Apparatus prints the character.';

/**
 * Where Apparatus knowingly differs from Pandoc, and why, in both readings. Either the value
 * Apparatus has, or the characters Pandoc drops (Apparatus's value without them is Pandoc's).
 * Anything else that differs fails.
 */
const KNOWN_DIFFERENCES: readonly ({ file: string; lang?: string; id: string; field: string; why: string } & ({ apparatus: unknown } | { dropped: readonly string[] }))[] = [
  {
    file: 'mynarz-dissertation.bib',
    id: 'Archer2013',
    field: 'genre',
    apparatus: 'W3C Working Group Note',
    why: 'Pandoc prints the `type` field as written, braces and all ("{W3C} Working Group Note"); Apparatus reads its LaTeX.',
  },
  {
    file: 'mynarz-dissertation.bib',
    id: 'Beckett2014',
    field: 'genre',
    apparatus: 'W3C Recommendation',
    why: 'Pandoc prints the `type` field as written, braces and all ("{W3C} Recommendation"); Apparatus reads its LaTeX.',
  },
  { file: 'agile-markdown.bib', id: 'solomon_article_2016', field: 'title', dropped: ['—'], why: DROPPED_SYMBOL },
  { file: 'agile-markdown.bib', id: 'willinsky_unacknowledged_2005', field: 'abstract', dropped: ['—', '–'], why: DROPPED_SYMBOL },
  { file: 'agile-markdown.bib', id: 'butler_alamos_2001', field: 'abstract', dropped: ['—'], why: DROPPED_SYMBOL },
  {
    file: 'kooplearn-joss.bib',
    id: 'pytorch',
    field: 'editor',
    apparatus: [
      { family: 'Wallach', given: 'H.' },
      { family: 'Larochelle', given: 'H.' },
      { family: 'Beygelzimer', given: 'A.' },
      { family: "d'Alché-Buc", given: 'F.' },
      { family: 'Fox', given: 'E.' },
      { family: 'Garnett', given: 'R.' },
    ],
    why: DROPPED_SYMBOL,
  },
  { file: 'linfa-joss.bib', id: 'wainwright2008graphical', field: 'container-title', apparatus: 'Foundations and Trends® in Machine Learning', why: DROPPED_SYMBOL },
  { file: 'vuorre-heterogeneity.bib', id: 'anvariUsingAnchorbasedMethods2021', field: 'abstract', dropped: ['—', '–'], why: DROPPED_SYMBOL },
  { file: 'vuorre-heterogeneity.bib', id: 'gelmanBayesianDataAnalysis2013', field: 'abstract', dropped: ['—', '–'], why: DROPPED_SYMBOL },
  { file: 'vuorre-heterogeneity.bib', id: 'ravenzwaaijSimpleIntroductionMarkov2016', field: 'abstract', dropped: ['—', '–'], why: DROPPED_SYMBOL },
  { file: 'vuorre-heterogeneity.bib', id: 'ravenzwaaijSimpleIntroductionMarkov2016', field: 'keyword', dropped: ['–'], why: DROPPED_SYMBOL },
  {
    file: 'vuorre-heterogeneity.bib',
    lang: 'en-US',
    id: 'ravenzwaaijSimpleIntroductionMarkov2016',
    field: 'title',
    apparatus: 'A simple introduction to Markov Chain Monte–Carlo sampling',
    why: `${DROPPED_SYMBOL} Here "{{Markov Chain Monte}}\\textendash{{Carlo}}": Pandoc reads "Markov Chain Monte sampling".`,
  },
  {
    file: 'vuorre-heterogeneity.bib',
    lang: 'de-DE',
    id: 'ravenzwaaijSimpleIntroductionMarkov2016',
    field: 'title',
    apparatus: 'A Simple Introduction to Markov Chain Monte–Carlo Sampling',
    why: `${DROPPED_SYMBOL} Here "{{Markov Chain Monte}}\\textendash{{Carlo}}": Pandoc reads "Markov Chain Monte Sampling".`,
  },
  { file: 'vuorre-heterogeneity.bib', id: 'vuorreThreeObjectionsNovel2022', field: 'abstract', dropped: ['—', '–'], why: DROPPED_SYMBOL },
  { file: 'vuorre-heterogeneity.bib', id: 'beck2022', field: 'title', dropped: ['–'], why: DROPPED_SYMBOL },
  {
    file: 'zotero-notes.bib',
    id: 'Torre2008',
    field: 'note',
    apparatus: 'note 1 note 2',
    why: 'Pandoc joins the paragraphs of a field (Zotero exports each note as one, with \\par) with nothing between them: "note 1note 2".',
  },
];

/** Pandoc leaves @misc and types it does not know without a CSL type; Apparatus gives them `document`, as it does CSL-JSON entries without one. */
const withDocumentType = (entry: Record<string, unknown>) => (entry['type'] === '' ? { ...entry, type: 'document' } : entry);

describe.each(Object.keys(expected.readings).sort())('read for an essay in %s', (lang) => {
  describe.each(FILES)('%s', (file) => {
    const text = readFileSync(join(FIXTURE, file), 'utf8');
    const ours = readBibliography([{ file, text }], { lang });
    const all = expected.readings[lang]![file]!;
    // Pandoc's citeproc keeps the last of two entries with one key, where the first one stood.
    const pandoc = new Map<string, Record<string, unknown>>();
    for (const entry of all) pandoc.set(String(entry['id']), withDocumentType(entry));

    it('has the entries Pandoc has, with no reading error', () => {
      expect([...ours.entries.keys()]).toEqual([...pandoc.keys()]);
      expect(ours.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });

    it.each([...pandoc])('reads %s field by field as Pandoc does', (id, theirs) => {
      const entry = ours.entries.get(id)?.entry as Record<string, unknown> | undefined;
      expect(entry).toBeDefined();
      const fields = new Set([...Object.keys(theirs), ...Object.keys(entry ?? {})]);
      for (const field of fields) {
        const known = KNOWN_DIFFERENCES.find((d) => d.file === file && (d.lang ?? lang) === lang && d.id === id && d.field === field);
        const mine = entry?.[field];
        if (known && 'apparatus' in known) expect(mine, `${id} ${field}`).toEqual(known.apparatus);
        else if (known) {
          expect(known.dropped.reduce((text, c) => text.split(c).join(''), String(mine)), `${id} ${field}`).toEqual(theirs[field]);
          expect(mine, `${id} ${field}: the difference is still there`).not.toEqual(theirs[field]);
        } else expect(mine, `${id} ${field}`).toEqual(theirs[field]);
      }
    });
  });
});

describe('the corpus', () => {
  it('lists no known difference that no entry has', () => {
    for (const known of KNOWN_DIFFERENCES) {
      const entry = expected.readings['en-US']![known.file]?.find((e) => e['id'] === known.id);
      expect(entry, `${known.file} ${known.id}`).toBeDefined();
    }
  });

  it('holds a duplicate key, kept as Pandoc keeps it (the last), with a warning at both places', () => {
    const text = readFileSync(join(FIXTURE, 'kooplearn-joss.bib'), 'utf8');
    const read = readBibliography([{ file: 'kooplearn-joss.bib', text }]);
    const duplicate = read.duplicates?.get('dlkoopman');
    expect(duplicate).toMatchObject({ kept: { line: 253 }, others: [{ line: 244 }], identical: false });
    expect(read.entries.get('dlkoopman')?.entry['container-title']).toBe('Proceedings of the 5th annual learning for dynamics and control conference');
    expect(read.diagnostics.filter((d) => d.rule === 'bibliography/duplicate-id')).toEqual([
      expect.objectContaining({ file: 'kooplearn-joss.bib', line: 253, severity: 'warning', message: expect.stringContaining('also defined at kooplearn-joss.bib:244, as a different entry') }),
    ]);
  });

  it('reads English titles as written for a German essay, and German ones in sentence case only for an English one', () => {
    const entry = (file: string, id: string, lang: string) => expected.readings[lang]![file]!.find((e) => e['id'] === id)!;
    // The same .bib, two readings: Pandoc's, which the tests above hold Apparatus to.
    expect(entry('heiss-silent-skywalk.bib', 'rproject-4-4-2', 'en-US')['title']).toBe('R: A language and environment for statistical computing');
    expect(entry('heiss-silent-skywalk.bib', 'rproject-4-4-2', 'de-DE')['title']).toBe('R: A Language and Environment for Statistical Computing');
    expect(entry('quadriga-oer-de.bib', 'neuroth2025', 'en-US')['title']).toBe('Das QUADRIGA-Datenkompetenzframework als Basis für die Entwicklung von Lehr- und Lernressourcen');
    expect(entry('quadriga-oer-de.bib', 'neuroth2025', 'de-DE')['title']).toBe('Das QUADRIGA-Datenkompetenzframework Als Basis Für Die Entwicklung von Lehr- Und Lernressourcen');
  });
});
