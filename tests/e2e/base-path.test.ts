/**
 * The site built under a sub-path (`APPARATUS_BASE=/essays/`) and served there, as on a host that
 * publishes it at https://example.org/essays/: every link and asset resolves under the base, and a
 * reader can navigate and search.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkLinks, readSiteFiles } from '../../src/checks/link-check.ts';
import { createSandbox, editorEnv, type Sandbox } from '../support/sandbox.ts';
import { useBrowser } from './browser.ts';

const BASE = '/essays/';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml' };
let sandbox: Sandbox;
let server: Server;
let origin = '';
const { open } = useBrowser(() => origin);

beforeAll(async () => {
  sandbox = createSandbox();
  // A link written from the site's root, as writers write them, must gain the base.
  sandbox.edit('content/great-leap-forward/05-conclusion.md', 'In the late 1950s, China', 'In the late 1950s ([see above](/great-leap-forward/#politics)), China');
  const built = await new Promise<number | null>((resolve) => {
    const child = spawn('node_modules/.bin/node', ['src/cli/build.ts'], { cwd: sandbox.dir, env: { ...editorEnv(), APPARATUS_BASE: BASE, APPARATUS_LOG_LEVEL: 'silent' }, stdio: 'ignore' });
    child.on('close', resolve);
  });
  expect(built).toBe(0);
  const dist = join(sandbox.dir, 'dist');
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const inside = path.startsWith(BASE) ? path.slice(BASE.length) : undefined;
    for (const candidate of inside === undefined ? [] : [inside, join(inside, 'index.html')]) {
      const file = join(dist, candidate);
      if (file.startsWith(dist) && statSync(file, { throwIfNoEntry: false })?.isFile()) {
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        response.end(readFileSync(file));
        return;
      }
    }
    response.writeHead(404, { 'content-type': 'text/html' });
    response.end(readFileSync(join(dist, '404.html')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  sandbox?.remove();
});

describe('a site built under /essays/', () => {
  test('has every link, asset and #fragment under the base (checked offline)', () => {
    const dist = join(sandbox.dir, 'dist');
    const report = checkLinks(readSiteFiles(dist), BASE, 'http://localhost:4321');
    expect(report.broken).toEqual([]);
    expect(readFileSync(join(dist, 'great-leap-forward/index.html'), 'utf8')).toContain('href="/essays/great-leap-forward/#politics"');
  });

  test('a reader goes from the home page to the essay, and searches from its header into the references', async () => {
    const { page, consoleErrors, failedRequests } = await open(BASE);
    await page.locator('.essay-list a').first().click();
    await page.waitForURL((url) => url.pathname === `${BASE}great-leap-forward/`);
    // The stylesheet loaded: the contents sit in their own column on a wide screen.
    expect(await page.locator('link[rel="stylesheet"]').first().getAttribute('href')).toMatch(/^\/essays\/_astro\//);
    await page.locator('#site-search-input').fill('Lexington');
    const result = page.locator('#site-search-panel .search-passage a').first();
    await result.waitFor();
    expect(await result.getAttribute('href')).toMatch(/^\/essays\/great-leap-forward\/\?highlight=lexington#bib-luthi2010$/i);
    await result.click();
    await page.waitForURL((url) => url.hash === '#bib-luthi2010');
    await expect.poll(() => page.locator('#bib-luthi2010 mark.search-highlight').count()).toBe(1);
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
  });
});
