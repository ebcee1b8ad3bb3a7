/**
 * Two clean builds of the same sources, in two different folders, give byte-identical trees, the
 * search index included: no build time, random id or machine path reaches the output.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../support/sandbox.ts';

function digests(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
    else out.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
  };
  walk(dir);
  return out;
}

describe('two clean builds', () => {
  it('are byte for byte the same, in different folders and at different times', async () => {
    const [first, second] = [createSandbox(), createSandbox()];
    try {
      const a = await first.runAsync('node_modules/.bin/tsx', ['src/cli/build.ts']);
      expect(a.status, a.output).toBe(0);
      const b = await second.runAsync('node_modules/.bin/tsx', ['src/cli/build.ts']);
      expect(b.status, b.output).toBe(0);
      const one = digests(join(first.dir, 'dist'));
      const two = digests(join(second.dir, 'dist'));
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
