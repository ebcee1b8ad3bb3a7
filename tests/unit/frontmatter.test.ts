import { describe, expect, it } from 'vitest';
import { parseFrontmatter } from '../../src/sources/frontmatter.ts';

describe('parseFrontmatter', () => {
  it('splits data and body and knows the body line', () => {
    const parsed = parseFrontmatter('---\ntitle: Intro\nlang: en\n---\n\nFirst paragraph.\n');
    expect(parsed.data).toEqual({ title: 'Intro', lang: 'en' });
    expect(parsed.body).toBe('\nFirst paragraph.\n');
    expect(parsed.bodyLine).toBe(5);
    expect(parsed.syntaxErrors).toEqual([]);
  });

  it('locates keys, nested ones included, by file line and column', () => {
    const parsed = parseFrontmatter('---\ntitle: T\nauthors:\n  - name: A\n    orcid: x\n---\n');
    expect(parsed.locate(['title'])).toEqual({ line: 2, column: 1 });
    expect(parsed.locate(['authors', 0, 'orcid'])).toEqual({ line: 5, column: 5 });
  });

  it('reports YAML errors at their file line', () => {
    const parsed = parseFrontmatter('---\ntitle: T\nbad: [unclosed\n---\nBody');
    expect(parsed.syntaxErrors.length).toBeGreaterThan(0);
    expect(parsed.syntaxErrors[0]!.position.line).toBeGreaterThanOrEqual(3);
    expect(parsed.data).toBeUndefined();
  });

  it('reports a frontmatter that is never closed', () => {
    const parsed = parseFrontmatter('---\ntitle: T\n\nBody');
    expect(parsed.syntaxErrors[0]!.message).toMatch(/never closed/);
  });

  it('treats a file without frontmatter as all body', () => {
    const parsed = parseFrontmatter('Just text.\n');
    expect(parsed.data).toBeUndefined();
    expect(parsed.bodyLine).toBe(1);
  });
});
