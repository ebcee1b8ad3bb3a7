/**
 * The layers of src/, read from its folder names: a folder imports only the folders below it. The
 * table is the architecture (docs/architecture.md draws it); a new import that crosses it, or a new
 * folder, must be placed in it on purpose, and the table itself may hold no circle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/project.ts';

const SRC = join(ROOT, 'src');

/** Each folder of src/ (`.` for the files at its top) and the folders it may import. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  // Diagnostics, "did you mean", the build cache, hast helpers, text files: no knowledge of essays.
  lib: [],
  // The shapes of the site config and of an essay's frontmatter, and Pandoc's field names.
  schemas: ['lib'],
  types: ['schemas'],
  styles: [],
  // CSL entries: BibTeX and CSL-JSON read, checked and converted.
  bibliography: ['lib'],
  // Pandoc's Markdown syntax as remark plugins: what is written, not what it means for the site.
  markdown: ['lib'],
  // citeproc-js as Pandoc runs it.
  citeproc: ['lib', 'bibliography', 'markdown'],
  // An essay's folder read: frontmatter, sections, bibliography files, styles, figures.
  sources: ['lib', 'schemas', 'bibliography', 'markdown'],
  // The checks of an essay and of the site, and the one reading of an essay's Markdown.
  checks: ['lib', 'schemas', 'bibliography', 'markdown', 'sources'],
  // What a page shows besides the essay: downloads, metadata, feeds, "Cite this", works cited.
  publishing: ['lib', 'schemas', 'bibliography', 'citeproc', 'sources', 'checks'],
  // Search records and passages for Pagefind.
  search: ['lib', 'schemas', 'bibliography', 'checks', 'publishing'],
  // The pass: the Markdown read once, checked and rendered to HTML.
  render: ['lib', 'bibliography', 'markdown', 'citeproc', 'sources', 'checks', 'publishing', 'search'],
  // The passes of a site on the worker pool, the command line's check.
  pipeline: ['lib', 'schemas', 'sources', 'checks', 'citeproc', 'publishing', 'search', 'render'],
  // Astro's content collection: the loader, the store's entries, the files published beside the pages.
  collection: ['lib', 'schemas', 'bibliography', 'sources', 'checks', 'publishing', 'search', 'render', 'pipeline'],
  // content.config.ts, the pages' data (site-data.ts), essay images.
  '.': ['sources', 'checks', 'collection'],
  integrations: ['lib', 'schemas', 'sources', 'checks', 'publishing', 'collection'],
  cli: ['lib', 'schemas', 'bibliography', 'sources', 'checks', 'publishing', 'pipeline'],
  // The reader's scripts in the browser.
  scripts: ['search'],
  components: ['schemas', 'sources', 'publishing'],
  layouts: ['.', 'publishing', 'scripts', 'styles'],
  pages: ['.', 'components', 'layouts', 'publishing', 'scripts'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|astro|mjs)$/.test(name))
    .map((name) => join(dir, name));
}

const folderOf = (file: string) => {
  const parts = relative(SRC, file).split('/');
  return parts.length === 1 ? '.' : parts[0]!;
};

/** Every import between two folders of src/, as `from -> to` with the files that make it. */
function folderEdges(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.\.?\/[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), match[1]!);
      if (!target.startsWith(SRC + '/')) continue;
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from === to) continue;
      const key = `${from} -> ${to}`;
      edges.set(key, [...(edges.get(key) ?? []), `${relative(SRC, file)} imports ${relative(SRC, target)}`]);
    }
  }
  return edges;
}

describe('the folders of src/', () => {
  const edges = folderEdges();

  it('import only the folders the table allows', () => {
    const crossing = [...edges].filter(([key]) => {
      const [from, to] = key.split(' -> ') as [string, string];
      return !ALLOWED[from]?.includes(to);
    });
    expect(crossing.map(([key, files]) => `${key}: ${files.join(', ')}`)).toEqual([]);
    // The scan finds the imports there are (a broken regex would find none and pass).
    expect(edges.size).toBeGreaterThan(40);
  });

  it('are each placed in the table', () => {
    const folders = new Set(sourceFiles(SRC).map(folderOf));
    expect([...folders].filter((folder) => !(folder in ALLOWED))).toEqual([]);
  });

  it('form no circle: the table orders them in layers', () => {
    const placed: string[] = [];
    const remaining = new Set(Object.keys(ALLOWED));
    while (remaining.size > 0) {
      const next = [...remaining].filter((folder) => ALLOWED[folder]!.every((below) => placed.includes(below)));
      expect(next, `a circle among ${[...remaining].join(', ')}`).not.toEqual([]);
      for (const folder of next) {
        placed.push(folder);
        remaining.delete(folder);
      }
    }
    expect(placed.indexOf('lib')).toBeLessThan(placed.indexOf('pages'));
  });
});

describe('src/', () => {
  const files = sourceFiles(SRC);

  it('keeps every module under 300 lines', () => {
    const long = files
      .map((file) => ({ file: relative(SRC, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 300);
    expect(long).toEqual([]);
  });

  it('shares nothing through globalThis', () => {
    expect(files.filter((file) => /\bglobalThis\b/.test(readFileSync(file, 'utf8'))).map((file) => relative(SRC, file))).toEqual([]);
  });
});
