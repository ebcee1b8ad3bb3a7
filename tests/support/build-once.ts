/**
 * Vitest global setup: runs the real `npm run build` once, so build and e2e tests read the site a
 * reader would get. Set APPARATUS_SKIP_BUILD=1 to reuse an existing dist/ while iterating on tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { editorEnv } from './sandbox.ts';
import { DIST, ROOT } from './project.ts';

export default function setup(): void {
  if (process.env['APPARATUS_SKIP_BUILD'] === '1' && existsSync(join(DIST, 'index.html'))) return;
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', env: { ...editorEnv(), APPARATUS_LOG_LEVEL: 'silent' } });
  if (result.status !== 0) {
    throw new Error(`npm run build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}
