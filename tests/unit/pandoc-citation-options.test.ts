/**
 * Pandoc's citation fields in an essay's frontmatter change the page as they change Pandoc's:
 * link-citations, link-bibliography, suppress-bibliography and reference-section-title; and a paper
 * that ends with its own "References" heading gets one heading, not two.
 */
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { renderSnippet } from '../support/render-snippet.ts';

const WORKS = [
  { id: 'doe', type: 'article-journal', author: [{ family: 'Doe', given: 'Jane' }], issued: { 'date-parts': [[2005]] }, title: 'On tides', 'container-title': 'Journal of Tides', DOI: '10.1000/tides' },
];
const TEXT = 'Tides turn [@doe, p. 3].\n';

describe('Pandoc citation fields', () => {
  it('link citations to their entries by default, and not with link-citations: false', async () => {
    const linked = parse((await renderSnippet(TEXT, WORKS)).html);
    expect(linked.querySelectorAll('.citation a[href="#bib-doe"]')).toHaveLength(1);
    const plain = parse((await renderSnippet(TEXT, WORKS, 'chicago-author-date', 'en-US', { linkCitations: false })).html);
    expect(plain.querySelector('.citation')?.textContent).toBe('(Doe 2005, 3)');
    expect(plain.querySelectorAll('.citation a')).toHaveLength(0);
  });

  it('link DOIs in entries, unless link-bibliography: false', async () => {
    const linked = parse((await renderSnippet(TEXT, WORKS)).html);
    expect(linked.querySelectorAll('#bib-doe a[href="https://doi.org/10.1000/tides"]')).toHaveLength(1);
    const plain = parse((await renderSnippet(TEXT, WORKS, 'chicago-author-date', 'en-US', { linkBibliography: false })).html);
    expect(plain.querySelector('#bib-doe')?.textContent).toContain('https://doi.org/10.1000/tides');
    expect(plain.querySelectorAll('#bib-doe a[href^="https://doi.org"]')).toHaveLength(0);
  });

  it('leave the list out with suppress-bibliography, the citations kept', async () => {
    const doc = parse((await renderSnippet(TEXT, WORKS, 'chicago-author-date', 'en-US', { suppressBibliography: true })).html);
    expect(doc.querySelector('#references')).toBeNull();
    expect(doc.querySelector('.citation')?.textContent).toBe('(Doe 2005, 3)');
  });

  it('title the list with reference-section-title', async () => {
    const doc = parse((await renderSnippet(TEXT, WORKS, 'chicago-author-date', 'en-US', { referenceSectionTitle: 'Works consulted' })).html);
    expect(doc.querySelector('#references h2')?.textContent).toBe('Works consulted');
  });

  it('give a paper ending with its own References heading one heading and one id', async () => {
    const doc = parse((await renderSnippet(`# Summary\n\n${TEXT}\n# References\n`, WORKS)).html);
    expect(doc.querySelectorAll('h1, h2').map((h) => h.textContent.replace('#', '').trim())).toEqual(['Summary', 'References']);
    expect(doc.querySelectorAll('[id="references"]')).toHaveLength(1);
    expect(doc.querySelector('#refs')).toBeNull();
    expect(doc.querySelectorAll('#references li.csl-entry').map((li) => li.id)).toEqual(['bib-doe']);
  });
});
