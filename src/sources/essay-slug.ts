/**
 * An essay's folder name is its address (`content/on-tides/` → `/on-tides/`): it must be a plain URL
 * segment and must not take the place of a page or folder the site already has.
 */
import { slugify } from './assemble.ts';

/** Addresses the site itself uses. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(['search', 'works-cited', 'works', 'pagefind', '_astro', '404', 'feed', 'sitemap', 'index', 'list']);

/** Why `slug` cannot name an essay, with the fix; undefined when it can. */
export function slugProblem(slug: string): { message: string; hint: string } | undefined {
  if (RESERVED_SLUGS.has(slug)) {
    return { message: `An essay cannot be called "${slug}": /${slug}/ is a page of the site.`, hint: `Rename the folder, for example to content/${slug}-essay/.` };
  }
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
    const fixed = slugify(slug, 'essay');
    return {
      message: `"${slug}" cannot be an essay's address: use lower-case letters, digits and single hyphens.`,
      hint: `Call it "${fixed}".`,
    };
  }
  return undefined;
}
