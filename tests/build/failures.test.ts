/**
 * Bad sources stop the build with a message that names the file, the line and the fix, and leave
 * the previous dist/ exactly as it was. Each fixture of tests/fixtures/bad-inputs/ breaks one thing
 * in a copy of the project, over a copy of the good dist/; the real build and `npm run check` run
 * there, and both must report it.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { applyBadInput, badInputs, expectReported } from '../support/bad-inputs.ts';
import { DIST } from '../support/project.ts';
import { createSandbox } from '../support/sandbox.ts';

const ESSAY = 'content/great-leap-forward';
const inputs = badInputs();

test('there are at least fifteen bad-input fixtures', () => {
  expect(inputs.length).toBeGreaterThanOrEqual(15);
});

describe('a bad input', () => {
  test.concurrent.each(inputs.map((input) => [input.name, input] as const))('%s: the build stops, says where and how to fix it, and harms nothing', async (_, input) => {
    const sandbox = createSandbox();
    try {
      // A previously published site, which the failed build must leave alone.
      cpSync(DIST, join(sandbox.dir, 'dist'), { recursive: true });
      const distBefore = sandbox.digest('dist');
      applyBadInput(sandbox, input);
      const sourcesBefore = sandbox.digest('content', 'bibliography');

      const build = await sandbox.runAsync('node_modules/.bin/node', ['src/cli/build.ts']);
      expect(build.status).toBe(1);
      expectReported(build.output, input);
      expect(build.output).toContain('The previous dist/ was left as it was.');
      expect(sandbox.digest('dist')).toBe(distBefore);
      expect(sandbox.digest('content', 'bibliography')).toBe(sourcesBefore);

      // `npm run check` finds the same problem at the same place.
      const check = await sandbox.runAsync('node_modules/.bin/node', ['src/cli/check.ts', '--content']);
      expect(check.status).toBe(1);
      expectReported(check.output, input);
    } finally {
      sandbox.remove();
    }
  });
});

describe('plain `astro build`, without our wrapper', () => {
  test('also fails on an unknown key (Astro alone would exit 0)', async () => {
    const sandbox = createSandbox();
    try {
      sandbox.edit(`${ESSAY}/05-conclusion.md`, 'In the late 1950s, China', 'In the late 1950s [@nobody2000], China');
      // Not blocking the test worker while it builds: Vitest's RPC would time out on a loaded machine.
      const result = await sandbox.runAsync('npx', ['astro', 'build']);
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/05-conclusion\.md:5:20 {2}error {2}Unknown citation key "@nobody2000"/);
    } finally {
      sandbox.remove();
    }
  });
});
