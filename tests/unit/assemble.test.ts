import { describe, expect, it } from 'vitest';
import { assembleEssay, sectionSlug, titleAndAppendix } from '../../src/sources/assemble.ts';

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

describe('appendices', () => {
  it('are marked by {.appendix} at the end of a title, which leaves the title', () => {
    expect(titleAndAppendix('Data sources {.appendix}')).toEqual({ title: 'Data sources', appendix: true });
    expect(titleAndAppendix('Data {#sec-data .appendix}')).toEqual({ title: 'Data', appendix: true });
    expect(titleAndAppendix('Sets {a, b}')).toEqual({ title: 'Sets {a, b}', appendix: false });
    expect(titleAndAppendix('Politics')).toEqual({ title: 'Politics', appendix: false });
    // Any other attribute block leaves the title too: it never shows in the contents or the slug.
    expect(titleAndAppendix('Politics {#sec-politics}')).toEqual({ title: 'Politics', appendix: false });
    expect(titleAndAppendix('Notes {.unnumbered}')).toEqual({ title: 'Notes', appendix: false });
    expect(titleAndAppendix('Notes {-}')).toEqual({ title: 'Notes', appendix: false });
    expect(titleAndAppendix('Sources {#src lang=fr}')).toEqual({ title: 'Sources', appendix: false });
  });

  it('are known in a single-file essay by their ## heading, with an id from the title alone', () => {
    const essay = assembleEssay({ file: 'content/one/index.md', body: '## Politics\n\nText.\n\n## Data sources {.appendix}\n\nMore.\n', bodyLine: 5 }, []);
    expect(essay.sections.map((s) => [s.slug, s.title, s.appendix])).toEqual([
      ['politics', 'Politics', false],
      ['data-sources', 'Data sources', true],
    ]);
  });

  it('come from a section file whose title ends with {.appendix}', () => {
    const essay = assembleEssay(undefined, [{ file: 'content/e/09-data.md', slug: 'data', title: 'Data sources', titleLine: 2, appendix: true, body: 'More.\n', bodyLine: 4 }]);
    expect(essay.sections[0]!.appendix).toBe(true);
    expect(essay.markdown.split('\n')[0]).toBe('## Data sources');
  });
});
