/**
 * The weight of a built page as a reader's browser receives it: the HTML, the stylesheets that block
 * the first render, the scripts, and the requests needed to show it. Sizes are gzip (level 9), as a
 * static host or CDN would serve them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageWeight {
  readonly page: string;
  readonly htmlBytes: number;
  readonly htmlGzip: number;
  /** Stylesheets linked in the head, which block the first render. */
  readonly blockingCssGzip: number;
  /** Every script the page loads at once (module scripts and classic ones); Pagefind is not among them. */
  readonly scriptGzip: number;
  /** HTML plus render-blocking CSS: what must arrive before the first paint. */
  readonly firstRenderGzip: number;
  /** Requests for the page, its stylesheets and scripts. */
  readonly requests: number;
  /** Images in the page, and how many of them wait until the reader scrolls near (`loading="lazy"`). */
  readonly images: number;
  readonly lazyImages: number;
  /**
   * Bytes of the images that load with the page (not lazy), in the file each `src` names: these
   * would count in the first render; lazy ones do not.
   */
  readonly eagerImageBytes: number;
}

const gzip = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length;

export function measurePage(dist: string, page: string): PageWeight {
  const html = readFileSync(join(dist, page), 'utf8');
  const assets = (pattern: RegExp) =>
    [...html.matchAll(pattern)].map((m) => m[1]!).filter((href) => href.startsWith('/')).map((href) => join(dist, href.split('?')[0]!));
  const styles = assets(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g).concat(assets(/<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"/g));
  const scripts = assets(/<script[^>]+src="([^"]+)"/g);
  // Inline <style> is part of the HTML, and counted there.
  const files = (list: string[]) => [...new Set(list)].filter((f) => existsSync(f));
  const blockingCssGzip = files(styles).reduce((n, f) => n + gzip(readFileSync(f)), 0);
  const scriptGzip = files(scripts).reduce((n, f) => n + gzip(readFileSync(f)), 0);
  const htmlGzip = gzip(html);
  const images = [...html.matchAll(/<img\b[^>]*>/g)].map((m) => m[0]);
  const eager = images.filter((tag) => !/\sloading="lazy"/.test(tag));
  const eagerImageBytes = files(eager.map((tag) => /\ssrc="([^"]+)"/.exec(tag)?.[1] ?? '').filter((src) => src.startsWith('/')).map((src) => join(dist, src))).reduce(
    (n, f) => n + readFileSync(f).length,
    0,
  );
  return {
    page,
    htmlBytes: Buffer.byteLength(html),
    htmlGzip,
    blockingCssGzip,
    scriptGzip,
    firstRenderGzip: htmlGzip + blockingCssGzip,
    requests: 1 + files(styles).length + files(scripts).length,
    images: images.length,
    lazyImages: images.length - eager.length,
    eagerImageBytes,
  };
}
