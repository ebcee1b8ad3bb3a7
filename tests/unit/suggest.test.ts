import { describe, expect, it } from 'vitest';
import { closestMatches, didYouMean, editDistance } from '../../src/lib/suggest.ts';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('naughton', 'naughton')).toBe(0);
    expect(editDistance('naughton2007', 'naughton2070')).toBe(1); // one transposition
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('closestMatches', () => {
  const keys = ['bachman1991', 'luthi2010', 'macfarquhar1974', 'naughton1991', 'naughton2007', 'yang2008', 'zhu2012'];

  it('puts the nearest key first', () => {
    expect(closestMatches('naughton2070', keys)[0]).toBe('naughton2007');
    expect(closestMatches('bachmann1991', keys)).toEqual(['bachman1991']);
  });

  it('offers every key that contains a key cited without its year', () => {
    expect(closestMatches('naughton', keys)).toEqual(['naughton1991', 'naughton2007']);
  });

  it('offers nothing when nothing is close', () => {
    expect(closestMatches('smith2020', keys)).toEqual([]);
  });
});

describe('didYouMean', () => {
  it('phrases one or several suggestions', () => {
    expect(didYouMean('yang2080', ['yang2008', 'zhu2012'])).toBe('did you mean yang2008?');
    expect(didYouMean('naughton', ['naughton1991', 'naughton2007'])).toBe('did you mean naughton1991 or naughton2007?');
    expect(didYouMean('qqqq', ['naughton1991'])).toBeUndefined();
  });
});
