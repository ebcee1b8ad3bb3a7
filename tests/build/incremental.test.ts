/**
 * Rebuilds take what did not change from the build cache (.apparatus/cache/), Astro's content store
 * and its incremental build (.apparatus/astro/), and are never stale: after each kind of edit an
 * editor makes (a section, a bibliography entry, the style, the locale, the frontmatter, the site
 * config, a component, the code itself, an essay added or removed, an error made and mended), a
 * rebuild gives the very tree that a build from scratch gives, byte for byte. "From scratch" is a
 * fresh copy of the project with no .apparatus/ at all, built with the build cache off.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { treeDigests } from '../support/tree-digests.ts';
import { createSandbox, editorEnv, type Sandbox } from '../support/sandbox.ts';
import { ROOT } from '../support/project.ts';
import { spawn } from 'node:child_process';

interface Built {
  readonly tree: Map<string, string>;
  readonly rendered: number;
  readonly cached: number;
  readonly output: string;
}

function counted(output: string, dir: string): Built {
  const counts = /Essays rendered: (\d+); taken unchanged from the build cache: (\d+)/.exec(output);
  return { tree: treeDigests(join(dir, 'dist')), rendered: Number(counts?.[1] ?? -1), cached: Number(counts?.[2] ?? -1), output };
}

async function build(box: Sandbox): Promise<Built> {
  const result = await box.runAsync('node_modules/.bin/node', ['src/cli/build.ts']);
  expect(result.status, result.output).toBe(0);
  return counted(result.output, box.dir);
}

/** The same sources built in a fresh copy of the project: nothing kept from any earlier build. */
async function scratch(box: Sandbox): Promise<Built> {
  const dir = mkdtempSync(join(tmpdir(), 'apparatus-scratch-'));
  try {
    const skipped = new Set(['node_modules', '.apparatus', '.astro', 'dist']);
    cpSync(box.dir, dir, { recursive: true, filter: (source) => !skipped.has(source.slice(box.dir.length + 1).split('/')[0]!) });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('node_modules/.bin/node', ['src/cli/build.ts'], { cwd: dir, env: { ...editorEnv(), APPARATUS_CACHE: 'off' } });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('close', (status) => (status === 0 ? resolve(text) : reject(new Error(text))));
    });
    return counted(output, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Each kind of input, edited in a way that shows on the seed essay's page, with the number of essays
 * it must render again: the seed alone, or both when the edit touches what the PeerJ article uses
 * too (the locale, the code).
 */
const EDITS: readonly { readonly what: string; readonly rerenders: number; readonly edit: (box: Sandbox) => void }[] = [
  { what: 'a section', rerenders: 1, edit: (box) => box.edit('content/great-leap-forward/05-conclusion.md', 'embarked itself in the GLF', 'embarked on the GLF') },
  { what: 'a bibliography entry', rerenders: 1, edit: (box) => box.edit('bibliography/great-leap-forward.json', '"Lexington', '"Lexington, KY') },
  { what: 'the style', rerenders: 1, edit: (box) => box.edit('bibliography/styles/apa-6th-edition.csl', '<layout prefix="(" suffix=")" delimiter="; ">', '<layout prefix="[" suffix="]" delimiter="; ">') },
  // "(Eds.)" in a reference entry: the essay's body, not only the page around it.
  { what: 'the locale', rerenders: 2, edit: (box) => box.edit('bibliography/locales/locales-en-US.xml', '<term name="editor" form="short">\n      <single>ed.</single>\n      <multiple>eds.</multiple>', '<term name="editor" form="short">\n      <single>ed.</single>\n      <multiple>editors</multiple>') },
  { what: 'the frontmatter', rerenders: 1, edit: (box) => box.edit('content/great-leap-forward/index.md', 'lang: en-US', 'lang: en-US\nlink-citations: false') },
  { what: 'the code', rerenders: 2, edit: (box) => box.edit('src/render/rehype-references.ts', "'Cited once:'", "'Cited in one place:'") },
  // The site config is part of the code's digest: every essay passes again.
  { what: 'the site config', rerenders: 2, edit: (box) => box.edit('site.config.ts', "title: '", "title: 'The ") },
  // A page's own template, around the essay: the essays' passes are not redone (but src/ is code).
  { what: 'a component', rerenders: 2, edit: (box) => box.edit('src/components/CiteThis.astro', '<h2 id="cite-this-title">Cite this essay</h2>', '<h2 id="cite-this-title">How to cite this essay</h2>') },
  {
    what: 'an essay added',
    rerenders: 1,
    edit: (box) => {
      box.write('content/a-new-essay/index.md', '---\ntitle: A new essay\ndate: 2026-12-01\nauthors: [Ada Writer]\nbibliography: great-leap-forward.json\ncsl: apa-6th-edition\n---\n');
      box.write('content/a-new-essay/01-only.md', '---\ntitle: Only\n---\n\nAs @naughton2007 shows, the [first essay](/great-leap-forward/) matters.\n');
    },
  },
  { what: 'an essay removed', rerenders: 0, edit: (box) => rmSync(join(box.dir, 'content/a-new-essay'), { recursive: true, force: true }) },
];

describe('a rebuild with the build cache', () => {
  it('passes nothing when nothing changed, and after each kind of edit equals a build from scratch', async () => {
    const box = createSandbox();
    try {
      const first = await build(box);
      expect(first).toMatchObject({ rendered: 2, cached: 0 });
      const again = await build(box);
      expect(again).toMatchObject({ rendered: 0, cached: 2 });
      expect(again.tree).toEqual(first.tree);
      expect(again.tree).toEqual((await scratch(box)).tree);

      let before = again.tree;
      for (const { what, rerenders, edit } of EDITS) {
        edit(box);
        const cached = await build(box);
        const fresh = await scratch(box);
        const differing = [...fresh.tree].filter(([path, hash]) => cached.tree.get(path) !== hash).map(([path]) => path);
        expect({ what, differing, paths: [...cached.tree.keys()] }).toEqual({ what, differing: [], paths: [...fresh.tree.keys()] });
        // The edit shows (a test that changed nothing would prove nothing).
        expect(cached.tree, what).not.toEqual(before);
        expect(cached.rendered, what).toBe(rerenders);
        // Nothing changed since: the next build passes nothing and gives the same tree.
        const unchanged = await build(box);
        expect({ what, rendered: unchanged.rendered, same: unchanged.tree.size === cached.tree.size && [...unchanged.tree].every(([path, hash]) => cached.tree.get(path) === hash) }).toEqual({ what, rendered: 0, same: true });
        before = cached.tree;
      }
    } finally {
      box.remove();
    }
  }, 900_000);

  it('after a failed build, leaves dist/ as it was, and a mended source builds as from scratch', async () => {
    const box = createSandbox();
    try {
      const good = await build(box);
      box.edit('content/great-leap-forward/05-conclusion.md', 'embarked itself in the GLF', 'embarked itself in the GLF [@naughton2070]');
      const failed = await box.runAsync('node_modules/.bin/node', ['src/cli/build.ts']);
      expect(failed.status).not.toBe(0);
      expect(failed.output).toMatch(/naughton2070/);
      expect(treeDigests(join(box.dir, 'dist'))).toEqual(good.tree);
      box.edit('content/great-leap-forward/05-conclusion.md', ' [@naughton2070]', '');
      const mended = await build(box);
      expect(mended.tree).toEqual(good.tree);
      expect(mended.tree).toEqual((await scratch(box)).tree);
    } finally {
      box.remove();
    }
  }, 300_000);
});
