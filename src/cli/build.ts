/**
 * `npm run build`: checks the sources, builds the site with Astro and indexes it with Pagefind in a
 * staging folder, and only then swaps it into `dist/`. A failed build leaves the previous `dist/`
 * exactly as it was, and never writes to `content/` or `bibliography/`.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceError } from '../lib/diagnostics.ts';

// Astro's telemetry would make a network request on every build; this project builds offline.
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
// A published build, whatever the shell says: Vite reads NODE_ENV (a test runner sets it to "test").
process.env['NODE_ENV'] = 'production';

const root = fileURLToPath(new URL('../../', import.meta.url));
const workDir = join(root, '.apparatus');
const staging = join(workDir, `build-${process.pid}`);
const previous = join(workDir, `previous-${process.pid}`);
const dist = join(root, 'dist');

async function main(): Promise<number> {
  mkdirSync(workDir, { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  const { build } = await import('astro');
  try {
    await build({ root, outDir: staging, logLevel: process.env['APPARATUS_LOG_LEVEL'] === 'silent' ? 'silent' : 'info' });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const source = findSourceError(error);
    process.stderr.write(`\n${source ? source.message : `The build failed: ${error instanceof Error ? error.message : String(error)}\n`}`);
    process.stderr.write(existsSync(dist) ? 'The previous dist/ was left as it was.\n' : 'Nothing was written to dist/.\n');
    return 1;
  }
  const hadDist = existsSync(dist);
  if (hadDist) renameSync(dist, previous);
  try {
    renameSync(staging, dist);
  } catch (error) {
    // Put the published site back rather than leave none.
    if (hadDist) renameSync(previous, dist);
    throw error;
  }
  rmSync(previous, { recursive: true, force: true });
  process.stdout.write('Built dist/ with its search index.\n');
  return 0;
}

/** Astro may wrap the integration's error; find ours to print its report as it is. */
function findSourceError(error: unknown): SourceError | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof SourceError || (current instanceof Error && current.name === 'SourceError')) return current as SourceError;
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}

process.exitCode = await main();
