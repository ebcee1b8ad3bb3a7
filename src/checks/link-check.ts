import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * An offline link checker for a built site: every internal link, script, stylesheet and image of
 * every page must lead to a file of the site, and every #fragment to an id on its page. External
 * links are listed, never fetched. checkLinks is pure over a map of files; readSiteFiles makes that
 * map from a built folder, for the command line and the tests.
 */

export interface SiteFiles {
  /** Paths under the output folder, with forward slashes: `great-leap-forward/index.html`. */
  readonly paths: ReadonlySet<string>;
  readonly read: (path: string) => string;
}

export interface LinkReport {
  readonly broken: readonly { readonly page: string; readonly url: string; readonly reason: string }[];
  readonly external: readonly string[];
  readonly checked: number;
}

/** Every file of a built folder, read on demand. */
export function readSiteFiles(dir: string): SiteFiles {
  const paths = new Set<string>();
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else paths.add(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return { paths, read: (path) => readFileSync(join(dir, path), 'utf8') };
}

const ATTRIBUTES = /\s(href|src|action)="([^"]*)"/g;

function decodeEntities(value: string): string {
  return value.replace(/&(amp|quot|lt|gt|#39|#x26);/g, (_, name: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', '#39': "'", '#x26': '&' })[name] ?? '');
}

/** The page's own URL path for a file: `a/index.html` → `/a/`, `404.html` → `/404.html`. */
function pageUrl(base: string, path: string): string {
  return `${base}${path.replace(/(^|\/)index\.html$/, '$1')}`;
}

/**
 * @param base the site's base path (`/` or `/essays/`)
 * @param siteOrigin where the site is published (`https://example.org`): absolute links there
 *   (canonical URLs, feeds) are checked as internal ones
 */
export function checkLinks(files: SiteFiles, base = '/', siteOrigin?: string): LinkReport {
  const ids = new Map<string, Set<string>>();
  const idsOf = (path: string) => {
    let set = ids.get(path);
    if (!set) {
      set = new Set([...files.read(path).matchAll(/\sid="([^"]*)"/g)].map((m) => decodeEntities(m[1]!)));
      ids.set(path, set);
    }
    return set;
  };
  /** The file a URL path means, as a static host serves it. */
  const fileOf = (pathname: string): string | undefined => {
    if (!pathname.startsWith(base)) return undefined;
    const inside = decodeURIComponent(pathname.slice(base.length));
    for (const candidate of [inside, `${inside}${inside === '' || inside.endsWith('/') ? '' : '/'}index.html`]) if (files.paths.has(candidate)) return candidate;
    return undefined;
  };

  const broken: { page: string; url: string; reason: string }[] = [];
  const external = new Set<string>();
  let checked = 0;
  for (const page of [...files.paths].filter((p) => p.endsWith('.html')).sort()) {
    const html = files.read(page);
    const here = new URL(pageUrl(base, page), 'http://site.invalid');
    // Only what the page links: skip JSON-LD and other data blocks, and text inside <pre> is not markup.
    // Attributes are read inside tags only: a page may show markup as text (`<a href="…">` in code).
    const tags = html.replace(/<script type="application\/ld\+json"[\s\S]*?<\/script>/g, '').match(/<[a-zA-Z][^>]*>/g) ?? [];
    for (const match of tags.flatMap((tag) => [...tag.matchAll(ATTRIBUTES)])) {
      const raw = decodeEntities(match[2]!);
      if (raw === '' || /^(mailto|tel|data):/i.test(raw)) continue;
      let url: URL;
      try {
        url = new URL(raw, here);
      } catch {
        broken.push({ page, url: raw, reason: 'it is not a valid address' });
        continue;
      }
      if (siteOrigin && url.origin === new URL(siteOrigin).origin) url = new URL(`${url.pathname}${url.search}${url.hash}`, here);
      if (url.origin !== here.origin) {
        if (/^https?:$/.test(url.protocol)) external.add(url.href);
        else broken.push({ page, url: raw, reason: `the ${url.protocol} scheme leads nowhere a reader can go` });
        continue;
      }
      checked += 1;
      const target = fileOf(url.pathname);
      if (!target) {
        broken.push({ page, url: raw, reason: `no file at ${url.pathname}` });
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && target.endsWith('.html') && !idsOf(target).has(fragment)) broken.push({ page, url: raw, reason: `${url.pathname} has no id "${fragment}"` });
    }
  }
  return { broken, external: [...external].sort(), checked };
}
