/**
 * The Content-Security-Policy every page declares: the site's own scripts, styles, images and fetches
 * only, nothing inline that runs, no plugins, and WebAssembly for Pagefind ('wasm-unsafe-eval', which
 * compiles WebAssembly and allows no JavaScript eval). JSON-LD is data, not script, and is not blocked.
 */
export const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** As a `<meta http-equiv>` carries it (frame-ancestors is ignored there, so it is left to headers). */
export const CSP_META = CSP_DIRECTIVES.join('; ');

/** A `_headers` file, as Netlify and Cloudflare Pages read it, for hosts that send headers. */
export function headersFile(): string {
  return [
    '/*',
    `  Content-Security-Policy: ${[...CSP_DIRECTIVES, "frame-ancestors 'none'"].join('; ')}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    '',
  ].join('\n');
}
