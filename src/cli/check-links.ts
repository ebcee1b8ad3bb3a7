/**
 * `npm run check:links`: checks every internal link and #fragment of the built dist/ offline, and
 * lists the external links (never fetched). Exits non-zero on a broken link.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkLinks, readSiteFiles } from '../checks/link-check.ts';
import { fail, loadSiteConfig, root } from './project.ts';

const dist = join(root, 'dist');
if (!existsSync(dist)) process.exit(fail('There is no dist/ to check: run npm run build first.'));
const site = await loadSiteConfig();
// The base path the build used: the environment's, as astro.config.mjs reads it, or the site's.
const base = process.env['APPARATUS_BASE'] ?? site.base;
const report = checkLinks(readSiteFiles(dist), base.endsWith('/') ? base : `${base}/`, site.site);
for (const url of report.external) process.stdout.write(`external  ${url}\n`);
for (const b of report.broken) process.stdout.write(`dist/${b.page}  broken  ${b.url}  (${b.reason})\n`);
process.stdout.write(`${report.checked} internal links checked, ${report.broken.length} broken; ${report.external.length} external links listed, not fetched.\n`);
process.exitCode = report.broken.length > 0 ? 1 : 0;
