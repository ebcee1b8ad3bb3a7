/**
 * The second published essay (the PeerJ article on Pandoc Scholar) as a reader meets it in
 * Chromium: its figures load at the right size from the build's image pipeline, its wide tables
 * scroll inside the text column, its equation is drawn, and each "Figure 1", "Table 2",
 * "Equation 1" or "Appendix A" shows what it names in a popover, by mouse, keyboard or touch.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../support/project.ts';
import { expectTapShowsThenFollows, useBrowser } from './browser.ts';

const ESSAY = '/formatting-open-science/';
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

const browser = useBrowser();
beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

describe('figures', () => {
  test('each loads, when scrolled to, at its own size from the srcset, with a link to the original', async () => {
    const { page, failedRequests, consoleErrors } = await browser.open(ESSAY, { viewport: { width: 1440, height: 900 } });
    const images = page.locator('.essay-body figure img');
    expect(await images.count()).toBe(8);
    for (const img of await images.all()) {
      await img.scrollIntoViewIfNeeded();
      await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
      const shown = await img.evaluate((i: HTMLImageElement) => ({ width: i.width, height: i.height, ratio: i.naturalWidth / i.naturalHeight, loading: i.loading }));
      // No layout shift: the box has the image's proportions before and after it loads.
      expect(Math.abs(shown.width / shown.height - shown.ratio)).toBeLessThan(0.02);
      expect(shown.loading).toBe('lazy');
    }
    // The original is kept: each figure links to it, and it is served.
    const originals = await page.locator('.essay-body figure a:has(img)').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(originals).toHaveLength(8);
    for (const href of originals) expect((await page.request.get(href)).status(), href).toBe(200);
    expect(failedRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

describe('tables and equations', () => {
  test('on a phone a wide table scrolls inside its box, by keyboard too, and the page does not', async () => {
    const { page } = await browser.open(ESSAY, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = page.locator('.table-scroll:has(#tbl-software)');
    expect(await box.evaluate((b) => b.scrollWidth > b.clientWidth)).toBe(true);
    expect(await box.getAttribute('aria-labelledby')).toBe('tbl-software-caption');
    await box.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => box.evaluate((b) => b.scrollLeft)).toBeGreaterThan(0);
  });

  test('the equation is laid out as MathML, with its overline drawn and its number beside it', async () => {
    const { page } = await browser.open(`${ESSAY}#eq-sd`, { viewport: { width: 1440, height: 900 } });
    const equation = page.locator('#eq-sd');
    expect(await equation.locator('math[display="block"]').count()).toBe(1);
    expect(await equation.locator('.equation-number').innerText()).toBe('(1)');
    // Chromium draws no <menclose>; the stylesheet draws Temml's overline as a border.
    expect(await equation.locator('.tml-overline').first().evaluate((e) => getComputedStyle(e).borderTopStyle)).toBe('solid');
    const math = (await equation.locator('math').boundingBox())!;
    expect(math.height).toBeGreaterThan(30);
  });
});

describe('cross-reference popovers', () => {
  test('focus on "Figure 1" shows the figure and its caption; Tab reaches "Go to Figure 1"', async () => {
    const { page, consoleErrors } = await browser.open(ESSAY, { viewport: { width: 1440, height: 900 } });
    const link = page.locator('a.cross-ref[href="#fig-apc"]').first();
    await link.focus();
    const popover = page.locator('.popover');
    await expect.poll(() => popover.count()).toBe(1);
    expect(await link.getAttribute('aria-describedby')).toBe('citation-popover');
    expect(await popover.innerText()).toContain('Figure 1: Article Processing Charge (APCs)');
    const image = popover.locator('img');
    await expect.poll(() => image.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
    // The copy takes no id: the figure's id still names one element.
    expect(await page.locator('[id="fig-apc"]').count()).toBe(1);
    expect(await popover.locator('[id]').evaluateAll((els) => els.map((e) => e.id))).toEqual([]);
    const box = (await popover.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1440);
    // Tab moves into the popover: past the caption's citation, to "Go to Figure 1".
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent);
    await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Solomon & Björk, 2016');
    await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Go to Figure 1');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === '#fig-apc');
    expect(consoleErrors).toEqual([]);
  });

  test('a table, the equation and an appendix each show what they name; Escape closes', async () => {
    const { page } = await browser.open(ESSAY, { viewport: { width: 1024, height: 800 } });
    const popover = page.locator('.popover');
    const cases = [
      { href: '#tbl-markup', shows: 'Table 2: Examples for formatting elements', goTo: 'Go to Table 2', inside: 'table' },
      { href: '#eq-sd', shows: '(1)', goTo: 'Go to Equation 1', inside: 'math' },
      { href: '#software-and-code-availability', shows: 'Appendix A Software and code availability', goTo: 'Go to Appendix A', inside: 'strong' },
    ];
    for (const { href, shows, goTo, inside } of cases) {
      const link = page.locator(`a.cross-ref[href="${href}"]`).first();
      await link.focus();
      await expect.poll(() => popover.count()).toBe(1);
      expect(await popover.innerText(), href).toContain(shows);
      expect(await popover.locator(inside).count(), href).toBeGreaterThan(0);
      expect(await popover.locator('.popover-actions a').innerText(), href).toBe(goTo);
      await page.keyboard.press('Escape');
      await expect.poll(() => popover.count()).toBe(0);
    }
  });

  test('on a touch screen the first tap on "Figure 2" shows it, the second goes there', async () => {
    const { page } = await browser.open(ESSAY, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await expectTapShowsThenFollows(page, page.locator('a.cross-ref[href="#fig-costs"]').first());
  });
});

describe('screenshots to look at', () => {
  for (const width of [390, 1440]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      test(`the figures essay at ${width}px in ${colorScheme}: its top, a figure, a table, the equation`, async () => {
        const { page } = await browser.open(ESSAY, { viewport: { width, height: 900 }, colorScheme });
        // The whole page is too tall for one screenshot: one screen at each place worth a look.
        for (const [name, selector] of [['top', 'h1'], ['figure', '#fig-apc'], ['table', '#tbl-formats'], ['equation', '#eq-sd']] as const) {
          await page.locator(selector).scrollIntoViewIfNeeded();
          await page.locator(selector).evaluate((e) => e.scrollIntoView({ block: 'start' }));
          await page.waitForLoadState('networkidle');
          const file = join(SCREENSHOTS, `figures-essay-${name}-${width}-${colorScheme}.png`);
          await page.screenshot({ path: file });
          expect(statSync(file).size).toBeGreaterThan(10_000);
        }
      });
    }
  }

  test('the site lists both essays, newest first', async () => {
    const { page } = await browser.open('/', { viewport: { width: 1024, height: 800 } });
    const titles = await page.locator('main h3 a').allInnerTexts();
    const seed = titles.indexOf('The political and institutional origins of the Great Leap Forward');
    const article = titles.findIndex((t) => t.startsWith('Formatting Open Science'));
    expect(seed).toBeGreaterThanOrEqual(0);
    expect(article).toBeGreaterThan(seed);
  });
});
