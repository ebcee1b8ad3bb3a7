/**
 * Every bad-input fixture (tests/fixtures/bad-inputs/), checked in-process by the content lint the
 * build runs: the rule, file:line:col, message and fix, exactly as an editor reads them. (The full
 * build of each, which must also leave dist/ as it was, is tests/build/failures.test.ts.)
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import site from '../../site.config.ts';
import { formatDiagnostic, hasErrors } from '../../src/lib/diagnostics.ts';
import { lintContent } from '../../src/pipeline/lint.ts';
import { applyBadInputIn, badInputs, expectReported } from '../support/bad-inputs.ts';
import { ROOT } from '../support/project.ts';

describe('a bad input, checked in-process', () => {
  it.each(badInputs().map((input) => [input.name, input] as const))('%s is reported with its place and fix', async (_, input) => {
    const dir = mkdtempSync(join(tmpdir(), 'apparatus-bad-input-'));
    try {
      // The seed is what the bad inputs break; the other published essay would only be checked again.
      for (const folder of ['content/great-leap-forward', 'bibliography', 'public']) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
      applyBadInputIn(dir, input);
      const diagnostics = await lintContent(dir, site, join(ROOT, 'src/pages'));
      expect(hasErrors(diagnostics)).toBe(true);
      expectReported(diagnostics.map((d) => formatDiagnostic(d)).join('\n'), input);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
