import { describe, expect, it } from 'vitest';
import { findCitationClusters, parseLocator } from '../../src/lib/citation-cluster.ts';

const clusters = (text: string) => findCitationClusters(text).map(({ mode, items }) => ({ mode, items }));

describe('findCitationClusters', () => {
  it('parses bracketed citations with prefixes, locators and suffixes', () => {
    expect(clusters('[see @a, pp. 3-5, for the data]')).toEqual([
      { mode: 'normal', items: [{ key: 'a', prefix: 'see', locator: '3-5', label: 'page', suffix: ', for the data', suppressAuthor: false }] },
    ]);
    expect(clusters('[@a; @b, chap. 3]')).toEqual([
      { mode: 'normal', items: [{ key: 'a', suppressAuthor: false }, { key: 'b', locator: '3', label: 'chapter', suppressAuthor: false }] },
    ]);
    expect(clusters('Smith says [-@a, p. 4].')).toEqual([{ mode: 'normal', items: [{ key: 'a', locator: '4', label: 'page', suppressAuthor: true }] }]);
  });

  it('parses the author in the text, with an optional locator', () => {
    expect(clusters('As @a [p. 4] says, and @b too.')).toEqual([
      { mode: 'author-in-text', items: [{ key: 'a', locator: '4', label: 'page', suppressAuthor: false }] },
      { mode: 'author-in-text', items: [{ key: 'b', suppressAuthor: false }] },
    ]);
  });

  it('keeps the offsets of the whole cluster', () => {
    const text = 'x [@a, p. 1] y @b z';
    const found = findCitationClusters(text);
    expect(found.map((c) => text.slice(c.start, c.end))).toEqual(['[@a, p. 1]', '@b']);
  });

  it('leaves ordinary brackets and e-mail addresses alone', () => {
    expect(clusters('a [1] b [see below] c a@b.org')).toEqual([]);
  });
});

describe('parseLocator', () => {
  it('recognises labels of every CSL kind and lists of pages', () => {
    expect(parseLocator(', p. 33')).toEqual({ locator: '33', label: 'page' });
    expect(parseLocator(', pp. 33-35, 38-39 and passim')).toEqual({ locator: '33-35, 38-39', label: 'page', suffix: ' and passim' });
    expect(parseLocator(', sec. 2')).toEqual({ locator: '2', label: 'section' });
    expect(parseLocator(', para. 4')).toEqual({ locator: '4', label: 'paragraph' });
    expect(parseLocator(', fig. 2')).toEqual({ locator: '2', label: 'figure' });
    expect(parseLocator(', vol. 2')).toEqual({ locator: '2', label: 'volume' });
    expect(parseLocator(', l. 10')).toEqual({ locator: '10', label: 'line' });
    expect(parseLocator(', n. 5')).toEqual({ locator: '5', label: 'note' });
    expect(parseLocator(', § 4')).toEqual({ locator: '4', label: 'section' });
    expect(parseLocator(', 12')).toEqual({ locator: '12', label: 'page' });
    expect(parseLocator(', p. xiv')).toEqual({ locator: 'xiv', label: 'page' });
  });

  it('takes braces as an explicit locator, and anything else as a suffix', () => {
    expect(parseLocator(', {pp. iv, vi-xi} and more')).toEqual({ locator: 'iv, vi-xi', label: 'page', suffix: ' and more' });
    expect(parseLocator(', among others')).toEqual({ suffix: ', among others' });
  });
});
