/**
 * A reader's paths through the built site in a real browser: following notes and citations and back,
 * searching from any page into a section, reading without JavaScript, and how the essay looks.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../support/project.ts';
import type { BrowserContextOptions } from 'playwright-core';
import { isInViewport, useBrowser } from './browser.ts';

const ESSAY = '/great-leap-forward/';
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

const { open } = useBrowser();

describe('notes and citations', () => {
  test('note 3 leads to its text and its back link returns to the call', async () => {
    const { page } = await open(ESSAY);
    const call = page.locator('a[role="doc-noteref"]', { hasText: /^3$/ });
    await expect.poll(() => call.count()).toBe(1);

    await call.click();
    await page.waitForURL((url) => url.hash === '#fn-limited-democracy');
    const note = page.locator('li#fn-limited-democracy');
    expect((await note.innerText()).trim()).toMatch(/^This concept can be associated with a form of restricted popular participation/);
    await expect.poll(() => isInViewport(note)).toBe(true);

    await note.locator('a[role="doc-backlink"][href="#fnref-limited-democracy"]').click();
    await page.waitForURL((url) => url.hash === '#fnref-limited-democracy');
    await expect.poll(() => isInViewport(page.locator('#fnref-limited-democracy'))).toBe(true);
    // Sanity check on the helper: after going back up, the note is no longer on screen.
    expect(await isInViewport(note)).toBe(false);
  });

  test('a citation leads to its reference, and the reference back to that citation', async () => {
    const { page } = await open(ESSAY);
    const citation = page.locator('a[role="doc-biblioref"]', { hasText: /^Naughton \(2007\)$/ }).first();
    // The back link must bring the reader to the very place they left, so remember it.
    const citationId = await citation.evaluate((link) => link.closest('.citation')?.id ?? '');
    expect(citationId).toMatch(/^citation--naughton2007--/);

    await citation.click();
    await page.waitForURL((url) => url.hash === '#bib-naughton2007');
    const entry = page.locator('li#bib-naughton2007');
    expect(await entry.innerText()).toContain('The Chinese economy: Transitions and growth');
    await expect.poll(() => isInViewport(entry)).toBe(true);

    const backLink = entry.locator(`a[role="doc-backlink"][href="#${citationId}"]`);
    expect(await backLink.count()).toBe(1);
    await backLink.click();
    await page.waitForURL((url) => url.hash === `#${citationId}`);
    const target = page.locator(`#${citationId}`);
    expect(await target.evaluate((el) => `${el.tagName.toLowerCase()}.${el.className}`)).toBe('span.citation');
    await expect.poll(() => isInViewport(target)).toBe(true);
  });

  test('with the keyboard alone, a student goes from a citation to its source and back', async () => {
    const { page } = await open(ESSAY);
    // Tab through the page until the first citation of Yang (2008) has the focus.
    const focusedHref = () => page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
    let steps = 0;
    while ((await focusedHref()) !== '#bib-yang2008') {
      await page.keyboard.press('Tab');
      if (++steps > 60) throw new Error('Tab never reached the citation of Yang (2008).');
    }
    const citationId = await page.evaluate(() => document.activeElement?.closest('.citation')?.id ?? '');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === '#bib-yang2008');
    await expect.poll(() => isInViewport(page.locator('#bib-yang2008'))).toBe(true);

    // From the entry, Tab reaches its back link, and Enter returns to the citation.
    steps = 0;
    while ((await focusedHref()) !== `#${citationId}`) {
      await page.keyboard.press('Tab');
      if (++steps > 200) throw new Error('Tab never reached the back link of the Yang (2008) entry.');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === `#${citationId}`);
    await expect.poll(() => isInViewport(page.locator(`#${citationId}`))).toBe(true);
  });

  test('without JavaScript, note calls, back links and citations still navigate', async () => {
    const { page } = await open(ESSAY, { javaScriptEnabled: false });

    await page.locator('a[href="#fn-limited-democracy"]').click();
    await page.waitForURL((url) => url.hash === '#fn-limited-democracy');
    await expect.poll(() => isInViewport(page.locator('#fn-limited-democracy'))).toBe(true);

    await page.locator('#fn-limited-democracy a[role="doc-backlink"]').click();
    await page.waitForURL((url) => url.hash === '#fnref-limited-democracy');
    await expect.poll(() => isInViewport(page.locator('#fnref-limited-democracy'))).toBe(true);

    await page.locator('a[role="doc-biblioref"][href="#bib-naughton2007"]').first().click();
    await page.waitForURL((url) => url.hash === '#bib-naughton2007');
    await expect.poll(() => isInViewport(page.locator('#bib-naughton2007'))).toBe(true);
  });
});

describe('search', () => {
  test('searching from the header of the home page leads into the Politics section', async () => {
    const { page, consoleErrors, failedRequests } = await open('/');
    await page.locator('#site-search-input').fill('Hundred Flowers');
    await page.locator('#site-search-input').press('Enter');
    await page.waitForURL((url) => url.pathname === '/search/' && url.searchParams.get('q') === 'Hundred Flowers');

    await page.locator('#search-results .search-result').first().waitFor();
    expect(await page.locator('#search-status').innerText()).toMatch(/^\d+ essays? match(es)? “Hundred Flowers”/);

    const intoPolitics = page.locator('#search-results a[href*="#politics"]');
    expect(await intoPolitics.count()).toBeGreaterThanOrEqual(1);
    await intoPolitics.first().click();
    await page.waitForURL((url) => url.pathname === ESSAY && url.hash === '#politics');

    const heading = page.locator('h2#politics');
    expect(await heading.innerText()).toMatch(/^Politics: contradictions/);
    await expect.poll(() => isInViewport(heading)).toBe(true);
    // The terms searched for are highlighted in the text the reader lands on.
    const marks = page.locator('#politics-p3 mark.search-highlight');
    await expect.poll(() => marks.count()).toBeGreaterThan(0);
    expect((await marks.allInnerTexts()).join(' ')).toMatch(/Hundred Flowers/);
    // The search page loads Pagefind's script, WebAssembly and index: all of it must load cleanly.
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
  });

  test('with the keyboard alone: type, arrow down through the results, Enter', async () => {
    const { page } = await open('/search/');
    await page.locator('#search-input').focus();
    await page.keyboard.type('Socialist High Tide');
    await page.locator('#search-results .search-result').first().waitFor();
    const focusedHref = () => page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
    await page.keyboard.press('ArrowDown');
    expect(await focusedHref()).toMatch(/^\/great-leap-forward\//);
    // Down through the results to the one in the notes, where the phrase stands.
    for (let i = 0; !(await focusedHref()).includes('#notes'); i++) {
      if (i > 10) throw new Error('No result leads to the notes.');
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash.startsWith('#notes'));
    await expect.poll(() => page.locator('#notes mark.search-highlight').count()).toBeGreaterThan(0);
    expect(await page.locator('#fn-collectivization').innerText()).toContain('Socialist High Tide');
  });

  test('a student can narrow a search to the essays citing a work, or an author', async () => {
    const { page } = await open('/search/');
    await page.locator('#search-input').fill('communism');
    await page.locator('#search-results .search-result').first().waitFor();
    const works = page.locator('#search-filters details', { hasText: 'Cites the work' });
    await works.locator('summary').click();
    const labels = await works.locator('label').allInnerTexts();
    // The seven works the seed cites, each once.
    expect(labels.map((l) => l.trim())).toEqual([
      'Bachman (1991) (1)', 'Luthi (2010) (1)', 'MacFarquhar (1974) (1)', 'Naughton (1991) (1)', 'Naughton (2007) (1)', 'Yang (2008) (1)', 'Zhu (2012) (1)',
    ]);
    // With one essay there is no choice of essay or author to offer.
    expect(await page.locator('#search-filters details', { hasText: 'Essay' }).count()).toBe(0);
    // The filter alone, without words, lists every essay citing Bachman (1991).
    await page.locator('#search-input').fill('');
    await works.getByLabel('Bachman (1991)').check();
    await expect.poll(() => page.locator('#search-status').innerText()).toBe('1 essay matches the chosen filters.');
    expect(await page.locator('#search-results .search-result h2 a').innerText()).toMatch(/^The political and institutional origins/);
    const people = page.locator('#search-filters details', { hasText: 'Cites the author' });
    await people.locator('summary').click();
    expect((await people.locator('label').allInnerTexts()).map((l) => l.trim())).toEqual([
      'Bachman, David (1)', 'Luthi, L. (1)', 'MacFarquhar, Roderick (1)', 'Naughton, Barry (1)', 'Yang, Dennis Tao (1)', 'Zhu, Dandan (1)',
    ]);
  });

  test('/ and Ctrl-K put the cursor in the search box from anywhere', async () => {
    const { page } = await open(ESSAY);
    const input = page.locator('#site-search-input');
    await page.keyboard.press('/');
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await input.inputValue()).toBe(''); // the slash itself is not typed
    await page.locator('h1').click();
    await page.keyboard.press('Control+k');
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  test('a word found nowhere says that nothing matched', async () => {
    const { page } = await open('/search/');
    await page.locator('#search-input').fill('zzqxqvv');
    await page.locator('#search-input').press('Enter');

    const status = page.locator('#search-status');
    // The status reads "Searching…" first; wait for the answer rather than for a fixed time.
    await expect.poll(() => status.innerText()).toMatch(/^Nothing matched “zzqxqvv”/);
    expect(await page.locator('#search-results .search-result').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('q')).toBe('zzqxqvv');
  });
});

describe('the essay page', () => {
  test('loads without console errors or failed requests', async () => {
    const { page, consoleErrors, failedRequests } = await open(ESSAY);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('h1').innerText()).toContain('Great Leap Forward');
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
  });

  const shots: { file: string; options: BrowserContextOptions }[] = [
    { file: 'essay-1280.png', options: { viewport: { width: 1280, height: 900 } } },
    { file: 'essay-390.png', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
    { file: 'essay-1280-dark.png', options: { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' } },
  ];
  test.each(shots)('is captured as $file for the lead to look at', async ({ file, options }) => {
    const { page } = await open(ESSAY, { ...options, reducedMotion: 'reduce' });
    await page.waitForLoadState('networkidle');
    mkdirSync(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, file);
    // Remove last run's picture, so the size check below is about this run's.
    rmSync(path, { force: true });
    await page.screenshot({ path, fullPage: true });
    // A blank or failed render compresses to almost nothing; a page of text does not.
    expect(statSync(path).size).toBeGreaterThan(10 * 1024);
  });
});
