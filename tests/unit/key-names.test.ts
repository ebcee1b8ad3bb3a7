/**
 * The names made from citation keys (src/bibliography/anchors.ts, src/publishing/downloads.ts): one-to-one over any
 * key Pandoc reads and any id a bibliography may hold (spaces included: `nocite: "@*"` lists it),
 * safe as ids, fragments, file names and URL path segments, and unchanged for ordinary keys.
 */
import { describe, expect, it } from 'vitest';
import { citationId, entryId, FILE_NAME_LIMIT, safeFileName, safeIdPart } from '../../src/bibliography/anchors.ts';
import { bibliographyFolder, workDownloadPath } from '../../src/publishing/downloads.ts';
import { exportEntries } from '../../src/bibliography/exports.ts';

const NASTY = [
  'goering:1992william',
  'goering_3a_1992william',
  'goering_3A_1992william',
  'DBLP:conf/sat/Foo20',
  'dblp:conf/sat/foo20',
  'DBLP_3a_conf_2f_sat_2f__46_oo20',
  'q?a#b%c&d+e<f>g~h',
  'a?b', 'a#b', 'a%b', 'a&b', 'a+b', 'a<b', 'a>b', 'a~b', 'a$b', 'a/b', 'a\\b', 'a:b', 'a.b', 'a-b', 'a_b',
  'a%3Ab', 'a%3ab', 'a_2f_b', 'a_b_', '_a', '__', '_', '_5f_',
  'https://doi.org/10.1000/xyz?a=b',
  'https://doi.org/10.1000/xyz?a=b c',
  'https://doi.org/10.1000/xyz?a=b  c',
  'https://doi.org/10.1000/xyz?a=b\tc',
  'key with spaces', 'key_with_spaces', 'key-with-spaces', 'key%20with%20spaces',
  'müller2000', 'Müller2000', 'MÜLLER2000', 'mu\u0308ller2000', 'muller2000', 'm_0fc_ller2000', 'm_fc_ller2000',
  '李2008', 'ß2000', 'SS2000', 'ss2000', 'ǅ2000', 'ǆ2000', 'Ǆ2000', 'İ2000', 'i̇2000', 'ı2000', 'I2000', 'i2000', '😀2020', 'K2000', 'k2000', '\u212a2000', 'a=b', 'a,b', 'a{b}',
  'Smith2000', 'smith2000', 'SMITH2000', 'sMITH2000', '_smith2000', '_Smith2000',
  '.', '..', '...', '.hidden', 'trailing.', 'x.', '.x', 'x..y',
  'con', 'CON', 'con.x', 'aux', 'nul', 'com1', 'lpt9', 'console', '_63_on',
  'naughton2007', 'bachman1991', 'smith.2000', 'bachman-1991',
  `a${'b'.repeat(300)}`, `a${'b'.repeat(299)}c`, `A${'b'.repeat(300)}`, 'x'.repeat(FILE_NAME_LIMIT), 'x'.repeat(FILE_NAME_LIMIT + 1), 'X'.repeat(FILE_NAME_LIMIT),
];

/** safeFileName's inverse, from its documented grammar: proof that it loses nothing. */
function readFileName(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const char = name[i]!;
    if (char !== '_') {
      out += char;
    } else if (/[a-z]/.test(name[i + 1] ?? '')) {
      out += name[i + 1]!.toUpperCase();
      i += 1;
    } else {
      const end = name.indexOf('_', i + 1);
      const hex = name.slice(i + 1, end);
      if (end === -1 || !/^[0-9][0-9a-f]*$/.test(hex)) throw new Error(`Not a name safeFileName makes: ${name}`);
      out += String.fromCodePoint(parseInt(hex, 16));
      i = end;
    }
  }
  return out;
}

/** safeIdPart's inverse. */
const readIdPart = (part: string) => part.replace(/_([0-9a-f]+)_/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));

describe('safeFileName', () => {
  const names = NASTY.map(safeFileName);

  it('gives every key a name of its own, also where case is folded (macOS, Windows)', () => {
    expect(new Set(NASTY).size).toBe(NASTY.length);
    expect(new Set(names).size).toBe(new Set(NASTY).size);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(new Set(NASTY).size);
    expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(new Set(NASTY).size);
  });

  it('can be read back, so no two keys can ever meet (names made in full)', () => {
    for (const key of NASTY) {
      const name = safeFileName(key);
      if (name.length <= FILE_NAME_LIMIT) expect(readFileName(name)).toBe(key);
    }
  });

  it('writes only what every file system, host and URL takes as it is', () => {
    for (const name of names) {
      expect(name).toMatch(/^[a-z0-9_-][a-z0-9._-]*$/);
      expect(name).not.toMatch(/\.$/);
      expect(name.length).toBeLessThanOrEqual(FILE_NAME_LIMIT + 1);
      expect(name).not.toMatch(/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/);
      expect(encodeURIComponent(name)).toBe(name);
    }
  });

  it('is the same on every call and keeps ordinary lower-case keys as they are', () => {
    expect(NASTY.map(safeFileName)).toEqual(names);
    for (const key of ['naughton2007', 'bachman1991', 'smith.2000', 'bachman-1991', 'great-leap-forward']) expect(safeFileName(key)).toBe(key);
    expect(safeFileName('goering:1992william')).toBe('goering_3a_1992william');
    expect(safeFileName('DBLP:conf/sat/Foo20')).toBe('_d_b_l_p_3a_conf_2f_sat_2f__foo20');
    expect(safeFileName('Smith2000')).toBe('_smith2000');
    expect(safeFileName('müller2000')).toBe('m_0fc_ller2000');
    expect(safeFileName('https://doi.org/10.1000/xyz?a=b c')).toBe('https_3a__2f__2f_doi.org_2f_10.1000_2f_xyz_3f_a_3d_b_20_c');
    expect(safeFileName('con')).toBe('_63_on');
    expect(safeFileName('.hidden')).toBe('_2e_hidden');
  });

  it('cuts a long name and adds a digest, longer than any name made in full', () => {
    const long = safeFileName(`a${'b'.repeat(300)}`);
    expect(long).toHaveLength(FILE_NAME_LIMIT + 1);
    expect(long).not.toBe(safeFileName(`a${'b'.repeat(299)}c`));
    expect(safeFileName('x'.repeat(FILE_NAME_LIMIT))).toBe('x'.repeat(FILE_NAME_LIMIT));
  });
});

describe('safeIdPart and the ids made from it', () => {
  it('gives every key an id of its own, without whitespace, that can be read back', () => {
    const ids = NASTY.map(entryId);
    expect(new Set(ids).size).toBe(new Set(NASTY).size);
    for (const key of NASTY) {
      expect(safeIdPart(key)).not.toMatch(/\s/);
      expect(readIdPart(safeIdPart(key))).toBe(key);
    }
  });

  it('keeps the ids of ordinary keys, upper case included (ids are case-sensitive)', () => {
    expect(entryId('naughton2007')).toBe('bib-naughton2007');
    expect(entryId('Smith2000')).toBe('bib-Smith2000');
    expect(entryId('smith.2000')).toBe('bib-smith.2000');
    expect(entryId('goering:1992william')).toBe('bib-goering:1992william');
    expect(entryId('DBLP:conf/sat/Foo20')).toBe('bib-DBLP:conf_2f_sat_2f_Foo20');
    expect(citationId(['naughton2007', 'bachman1991'], 3)).toBe('citation--naughton2007--bachman1991--3');
  });
});

describe('work download paths', () => {
  it('are one per bibliography file and key', () => {
    const files = ['bibliography/great-leap-forward.json', 'bibliography/tides.json', 'bibliography/tides.bib', 'bibliography/tides.bib.json', 'bibliography/Tides.json', 'bibliography/sub/tides.json', 'bibliography/sub_2f_tides.json'];
    const paths = files.flatMap((file) => NASTY.map((key) => workDownloadPath(file, key).toLowerCase()));
    expect(new Set(paths).size).toBe(files.length * new Set(NASTY).size);
    for (const path of paths) expect(path).toMatch(/^works\/[a-z0-9_-][a-z0-9._-]*\/[a-z0-9_-][a-z0-9._-]*$/);
  });

  it('keep the seed\'s paths', () => {
    expect(bibliographyFolder('bibliography/great-leap-forward.json')).toBe('great-leap-forward');
    expect(workDownloadPath('bibliography/great-leap-forward.json', 'naughton2007')).toBe('works/great-leap-forward/naughton2007');
    expect(bibliographyFolder('bibliography/tides.bib')).toBe('tides_2e_bib');
    expect(workDownloadPath('bibliography/refs.json', 'DBLP:conf/sat/Foo20')).toBe('works/refs/_d_b_l_p_3a_conf_2f_sat_2f__foo20');
  });
});

describe('downloads keep the keys', () => {
  const entries = ['DBLP:conf/sat/Foo20', 'q?a#b%c&d+e<f>g~h', 'https://doi.org/10.1000/xyz?a=b c', 'a longer key than RIS once allowed'].map((id, i) => ({
    id,
    type: 'book' as const,
    title: `Title ${i}`,
    author: [{ family: 'Doe', given: 'Jane' }],
    issued: { 'date-parts': [[2000 + i]] },
  }));

  it('as written in RIS and CSL-JSON, however long', () => {
    const ris = exportEntries(entries, 'ris');
    for (const { id } of entries) expect(ris).toContain(`ID  - ${id}\r\n`);
    expect((JSON.parse(exportEntries(entries, 'csl-json')) as { id: string }[]).map((e) => e.id)).toEqual(entries.map((e) => e.id));
  });

  it('as written in BibTeX wherever BibTeX can hold them, and a readable key elsewhere', () => {
    const bibtex = exportEntries(entries, 'bibtex');
    expect(bibtex).toContain('@book{DBLP:conf/sat/Foo20,');
    expect(bibtex).toContain('@book{q?a#b%c&d+e<f>g~h,');
    expect(bibtex).toContain('@book{https://doi.org/10.1000/xyz?a_3d_b_20_c,');
    expect(bibtex).toContain('@book{a_20_longer_20_key_20_than_20_RIS_20_once_20_allowed,');
  });
});

describe('RIS values', () => {
  it('writes each keyword of "a, b" (as BibTeX keywords are read) without the space after its comma', () => {
    const ris = exportEntries([{ id: 'k', type: 'book', title: 'T', keyword: 'Computational biology, Computers' } as never], 'ris');
    expect(ris).toContain('KW  - Computational biology\r\nKW  - Computers\r\n');
  });
});
