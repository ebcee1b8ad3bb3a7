import { describe, expect, it } from 'vitest';
import { assembleEssay, sectionSlug } from '../../src/sources/assemble.ts';

describe('sectionSlug', () => {
  it('derives a stable id from the file name', () => {
    expect(sectionSlug('02-soviet-heritage.md')).toBe('soviet-heritage');
    expect(sectionSlug('10_Conclusión.md')).toBe('conclusion');
    expect(sectionSlug('03.md')).toBe('section');
    // The page's own ids are not for sections.
    expect(sectionSlug('06-notes.md')).toBe('notes-section');
    expect(sectionSlug('07-references.md')).toBe('references-section');
  });
});

describe('assembleEssay', () => {
  const essay = assembleEssay({ file: 'content/e/index.md', body: 'Preamble.\n', bodyLine: 6 }, [
    { file: 'content/e/01-a.md', slug: 'a', title: 'First *one*', titleLine: 2, body: '\nAlpha.\n\nBeta.\n', bodyLine: 4 },
    { file: 'content/e/02-b.md', slug: 'b', title: 'Second', titleLine: 2, body: '\nGamma.\n', bodyLine: 4 },
  ]);

  it('joins the preamble and the sections, each under its heading', () => {
    expect(essay.markdown).toBe('Preamble.\n\n## First \\*one\\*\n\n\nAlpha.\n\nBeta.\n\n## Second\n\n\nGamma.\n');
    expect(essay.sections.map((s) => [s.slug, s.headingLine])).toEqual([
      ['a', 3],
      ['b', 10],
    ]);
  });

  it('maps every line of the joined text back to its file and line', () => {
    const lines = essay.markdown.split('\n');
    const where = (text: string) => essay.locate(lines.indexOf(text) + 1);
    expect(where('Preamble.')).toEqual({ file: 'content/e/index.md', line: 6 });
    expect(where('## First \\*one\\*')).toEqual({ file: 'content/e/01-a.md', line: 2 });
    expect(where('Alpha.')).toEqual({ file: 'content/e/01-a.md', line: 5 });
    expect(where('Beta.')).toEqual({ file: 'content/e/01-a.md', line: 7 });
    expect(where('Gamma.')).toEqual({ file: 'content/e/02-b.md', line: 5 });
  });
});

describe('a single-file essay', () => {
  const body = 'Opening words.\n\n## The *first* part\n\nText.\n\n```md\n## Not a heading, in code\n```\n\n## Notes\n\nMore.\n\n## The first part\n\nAgain.\n';
  const essay = assembleEssay({ file: 'content/one/index.md', body, bodyLine: 6 }, []);

  it('takes its sections from its ## headings, outside code, with unique ids that avoid the page’s own', () => {
    expect(essay.sections.map((s) => [s.slug, s.title, s.headingLine])).toEqual([
      ['the-first-part', 'The first part', 3],
      ['notes-section', 'Notes', 11],
      ['the-first-part-2', 'The first part', 15],
    ]);
    expect(essay.sections.every((s) => s.file === 'content/one/index.md')).toBe(true);
    expect(essay.locate(3)).toEqual({ file: 'content/one/index.md', line: 8 });
  });
});
