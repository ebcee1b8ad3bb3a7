/**
 * What the built site does in a browser under its own Content-Security-Policy: every page and every
 * enhancement (popovers, search, highlighting, citing, the theme) runs without a policy violation,
 * and nothing is asked of another origin.
 */
import { describe, expect, test } from 'vitest';
import { siteUrl, useBrowser } from './browser.ts';

const { open } = useBrowser();

async function watch(path: string) {
  const watched = await open('/');
  const { page, context } = watched;
  const elsewhere: string[] = [];
  const origin = new URL(siteUrl('/')).origin;
  context.on('request', (request) => {
    if (new URL(request.url()).origin !== origin && !request.url().startsWith('data:')) elsewhere.push(request.url());
  });
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { violations: string[] }).violations.push(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
  await page.goto(siteUrl(path));
  const violations = () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
  return { ...watched, elsewhere, violations };
}

describe('the Content-Security-Policy', () => {
  test('every page declares it, with no unsafe-inline and nothing beyond wasm-unsafe-eval', async () => {
    for (const path of ['/', '/great-leap-forward/', '/search/', '/works-cited/', '/no-such-page/']) {
      const { page } = await open(path);
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval'(?<!wasm-unsafe-eval')|\*/);
    }
  });

  test('reading, citing and searching run without a violation or a request elsewhere', async () => {
    const { page, elsewhere, violations, consoleErrors } = await watch('/great-leap-forward/?highlight=Hundred');
    await page.locator('mark.search-highlight').first().waitFor();
    await page.locator('a[role="doc-biblioref"]').first().hover();
    await page.locator('.popover').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#politics-p1 > a.permalink').focus();
    await page.keyboard.press('Enter');
    await page.locator('.passage-cite').waitFor();
    await page.locator('.theme-toggle').click();
    await page.locator('#site-search-input').fill('Lexington');
    await page.locator('#site-search-panel .search-passage').first().waitFor();
    await page.goto(siteUrl('/search/?q=Socialist%20High%20Tide'));
    await page.locator('#search-results .search-passage').first().waitFor();
    expect(await violations()).toEqual([]);
    expect(elsewhere).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
