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
  /** The result links a search shows, by their visible text and target. */
  const resultLinks = (page: import('playwright-core').Page, scope: string) =>
    page.locator(`${scope} a`).evaluateAll((links) => links.map((a) => ({ text: (a as HTMLElement).innerText.trim(), href: a.getAttribute('href') ?? '' })));

  test('"Hundred Flowers" typed in the header box lands in the Politics section, highlighted', async () => {
    const { page, consoleErrors, failedRequests } = await open('/');
    const input = page.locator('#site-search-input');
    await input.fill('Hundred Flowers');
    const panel = page.locator('#site-search-panel');
    await panel.locator('.search-passage').first().waitFor();
    // The count is announced to screen readers, and the best passage is in Politics.
    await expect.poll(() => page.locator('#site-search-status').innerText()).toMatch(/^\d+ passages? found\./);
    const first = (await resultLinks(page, '#site-search-panel .search-passage'))[0];
    expect(first?.text).toMatch(/^Politics: contradictions.*¶\d$/);
    expect(first?.href).toMatch(/^\/great-leap-forward\/\?highlight=hundred&highlight=flowers#politics-p\d$/i);

    await input.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(first?.href);
    await page.keyboard.press('Enter');
    const paragraph = first!.href.split('#')[1]!;
    await page.waitForURL((url) => url.pathname === ESSAY && url.hash === `#${paragraph}`);
    await expect.poll(() => isInViewport(page.locator(`#${paragraph}`))).toBe(true);
    // The terms searched for are highlighted in the paragraph the reader lands on.
    const marks = page.locator(`#${paragraph} mark.search-highlight`);
    await expect.poll(() => marks.count()).toBeGreaterThan(0);
    expect((await marks.allInnerTexts()).join(' ')).toMatch(/Hundred Flowers/);
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
  });

  test('Enter in the header box opens the search page, with passages under their essay', async () => {
    const { page } = await open('/');
    await page.locator('#site-search-input').fill('Hundred Flowers');
    await page.locator('#site-search-input').press('Enter');
    await page.waitForURL((url) => url.pathname === '/search/' && url.searchParams.get('q') === 'Hundred Flowers');
    await page.locator('#search-results .search-result').first().waitFor();
    expect(await page.locator('#search-status').innerText()).toMatch(/^\d+ passages? match(es)? “Hundred Flowers”\.$/);
    const essay = page.locator('#search-results .search-result').first();
    expect(await essay.locator('h2').innerText()).toBe('The political and institutional origins of the Great Leap Forward');
    expect(await essay.locator('.search-byline').innerText()).toBe('Anonymous, 2026');
    const excerpt = essay.locator('.search-passage p mark');
    expect((await excerpt.allInnerTexts()).join(' ')).toMatch(/Hundred/);
  });

  test('"Socialist High Tide", with the keyboard alone, finds note 1 and lands on it', async () => {
    const { page } = await open('/search/');
    await page.locator('#search-input').focus();
    await page.keyboard.type('Socialist High Tide');
    await page.locator('#search-results .search-passage').first().waitFor();
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '');
    await page.keyboard.press('ArrowDown');
    // Down through the results to note 1, titled by where the text calls it.
    for (let i = 0; !(await focused()).startsWith('Note 1'); i++) {
      if (i > 10) throw new Error('No result is note 1.');
      await page.keyboard.press('ArrowDown');
    }
    expect(await focused()).toBe('Note 1 (The Soviet heritage, ¶1)');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === '#fn-collectivization');
    const note = page.locator('#fn-collectivization');
    await expect.poll(() => note.locator('mark.search-highlight').count()).toBeGreaterThan(0);
    expect((await note.locator('mark.search-highlight').allInnerTexts()).join(' ')).toBe('Socialist High Tide');
    await expect.poll(() => isInViewport(note)).toBe(true);
    // Back returns to the same results.
    await page.goBack();
    await page.locator('#search-results .search-passage').first().waitFor();
    expect(await page.locator('#search-input').inputValue()).toBe('Socialist High Tide');
  });

  test('"Lexington" finds the Luthi reference and lands on the entry', async () => {
    const { page } = await open('/search/?q=Lexington');
    await page.locator('#search-results .search-passage').first().waitFor();
    const links = await resultLinks(page, '#search-results .search-passage');
    expect(links.map((l) => l.text)).toEqual(['References: Luthi (2010)']);
    await page.locator('#search-results .search-passage a').click();
    await page.waitForURL((url) => url.hash === '#bib-luthi2010');
    const entry = page.locator('#bib-luthi2010');
    await expect.poll(() => entry.locator('mark.search-highlight').count()).toBe(1);
    expect(await entry.locator('mark.search-highlight').innerText()).toBe('Lexington');
  });

  test('a filter by cited work lists every passage citing it, a note counting for the sentence that calls it', async () => {
    const { page } = await open('/search/');
    await page.locator('#search-input').fill('communism');
    await page.locator('#search-results .search-result').first().waitFor();
    const works = page.locator('#search-filters details', { hasText: 'Cites the work' });
    await works.locator('summary').click();
    const labels = (await works.locator('label').allInnerTexts()).map((l) => l.trim());
    // Every work the two essays cite (the seed's 7 and the PeerJ article's 45; they share none), with
    // the number of essays citing each.
    const works7 = ['Bachman (1991)', 'Luthi (2010)', 'MacFarquhar (1974)', 'Naughton (1991)', 'Naughton (2007)', 'Yang (2008)', 'Zhu (2012)'];
    expect(labels).toHaveLength(52);
    expect(labels.map((l) => l.replace(/ \(\d+\)$/, ''))).toEqual(expect.arrayContaining(works7));
    expect(labels).toContain('Bachman (1991) (1)');
    // Two essays: a reader may choose one.
    const essays = page.locator('#search-filters details', { hasText: 'Essay' });
    await essays.locator('summary').click();
    expect((await essays.locator('label').allInnerTexts()).map((l) => l.trim().replace(/ \(\d+\)$/, '')).sort()).toEqual([
      'Formatting Open Science: agilely creating multiple document formats for academic manuscripts with Pandoc Scholar',
      'The political and institutional origins of the Great Leap Forward',
    ]);

    await page.locator('#search-input').fill('');
    await works.getByLabel('Bachman (1991)').check();
    await expect.poll(() => page.locator('#search-status').innerText()).toBe('6 passages match the chosen filters.');
    const hrefs = (await resultLinks(page, '#search-results .search-passage')).map((l) => l.href.replace(/^.*#/, '#')).sort();
    // Politics ¶1–3 and Institutions ¶1 cite Bachman; so does note 5, which Institutions ¶1 calls; and the entry itself.
    expect(hrefs).toEqual(['#bib-bachman1991', '#fn-trade', '#institutions-p1', '#politics-p1', '#politics-p2', '#politics-p3']);

    // Words and filter together: "trade" in a passage citing Bachman is note 5, and the paragraph calling it.
    await page.locator('#search-input').fill('Sino-Soviet trade');
    await expect.poll(async () => (await resultLinks(page, '#search-results .search-passage')).map((l) => l.text)).toContain('Note 5 (Institutions: how bureaucratic coalitions shaped the Leap, ¶1)');

    const people = page.locator('#search-filters details', { hasText: 'Cites the author' });
    await people.locator('summary').click();
    expect((await people.locator('label').allInnerTexts()).map((l) => l.trim().replace(/ \(\d+\)$/, ''))).toEqual(
      expect.arrayContaining(['Bachman, David', 'Luthi, L.', 'MacFarquhar, Roderick', 'Naughton, Barry', 'Yang, Dennis Tao', 'Zhu, Dandan']),
    );
  });

  test('/ and Ctrl-K put the cursor in the search box from anywhere; Escape closes its results', async () => {
    const { page } = await open(ESSAY);
    const input = page.locator('#site-search-input');
    await page.keyboard.press('/');
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await input.inputValue()).toBe(''); // the slash itself is not typed
    await page.keyboard.type('Khrushchev');
    const panel = page.locator('#site-search-panel');
    await panel.locator('.search-passage').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await panel.isHidden()).toBe(true);
    await page.locator('h1').click();
    await page.keyboard.press('Control+k');
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  test('search code and index load only when the reader starts searching', async () => {
    const { page } = await open(ESSAY);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.waitForLoadState('networkidle');
    await page.locator('#site-search-input').focus();
    await page.waitForTimeout(200);
    expect(requested.filter((path) => path.startsWith('/pagefind/') || /search-core/.test(path))).toEqual([]);
    await page.keyboard.type('Leap');
    await page.locator('#site-search-panel .search-passage').first().waitFor();
    expect(requested).toContain('/pagefind/pagefind.js');
    expect(requested.some((path) => /\.pf_fragment$/.test(path))).toBe(true);
  });

  test('without JavaScript the search page says search needs it, and the contents still lead everywhere', async () => {
    const { page } = await open('/search/?q=Lexington', { javaScriptEnabled: false });
    expect(await page.locator('main .notice').innerText()).toMatch(/^Search runs in your browser and needs JavaScript\./);
    await page.locator('main .notice a', { hasText: 'home page' }).click();
    await page.locator('main a[href="/great-leap-forward/"]').first().click();
    await page.locator('nav.toc a[href="#politics"]').click();
    await page.waitForURL((url) => url.hash === '#politics');
    await expect.poll(() => isInViewport(page.locator('h2#politics'))).toBe(true);
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
