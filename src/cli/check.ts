/**
 * `npm run check`: the content lint, then Astro's type check. The lint reports every problem of every
 * essay (drafts included) in one run, as `file:line:col  severity  message  [rule]` with the fix on
 * the next line, and exits non-zero when there is an error. `--content` runs the lint alone.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { formatDiagnostic, hasErrors, summarize, type Diagnostic } from '../lib/diagnostics.ts';
import { lintContent } from '../pipeline/lint.ts';
import { loadSiteConfig, root } from './project.ts';

async function main(): Promise<number> {
  const contentOnly = process.argv.includes('--content');
  let diagnostics: readonly Diagnostic[];
  try {
    diagnostics = await lintContent(root, await loadSiteConfig(), join(root, 'src', 'pages'));
  } catch (error) {
    process.stderr.write(`The content check could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  for (const d of diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
  process.stdout.write(`Content: ${summarize(diagnostics)}.\n`);
  let failed = hasErrors(diagnostics);
  if (!contentOnly) {
    process.stdout.write('\nType check (astro check):\n');
    const types = spawnSync(join(root, 'node_modules', '.bin', 'astro'), ['check'], { cwd: root, stdio: 'inherit' });
    failed ||= types.status !== 0;
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
