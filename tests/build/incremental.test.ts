/**
 * Rebuilds take what did not change from the build cache (.apparatus/cache/), and are never stale:
 * after each kind of edit an editor makes (a section, a bibliography entry, the style, the locale,
 * the frontmatter, the code itself), a rebuild with the cache gives the very tree that a build from
 * scratch gives, byte for byte.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { treeDigests } from '../support/tree-digests.ts';
import { createSandbox, type Sandbox } from '../support/sandbox.ts';

async function build(box: Sandbox, fromScratch: boolean): Promise<{ tree: Map<string, string>; rendered: number; cached: number }> {
  const result = await box.runAsync('sh', ['-c', `${fromScratch ? 'APPARATUS_CACHE=off ' : ''}node_modules/.bin/node src/cli/build.ts`]);
  expect(result.status, result.output).toBe(0);
  const counts = /Essays rendered: (\d+); taken unchanged from the build cache: (\d+)/.exec(result.output);
  return { tree: treeDigests(join(box.dir, 'dist')), rendered: Number(counts?.[1] ?? -1), cached: Number(counts?.[2] ?? -1) };
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
];

describe('a rebuild with the build cache', () => {
  it('renders nothing when nothing changed, and after each kind of edit equals a build from scratch', async () => {
    const box = createSandbox();
    try {
      const first = await build(box, false);
      expect(first).toMatchObject({ rendered: 2, cached: 0 });
      const again = await build(box, false);
      expect(again).toMatchObject({ rendered: 0, cached: 2 });
      expect(again.tree).toEqual(first.tree);

      let before = again.tree;
      for (const { what, rerenders, edit } of EDITS) {
        edit(box);
        const cached = await build(box, false);
        const scratch = await build(box, true);
        const differing = [...scratch.tree].filter(([path, hash]) => cached.tree.get(path) !== hash).map(([path]) => path);
        expect({ what, differing, paths: [...cached.tree.keys()] }).toEqual({ what, differing: [], paths: [...scratch.tree.keys()] });
        // The edit shows: the page is not the one before (a test that changed nothing would prove nothing).
        expect(cached.tree.get('great-leap-forward/index.html'), what).not.toBe(before.get('great-leap-forward/index.html'));
        expect(cached.rendered, what).toBe(rerenders);
        before = cached.tree;
      }
    } finally {
      box.remove();
    }
  }, 600_000);
});
