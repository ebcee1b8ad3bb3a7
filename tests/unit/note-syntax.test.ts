import { describe, expect, it } from 'vitest';
import { findLiteralNoteCalls, normalizeNoteLabel } from '../../src/markdown/note-syntax.ts';

describe('findLiteralNoteCalls', () => {
  it('finds note calls left as text', () => {
    expect(findLiteralNoteCalls('industry[^9] and [^prices].')).toEqual([
      { label: '9', start: 8, end: 12 },
      { label: 'prices', start: 17, end: 26 },
    ]);
  });

  it('ignores definitions, escapes and ordinary brackets', () => {
    expect(findLiteralNoteCalls('[^1]: a definition')).toEqual([]);
    expect(findLiteralNoteCalls('an escaped \\[^1] and [1] and [^ x]')).toEqual([]);
  });
});

describe('normalizeNoteLabel', () => {
  it('matches labels as GFM does', () => {
    expect(normalizeNoteLabel('Prices')).toBe(normalizeNoteLabel('prices'));
    expect(normalizeNoteLabel(' a  b ')).toBe('a b');
  });
});
