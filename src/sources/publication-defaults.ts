/**
 * The frontmatter as a published page states it: what the essay leaves out is filled from the site
 * and its corrections, so that every page, feed and citation gives the same licence and date.
 */
import { KNOWN_LICENSES, knownLicense } from './license.ts';
import type { EssayFrontmatter } from '../schemas/essay.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { type Diagnostic, capitalized } from '../lib/diagnostics.ts';
import { didYouMean } from '../lib/suggest.ts';

/**
 * The frontmatter as it is published: the site's licence for an essay that states none, and the
 * date of the latest correction as the revision date when it is later than `revised`. A licence
 * that is neither a URL nor a known SPDX id is published as written, with a warning.
 */
export function withPublicationDefaults(
  frontmatter: EssayFrontmatter,
  site: SiteConfig,
  indexFile: string,
  locate: (path: readonly PropertyKey[]) => { line: number; column: number },
  diagnostics: Diagnostic[],
): EssayFrontmatter {
  const license = frontmatter.license ?? site.license;
  if (frontmatter.license && !/^https?:\/\//.test(frontmatter.license) && !knownLicense(frontmatter.license)) {
    const suggestion = didYouMean(frontmatter.license, KNOWN_LICENSES);
    diagnostics.push({
      file: indexFile,
      ...locate(['license']),
      severity: 'warning',
      rule: 'frontmatter/unknown-license',
      message: `"${frontmatter.license}" is not an SPDX licence id Apparatus knows: it is published as written, linked to the SPDX list.`,
      hint: suggestion ? `${capitalized(suggestion)} Otherwise write the licence's URL.` : `Write an SPDX id such as CC-BY-4.0, or the licence's URL.`,
    });
  }
  const revised = [frontmatter.revised, ...frontmatter.corrections.map((c) => c.date)]
    .filter((date): date is Date => date !== undefined)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return { ...frontmatter, ...(license ? { license } : {}), ...(revised ? { revised } : {}) };
}
