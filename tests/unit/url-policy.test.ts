/** The one policy for the addresses a page may hold (src/lib/url-policy.ts), and DOIs. */
import { describe, expect, it } from 'vitest';
import { bareDoi, doiUrl, isEntryLink, isSafeUrl, unsafeScheme } from '../../src/lib/url-policy.ts';

describe('the address policy', () => {
  it('keeps web and mail addresses, anchors and the site\'s paths; names the scheme of anything else', () => {
    for (const url of ['https://example.org/a?b#c', 'HTTP://example.org', 'mailto:ada@example.org', '#notes', '/great-leap-forward/', 'figures/map.png', '../other/']) {
      expect(isSafeUrl(url), url).toBe(true);
    }
    expect(unsafeScheme('javascript:alert(1)')).toBe('javascript');
    // Browsers read a scheme through control characters and spaces, and in any case.
    expect(unsafeScheme('  JaVa\tScRiPt:alert(1)')).toBe('javascript');
    expect(unsafeScheme('data:text/html;base64,PHNjcmlwdD4=')).toBe('data');
    expect(unsafeScheme('vbscript:msgbox')).toBe('vbscript');
    expect(unsafeScheme('file:///etc/passwd')).toBe('file');
  });

  it('keeps fewer links in a reference entry, whose data may hold any text', () => {
    expect(isEntryLink('https://doi.org/10.1000/x')).toBe(true);
    expect(isEntryLink('#bib-doe2001')).toBe(true);
    expect(isEntryLink('mailto:ada@example.org')).toBe(false);
    expect(isEntryLink('figures/map.png')).toBe(false);
    expect(isEntryLink('javascript:alert(1)')).toBe(false);
  });
});

describe('DOIs', () => {
  it('are read however entries write them, and resolve at doi.org', () => {
    for (const written of ['10.1000/x.y', ' doi:10.1000/x.y', 'doi: 10.1000/x.y', 'https://doi.org/10.1000/x.y', 'http://dx.doi.org/10.1000/x.y']) {
      expect(bareDoi(written), written).toBe('10.1000/x.y');
      expect(doiUrl(written), written).toBe('https://doi.org/10.1000/x.y');
    }
  });
});
