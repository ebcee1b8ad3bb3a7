/** What every command-line tool starts from: the project root, its paths and its site config. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SiteConfig } from '../schemas/site-config.ts';
import { projectPaths, type ProjectPaths } from '../sources/paths.ts';

// Astro's telemetry would make a network request; this project works offline.
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const paths: ProjectPaths = projectPaths(root);

export async function loadSiteConfig(): Promise<SiteConfig> {
  const module = (await import(join(root, 'site.config.ts'))) as { default: SiteConfig };
  return module.default;
}

/** Prints a message for the editor (no stack trace) and sets a failing exit code. */
export function fail(message: string): 1 {
  process.stderr.write(`${message.trimEnd()}\n`);
  return 1;
}
