/** `feed.xml`: an Atom feed of the essays, newest first. */
import type { APIRoute } from 'astro';
import { atomFeed } from '../publishing/feeds.ts';
import { absoluteUrl, getEssays, site } from '../site-data.ts';

export const GET: APIRoute = async () =>
  new Response(
    atomFeed(
      { title: site.title, description: site.description, home: absoluteUrl('/'), self: absoluteUrl('/feed.xml') },
      (await getEssays()).map(({ data: essay }) => ({ url: absoluteUrl(`/${essay.slug}/`), frontmatter: essay.frontmatter })),
    ),
    { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } },
  );
