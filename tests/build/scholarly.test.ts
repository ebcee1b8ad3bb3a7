/**
 * What Google Scholar, reference managers and feed readers read of the built site: the head's
 * metadata, the downloads (each parsed back with citation-js and compared with the bibliography),
 * "Cite this essay", the sitemap, the feed and robots.txt.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';
import type { HTMLElement } from 'node-html-parser';
import { loadPage } from '../support/html.ts';
import { DIST, ROOT } from '../support/project.ts';

interface Entry {
  id: string;
  'citation-key'?: string;
  type: string;
  title?: string;
  author?: { family?: string; given?: string }[];
  issued?: { 'date-parts'?: number[][] };
}

const ESSAY = 'great-leap-forward';
const bibliography = JSON.parse(readFileSync(join(ROOT, 'bibliography/great-leap-forward.json'), 'utf8')) as Entry[];
const byId = new Map(bibliography.map((e) => [e.id, e]));
let page: HTMLElement;
beforeAll(() => {
  page = loadPage(join(DIST, ESSAY, 'index.html'));
});

const parse = (text: string) => new Cite(text).data as unknown as Entry[];
const keyOf = (e: Entry) => e['citation-key'] ?? e.id;
const fold = (text = '') => text.toLowerCase().replace(/[{}]/g, '').replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();

/** Every field a reference manager must get right, compared with the bibliography's entry. */
function expectSameWork(parsed: Entry, key: string): void {
  const original = byId.get(key);
  expect(original, `no entry ${key} in the bibliography`).toBeDefined();
  expect(fold(parsed.title)).toBe(fold(original!.title));
  expect(parsed.author?.map((a) => a.family)).toEqual(original!.author?.map((a) => a.family));
  expect(parsed.issued?.['date-parts']?.[0]?.[0]).toBe(original!.issued?.['date-parts']?.[0]?.[0]);
}

describe('the downloads of the reference list', () => {
  const cited = ['yang2008', 'naughton2007', 'naughton1991', 'bachman1991', 'macfarquhar1974', 'luthi2010', 'zhu2012'];

  it.each(['bib', 'ris', 'json'])('references.%s holds every cited work, each as the bibliography has it', (ext) => {
    const parsed = parse(readFileSync(join(DIST, ESSAY, `references.${ext}`), 'utf8'));
    expect(parsed.map(keyOf).sort()).toEqual([...cited].sort());
    for (const entry of parsed) expectSameWork(entry, keyOf(entry));
  });

  it('the CSL-JSON is the bibliography itself, entry for entry', () => {
    const json = JSON.parse(readFileSync(join(DIST, ESSAY, 'references.json'), 'utf8')) as Entry[];
    for (const entry of json) expect(entry).toEqual(byId.get(entry.id));
  });

  it('is linked from the reference list, and each entry offers its own BibTeX and RIS', () => {
    const list = page.querySelector('#references .list-downloads')!;
    expect(list.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual([`/${ESSAY}/references.bib`, `/${ESSAY}/references.ris`, `/${ESSAY}/references.json`]);
    const entries = page.querySelectorAll('#references li.csl-entry');
    expect(entries).toHaveLength(7);
    for (const li of entries) {
      const key = li.id.replace(/^bib-/, '');
      const links = li.querySelectorAll('.entry-downloads a').map((a) => a.getAttribute('href')!);
      expect(links).toEqual([`/works/great-leap-forward/${key}.bib`, `/works/great-leap-forward/${key}.ris`]);
      for (const link of links) {
        const [entry, ...more] = parse(readFileSync(join(DIST, link), 'utf8'));
        expect(more).toEqual([]);
        expect(keyOf(entry!)).toBe(key);
        expectSameWork(entry!, key);
      }
    }
  });
});

describe('the head', () => {
  const meta = (name: string) => page.querySelectorAll(`meta[name="${name}"]`).map((m) => m.getAttribute('content'));
  const property = (name: string) => page.querySelector(`meta[property="${name}"]`)?.getAttribute('content');

  it('has Highwire citation_* tags as Google Scholar asks: one citation_author per author, one citation_reference per work', () => {
    expect(meta('citation_title')).toEqual(['The political and institutional origins of the Great Leap Forward']);
    // The seed names no author: no citation_author at all, rather than an invented one.
    expect(meta('citation_author')).toEqual([]);
    expect(meta('citation_publication_date')).toEqual(['2026/11/29']);
    expect(meta('citation_language')).toEqual(['en']);
    const references = meta('citation_reference');
    expect(references).toHaveLength(7);
    expect(references).toContain(
      'citation_title=Bureaucracy, economy, and leadership in China: The institutional origins of the great leap forward; citation_author=David Bachman; citation_publication_date=1991; citation_publisher=Cambridge University Press',
    );
  });

  it('has JSON-LD: a ScholarlyArticle citing each work, with the right types and counts', () => {
    const scripts = page.querySelectorAll('script[type="application/ld+json"]');
    expect(scripts).toHaveLength(1);
    const data = JSON.parse(scripts[0]!.text) as Record<string, unknown> & { citation: Record<string, unknown>[]; author: unknown[] };
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ScholarlyArticle',
      headline: 'The political and institutional origins of the Great Leap Forward',
      datePublished: '2026-11-29',
      dateModified: '2026-11-29',
      inLanguage: 'en-US',
      url: 'http://localhost:4321/great-leap-forward/',
      description: expect.stringMatching(/^Why did China launch the Great Leap Forward/),
    });
    expect(data.author).toEqual([]);
    expect(data.citation).toHaveLength(7);
    const types = Object.fromEntries(data.citation.map((c) => [c['name'], c['@type']]));
    expect(types['The Chinese economy: Transitions and growth']).toBe('Book');
    expect(types['Sino-Soviet Relations during the Mao Years, 1949-1969']).toBe('Chapter');
    expect(types['Cold War History'] ?? types["The Hungarian revolution and the origins of China's Great Leap policies, 1956–57"]).toBe('ScholarlyArticle');
  });

  it('has OpenGraph and Twitter card tags, a canonical URL and the language', () => {
    expect(property('og:type')).toBe('article');
    expect(property('og:title')).toBe('The political and institutional origins of the Great Leap Forward');
    expect(property('og:url')).toBe('http://localhost:4321/great-leap-forward/');
    expect(property('article:published_time')).toBe('2026-11-29');
    expect(meta('twitter:card')).toEqual(['summary']);
    expect(page.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe('http://localhost:4321/great-leap-forward/');
    expect(page.querySelector('html')?.getAttribute('lang')).toBe('en-US');
  });
});

describe('Cite this essay', () => {
  it('gives the reference in the essay style and in BibTeX, as text, without scripts', () => {
    const section = page.querySelector('#cite-this')!;
    expect(section.querySelector('.cite-reference')!.text.trim()).toBe(
      'The political and institutional origins of the Great Leap Forward. (2026, November 29). Retrieved from Apparatus website: http://localhost:4321/great-leap-forward/',
    );
    const [entry, ...more] = parse(section.querySelector('.cite-bibtex')!.text);
    expect(more).toEqual([]);
    expect(keyOf(entry!)).toBe('great-leap-forward');
    expect(fold(entry!.title)).toBe('the political and institutional origins of the great leap forward');
    expect(entry!.issued?.['date-parts']?.[0]?.slice(0, 2)).toEqual([2026, 11]);
  });

  it('carries the passage citation with a placeholder for the paragraph number', () => {
    const section = page.querySelector('#cite-this')!;
    const placeholder = section.getAttribute('data-paragraph-placeholder')!;
    expect(section.getAttribute('data-passage')).toBe(`(“The Political and Institutional Origins of the Great Leap Forward,” 2026, para. ${placeholder})`);
    expect(section.getAttribute('data-passage-bibtex')).toContain(`note = {para. ${placeholder}}`);
  });
});

describe('sitemap, feed, robots.txt and favicon', () => {
  it('the sitemap lists the home page, Works cited and the essays, with last-modified dates', () => {
    const xml = readFileSync(join(DIST, 'sitemap.xml'), 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')).toBe(true);
    const urls = [...xml.matchAll(/<url>\s*<loc>([^<]+)<\/loc>\s*<lastmod>(\d{4}-\d{2}-\d{2})<\/lastmod>\s*<\/url>/g)].map((m) => [m[1], m[2]]);
    // An essay's date is its revision (the PeerJ article's correction of 2026-11-30), and the pages
    // that list essays changed when the newest of them did.
    expect(urls).toEqual([
      ['http://localhost:4321/', '2026-11-30'],
      ['http://localhost:4321/works-cited/', '2026-11-30'],
      ['http://localhost:4321/great-leap-forward/', '2026-11-29'],
      ['http://localhost:4321/formatting-open-science/', '2026-11-30'],
    ]);
  });

  it('the Atom feed has the essay with its description, and is linked from every page', () => {
    const xml = readFileSync(join(DIST, 'feed.xml'), 'utf8');
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml.match(/<entry>/g)).toHaveLength(2);
    expect(xml).toContain('<id>http://localhost:4321/great-leap-forward/</id>');
    expect(xml).toMatch(/<summary>Why did China launch the Great Leap Forward in 1958\?/);
    expect(page.querySelector('link[rel="alternate"][type="application/atom+xml"]')?.getAttribute('href')).toBe('/feed.xml');
  });

  it('robots.txt names the sitemap, and the favicon is there', () => {
    expect(readFileSync(join(DIST, 'robots.txt'), 'utf8')).toContain('Sitemap: http://localhost:4321/sitemap.xml');
    expect(page.querySelector('link[rel="icon"]')?.getAttribute('href')).toBe('/favicon.svg');
    expect(existsSync(join(DIST, 'favicon.svg'))).toBe(true);
  });
});
