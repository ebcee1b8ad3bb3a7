import { issuesToDiagnostics } from './errors.ts';
import { siteConfigSchema, type SiteConfig, type SiteConfigInput } from './site-config.ts';
import { SourceError } from '../lib/diagnostics.ts';

/** Validates `site.config.ts` once, when it is loaded, with errors that name the key. */
export function defineSiteConfig(input: SiteConfigInput): SiteConfig {
  const parsed = siteConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new SourceError(
    issuesToDiagnostics(parsed.error.issues, { file: 'site.config.ts', schema: siteConfigSchema, locate: () => ({ line: 1, column: 1 }), what: 'site configuration', data: input }),
  );
}
