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

  it('loads the published essays with warnings only, each about a source kept as its authors wrote it', () => {
    // The seed's MacFarquhar (1974) names no publisher; the PeerJ article's bibliography has three
    // entries without a container or publisher and one it does not cite. Both are published as written.
    expect(checked.diagnostics.map((d) => `${d.severity} ${d.rule} ${d.file}:${d.line}`).sort()).toEqual([
      'warning bibliography/incomplete-entry bibliography/great-leap-forward.json:26',
      'warning bibliography/incomplete-entry content/formatting-open-science/agile-markdown.bib:394',
      'warning bibliography/incomplete-entry content/formatting-open-science/agile-markdown.bib:656',
      'warning bibliography/incomplete-entry content/formatting-open-science/agile-markdown.bib:669',
      'warning bibliography/uncited content/formatting-open-science/agile-markdown.bib:461',
    ]);
    expect(checked.essays.map((e) => e.slug).sort()).toEqual(['formatting-open-science', 'great-leap-forward']);
    expect(seed.citations).toHaveLength(14);
  });

  it('renders the same output every time (the dev server renders on each request)', async () => {
    const essay = seed;
    const first = await renderEssay(essay);
    const second = await renderEssay(essay);
    expect(second.html).toBe(first.html);
    expect(first.html).toContain('<a href="#bib-naughton2007" role="doc-biblioref">Naughton (2007)</a>');
    expect(first.sections.map((s) => s.slug)).toEqual(['introduction', 'soviet-heritage', 'politics', 'institutions', 'conclusion']);
  });
});
