import { describe, expect, it } from 'vitest';
import { parseFrontmatter } from '../../src/sources/frontmatter.ts';
import { essayFrontmatterSchema } from '../../src/schemas/essay.ts';
import { issuesToDiagnostics } from '../../src/schemas/errors.ts';

function diagnose(yaml: string) {
  const parsed = parseFrontmatter(`---\n${yaml}\n---\n`);
  const result = essayFrontmatterSchema.safeParse(parsed.data);
  if (result.success) return { data: result.data, diagnostics: [] };
  return {
    data: undefined,
    diagnostics: issuesToDiagnostics(result.error.issues, { file: 'content/e/index.md', schema: essayFrontmatterSchema, locate: parsed.locate, what: 'essay frontmatter', data: parsed.data }),
  };
}

describe('essay frontmatter', () => {
  it('accepts the seed essay\'s fields and normalises them', () => {
    const { data } = diagnose('title: T\nauthors: []\ndate: 2026-11-29\nbibliography: a.json\ncsl: apa-6th-edition');
    expect(data?.bibliography).toEqual(['a.json']);
    expect(data?.date.toISOString()).toBe('2026-11-29T00:00:00.000Z');
    expect(data?.draft).toBe(false);
  });

  it('rejects an unknown field with "did you mean" and its line', () => {
    const { diagnostics } = diagnose('title: T\ndate: 2026-11-29\nbibliograpy: a.json');
    expect(diagnostics).toEqual([
      expect.objectContaining({ line: 4, column: 1, rule: 'frontmatter/unknown-field', message: 'Unknown field "bibliograpy" in the essay frontmatter.', hint: expect.stringMatching(/^Did you mean bibliography\?/) }),
    ]);
  });

  it('names a missing title and a malformed date', () => {
    const { diagnostics } = diagnose('date: 29/11/2026');
    expect(diagnostics.map((d) => d.rule).sort()).toEqual(['frontmatter/invalid-field', 'frontmatter/missing-field']);
    expect(diagnostics.find((d) => d.rule === 'frontmatter/invalid-field')?.message).toContain('YYYY-MM-DD');
  });

  it('checks nested author fields', () => {
    const { diagnostics } = diagnose('title: T\ndate: 2026-01-01\nauthors:\n  - name: A\n    orcid: 123');
    expect(diagnostics[0]).toMatchObject({ line: 6, message: expect.stringContaining('authors[0].orcid') });
  });
});
