/**
 * Two clean builds of the same sources, in two different folders, give byte-identical trees, the
 * search index included: no build time, random id or machine path reaches the output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { treeDigests } from '../support/tree-digests.ts';
import { createSandbox } from '../support/sandbox.ts';

describe('two clean builds', () => {
  it('are byte for byte the same, in different folders and at different times', async () => {
    const [first, second] = [createSandbox(), createSandbox()];
    try {
      const a = await first.runAsync('node_modules/.bin/node', ['src/cli/build.ts']);
      expect(a.status, a.output).toBe(0);
      const b = await second.runAsync('node_modules/.bin/node', ['src/cli/build.ts']);
      expect(b.status, b.output).toBe(0);
      const one = treeDigests(join(first.dir, 'dist'));
      const two = treeDigests(join(second.dir, 'dist'));
      expect([...one.keys()]).toEqual([...two.keys()]);
      expect([...one.keys()].some((path) => path.startsWith('pagefind/fragment/'))).toBe(true);
      const differing = [...one].filter(([path, hash]) => two.get(path) !== hash).map(([path]) => path);
      expect(differing).toEqual([]);
      // Nor does a machine path reach the output.
      for (const path of one.keys()) {
        if (/\.(html|xml|json|txt|bib|ris|js|css)$/.test(path)) expect(readFileSync(join(first.dir, 'dist', path), 'utf8')).not.toContain(first.dir);
      }
    } finally {
      first.remove();
      second.remove();
    }
  });
});
