/**
 * The site's sitemap and Atom feed, as strings: pure functions over the published essays, so a
 * build gives the same bytes for the same sources (dates come from the essays, never the clock).
 */
import type { EssayFrontmatter } from '../schemas/essay.ts';
import { isoDate } from './format.ts';
import { licenseName, licenseUrl } from '../sources/license.ts';

export interface FeedEssay {
  /** Absolute URL of the essay. */
  readonly url: string;
  readonly frontmatter: EssayFrontmatter;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

const updatedOf = (essay: FeedEssay) => essay.frontmatter.revised ?? essay.frontmatter.date;
const rfc3339 = (date: Date) => `${isoDate(date)}T00:00:00Z`;
const newest = (essays: readonly FeedEssay[]) => essays.map(updatedOf).sort((a, b) => b.getTime() - a.getTime())[0];

/** sitemaps.org: every essay with its last change, and the site's own pages with the newest. */
export function sitemap(essays: readonly FeedEssay[], pages: readonly string[]): string {
  const latest = newest(essays);
  const url = (loc: string, lastmod: Date | undefined) =>
    `  <url>\n    <loc>${escapeXml(loc)}</loc>\n${lastmod ? `    <lastmod>${isoDate(lastmod)}</lastmod>\n` : ''}  </url>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...pages.map((page) => url(page, latest)),
    ...essays.map((essay) => url(essay.url, updatedOf(essay))),
    '</urlset>',
    '',
  ].join('\n');
}

/** Atom (RFC 4287): the essays, newest first, each with its description as summary. */
export function atomFeed(site: { title: string; description: string; home: string; self: string }, essays: readonly FeedEssay[]): string {
  const latest = newest(essays) ?? new Date(0);
  const entry = (essay: FeedEssay) => {
    const { frontmatter } = essay;
    const authors = frontmatter.authors.length > 0 ? frontmatter.authors.map((a) => a.name) : [];
    return [
      '  <entry>',
      `    <id>${escapeXml(essay.url)}</id>`,
      `    <title>${escapeXml(frontmatter.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(essay.url)}"/>`,
      `    <published>${rfc3339(frontmatter.date)}</published>`,
      `    <updated>${rfc3339(updatedOf(essay))}</updated>`,
      ...authors.map((name) => `    <author><name>${escapeXml(name)}</name></author>`),
      ...(frontmatter.description ?? frontmatter.abstract ? [`    <summary>${escapeXml(frontmatter.description ?? frontmatter.abstract ?? '')}</summary>`] : []),
      ...frontmatter.keywords.map((k) => `    <category term="${escapeXml(k)}"/>`),
      ...(frontmatter.license ? [`    <rights>${escapeXml(licenseName(frontmatter.license))}: ${escapeXml(licenseUrl(frontmatter.license))}</rights>`] : []),
      '  </entry>',
    ].join('\n');
  };
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(site.home)}</id>`,
    `  <title>${escapeXml(site.title)}</title>`,
    ...(site.description ? [`  <subtitle>${escapeXml(site.description)}</subtitle>`] : []),
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(site.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(site.home)}"/>`,
    `  <updated>${rfc3339(latest)}</updated>`,
    // Atom wants an author for every entry; essays that name none are the publication's.
    `  <author><name>${escapeXml(site.title)}</name></author>`,
    ...essays.map(entry),
    '</feed>',
    '',
  ].join('\n');
}
