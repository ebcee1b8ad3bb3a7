/** Files an essay links to from its own folder: which are published beside its page (src/sources/linked-files.ts). */
import { describe, expect, it } from 'vitest';
import { linkedFileOf, linkedFiles } from '../../src/checks/linked-files.ts';

const essay = { slug: 'ipums', files: ['synthetic_data.csv', 'data/raw.tsv', 'img/plot.png'], links: [] };

describe('linked files', () => {
  it('finds the essay\'s file a relative or absolute link leads to', () => {
    expect(linkedFileOf(essay, 'synthetic_data.csv')).toBe('synthetic_data.csv');
    expect(linkedFileOf(essay, './data/raw.tsv')).toBe('data/raw.tsv');
    expect(linkedFileOf(essay, '/ipums/data/raw.tsv#row-3')).toBe('data/raw.tsv');
  });

  it('finds none for a file the folder lacks, another essay\'s file, a page or an anchor', () => {
    expect(linkedFileOf(essay, 'missing.csv')).toBeUndefined();
    expect(linkedFileOf(essay, '../other/synthetic_data.csv')).toBeUndefined();
    expect(linkedFileOf(essay, '#results')).toBeUndefined();
    expect(linkedFileOf(essay, '/works-cited/')).toBeUndefined();
  });

  it('lists each linked file once, in order', () => {
    const links = ['synthetic_data.csv', 'data/raw.tsv', 'synthetic_data.csv', '#x'].map((url) => ({ url }));
    expect(linkedFiles({ ...essay, links })).toEqual([{ file: 'data/raw.tsv' }, { file: 'synthetic_data.csv' }]);
  });
});
