/**
 * Bytes a reader's browser transfers for its first search on the built site: Pagefind's script,
 * WebAssembly, index chunks and fragments, as Chromium reports them (bodies as sent, headers
 * included). Needs Chromium (CHROME_PATH or
 * /usr/bin/chromium) and serves dist/ on a free localhost port for the measurement.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };

export interface SearchBytes {
  readonly query: string;
  /** Bytes of every request made after the search page had loaded, up to the first results. */
  readonly bytes: number;
  readonly requests: number;
}

export async function measureFirstSearch(dist: string, query: string): Promise<SearchBytes> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    let file = join(dist, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(dist) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    // Text is served gzip-compressed, as a static host or CDN would; Pagefind's own index files are
    // compressed already.
    const type = TYPES[extname(file)];
    const body = readFileSync(file);
    if (type && /gzip/.test(String(request.headers['accept-encoding']))) {
      response.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' }).end(gzipSync(body, { level: 9 }));
    } else {
      response.writeHead(200, { 'content-type': type ?? 'application/octet-stream' }).end(body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/search/`, { waitUntil: 'networkidle' });
    let bytes = 0;
    let requests = 0;
    page.on('requestfinished', (request) => {
      void request.sizes().then((sizes) => {
        bytes += sizes.responseBodySize + sizes.responseHeadersSize;
      });
      requests += 1;
    });
    await page.locator('#search-input').fill(query);
    await page.locator('#search-results .search-result').first().waitFor();
    await page.waitForLoadState('networkidle');
    return { query, bytes, requests };
  } finally {
    await browser.close();
    server.close();
  }
}
