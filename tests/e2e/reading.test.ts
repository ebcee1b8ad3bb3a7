/**
 * Reading aids in Chromium: accessibility (axe-core, every WCAG 2.x A/AA rule) at phone and desktop
 * widths in light and dark, citation popovers with the keyboard, sidenotes, and screenshots at
 * 390, 1024 and 1440 px in light and dark, and in print.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { ROOT } from '../support/project.ts';
import { expectTapShowsThenFollows, isInViewport, useBrowser } from './browser.ts';

const ESSAY = '/great-leap-forward/';
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

const browser = useBrowser();
beforeAll(() => {
  mkdirSync(SCREENSHOTS, { recursive: true });
});

async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
  return (await browser.open(path, options)).page;
}

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: tags } });
    return result.violations;
  }, WCAG_TAGS);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility', () => {
  for (const path of ['/', ESSAY, '/formatting-open-science/', '/works-cited/']) {
    for (const width of [390, 1440]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        test(`axe finds no WCAG A/AA violation on ${path} at ${width}px in ${colorScheme}`, async () => {
          // axe is injected as an inline script, which the site's own policy rightly refuses.
          const page = await open(path, { viewport: { width, height: 900 }, colorScheme, bypassCSP: true });
          expect(await axeViolations(page)).toEqual([]);
        });
      }
    }
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds no violation in search results, on the search page and under the header box, in ${colorScheme}`, async () => {
      const page = await open('/search/?q=Hundred%20Flowers', { viewport: { width: 1280, height: 900 }, colorScheme, bypassCSP: true });
      await page.locator('#search-results .search-passage').first().waitFor();
      await page.locator('#site-search-input').fill('Khrushchev');
      await page.locator('#site-search-panel .search-passage').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `search-1280-${colorScheme}.png`) });
    });
  }

  test('a keyboard-only walk: skip link, contents, a note, a citation, and back', async () => {
    const page = await open(ESSAY, { viewport: { width: 1440, height: 900 } });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the text');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === '#main');
    // From the text, Tab reaches the contents; Enter on "The Soviet heritage" goes there.
    const focusedHref = () => page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
    for (let i = 0; (await focusedHref()) !== '#soviet-heritage'; i++) {
      if (i > 40) throw new Error('Tab never reached the contents.');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === '#soviet-heritage');
    // Then on to the first note call, which at this width leads to the note.
    for (let i = 0; (await focusedHref()) !== '#fn-collectivization'; i++) {
      if (i > 40) throw new Error('Tab never reached note 1.');
      await page.keyboard.press('Tab');
    }
    const focusVisible = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(focusVisible).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === '#fn-collectivization');
    await page.keyboard.press('Tab');
    expect(await focusedHref()).toBe('#bib-naughton2007');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === '#bib-naughton2007');
    await expect.poll(() => isInViewport(page.locator('#bib-naughton2007'))).toBe(true);
  });
});

describe('citation popovers', () => {
  test('focus shows the reference; arrows step to the next citation of the work; Escape closes', async () => {
    const page = await open(ESSAY, { viewport: { width: 1024, height: 800 } });
    const first = page.locator('.essay-body a[role="doc-biblioref"][href="#bib-bachman1991"]').first();
    await first.focus();
    const popover = page.locator('.popover');
    await expect.poll(() => popover.count()).toBe(1);
    expect(await popover.innerText()).toContain('Bureaucracy, economy, and leadership in China');
    expect(await first.getAttribute('aria-describedby')).toBe('citation-popover');
    // Inside the viewport, and out of the flow: the paragraph keeps its height.
    const box = (await popover.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1024);

    const firstId = await first.evaluate((a) => a.closest('.citation')?.id);
    await page.keyboard.press('ArrowRight');
    const nextId = await page.evaluate(() => document.activeElement?.closest('.citation')?.id);
    expect(nextId).toMatch(/^citation--bachman1991--/);
    expect(nextId).not.toBe(firstId);
    await expect.poll(() => popover.count()).toBe(1);

    await page.keyboard.press('Escape');
    await expect.poll(() => popover.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.closest('.citation')?.id)).toBe(nextId);
  });

  test('on a touch screen the first tap shows the reference, the second follows it', async () => {
    const page = await open(ESSAY, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await expectTapShowsThenFollows(page, page.locator('.essay-body a[role="doc-biblioref"][href="#bib-yang2008"]').first());
  });

  test('Tab moves into the popover, to its link to the reference', async () => {
    const page = await open(ESSAY, { viewport: { width: 1024, height: 800 } });
    await page.locator('.essay-body a[role="doc-biblioref"][href="#bib-yang2008"]').first().focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Go to the reference');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === '#bib-yang2008');
  });
});

describe('notes', () => {
  test('on a wide screen each note stands in the margin beside its call, without overlapping', async () => {
    const page = await open(ESSAY, { viewport: { width: 1440, height: 900 } });
    const notes = page.locator('.essay-body .sidenote');
    expect(await notes.count()).toBe(5);
    const boxes = await notes.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    const text = (await page.locator('.essay-body p').first().boundingBox())!;
    for (const [i, box] of boxes.entries()) {
      expect(box.left).toBeGreaterThan(text.x + text.width); // in the margin
      const next = boxes[i + 1];
      if (next) expect(next.top).toBeGreaterThanOrEqual(box.bottom); // never overlapping
    }
  });

  test('on a phone a tap on the note number opens the note in place', async () => {
    const page = await open(ESSAY, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const call = page.locator('a[role="doc-noteref"]').first();
    const note = page.locator('.essay-body .sidenote[data-note="fn-collectivization"]');
    expect(await note.isVisible()).toBe(false);
    await call.tap();
    await expect.poll(() => note.isVisible()).toBe(true);
    expect(await call.getAttribute('aria-expanded')).toBe('true');
    expect(new URL(page.url()).hash).toBe('');
    // It opens after the paragraph that calls it.
    expect(await note.evaluate((n) => n.previousElementSibling?.tagName)).toBe('P');
    expect(await note.evaluate((n) => n.previousElementSibling?.contains(document.querySelector('a[role="doc-noteref"]')))).toBe(true);
  });
});

describe('light and dark', () => {
  test('the page follows the system until the reader chooses, and remembers the choice', async () => {
    const page = await open(ESSAY, { colorScheme: 'dark' });
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const dark = await background();
    const toggle = page.locator('.theme-toggle');
    // The button says what it will do, in either theme.
    expect([await toggle.innerText(), await toggle.getAttribute('aria-label')]).toEqual(['Light', 'Switch to the light theme']);
    await toggle.click();
    expect([await toggle.innerText(), await toggle.getAttribute('aria-label')]).toEqual(['Dark', 'Switch to the dark theme']);
    expect(await background()).not.toBe(dark);
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('light');
    expect(await background()).not.toBe(dark);
  });
});

describe('the header on a phone', () => {
  test('is one compact row that still reaches search with "/" and the theme by keyboard', async () => {
    const page = await open(ESSAY, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const header = await page.locator('.site-header').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(60);
    const top = (selector: string) => page.locator(selector).evaluate((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2));
    const row = await top('.site-title');
    for (const selector of ['#site-search-input', '.theme-toggle', '.site-header nav']) expect(Math.abs((await top(selector)) - row), selector).toBeLessThanOrEqual(6);
    // Nothing spills past the screen's edge.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('theme-toggle');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
  });
});

describe('screenshots to look at', () => {
  for (const width of [390, 1024, 1440]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      test(`essay at ${width}px in ${colorScheme}`, async () => {
        const page = await open(ESSAY, { viewport: { width, height: 900 }, colorScheme });
        const file = join(SCREENSHOTS, `essay-${width}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(statSync(file).size).toBeGreaterThan(10_000);
      });
    }
  }

  test('essay in print, as PDF pages turned into PNG', async () => {
    const page = await open(ESSAY);
    const pdf = join(SCREENSHOTS, 'essay-print.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: false });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, join(SCREENSHOTS, 'essay-print')]);
    expect(statSync(join(SCREENSHOTS, 'essay-print-1.png')).size).toBeGreaterThan(5_000);
    // Print keeps the notes and references but drops navigation and controls.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('#notes').isVisible()).toBe(true);
    expect(await page.locator('#references').isVisible()).toBe(true);
  });
});
