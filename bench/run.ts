/**
 * `npm run bench`: measures what can be measured without a timer in a test: the seed essay's page
 * weight against its budget (HTML + render-blocking CSS ≤ 14,600 bytes gzip, the first round trip;
 * reading scripts ≤ 10 KB gzip), and the bytes of a first search (goal ≤ 100 KB). Builds the site
 * first unless --no-build is given.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { measurePage } from './page-weight.ts';
import { measureFirstSearch } from './search-bytes.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUDGET = { firstRenderGzip: 14_600, scriptGzip: 10_240 };

if (!process.argv.includes('--no-build')) {
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, APPARATUS_LOG_LEVEL: 'silent' } });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const weight = measurePage(join(root, 'dist'), 'great-leap-forward/index.html');
const row = (label: string, value: number, budget?: number) =>
  `| ${label} | ${value.toLocaleString('en-US')} | ${budget ? `${budget.toLocaleString('en-US')} (${value <= budget ? 'met' : `over by ${(value - budget).toLocaleString('en-US')}`})` : ''} |`;
console.log(`## Seed essay page weight (${weight.page})\n`);
console.log('| measure | bytes | budget |');
console.log('| --- | ---: | --- |');
console.log(row('HTML', weight.htmlBytes));
console.log(row('HTML, gzip', weight.htmlGzip));
console.log(row('render-blocking CSS, gzip', weight.blockingCssGzip));
console.log(row('first render (HTML + blocking CSS), gzip', weight.firstRenderGzip, BUDGET.firstRenderGzip));
console.log(row('JavaScript for reading, gzip', weight.scriptGzip, BUDGET.scriptGzip));
console.log(`| requests (page, CSS, JS) | ${weight.requests} | |`);
const search = await measureFirstSearch(join(root, 'dist'), 'Hundred Flowers');
console.log(`\n## First search (“${search.query}”)\n`);
console.log('| measure | value | goal |');
console.log('| --- | ---: | --- |');
console.log(`| bytes transferred | ${search.bytes.toLocaleString('en-US')} | 102,400 (${search.bytes <= 102_400 ? 'met' : `over by ${(search.bytes - 102_400).toLocaleString('en-US')}`}) |`);
console.log(`| requests | ${search.requests} | |`);
console.log(`\n${JSON.stringify({ weight, search })}`);
