/**
 * Editors search while they revise: `npm run dev` serves a search index of its own pages and makes it
 * again when a source changes, so a search finds the words as they now stand.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from '../support/sandbox.ts';
import { startDevServer, type DevServer } from '../support/dev-server.ts';
import { useBrowser } from './browser.ts';

const { open } = useBrowser(() => dev.origin);
let sandbox: Sandbox;
let dev: DevServer;

beforeAll(async () => {
  sandbox = createSandbox();
  dev = await startDevServer(sandbox);
  await dev.waitFor(/Search index: \d+ passages/);
}, 120_000);

afterAll(async () => {
  await dev?.stop();
  sandbox?.remove();
});

/** The passages a search on the dev server finds: each one's link text and excerpt. */
async function passagesFound(query: string): Promise<{ title: string; excerpt: string }[]> {
  const { page } = await open(`/search/?q=${encodeURIComponent(query)}`);
  const status = page.locator('#search-status');
  await expect.poll(() => status.innerText(), { timeout: 20_000 }).toMatch(/match|Nothing matched/);
  return page.locator('#search-results .search-passage').evaluateAll((items) =>
    items.map((item) => ({ title: item.querySelector('a')?.textContent?.trim() ?? '', excerpt: item.querySelector('p')?.textContent ?? '' })),
  );
}

describe('search in npm run dev', () => {
  test('finds what the pages say, and keeps up when a bibliography changes', async () => {
    const before = await passagesFound('Lexington');
    expect(before.map((p) => p.title)).toEqual(['References: Luthi (2010)']);
    expect(before[0]?.excerpt).toContain('Lexington Books');

    sandbox.edit('bibliography/great-leap-forward.json', '"publisher": "Lexington Books"', '"publisher": "Quixotown Books"');
    await dev.waitFor(/Search index: \d+ passages/, 2);
    const after = await passagesFound('Quixotown');
    expect(after.map((p) => p.title)).toEqual(['References: Luthi (2010)']);
    expect(after[0]?.excerpt).toContain('Quixotown Books');
    expect(after[0]?.excerpt).not.toContain('Lexington');
  });
});
