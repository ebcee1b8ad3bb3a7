/**
 * Vitest global setup for the e2e project: serves the built dist/ on a free localhost port (the way a
 * static host would) and finds a Chromium to drive. Runs after tests/support/build-once.ts, so dist/
 * exists. Tests read both values with `inject('baseUrl')` and `inject('chromiumPath')`.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { TestProject } from 'vitest/node';
import { DIST } from '../support/project.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
  }
}

// Pagefind's own files (.pf_meta, .pf_fragment, .pf_index, .pagefind) are binary: anything not
// listed here is served as application/octet-stream, which Pagefind accepts.
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Debian's Chromium unless CHROME_PATH names another; never a downloaded browser. */
export function findChromium(): string {
  const fromEnv = process.env['CHROME_PATH'];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but there is no file there. Point it at a Chromium or Chrome binary.`);
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(candidate)) return candidate;
  throw new Error(
    'The e2e tests need Chromium and found none at /usr/bin/chromium. Install it with `apt-get install -y chromium` ' +
      '(Debian/Ubuntu), or set CHROME_PATH to the path of an installed Chromium or Chrome. The tests never download a browser.',
  );
}

/** Maps a URL path to a file in dist/, or undefined if there is none (or it would escape dist/). */
async function resolveFile(urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const path = normalize(join(DIST, decoded));
  if (path !== DIST && !path.startsWith(DIST.endsWith(sep) ? DIST : DIST + sep)) return undefined;
  // `/x/` and `/x` both mean `/x/index.html`, as on the static hosts the site targets.
  for (const candidate of [path, join(path, 'index.html')]) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return candidate;
  }
  return undefined;
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const file = await resolveFile(url.pathname);
  const status = file ? 200 : 404;
  const served = file ?? join(DIST, '404.html');
  const body = await readFile(served).catch(() => Buffer.from('Not found'));
  response.writeHead(status, {
    'content-type': CONTENT_TYPES[extname(served)] ?? 'application/octet-stream',
    'content-length': body.length,
    // Every run reads the freshly built files.
    'cache-control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  // Fail here, once and readably, rather than in every test.
  const chromiumPath = findChromium();
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`There is no built site at ${DIST}; run \`npm run build\`.`);

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(String(error));
    });
  });
  // Port 0: the system picks a free port, so parallel runs and a running dev server never clash.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  provide('baseUrl', `http://127.0.0.1:${port}`);
  provide('chromiumPath', chromiumPath);

  return () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
}
