/**
 * Every work of every citation links to its entry, in the text and in notes, whatever the style puts
 * around it (a period the style adds inside a title's closing quotes, as Chicago notes do).
 */
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { entryId } from '../../src/bibliography/anchors.ts';
import { renderSnippet } from '../support/render-snippet.ts';

const WORKS = [
  { id: 'kariv', type: 'article-journal', author: [{ family: 'Kariv', given: 'O.' }, { family: 'Hakimi', given: 'S. L.' }], issued: { 'date-parts': [[1979]] }, title: 'An algorithmic approach to network location problems. II', 'container-title': 'SIAM Journal on Applied Mathematics', volume: '37', page: '539-560' },
  { id: 'park', type: 'article-journal', author: [{ family: 'Park', given: 'H.-S.' }, { family: 'Jun', given: 'C.-H.' }], issued: { 'date-parts': [[2009]] }, title: 'A simple and fast algorithm for K-medoids clustering', 'container-title': 'Expert Systems with Applications', volume: '36', page: '3336-3341' },
  { id: 'maranzana', type: 'article-journal', author: [{ family: 'Maranzana', given: 'F. E.' }], issued: { 'date-parts': [[1963]] }, title: 'On the location of supply points to minimize transportation costs', 'container-title': 'IBM Systems Journal', volume: '2', page: '129-135' },
];

describe.each(['chicago-note-bibliography', 'chicago-author-date', 'ieee', 'apa'])('in %s', (style) => {
  it('links each work of each citation to its entry', async () => {
    const { html, diagnostics } = await renderSnippet('NP-hard [@kariv]. Alternating [@maranzana; @park]. As @park [p. 4] show.\n', WORKS, style);
    expect(diagnostics).toEqual([]);
    const doc = parse(html);
    const places = style.includes('note') ? doc.querySelectorAll('#notes li') : doc.querySelectorAll('.citation').filter((c) => !c.closest('.sidenote'));
    const linked = places.map((place) => place.querySelectorAll('a[href^="#bib-"]').map((a) => a.getAttribute('href')));
    expect(linked).toEqual([[`#${entryId('kariv')}`], [`#${entryId('maranzana')}`, `#${entryId('park')}`], [`#${entryId('park')}`]]);
  });
});
