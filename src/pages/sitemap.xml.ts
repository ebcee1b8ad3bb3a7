/** `sitemap.xml`: the home page, the Works cited page and every essay, with their last change. */
import type { APIRoute } from 'astro';
import { sitemap } from '../publishing/feeds.ts';
import { absoluteUrl, getEssays } from '../site-data.ts';

export const GET: APIRoute = async () =>
  new Response(
    sitemap(
      (await getEssays()).map(({ data: essay }) => ({ url: absoluteUrl(`/${essay.slug}/`), frontmatter: essay.frontmatter })),
      [absoluteUrl('/'), absoluteUrl('/works-cited/')],
    ),
    { headers: { 'Content-Type': 'application/xml; charset=utf-8' } },
  );
