import { describe, expect, it } from 'vitest';
import { checkSite } from '../../src/pipeline/checked-site.ts';
import { renderEssay } from '../../src/render/render.ts';
import { siteConfigSchema } from '../../src/schemas/site-config.ts';
import { projectPaths } from '../../src/sources/paths.ts';
import { ROOT } from '../support/project.ts';

const site = siteConfigSchema.parse({ title: 'Test' });

describe('renderEssay', () => {
  const checked = checkSite(projectPaths(ROOT), site, { includeDrafts: false });

  it('loads the seed essay without a problem', () => {
    // The seed's MacFarquhar (1974) names no publisher, and the seed's text is kept as written.
    expect(checked.diagnostics.map((d) => `${d.severity} ${d.rule} ${d.file}:${d.line}`)).toEqual(['warning bibliography/incomplete-entry bibliography/great-leap-forward.json:26']);
    expect(checked.essays.map((e) => e.slug)).toEqual(['great-leap-forward']);
    expect(checked.essays[0]!.citations).toHaveLength(14);
  });

  it('renders the same output every time (the dev server renders on each request)', async () => {
    const essay = checked.essays[0]!;
    const first = await renderEssay(essay);
    const second = await renderEssay(essay);
    expect(second.html).toBe(first.html);
    expect(first.html).toContain('<a href="#bib-naughton2007" role="doc-biblioref">Naughton (2007)</a>');
    expect(first.sections.map((s) => s.slug)).toEqual(['introduction', 'soviet-heritage', 'politics', 'institutions', 'conclusion']);
  });
});
