import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSite } from '../../src/checks/checked-site.ts';
import { renderEssay } from '../support/render-essay.ts';
import { siteConfigSchema } from '../../src/schemas/site-config.ts';
import { projectPaths } from '../../src/sources/paths.ts';
import { ROOT } from '../support/project.ts';

const site = siteConfigSchema.parse({ title: 'Test' });

describe('renderEssay', () => {
  const checked = checkSite(projectPaths(ROOT), site, { includeDrafts: false });

  const seed = checked.essays.find((e) => e.slug === 'great-leap-forward')!;

  it('loads the published essays with warnings only, each naming a source kept as its authors wrote it, at its line', () => {
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(checked.diagnostics.length).toBeGreaterThan(0);
    for (const d of checked.diagnostics) {
      // Entries published as written: incomplete, or not cited; never a problem of the essays' text.
      expect(['bibliography/incomplete-entry', 'bibliography/uncited'], d.message).toContain(d.rule);
      // Each at the line of the entry it names, in the file it names.
      const key = /Entry "([^"]+)"/.exec(d.message)?.[1];
      expect(key, d.message).toBeDefined();
      const line = readFileSync(join(ROOT, d.file), 'utf8').split('\n')[d.line! - 1] ?? '';
      expect(line, `${d.file}:${d.line}`).toContain(key!);
    }
    expect(checked.essays.map((e) => e.slug).sort()).toEqual(readdirSync(join(ROOT, 'content')).filter((name) => existsSync(join(ROOT, 'content', name, 'index.md'))).sort());
  });

  it("finds each of the seed's citations at the line and column of its key", () => {
    expect(seed.citations.length).toBeGreaterThan(5);
    for (const citation of seed.citations) {
      const line = readFileSync(join(ROOT, citation.file), 'utf8').split('\n')[citation.line - 1] ?? '';
      expect(line.slice(citation.column - 1), `${citation.file}:${citation.line}:${citation.column}`).toMatch(new RegExp(`^\\[?-?@\\{?${citation.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
  });

  it('renders the same output every time (the dev server renders on each request)', async () => {
    const essay = seed;
    const first = await renderEssay(essay);
    const second = await renderEssay(essay);
    expect(second.html).toBe(first.html);
    expect(first.html).toContain('<a href="#bib-naughton2007" role="doc-biblioref">Naughton (2007)</a>');
    // The sections in the order of their files, each a heading of the page.
    expect(first.sections.map((s) => s.slug)).toEqual(seed.assembled.sections.map((s) => s.slug));
    for (const section of first.sections) expect(first.html).toContain(`<h2 id="${section.slug}">`);
  });
});
