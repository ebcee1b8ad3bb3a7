/**
 * What an essay publishes about itself besides its text: its licence (its own, or the site's),
 * its corrections after publication, whose latest date is its revision date, its abstract and
 * keywords, in the metadata, Dublin Core and the feed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isoDate } from '../../src/publishing/format.ts';
import { atomFeed } from '../../src/publishing/feeds.ts';
import { licenseName, licenseUrl } from '../../src/sources/license.ts';
import { dublinCoreTags, scholarlyArticle } from '../../src/publishing/scholarly-metadata.ts';
import { siteConfigSchema } from '../../src/schemas/site-config.ts';
import { loadSources } from '../../src/sources/load.ts';
import { projectPaths } from '../../src/sources/paths.ts';
import { ROOT } from '../support/project.ts';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

/** The seed essay with lines added to its frontmatter, loaded under a site config. */
function loadSeed(frontmatter: string, site: Record<string, unknown> = {}) {
  dir = mkdtempSync(join(tmpdir(), 'apparatus-publication-'));
  for (const name of ['content/great-leap-forward', 'bibliography']) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  const index = join(dir, 'content/great-leap-forward/index.md');
  writeFileSync(index, readFileSync(index, 'utf8').replace('lang: en-US\n', `lang: en-US\n${frontmatter}`));
  return loadSources(projectPaths(dir), siteConfigSchema.parse({ title: 'Journal', ...site }), { includeDrafts: false });
}

const corrections = 'corrections:\n  - date: 2026-12-03\n    text: The date of the Lushan conference is corrected.\n  - date: 2027-01-10\n    text: A note on grain figures is added.\n';

describe('corrections', () => {
  it('make the latest correction the revision date, and keep each with its text', () => {
    const loaded = loadSeed(corrections);
    const { frontmatter } = loaded.essays[0]!;
    expect(isoDate(frontmatter.revised!)).toBe('2027-01-10');
    expect(frontmatter.corrections.map((c) => [isoDate(c.date), c.text])).toEqual([
      ['2026-12-03', 'The date of the Lushan conference is corrected.'],
      ['2027-01-10', 'A note on grain figures is added.'],
    ]);
    const feed = atomFeed({ title: 'J', description: '', home: 'https://j.org/', self: 'https://j.org/feed.xml' }, [{ url: 'https://j.org/glf/', frontmatter }]);
    expect(feed).toContain('<updated>2027-01-10T00:00:00Z</updated>');
    expect(scholarlyArticle({ frontmatter, url: 'https://j.org/glf/', lang: 'en-US', siteTitle: 'J', works: [] })['dateModified']).toBe('2027-01-10');
  });

  it('keep a later revised date', () => {
    expect(isoDate(loadSeed(`revised: 2027-02-01\n${corrections}`).essays[0]!.frontmatter.revised!)).toBe('2027-02-01');
  });

  it('need a date and a text', () => {
    const loaded = loadSeed('corrections:\n  - date: 2026-12-03\n');
    expect(loaded.essays).toEqual([]);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.rule, d.line])).toEqual([['frontmatter/missing-field', 15]]);
  });
});

describe('the licence', () => {
  it("is the essay's own, or the site's, in JSON-LD, Dublin Core and the feed", () => {
    const own = loadSeed('license: CC-BY-SA-4.0\n', { license: 'CC-BY-4.0' }).essays[0]!.frontmatter;
    expect(own.license).toBe('CC-BY-SA-4.0');
    const inherited = loadSeed('', { license: 'CC-BY-4.0' }).essays[0]!.frontmatter;
    expect(inherited.license).toBe('CC-BY-4.0');
    const input = { frontmatter: inherited, url: 'https://j.org/glf/', lang: 'en-US', siteTitle: 'J', works: [] };
    expect(scholarlyArticle(input)['license']).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(dublinCoreTags(input)).toContainEqual(['name', 'DC.rights', 'https://creativecommons.org/licenses/by/4.0/']);
    const feed = atomFeed({ title: 'J', description: '', home: 'https://j.org/', self: 'https://j.org/feed.xml' }, [{ url: input.url, frontmatter: inherited }]);
    expect(feed).toContain('<rights>CC BY 4.0: https://creativecommons.org/licenses/by/4.0/</rights>');
    expect(loadSeed('').essays[0]!.frontmatter.license).toBeUndefined();
  });

  it('that is not a known SPDX id is published as written, with a warning and a suggestion', () => {
    const loaded = loadSeed('license: CC-BY-40\n');
    expect(loaded.essays[0]!.frontmatter.license).toBe('CC-BY-40');
    expect(loaded.diagnostics.filter((d) => d.rule === 'frontmatter/unknown-license').map((d) => [d.line, d.severity, d.hint])).toEqual([
      [14, 'warning', 'Did you mean CC-BY-4.0 or CC-BY-3.0? Otherwise write the licence\'s URL.'],
    ]);
  });

  it('is named and linked for readers', () => {
    expect([licenseName('cc-by-4.0'), licenseUrl('cc-by-4.0')]).toEqual(['CC BY 4.0', 'https://creativecommons.org/licenses/by/4.0/']);
    expect([licenseName('CC0-1.0'), licenseUrl('CC0-1.0')]).toEqual(['CC0 1.0 (public domain dedication)', 'https://creativecommons.org/publicdomain/zero/1.0/']);
    expect(licenseUrl('https://example.org/licence')).toBe('https://example.org/licence');
    expect(licenseUrl('LPPL-1.3c')).toBe('https://spdx.org/licenses/LPPL-1.3c.html');
  });
});

describe('an appendix section file', () => {
  it('is read from a title ending with {.appendix}, which leaves the title', () => {
    const loaded = loadSeed('');
    writeFileSync(join(dir!, 'content/great-leap-forward/06-data.md'), '---\ntitle: Data sources {.appendix}\n---\n\nWhere the figures come from.\n');
    const again = loadSources(projectPaths(dir!), siteConfigSchema.parse({ title: 'Journal' }), { includeDrafts: false });
    expect(loaded.essays[0]!.assembled.sections.some((s) => s.appendix)).toBe(false);
    const last = again.essays[0]!.assembled.sections.at(-1)!;
    expect([last.slug, last.title, last.appendix]).toEqual(['data', 'Data sources', true]);
  });
});
