/** `sitemap.xml`: the home page, the Works cited page and every essay, with their last change. */
import type { APIRoute } from 'astro';
import { sitemap } from '../publishing/feeds.ts';
import { absoluteUrl, getEssays } from '../page-data.ts';

export const GET: APIRoute = () =>
  new Response(
    sitemap(
      getEssays().map((essay) => ({ url: absoluteUrl(`/${essay.slug}/`), frontmatter: essay.frontmatter })),
      [absoluteUrl('/'), absoluteUrl('/works-cited/')],
    ),
    { headers: { 'Content-Type': 'application/xml; charset=utf-8' } },
  );
