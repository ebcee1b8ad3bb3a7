import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { locatorTermsFromLocale, splitLocator, unparsedLocatorLabel } from '../../src/markdown/citation-locator.ts';
import { scanInline } from '../../src/markdown/citation-syntax.ts';
import { tokenizeText, type InlineToken, type TokenRange } from '../../src/markdown/citation-tokens.ts';
import { ROOT } from '../support/project.ts';

const textOf = (tokens: readonly InlineToken[], range: TokenRange) =>
  tokens
    .slice(range.from, range.to)
    .map((t) => (t.kind === 'char' ? t.char : '<node>'))
    .join('');

/** The clusters of a text, each as its written text and its cites. */
function clusters(text: string) {
  const tokens = tokenizeText(text);
  return scanInline(tokens).flatMap((found) =>
    found.kind === 'cluster'
      ? [{ text: textOf(tokens, found.range), cites: found.cites.map((c) => ({ key: c.key, mode: c.mode, prefix: textOf(tokens, c.prefix), suffix: textOf(tokens, c.suffix) })) }]
      : [],
  );
}

describe('scanInline', () => {
  it('reads bracketed clusters with prefixes, suffixes and suppressed authors', () => {
    expect(clusters('x [see @a, pp. 3-5, for the data; -@b] y')).toEqual([
      {
        text: '[see @a, pp. 3-5, for the data; -@b]',
        cites: [
          { key: 'a', mode: 'normal', prefix: 'see', suffix: ', pp. 3-5, for the data' },
          { key: 'b', mode: 'suppress-author', prefix: '', suffix: '' },
        ],
      },
    ]);
  });

  it('keeps dashes, quotes and ellipses in a cluster (they used to make it vanish)', () => {
    expect(clusters("Test [@test1, pp. 93--101]. [see Roe's reply to @doe, 3...]").map((c) => c.text)).toEqual([
      '[@test1, pp. 93--101]',
      "[see Roe's reply to @doe, 3...]",
    ]);
  });

  it('reads the author in the text, with a bracketed suffix or more works', () => {
    expect(clusters('@a [p. 4] says')[0]!.cites).toEqual([{ key: 'a', mode: 'author-in-text', prefix: '', suffix: 'p. 4' }]);
    expect(clusters('@a [-@b p. 30; see also @c] says')).toEqual([
      {
        text: '@a [-@b p. 30; see also @c]',
        cites: [
          { key: 'a', mode: 'author-in-text', prefix: '', suffix: '' },
          { key: 'b', mode: 'suppress-author', prefix: '', suffix: ' p. 30' },
          { key: 'c', mode: 'normal', prefix: 'see also', suffix: '' },
        ],
      },
    ]);
  });

  it('does not swallow the next work after a locator that ends in a period', () => {
    expect(clusters('[@a, 57 ff.; @b]')[0]!.cites.map((c) => c.key)).toEqual(['a', 'b']);
  });

  it('accepts every key Pandoc accepts, and no e-mail address', () => {
    const keys = (text: string) => clusters(text).flatMap((c) => c.cites.map((cite) => cite.key));
    expect(keys('[@goering:1992william] [@DBLP:conf/sat/Foo20] @{https://doi.org/10.1/x?a=b} [@a.b-c+d?e<f>g~h#i$j%k&l]')).toEqual([
      'goering:1992william',
      'DBLP:conf/sat/Foo20',
      'https://doi.org/10.1/x?a=b',
      'a.b-c+d?e<f>g~h#i$j%k&l',
    ]);
    expect(keys('Write to ada@example.org or \\@home.')).toEqual([]);
    expect(keys('Ends with a period: @smith04.')).toEqual(['smith04']);
  });

  it('keeps escaped and nested brackets inside a suffix', () => {
    expect(clusters('[@k, p. \\[89\\]]')[0]!.cites[0]!.suffix).toEqual(', p. [89]');
    expect(clusters('[see [the list in] @k]')[0]!.cites[0]!.prefix).toEqual('see [the list in]');
  });

  it('reads inline notes, and reports what looks like a citation but is not one', () => {
    const tokens = tokenizeText('Text^[A note citing @a.] and @{open and [@a; p. 5]');
    const kinds = scanInline(tokens).map((f) => (f.kind === 'problem' ? f.rule : f.kind));
    expect(kinds).toEqual(['inline-note', 'citation/bad-key', 'citation/not-a-cluster', 'cluster']);
  });
});

describe('splitLocator', () => {
  const terms = locatorTermsFromLocale(readFileSync(join(ROOT, 'bibliography/locales/locales-en-US.xml'), 'utf8'));
  const split = (suffix: string) => {
    const result = splitLocator(
      [...suffix].map((char) => ({ kind: 'char' as const, char })),
      terms,
    );
    return { label: result.label, locator: result.locator, suffix: (result.commaBeforeSuffix ? ', ' : '') + suffix.slice(result.suffixFrom) };
  };

  it('follows Pandoc: a label from the locale, with or without a comma', () => {
    expect(split(', p. 33')).toEqual({ label: 'page', locator: '33', suffix: '' });
    expect(split(' p. 34–35')).toEqual({ label: 'page', locator: '34–35', suffix: '' });
    expect(split(', chap. 3')).toEqual({ label: 'chapter', locator: '3', suffix: '' });
    expect(split(' 3')).toEqual({ label: 'page', locator: '3', suffix: '' });
    expect(split(', sub verbo 3')).toEqual({ label: 'sub-verbo', locator: '3', suffix: '' });
  });

  it('runs through numbers, ranges and lists, and leaves the rest as the suffix', () => {
    expect(split(', pp. 33, 35–37, and nowhere else')).toEqual({ label: 'page', locator: '33, 35–37', suffix: ', and nowhere else' });
    expect(split(', 57 ff.')).toEqual({ label: 'page', locator: '57', suffix: ' ff.' });
    expect(split(', p. [89]')).toEqual({ label: 'page', locator: '[89]', suffix: '' });
    expect(split(', p. vi')).toEqual({ label: 'page', locator: 'vi', suffix: '' });
  });

  it('takes a braced locator whole, and adds the comma Pandoc adds before a plain suffix', () => {
    expect(split(', {pp. iv, vi–xi}')).toEqual({ label: 'page', locator: 'iv, vi–xi', suffix: '' });
    expect(split(', vi')).toEqual({ label: undefined, locator: undefined, suffix: ', vi' });
    expect(split('and more')).toEqual({ label: undefined, locator: undefined, suffix: ', and more' });
    expect(split(' and more')).toEqual({ label: undefined, locator: undefined, suffix: ' and more' });
  });

  it('names a word that stands where a label should, but never a real label', () => {
    expect(unparsedLocatorLabel(', pg 33', terms)).toBe('pg');
    expect(unparsedLocatorLabel(', chap. 3', terms)).toBeUndefined();
    expect(unparsedLocatorLabel(', and 1998', terms)).toBeUndefined();
  });
});
