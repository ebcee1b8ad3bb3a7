/**
 * `npm run check`: the content lint, then Astro's type check. The lint reports every problem of every
 * essay (drafts included) in one run, as `file:line:col  severity  message  [rule]` with the fix on
 * the next line, and exits non-zero when there is an error. `--content` runs the lint alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic, hasErrors, sortDiagnostics, summarize, type Diagnostic } from '../lib/diagnostics.ts';
import { renderEssay } from '../pipeline/render.ts';
import { checkSite } from '../pipeline/site.ts';
import { brokenLinks, idsInHtml, type LinkTargets } from '../pipeline/site-checks.ts';
import { loadSiteConfig, paths, root } from './project.ts';

/** Pages other than essays, from src/pages/ (`search.astro` → `search/`). */
function otherPages(): Set<string> {
  const dir = join(root, 'src', 'pages');
  return new Set(
    readdirSync(dir)
      .filter((name) => name.endsWith('.astro') && !name.startsWith('[') && name !== 'index.astro' && name !== '404.astro')
      .map((name) => `${name.replace(/\.astro$/, '')}/`),
  );
}

export async function lintContent(): Promise<readonly Diagnostic[]> {
  const site = await loadSiteConfig();
  const checked = checkSite(paths, site, { includeDrafts: true });
  const diagnostics = [...checked.diagnostics];
  if (!hasErrors(diagnostics)) {
    // Anchors exist only once an essay is rendered: render each (as the build would) to check links.
    const essays = new Map<string, Set<string>>();
    for (const essay of checked.essays) essays.set(essay.slug, idsInHtml((await renderEssay(essay)).html));
    const publicDir = join(root, 'public');
    const targets: LinkTargets = {
      essays,
      pages: otherPages(),
      hasFile: (path) => existsSync(join(publicDir, path)) && statSync(join(publicDir, path)).isFile(),
    };
    diagnostics.push(...brokenLinks(checked.essays, targets));
  }
  return sortDiagnostics(diagnostics);
}

async function main(): Promise<number> {
  const contentOnly = process.argv.includes('--content');
  let diagnostics: readonly Diagnostic[];
  try {
    diagnostics = await lintContent();
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
