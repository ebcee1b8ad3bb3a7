import { describe, expect, it } from 'vitest';
import { readBibliography } from '../../src/bibliography/bibliography.ts';

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

  it('warns of a duplicate id, naming both places, and uses the last definition, as Pandoc does', () => {
    const bib = readBibliography([
      { file: 'bibliography/a.json', text: json([book('a')]) },
      { file: 'bibliography/b.json', text: json([book('x'), book('a', { title: 'The other one' })]) },
    ]);
    const duplicate = bib.diagnostics.find((d) => d.rule === 'bibliography/duplicate-id');
    expect(duplicate).toMatchObject({ file: 'bibliography/b.json', line: 22, severity: 'warning' });
    expect(duplicate?.message).toContain('also defined at bibliography/a.json:3, as a different entry');
    expect(bib.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // pandoc --citeproc 2.17 prints the last definition, of a CSL-JSON or a BibTeX file, or across files.
    expect(bib.entries.get('a')).toMatchObject({ file: 'bibliography/b.json', line: 22, entry: { title: 'The other one' } });
    expect([...bib.entries.keys()]).toEqual(['a', 'x']);
    expect(bib.duplicates?.get('a')).toMatchObject({ kept: { file: 'bibliography/b.json', line: 22 }, others: [{ file: 'bibliography/a.json', line: 3 }], identical: false });
    expect(bib.duplicates?.has('x')).toBe(false);
  });

  it('records whether the definitions of a duplicate id read the same, in BibTeX as in CSL-JSON', () => {
    const bibtex = '@book{a, title = {Same}, year = 2001, publisher = {P}}\n@book{b, title = {B}, year = 2001, publisher = {P}}\n@book{a,\n  title = {Same},\n  year = {2001},\n  publisher = {P},\n}\n';
    const bib = readBibliography([{ file: 'refs.bib', text: bibtex }, { file: 'more.bib', text: '@book{b, title = {Other}, year = 2001, publisher = {P}}\n' }]);
    expect(bib.duplicates?.get('a')).toMatchObject({ kept: { file: 'refs.bib', line: 3 }, others: [{ line: 1 }], identical: true });
    expect(bib.duplicates?.get('b')).toMatchObject({ kept: { file: 'more.bib', line: 1 }, others: [{ file: 'refs.bib', line: 2 }], identical: false });
    expect(bib.entries.get('b')?.entry.title).toBe('Other');
    expect(bib.diagnostics.filter((d) => d.rule === 'bibliography/duplicate-id').map((d) => [d.file, d.line, d.severity, d.message])).toEqual([
      ['refs.bib', 3, 'warning', 'Duplicate bibliography id "a": it is also defined at refs.bib:1, as the same entry. As in Pandoc, the last definition is used.'],
      ['more.bib', 1, 'warning', 'Duplicate bibliography id "b": it is also defined at refs.bib:2, as a different entry. As in Pandoc, the last definition is used.'],
    ]);
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

describe('BibTeX, read as pandoc --citeproc 2.17 reads it', () => {
  const read = (text: string) => readBibliography([{ file: 'b.bib', text }]).entries;
  const plain = (html: unknown) => String(html).replace(/<span class="nocase">(.*?)<\/span>/g, '$1');

  it('leaves the titles of entries in other languages as written (langid, hyphenation)', () => {
    const entries = read('@book{f, title = {Histoire du Bouddhisme en Chine}, langid = {french}, year = 2015}\n@book{g, title = {Die Gesellschaft der Singularitäten}, hyphenation = {ngerman}, year = 2017}\n@book{e, title = {The Silent Language}, langid = {english}, year = 1990}\n');
    expect(entries.get('f')?.entry).toMatchObject({ title: 'Histoire du Bouddhisme en Chine', language: 'fr-FR' });
    expect(entries.get('g')?.entry).toMatchObject({ title: 'Die Gesellschaft der Singularitäten', language: 'de-DE' });
    expect(entries.get('e')?.entry).toMatchObject({ title: 'The silent language', language: 'en-US' });
  });

  it('lowercases both halves of a hyphenated compound, but capitalises after a colon', () => {
    const entries = read('@inproceedings{c, title = {Conflict-Driven Clause Learning: a Time-Stamped Stack Now}, booktitle = {Proc. of the Conference. Proceedings}, year = 2015}\n');
    expect(entries.get('c')?.entry).toMatchObject({ title: 'Conflict-driven clause learning: A time-stamped stack now', 'container-title': 'Proc. Of the conference. proceedings' });
  });

  it('decodes LaTeX quotes, dashes, accents, escapes, emphasis and URLs', () => {
    const title = '``Quoted Words\'\' and `Single Ones\' in {\\em Emph Title} and \\emph{More Text} --- Dash -- En \\& Co~Ltd {\\"o}ber \\url{http://x.org/A}';
    const entry = read(`@article{b, title = {${title}}, journal = {J}, year = 2000}\n`).get('b')?.entry;
    expect(plain(entry?.title)).toBe('“Quoted words” and “single ones” in <i>Emph Title</i> and <i>more text</i> — dash – en & co\u00a0ltd öber http://x.org/a');
    expect(entry?.['title-short']).toBeUndefined();
  });

  it('reads publisher, place, series, number, edition, note, month and @string as Pandoc does', () => {
    const text = '@string{pub = {Press}}\n@misc{m, title = {Some Misc}, howpublished = {Online Resource}, organization = {Org}, publisher = pub # { Ltd}, address = {Addr}, location = {Loc}, series = {Big Series}, number = {5}, edition = {2nd}, note = {A Note}, year = 2000, month = jan}\n';
    expect(read(text).get('m')?.entry).toMatchObject({
      title: 'Some misc',
      publisher: 'Org; Online Resource; Press Ltd',
      'publisher-place': 'Addr',
      'collection-title': 'Big series',
      number: '5',
      edition: '2nd',
      note: 'A Note',
      issued: { 'date-parts': [[2000, 1]] },
    });
  });

  it('reads the extended name format with its per-name useprefix, as Pandoc does', () => {
    const entries = read(
      "@online{p, author = {family=Rossum, given=Guido, prefix=van, useprefix=true and Lehtosalo, Jukka and family=Hoen, given=Peter A. C., prefix='t, useprefix=true and family=Gogh, given=Vincent, prefix=van}, title = {T}, date = {2014}}\n" +
        '@book{o, author = {family=Gogh, given=Vincent, prefix=van and useprefix=true, prefix=van, family=Dyck, given=Anthony and given=A, given=B, given-i=A, family=Smith}, options = {useprefix=true}, title = {T}, year = 2019}\n',
    );
    expect(entries.get('p')?.entry.author).toEqual([
      { family: 'Rossum', given: 'Guido', 'non-dropping-particle': 'van' },
      { family: 'Lehtosalo', given: 'Jukka' },
      { family: 'Hoen', given: 'Peter A. C.', 'non-dropping-particle': '’t' },
      { family: 'Gogh', given: 'Vincent', 'dropping-particle': 'van' },
    ]);
    // The entry's options do not count for an extended name; useprefix=true only after prefix=.
    expect(entries.get('o')?.entry.author).toEqual([
      { family: 'Gogh', given: 'Vincent', 'dropping-particle': 'van' },
      { family: 'Dyck', given: 'Anthony', 'dropping-particle': 'van' },
      { family: 'Smith', given: 'A B' },
    ]);
  });

  it('makes a braced author a literal name, apostrophes typographic, and "von" dropping unless useprefix', () => {
    const entries = read("@book{w, author = {{World Bank} and O'Hearn, Peter and van Gogh, Vincent}, title = {T}, year = 2019}\n@book{u, author = {van Gogh, Vincent}, options = {useprefix=true}, title = {T}, year = 2019}\n");
    expect(entries.get('w')?.entry.author).toEqual([{ literal: 'World Bank' }, { family: 'O’Hearn', given: 'Peter' }, { family: 'Gogh', given: 'Vincent', 'dropping-particle': 'van' }]);
    expect(entries.get('u')?.entry.author).toEqual([{ family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van' }]);
  });

  it('resolves crossref and makes an arXiv eprint a URL', () => {
    const entries = read('@inproceedings{p, author = {A, B}, title = {Paper}, crossref = {proc}, eprint = {1234.5678}, eprinttype = {arxiv}}\n@proceedings{proc, title = {The Big Proceedings}, publisher = {Pub}, year = 2001, editor = {E, F}}\n');
    expect(entries.get('p')?.entry).toMatchObject({ 'container-title': 'The big proceedings', publisher: 'Pub', URL: 'https://arxiv.org/abs/1234.5678', issued: { 'date-parts': [[2001]] } });
  });

  it('keeps braced words protected for styles that title-case', () => {
    const entry = read('@article{p, title = {On {the} Origin of {iPhone} and {USA}}, journal = {J}, year = 2000}\n').get('p')?.entry;
    expect(entry?.title).toBe('On <span class="nocase">the</span> origin of <span class="nocase">iPhone</span> and USA');
    expect(plain(entry?.title)).toBe('On the origin of iPhone and USA');
  });
});

describe('an address in BibTeX', () => {
  it('loses the escapes LaTeX needs in it, as Pandoc reads \\url', () => {
    const { entries } = readBibliography([{ file: 'u.bib', text: '@misc{x, title={T}, howpublished = {\\url{http://e.org/a\\_b.aspx\\#downloads?q=1\\&r=50\\%}}, year=2009}\n' }]);
    expect(entries.get('x')?.entry['publisher']).toBe('http://e.org/a_b.aspx#downloads?q=1&r=50%');
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

describe('BibTeX names, types and fields, as pandoc --citeproc 2.17 reads them', () => {
  const read = (text: string, lang = 'en-US') => readBibliography([{ file: 'b.bib', text }], { lang }).entries;

  it('keeps a particle in the middle of a family name, and spaces initials written together', () => {
    const entries = read('@article{n, author = {de la Fuente Ruiz, Ana and Brito da Cunha, Rui and R.A. Fisher and Nagy B and Ferreira de Oliveira, M.C. and al-Khwarizmi, M. and others}, title = {T}, journal = {J}, year = 2001}\n');
    expect(entries.get('n')?.entry.author).toEqual([
      { family: 'Fuente Ruiz', given: 'Ana', 'dropping-particle': 'de la' },
      { family: 'Brito da Cunha', given: 'Rui' },
      { family: 'Fisher', given: 'R. A.' },
      { family: 'B', given: 'Nagy' },
      { family: 'Ferreira de Oliveira', given: 'M. C.' },
      { family: 'al-Khwarizmi', given: 'M.' },
      { literal: 'others' },
    ]);
  });

  it('reads @software as a book that keeps its version and type, @manual with its organization as publisher', () => {
    const entries = read(
      '@software{s, author = {{NumPy Developers}}, title = {NumType: Experimental Typing Stubs for NumPy}, version = {2.2.6.0}, type = {Computer software}, date = {2025-05-18}, publisher = {GitHub}}\n' +
        '@manual{R, title = {R: A Language and Environment for Statistical Computing}, author = {{R Core Team}}, organization = {R Foundation for Statistical Computing}, address = {Vienna, Austria}, year = {2016}, url = {https://www.R-project.org/}}\n',
    );
    expect(entries.get('s')?.entry).toMatchObject({ type: 'book', version: '2.2.6.0', genre: 'Computer software', publisher: 'GitHub', issued: { 'date-parts': [[2025, 5, 18]] } });
    expect(entries.get('R')?.entry).toMatchObject({
      type: 'book',
      title: 'R: A language and environment for statistical computing',
      author: [{ literal: 'R Core Team' }],
      publisher: 'R Foundation for Statistical Computing',
      'publisher-place': 'Vienna, Austria',
      URL: 'https://www.R-project.org/',
    });
  });

  it('reads web pages: @misc with howpublished as a typeless document, @online as a webpage with its organization', () => {
    const entries = read(
      '@misc{pypi, title = {The {Python} Package Index}, howpublished = {\\url{https://pypi.org/}}, note = {Accessed 2024-01-05}, year = 2024}\n' +
        '@online{django, author = {{Django Software Foundation}}, title = {Writing Your First {Django} App, Part 1}, url = {https://docs.djangoproject.com/en/5.0/intro/tutorial01/}, urldate = {2024-03-01}, year = 2024, organization = {Django Project}}\n',
    );
    expect(entries.get('pypi')?.entry).toMatchObject({ type: 'document', title: 'The Python package index', publisher: 'https://pypi.org/', note: 'Accessed 2024-01-05' });
    expect(entries.get('django')?.entry).toMatchObject({
      type: 'webpage',
      title: 'Writing your first Django app, part 1',
      publisher: 'Django Project',
      URL: 'https://docs.djangoproject.com/en/5.0/intro/tutorial01/',
      accessed: { 'date-parts': [[2024, 3, 1]] },
    });
  });

  it('prints the genre of a thesis in the essay\'s language, as biblatex\'s strings give it', () => {
    const text = '@phdthesis{t, author = {Mustermann, Erika}, title = {On Things}, school = {Universität Wien}, year = 2020}\n@report{r, title = {R}, type = {techreport}, institution = {I}, year = 2020}\n';
    expect(read(text).get('t')?.entry).toMatchObject({ type: 'thesis', genre: 'PhD thesis', publisher: 'Universität Wien' });
    expect(read(text, 'fr-FR').get('t')?.entry['genre']).toBe('thèse de doctorat');
    expect(read(text, 'fr-FR').get('r')?.entry['genre']).toBe('rapport technique');
  });
});

describe('BibTeX titles for an essay in a language other than English', () => {
  // Pandoc brings a title to sentence case only when the document is English (its lang) and the
  // entry is too (no langid, or an English one); any other title is printed as written.
  const text =
    '@book{web, author = {Vincent, William S.}, title = {Django for Beginners: Build Websites with Python and Django}, year = 2022, publisher = {WelcomeToCode}}\n' +
    '@book{de, author = {Klein, Bernd}, title = {Einführung in Python 3: Für Ein- und Umsteiger}, langid = {ngerman}, year = 2018, publisher = {Hanser}}\n' +
    '@book{en, author = {Lutz, Mark}, title = {Learning Python}, langid = {english}, year = 2013, publisher = {O\'Reilly}}\n';
  const titles = (lang: string) => Object.fromEntries([...readBibliography([{ file: 'b.bib', text }], { lang }).entries].map(([id, { entry }]) => [id, entry.title]));

  it('are brought to sentence case for an English essay, English entries only', () => {
    expect(titles('en-US')).toEqual({ web: 'Django for beginners: Build websites with python and django', de: 'Einführung in Python 3: Für Ein- und Umsteiger', en: 'Learning python' });
    expect(titles('en-GB')).toEqual(titles('en-US'));
  });

  it('are printed as written for a German essay, English entries too, so that Python and Django keep their capitals', () => {
    expect(titles('de-DE')).toEqual({ web: 'Django for Beginners: Build Websites with Python and Django', de: 'Einführung in Python 3: Für Ein- und Umsteiger', en: 'Learning Python' });
    expect(titles('de')).toEqual(titles('de-DE'));
    expect(titles('fr-FR')).toEqual(titles('de-DE'));
  });

  it('read English by default', () => {
    expect(Object.fromEntries([...readBibliography([{ file: 'b.bib', text }]).entries].map(([id, { entry }]) => [id, entry.title]))).toEqual(titles('en-US'));
  });
});
