/**
 * Every in-text citation, note and reference-list entry of the parity fixture renders as Debian's
 * pandoc --citeproc renders it (tests/fixtures/pandoc/expected/, made by make-expected.sh), in
 * every bundled style, from CSL-JSON and from BibTeX.
 */
import { describe, expect, it } from 'vitest';
import { readPandoc, renderApparatus, STYLES, type BibliographyKind } from '../support/pandoc-fixture.ts';

/** Where Apparatus knowingly differs from Pandoc, and why. Anything else that differs fails. */
const KNOWN_DIFFERENCES: readonly { style: string; citation: number; apparatus: string }[] = [];

describe.each(['json', 'bib'] as BibliographyKind[])('with the %s bibliography', (kind) => {
  describe.each(STYLES)('in %s', (style) => {
    it('renders every citation and every entry as Pandoc does', async () => {
      const pandoc = readPandoc(kind, style);
      const apparatus = await renderApparatus(kind, style);
      expect(pandoc.citations).toHaveLength(20);
      const expected = pandoc.citations.map((text, i) => KNOWN_DIFFERENCES.find((d) => d.style === style && d.citation === i)?.apparatus ?? text);
      expect(apparatus.citations).toEqual(expected);
      // Nine entries: eight cited, one through nocite; the uncited one is left out.
      expect(pandoc.entries).toHaveLength(9);
      expect(apparatus.entries).toEqual(pandoc.entries);
    });
  });
});
