/**
 * Citing in Chromium: the copy buttons put the right text on the clipboard, a paragraph's ¶ link
 * offers its citation with the keyboard, entries download, and the feed and sitemap parse as the
 * XML their readers expect.
 */
import { describe, expect, test } from 'vitest';
import { useBrowser } from './browser.ts';

const ESSAY = '/great-leap-forward/';
const { open } = useBrowser();

describe('Cite this essay', () => {
  test('the copy buttons copy the reference and the BibTeX as shown', async () => {
    const { page, context } = await open(ESSAY);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const section = page.locator('#cite-this');
    await section.getByRole('button', { name: 'Copy the reference' }).click();
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await expect.poll(clipboard).toBe((await section.locator('.cite-reference').innerText()).trim());
    expect(await clipboard()).toMatch(/^The political and institutional origins of the Great Leap Forward\. \(2026, November 29\)\./);
    await section.getByRole('button', { name: 'Copy the BibTeX' }).click();
    await expect.poll(clipboard).toMatch(/^@misc\{great-leap-forward,/);
    // Announced to screen readers, too.
    await expect.poll(() => page.locator('#cite-this [role="status"]').innerText()).toBe('Copied to the clipboard.');
  });

  test('an entry copies its own BibTeX', async () => {
    const { page, context } = await open(ESSAY);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.locator('#bib-zhu2012 .entry-downloads').getByRole('button', { name: 'Copy BibTeX' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^@article\{zhu2012,/);
  });

  test('a paragraph’s ¶ link offers its citation, by keyboard, and Escape returns to the link', async () => {
    const { page } = await open(ESSAY);
    const link = page.locator('#politics-p2 > a.permalink');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === '#politics-p2');
    const panel = page.locator('.passage-cite');
    await expect.poll(() => panel.count()).toBe(1);
    expect(await link.getAttribute('aria-expanded')).toBe('true');
    // Paragraph 4 of the essay: one in the introduction, one in the Soviet heritage, then Politics ¶1 and ¶2.
    expect(await panel.locator('.passage-cite-title').innerText()).toBe('Cite paragraph 4 (§3 ¶2)');
    expect(await panel.locator('.passage-cite-style').innerText()).toBe('(“The Political and Institutional Origins of the Great Leap Forward,” 2026, para. 4)');
    const bibtex = await panel.locator('.passage-cite-bibtex').innerText();
    expect(bibtex).toContain('note = {para. 4}');
    expect(bibtex).toContain('url = {http://localhost:4321/great-leap-forward/#politics-p2}');
    await expect.poll(() => panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    expect(await panel.count()).toBe(0);
    expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  test('the whole list and each entry download as files', async () => {
    const { page } = await open(ESSAY);
    const download = page.waitForEvent('download');
    await page.locator('#references .list-downloads a', { hasText: 'RIS' }).click();
    expect((await download).suggestedFilename()).toBe('references.ris');
    const one = page.waitForEvent('download');
    await page.locator('#bib-luthi2010 .entry-downloads a', { hasText: 'BibTeX' }).click();
    expect((await one).suggestedFilename()).toBe('luthi2010.bib');
  });
});

describe('the feed and the sitemap', () => {
  /** Parses a file of the site as XML in the browser; returns the parser's error, if any, and a few facts. */
  async function readXml(path: string, probe: string): Promise<{ error: string | null } & Record<string, unknown>> {
    // The probe is compiled in the page, which the site's policy (no eval) would refuse.
    const { page } = await open('/', { bypassCSP: true });
    return page.evaluate(
      async ({ path, probe }) => {
        const doc = new DOMParser().parseFromString(await (await fetch(path)).text(), 'application/xml');
        const error = doc.querySelector('parsererror')?.textContent ?? null;
        return { error, ...(new Function('doc', probe)(doc) as Record<string, unknown>) };
      },
      { path, probe },
    );
  }

  test('the Atom feed is well-formed, with what RFC 4287 requires of a feed and its entries', async () => {
    const result = await readXml(
      '/feed.xml',
      `const ns = 'http://www.w3.org/2005/Atom';
       const feed = doc.documentElement;
       const child = (el, name) => [...el.children].filter((c) => c.namespaceURI === ns && c.localName === name);
       return {
         root: feed.namespaceURI + ' ' + feed.localName,
         feed: ['id', 'title', 'updated', 'author'].map((n) => child(feed, n).length),
         self: child(feed, 'link').find((l) => l.getAttribute('rel') === 'self')?.getAttribute('href'),
         entries: child(feed, 'entry').map((e) => ({
           fields: ['id', 'title', 'updated', 'summary'].map((n) => child(e, n).length),
           link: child(e, 'link')[0]?.getAttribute('href'),
           updated: child(e, 'updated')[0]?.textContent,
         })),
       };`,
    );
    expect(result).toEqual({
      error: null,
      root: 'http://www.w3.org/2005/Atom feed',
      feed: [1, 1, 1, 1],
      self: 'http://localhost:4321/feed.xml',
      // Newest publication first; the PeerJ article (2017) was updated when it was republished here.
      entries: [
        { fields: [1, 1, 1, 1], link: 'http://localhost:4321/great-leap-forward/', updated: '2026-11-29T00:00:00Z' },
        { fields: [1, 1, 1, 1], link: 'http://localhost:4321/formatting-open-science/', updated: '2026-11-30T00:00:00Z' },
      ],
    });
  });

  test('the sitemap is well-formed, every address absolute with a W3C date', async () => {
    const result = await readXml(
      '/sitemap.xml',
      `const urls = [...doc.getElementsByTagNameNS('http://www.sitemaps.org/schemas/sitemap/0.9', 'url')];
       return { urls: urls.map((u) => [u.getElementsByTagName('loc')[0]?.textContent, u.getElementsByTagName('lastmod')[0]?.textContent]) };`,
    );
    expect(result.error).toBeNull();
    expect(result['urls']).toHaveLength(4);
    for (const [loc, lastmod] of result['urls'] as [string, string][]) {
      expect(loc).toMatch(/^http:\/\/localhost:4321\//);
      expect(lastmod).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
