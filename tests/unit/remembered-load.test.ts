/**
 * The dev server loads the sources on every request with `remember`: an essay none of whose files
 * changed is the very object of the last load (and keeps its check), and any edit to its files, its
 * bibliography, its style or its locale gives a fresh one.
 */
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSite } from '../../src/checks/checked-site.ts';
import { loadSources } from '../../src/sources/load.ts';
import { projectPaths } from '../../src/sources/paths.ts';
import type { SiteConfig } from '../../src/schemas/site-config.ts';
import { writeTempProject } from '../support/temp-project.ts';

const SITE = { defaultStyle: 'apa-6th-edition', defaultLocale: 'en-US' } as SiteConfig;
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const entry = (id: string, title: string) => ({ id, type: 'book', title, author: [{ family: 'Doe', given: 'Jane' }], issued: { 'date-parts': [[2020]] } });
const essay = (title: string) => `---\ntitle: ${title}\ndate: 2024-01-01\nbibliography: shared.json\n---\n`;

function project(): string {
  const root = writeTempProject({
    'bibliography/shared.json': JSON.stringify([entry('doe2020', 'Tides'), entry('doe2021', 'Hills')]),
    'content/one/index.md': essay('One'),
    'content/one/01-text.md': '---\ntitle: Text\n---\n\nFirst [@doe2020].\n',
    'content/two/index.md': essay('Two'),
    'content/two/01-text.md': '---\ntitle: Text\n---\n\nSecond [@doe2021].\n',
  });
  roots.push(root);
  return root;
}

/** Writes a file as an editor saves it: new content, and a modification time that moves on. */
let clock = Date.now() / 1000 + 10;
function save(path: string, text: string): void {
  writeFileSync(path, text);
  clock += 5;
  utimesSync(path, clock, clock);
}

describe('a remembering load', () => {
  it('gives back the same essay while nothing changed, and a fresh one for each kind of edit', () => {
    const root = project();
    const paths = projectPaths(root);
    const load = () => new Map(loadSources(paths, SITE, { includeDrafts: true, remember: true }).essays.map((e) => [e.slug, e]));
    const first = load();
    const again = load();
    expect(again.get('one')).toBe(first.get('one'));
    expect(again.get('two')).toBe(first.get('two'));

    save(join(root, 'content/one/01-text.md'), '---\ntitle: Text\n---\n\nFirst, edited [@doe2020].\n');
    const edited = load();
    expect(edited.get('one')).not.toBe(first.get('one'));
    expect(edited.get('one')!.assembled.markdown).toContain('First, edited');
    expect(edited.get('two')).toBe(first.get('two'));

    save(join(root, 'bibliography/shared.json'), JSON.stringify([entry('doe2020', 'Tides, revised'), entry('doe2021', 'Hills')]));
    const newBibliography = load();
    expect(newBibliography.get('two')).not.toBe(edited.get('two'));
    expect(newBibliography.get('one')!.bibliography.entries.get('doe2020')!.entry.title).toBe('Tides, revised');

    const locale = join(root, 'bibliography/locales/locales-en-US.xml');
    save(locale, `${readFileSync(locale, 'utf8')}<!-- a term edited -->\n`);
    expect(load().get('one')).not.toBe(newBibliography.get('one'));
  });

  it('reads an essay with an error again on the next load, and the check follows the essay', () => {
    const root = project();
    const paths = projectPaths(root);
    save(join(root, 'content/one/index.md'), '---\ntitle: [unclosed\n---\n');
    expect(loadSources(paths, SITE, { includeDrafts: true, remember: true }).diagnostics.some((d) => d.rule === 'frontmatter/syntax')).toBe(true);
    save(join(root, 'content/one/index.md'), essay('One'));
    const fixed = checkSite(paths, SITE, { includeDrafts: true, remember: true });
    expect(fixed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    save(join(root, 'content/one/01-text.md'), '---\ntitle: Text\n---\n\nFirst [@doe2022].\n');
    const broken = checkSite(paths, SITE, { includeDrafts: true, remember: true });
    expect(broken.diagnostics.map((d) => d.rule)).toContain('citation/unknown-key');
  });
});
