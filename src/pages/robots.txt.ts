/** `robots.txt`: everything may be crawled; the sitemap says what there is. */
import type { APIRoute } from 'astro';
import { absoluteUrl } from '../site-data.ts';

export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl('/sitemap.xml')}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
