/**
 * What an essay's pass is given (RenderInput): its Markdown, its style and locale read from the
 * repository, and only the works its Markdown may cite.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entryId } from '../bibliography/anchors.ts';
import type { CslEntry } from '../bibliography/csl.ts';
import type { CslStyle } from '../citeproc/engine.ts';
import { didYouMean } from '../lib/suggest.ts';
import { candidateKeys } from '../markdown/citation-keys.ts';
import { resolveCitedKey } from '../markdown/cito.ts';
import { CROSS_REFERENCE_KEY } from '../markdown/cross-references.ts';
import { workDownloadPath } from '../publishing/downloads.ts';
import { essayFolder, type EssaySource } from '../sources/essay-source.ts';
import type { RenderInput } from './render.ts';

/** The essay's style with its locale and the en-US fallback that CSL styles may ask for. */
export function essayStyle(essay: EssaySource): CslStyle {
  const locales = new Map<string, string>();
  const localeXml = readFileSync(essay.locale.file, 'utf8');
  locales.set(/xml:lang="([^"]+)"/.exec(localeXml)?.[1] ?? essay.locale.name, localeXml);
  const fallback = join(essay.locale.file, '..', 'locales-en-US.xml');
  if (!locales.has('en-US') && existsSync(fallback)) locales.set('en-US', readFileSync(fallback, 'utf8'));
  return { xml: readFileSync(essay.style.file, 'utf8'), locales, lang: essay.locale.name };
}

/**
 * The task carries only the works the Markdown may cite (or lists in nocite), not the bibliography,
 * which a journal may share among its essays and which can hold thousands of entries.
 */
export function renderInput(essay: EssaySource, options: { readonly base?: string; readonly style?: CslStyle } = {}): RenderInput {
  const all = essay.bibliography.entries;
  const { markdown } = essay.assembled;
  const wanted = essay.nocite === 'all' ? new Set(all.keys()) : new Set([...candidateKeys(markdown), ...essay.nocite]);
  const entries = new Map<string, CslEntry>();
  const unknownKeyHints = new Map<string, string | undefined>();
  for (const key of wanted) {
    // `@fig-map`: a reference to a figure, table, equation or section, never a work.
    if (CROSS_REFERENCE_KEY.test(key)) continue;
    const { key: cited } = resolveCitedKey(key, (candidate) => all.has(candidate));
    const sourced = all.get(cited);
    if (sourced) entries.set(cited, sourced.entry);
    else unknownKeyHints.set(key, didYouMean(key, all.keys()));
  }
  return {
    markdown,
    sections: essay.assembled.sections.map((s) => ({ slug: s.slug, headingLine: s.headingLine, ...(s.appendix ? { appendix: true } : {}) })),
    sectionTitles: essay.assembled.sections.map(({ slug, title, appendix }) => ({ slug, title, ...(appendix ? { appendix } : {}) })),
    style: options.style ?? essayStyle(essay),
    entries,
    nocite: essay.nocite,
    downloads: new Map([...entries.keys()].map((key) => [entryId(key), workDownloadPath(all.get(key)!.file, key)])),
    base: options.base ?? '/',
    slug: essay.slug,
    citationOptions: essay.citationOptions,
    crossref: essay.crossref,
    check: {
      sections: essay.assembled.sections.map(({ slug, title, file, headingLine }) => ({ slug, title, file, headingLine })),
      lineMap: essay.assembled.lineMap,
      unknownKeyHints,
      folder: essayFolder(essay),
      headingShift: essay.assembled.headingShift,
      metadataText: essay.metadataText,
    },
  };
}
