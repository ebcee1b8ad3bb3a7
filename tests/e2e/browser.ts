/**
 * Drives the system Chromium (found by setup.ts; never a downloaded browser) against the site that
 * setup.ts serves. Each page records what went wrong while it loaded, so tests can assert a clean run.
 */
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';

// What this machine needs: no sandbox or GPU in the container, and nothing that phones home
// (only localhost traffic is allowed, and background requests would make runs flaky).
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Playwright's `launch` gives every browser its own throwaway profile, so runs share no state. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: inject('chromiumPath'), headless: true, args: ARGS });
}

/** An absolute URL on the test server for a site path such as `/great-leap-forward/`. */
export function siteUrl(path: string): string {
  return new URL(path, inject('baseUrl')).href;
}

export interface WatchedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions, as text. */
  readonly consoleErrors: string[];
  /** Requests that failed outright or answered with an HTTP error status, as "URL: reason". */
  readonly failedRequests: string[];
}

/** A page in a fresh context (its own cookies, storage and settings such as colour scheme). */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}, origin = new URL(inject('baseUrl')).origin): Promise<WatchedPage> {
  const context = await browser.newContext(options);
  // Fail a step within seconds with Playwright's own message, well before the test times out.
  context.setDefaultTimeout(15_000);
  // The site must be self-contained: anything it asks of another host is aborted, and so is
  // recorded below as a failed request.
  await context.route(
    (url) => url.origin !== origin,
    (route) => route.abort('blockedbyclient'),
  );

  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`Uncaught: ${error.message}`));
  page.on('requestfailed', (request) => failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`));
  // A missing stylesheet or index file does not "fail" as a request; it answers 404.
  page.on('response', (response) => {
    if (response.status() >= 400) failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  return { context, page, consoleErrors, failedRequests };
}

/**
 * Whether a reader would see the element's start: its top edge lies inside the viewport (the
 * browser scrolls a link target to the top) and it has a size. Poll it with `expect.poll`, since
 * scrolling to a fragment can land a frame after the URL changes.
 */
export function isInViewport(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.height > 0 && box.width > 0 && box.top >= -1 && box.top < window.innerHeight && box.left < window.innerWidth && box.right > 0;
  });
}

/**
 * One Chromium for a test file, and a fresh context for every page a test opens, closed after the
 * test, so no test sees another's history, storage or scroll. Call in a test file's top level.
 * Pages come from the static server of setup.ts, or from the origin `siteOrigin` gives (a dev server).
 */
export function useBrowser(siteOrigin?: () => string): { open: (path: string, options?: BrowserContextOptions) => Promise<WatchedPage> } {
  let browser: Browser | undefined;
  const opened: WatchedPage[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    for (const { context } of opened.splice(0)) await context.close();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async open(path, options = {}) {
      if (!browser) throw new Error('useBrowser(): the browser starts in beforeAll; open pages inside tests.');
      const origin = siteOrigin?.();
      const watched = await openPage(browser, options, origin);
      opened.push(watched);
      await watched.page.goto(origin ? new URL(path, origin).href : siteUrl(path));
      return watched;
    },
  };
}

/**
 * The touch rule of every popover link: on a phone the first tap shows the popover, inside the
 * screen, without leaving the page; the second tap follows the link.
 */
export async function expectTapShowsThenFollows(page: Page, link: Locator): Promise<void> {
  const hash = new URL((await link.getAttribute('href'))!, page.url()).hash;
  await link.tap();
  await expect.poll(() => page.locator('.popover').count()).toBe(1);
  expect(new URL(page.url()).hash).toBe('');
  const box = (await page.locator('.popover').boundingBox())!;
  const width = page.viewportSize()!.width;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
  await link.tap();
  await page.waitForURL((url) => url.hash === hash);
}

