import { describe, expect, it } from 'vitest';
import { findCitationKeys } from '../../src/lib/citation-syntax.ts';

const keys = (text: string) => findCitationKeys(text).map((t) => t.key);

describe('findCitationKeys', () => {
  it('finds the keys of every Pandoc citation form', () => {
    expect(keys('[@a]')).toEqual(['a']);
    expect(keys('As @smith2004 says')).toEqual(['smith2004']);
    expect(keys('@smith2004 [p. 4] says')).toEqual(['smith2004']);
    expect(keys('[@smith2004, p. 33]')).toEqual(['smith2004']);
    expect(keys('[see @doe99, pp. 3-5, for the data]')).toEqual(['doe99']);
    expect(keys('[@a; @b; see also @c]')).toEqual(['a', 'b', 'c']);
    expect(keys('Smith says blah [-@smith04].')).toEqual(['smith04']);
    expect(keys('[@{Smith, J. 2004}]')).toEqual(['Smith, J. 2004']);
  });

  it('keeps internal punctuation but not trailing punctuation', () => {
    expect(keys('according to @bachman1991, the')).toEqual(['bachman1991']);
    expect(keys('as @zhu2012.')).toEqual(['zhu2012']);
    expect(keys('see @doe:2001.a/b here')).toEqual(['doe:2001.a/b']);
    expect(keys('(@luthi2010)')).toEqual(['luthi2010']);
  });

  it('ignores e-mail addresses, escaped @ and a lone @', () => {
    expect(keys('write to editor@example.org')).toEqual([]);
    expect(keys('a literal \\@handle')).toEqual([]);
    expect(keys('meet @ noon')).toEqual([]);
  });

  it('reports offsets of the @ and the end of the key', () => {
    const [token] = findCitationKeys('see @naughton2007, p. 3');
    expect(token).toEqual({ key: 'naughton2007', start: 4, end: 17 });
  });
});
