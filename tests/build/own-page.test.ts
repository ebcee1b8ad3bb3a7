/**
 * A page of the site's own (src/pages/list/), written as any Astro author writes one: it reads the
 * `essays` collection with getCollection and shows one essay with render(). Built by the real build
 * and read as a reader meets it: every essay listed, the essay's text with its live citations and
 * notes, and its figures through Astro's image pipeline.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HTMLElement } from 'node-html-parser';
import { loadPage, normalizeText } from '../support/html.ts';
import { DIST, ROOT } from '../support/project.ts';

/** The essays the build published: each folder of dist/ with an index.html and its downloads. */
function publishedEssays(): string[] {
  return readdirSync(DIST).filter((name) => existsSync(join(DIST, name, 'references.bib')));
}

describe('a page of the site author\'s own, over the essays collection', () => {
  let page: HTMLElement;
  beforeAll(() => {
    page = loadPage(join(DIST, 'list/index.html'));
  });

  it('lists every essay by its title, linked to its page', () => {
    const essays = publishedEssays();
    expect(essays.length).toBeGreaterThanOrEqual(2);
    const links = new Map(page.querySelectorAll('main .essay-list a').map((a) => [a.getAttribute('href'), normalizeText(a.text)]));
    for (const slug of essays) {
      const title = normalizeText(loadPage(join(DIST, slug, 'index.html')).querySelector('h1')!.text);
      expect(links.get(`/${slug}/`), slug).toBe(title);
    }
    expect(links.size).toBe(essays.length);
  });

  it("shows the essay's text as its own page prints it: sections, citations linked to its references, notes", () => {
    const shown = page.querySelector('#shown-title')!;
    const slug = publishedEssays().find((name) => normalizeText(loadPage(join(DIST, name, 'index.html')).querySelector('h1')!.text) === normalizeText(shown.text));
    expect(slug).toBeDefined();
    const own = loadPage(join(DIST, slug!, 'index.html')).querySelector('.essay-body')!;
    const text = page.querySelector('article .essay-body')!;
    // The same sections, in the same order, and the same words in each paragraph.
    expect(text.querySelectorAll('h2[id]').map((h) => h.id)).toEqual(own.querySelectorAll('h2[id]').map((h) => h.id));
    expect(text.querySelectorAll('p').map((p) => normalizeText(p.text))).toEqual(own.querySelectorAll('p').map((p) => normalizeText(p.text)));
    // Citations lead to entries of its reference list, present on this page too.
    const citations = text.querySelectorAll('.citation a[href^="#bib-"]');
    expect(citations.length).toBeGreaterThan(5);
    for (const a of citations) expect(text.querySelector(`[id="${a.getAttribute('href')!.slice(1)}"]`), a.getAttribute('href')!).not.toBeNull();
    // Its notes and its reference list, when its own page has them.
    for (const part of ['#notes', '#references']) expect(text.querySelector(part) !== null, part).toBe(own.querySelector(part) !== null);
    expect(text.querySelector('#references')).not.toBeNull();
  });

  it("shows the essay's figures through Astro's image pipeline, each a file the build wrote", () => {
    const images = page.querySelectorAll('article .essay-body img');
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(image.getAttribute('__astro_image_')).toBeUndefined();
      const src = image.getAttribute('src')!;
      expect(src, src).toMatch(/^\/_astro\//);
      expect(existsSync(join(DIST, src)), src).toBe(true);
      expect(Number(image.getAttribute('width'))).toBeGreaterThan(0);
    }
  });

  it('is not an essay of its own: no essay may take its address', async () => {
    const { RESERVED_SLUGS } = await import('../../src/sources/essay-slug.ts');
    expect(RESERVED_SLUGS.has('list')).toBe(true);
    expect(existsSync(join(ROOT, 'content/list'))).toBe(false);
  });
});
