/**
 * What editors see while they revise, in `npm run dev` on a copy of the project: a saved section,
 * bibliography or style shows in the open page without a restart, drafts are shown, and search
 * finds the words as they now stand (the dev server indexes its own pages and remakes the index).
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
  await expect.poll(() => status.innerText(), { timeout: 45_000 }).toMatch(/match|Nothing matched/);
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

describe('live preview in npm run dev', () => {
  test('saving a section, a bibliography or a style updates the open page by itself', async () => {
    const { page } = await open('/great-leap-forward/');
    // The reload comes over Vite's websocket, which each loaded page opens anew: a save made before
    // the page listens again is not heard. So each edit waits for the page to be listening, as an
    // editor's next save comes after the page has shown the last one.
    const listening = () => page.waitForEvent('console', { predicate: (message) => message.text().includes('[vite] connected'), timeout: 45_000 });
    let connected = listening();
    await page.reload();
    await connected;
    const conclusion = page.locator('#conclusion-p1');
    await expect.poll(() => conclusion.innerText()).toMatch(/^In the late 1950s, China embarked/);

    connected = listening();
    sandbox.edit('content/great-leap-forward/05-conclusion.md', 'In the late 1950s, China embarked', 'In the late 1950s, as revised, China embarked');
    await expect.poll(() => conclusion.innerText(), { timeout: 45_000 }).toMatch(/^In the late 1950s, as revised, China embarked/);
    await connected;

    const yang = page.locator('#bib-yang2008');
    connected = listening();
    sandbox.edit('bibliography/great-leap-forward.json', '"family": "Yang"', '"family": "Yangtze"');
    await expect.poll(() => yang.innerText(), { timeout: 45_000 }).toMatch(/^Yangtze, D\. T\. \(2008\)/);
    // No stale citation: the text cites the new name too.
    expect(await page.locator('#introduction-p1').innerText()).toContain('Yangtze (2008)');
    await connected;

    // A change to the CSL style itself: APA's "&" between authors becomes "and".
    const luthi = page.locator('#bib-luthi2010');
    expect(await luthi.innerText()).toContain('Bernstein & H. Li');
    const style = 'bibliography/styles/apa-6th-edition.csl';
    const xml = sandbox.read(style);
    sandbox.write(style, xml.replaceAll('and="symbol"', 'and="text"'));
    expect(sandbox.read(style)).not.toBe(xml);
    await expect.poll(() => luthi.innerText(), { timeout: 45_000 }).toContain('Bernstein and H. Li');
  });

  test('a draft is shown while it is written', async () => {
    sandbox.write('content/a-draft/index.md', '---\ntitle: A draft in progress\ndate: 2030-01-01\ndraft: true\n---\n\n## Start\n\nWords being written.\n');
    const { page } = await open('/');
    await expect.poll(async () => {
      await page.reload();
      return page.locator('.essay-list h3 a').allInnerTexts();
    }, { timeout: 45_000 }).toContain('A draft in progress');
  });
});
