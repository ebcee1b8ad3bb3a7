/**
 * The CSL style and locale an essay's citations are formatted in, found where Pandoc finds them:
 * a missing one is an error, for Apparatus builds offline and cannot fetch it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { EssayFrontmatter } from '../schemas/essay.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { resolveLocale } from '../bibliography/csl-locales.ts';
import { type Diagnostic, capitalized, type Problem, type Position } from '../lib/diagnostics.ts';
import { didYouMean } from '../lib/suggest.ts';
import { insideProject, isFile } from './essay-folder.ts';
import type { ProjectPaths } from './paths.ts';

/**
 * The CSL style an essay names: an official name kept in bibliography/styles/ (`apa`), or, as for
 * Pandoc, a `.csl` file relative to the essay's folder (`my-style.csl`, `styles/apa.csl`), which
 * wins for a name with `.csl`, as Pandoc looks beside the document first.
 */
export function findStyle(paths: ProjectPaths, dir: string, csl: string): { name: string; file: string; problem?: Problem } {
  const name = basename(csl).replace(/\.csl$/i, '');
  const official = join(paths.styles, `${name}.csl`);
  const available = existsSync(paths.styles) ? readdirSync(paths.styles).filter((f) => f.endsWith('.csl')).map((f) => f.slice(0, -4)) : [];
  if (/^https?:\/\//i.test(csl)) {
    const suggestion = available.includes(name) ? `Write csl: ${name}, the copy kept in bibliography/styles/.` : `Download it once into bibliography/styles/${name}.csl and write csl: ${name}.`;
    return { name, file: official, problem: { message: `The CSL style "${csl}" is a web address, and Apparatus builds offline.`, hint: suggestion } };
  }
  const candidates = /\.csl$/i.test(csl) || csl.includes('/') ? [resolve(dir, csl), resolve(paths.content, csl), resolve(paths.styles, csl)] : [official, resolve(dir, `${csl}.csl`)];
  const file = candidates.find((f) => isFile(f) && insideProject(paths, f));
  if (file) return { name, file };
  const suggestion = didYouMean(name, available);
  return {
    name,
    file: official,
    problem: {
      message: `The CSL style "${csl}" is not in bibliography/styles/ or beside index.md.`,
      hint: suggestion
        ? `${capitalized(suggestion)} Styles available: ${available.join(', ')}.`
        : `Copy the official ${name}.csl into bibliography/styles/ (see bibliography/LICENSE-CSL.md), or use one of: ${available.join(', ')}.`,
    },
  };
}

/** The essay's language and the CSL locale its citations use, with the problems of finding it. */
export function essayLocale(
  paths: ProjectPaths,
  site: SiteConfig,
  frontmatter: EssayFrontmatter,
  style: { readonly file: string; readonly problem?: Problem },
  indexFile: string,
  locate: (path: readonly PropertyKey[]) => Position,
  diagnostics: Diagnostic[],
): { lang: string; locale: { name: string; file: string } } {
  // Without a lang of its own, an essay's citations follow its style's default locale (a French
  // journal's style formats in French), as in Pandoc and CSL; then the site's.
  const styleLocale = !frontmatter.lang && !style.problem && existsSync(style.file) ? /<style\b[^>]*\bdefault-locale="([^"]+)"/.exec(readFileSync(style.file, 'utf8'))?.[1] : undefined;
  const lang = frontmatter.lang ?? styleLocale ?? site.defaultLocale;
  const where: Position | { line: number } = frontmatter.lang ? locate(['lang']) : { line: 1 };
  const locale = resolveLocale(lang, paths.locales);
  if (!locale) {
    const available = existsSync(paths.locales) ? readdirSync(paths.locales).filter((f) => /^locales-.+\.xml$/.test(f)).map((f) => f.replace(/^locales-|\.xml$/g, '')) : [];
    const suggestion = didYouMean(lang, available);
    diagnostics.push({
      file: indexFile,
      ...where,
      severity: 'error',
      rule: 'style/missing-locale',
      message: `There is no CSL locale for "${lang}" in bibliography/locales/.`,
      hint: `${suggestion ? `${capitalized(suggestion)} ` : ''}Use a language tag of one of the locales kept (${available.join(', ')}), or copy the official locales-${lang}.xml there.`,
    });
  } else if (locale.fallbackFrom) {
    diagnostics.push({
      file: indexFile,
      ...where,
      severity: 'warning',
      rule: 'style/locale-fallback',
      message: `There is no CSL locale for "${lang}": citations use ${locale.name}, the primary dialect of its language.`,
      hint: `Write lang: ${locale.name} to say so, or copy the official locales-${lang}.xml into bibliography/locales/.`,
    });
  }
  return { lang, locale: locale ? { name: locale.name, file: locale.file } : { name: lang, file: join(paths.locales, `locales-${lang}.xml`) } };
}
