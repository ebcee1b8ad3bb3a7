/**
 * How long an editor waits in `npm run dev`: from saving a section to the open page showing the
 * sentence added. A copy of the project served by `astro dev` (the browser tests' sandbox and dev
 * server), the seed essay open in Chromium (the page reloads itself over Vite's websocket), three
 * saves, each timed until the sentence is on the page. Needs Chromium (CHROME_PATH or /usr/bin/chromium).
 */
import { chromium } from 'playwright-core';
import { startDevServer } from '../tests/support/dev-server.ts';
import { createSandbox } from '../tests/support/sandbox.ts';

const SECTION = 'content/great-leap-forward/05-conclusion.md';

/** Milliseconds from each save to the page showing it. */
export async function measureDevSaves(saves = 3): Promise<number[]> {
  const sandbox = createSandbox();
  const dev = await startDevServer(sandbox);
  const browser = await chromium.launch({
    executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const original = sandbox.read(SECTION);
    const times: number[] = [];
    for (let save = 1; save <= saves; save++) {
      // The page listens for reloads once Vite's client has connected.
      const connected = page.waitForEvent('console', { predicate: (message) => message.text().includes('[vite] connected'), timeout: 60_000 });
      await page.goto(`${dev.origin}/great-leap-forward/`, { waitUntil: 'load', timeout: 120_000 });
      await connected;
      const sentence = `A sentence saved while the page was open, number ${save}.`;
      const start = performance.now();
      sandbox.write(SECTION, `${original.trimEnd()}\n\n${sentence}\n`);
      await page.getByText(sentence).waitFor({ timeout: 60_000 });
      times.push(performance.now() - start);
    }
    return times;
  } finally {
    await browser.close();
    await dev.stop();
    sandbox.remove();
  }
}
