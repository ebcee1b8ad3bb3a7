/**
 * Reads every essay of the project from disk, validates what editors wrote, and reports every
 * problem at once. The only module besides the CLI that touches the file system for sources.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { essayFrontmatterSchema, type EssayFrontmatter } from '../schemas/essay.ts';
import { sectionFrontmatterSchema } from '../schemas/section.ts';
import { issuesToDiagnostics } from '../schemas/errors.ts';
import type { SiteConfig } from '../schemas/site.ts';
import { assembleEssay, sectionSlug, type AssembledEssay, type SectionPart } from '../lib/assemble.ts';
import { readBibliography, type Bibliography } from '../lib/bibliography.ts';
import type { Diagnostic } from '../lib/diagnostics.ts';
import { slugProblem } from '../lib/essay-slug.ts';
import { parseFrontmatter } from '../lib/frontmatter.ts';
import { didYouMean } from '../lib/suggest.ts';
import { displayPath, type ProjectPaths } from './paths.ts';

export interface EssaySource {
  readonly slug: string;
  /** `content/<slug>/index.md`, relative to the root. */
  readonly indexFile: string;
  readonly frontmatter: EssayFrontmatter;
  readonly assembled: AssembledEssay;
  readonly bibliography: Bibliography;
  /** Absolute paths of the bibliography files. */
  readonly bibliographyFiles: readonly string[];
  /** Official CSL name and absolute path of the style. */
  readonly style: { readonly name: string; readonly file: string };
  /** CSL locale name (`en-US`) and absolute path. */
  readonly locale: { readonly name: string; readonly file: string };
  /** Language of the text, for `<html lang>`. */
  readonly lang: string;
  /** Entries listed without being cited: their ids, or 'all' for `nocite: "@*"`. */
  readonly nocite: readonly string[] | 'all';
}

export interface LoadedSources {
  readonly essays: readonly EssaySource[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface LoadOptions {
  /** Drafts are published by the dev server only. */
  readonly includeDrafts: boolean;
}

/** CSL's primary dialects, for a `lang` given without a region. */
const PRIMARY_DIALECT: Record<string, string> = {
  en: 'en-US', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', zh: 'zh-CN', it: 'it-IT', pt: 'pt-PT', ja: 'ja-JP', ru: 'ru-RU', nl: 'nl-NL',
};

export function loadSources(paths: ProjectPaths, site: SiteConfig, options: LoadOptions): LoadedSources {
  const diagnostics: Diagnostic[] = [];
  const essays: EssaySource[] = [];
  if (!existsSync(paths.content)) {
    return {
      essays,
      diagnostics: [{ file: 'content', severity: 'error', rule: 'content/missing', message: 'There is no content/ folder.', hint: 'Create content/<essay>/index.md with the essay\'s frontmatter, and its sections beside it.' }],
    };
  }
  const bibliographyCache = new Map<string, Bibliography>();
  for (const name of readdirSync(paths.content).sort()) {
    const dir = join(paths.content, name);
    if (name.startsWith('.') || !statSync(dir).isDirectory()) continue;
    const essay = loadEssay(paths, site, name, dir, diagnostics, bibliographyCache);
    if (essay && (options.includeDrafts || !essay.frontmatter.draft)) essays.push(essay);
  }
  // Diagnostics about one bibliography file must be reported once, however many essays share it.
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const id = `${d.file}:${d.line}:${d.column}:${d.rule}:${d.message}`;
    return seen.has(id) ? false : (seen.add(id), true);
  });
  return { essays, diagnostics: unique };
}

/** What usually breaks frontmatter YAML. */
const YAML_HINT = 'Check that line and the one before it: close every [ and quote, indent lists under their field, and put a value holding ": " in quotes.';

function loadEssay(
  paths: ProjectPaths,
  site: SiteConfig,
  slug: string,
  dir: string,
  diagnostics: Diagnostic[],
  bibliographyCache: Map<string, Bibliography>,
): EssaySource | undefined {
  const indexPath = join(dir, 'index.md');
  const indexFile = displayPath(paths, indexPath);
  const badSlug = slugProblem(slug);
  if (badSlug) {
    diagnostics.push({ file: displayPath(paths, dir), severity: 'error', rule: 'content/bad-folder-name', ...badSlug });
    return undefined;
  }
  if (!existsSync(indexPath)) {
    diagnostics.push({
      file: displayPath(paths, dir),
      severity: 'error',
      rule: 'content/missing-index',
      message: `The essay folder content/${slug}/ has no index.md.`,
      hint: 'Every essay folder needs an index.md with the essay\'s frontmatter (title, date, bibliography…).',
    });
    return undefined;
  }
  const index = parseFrontmatter(readFileSync(indexPath, 'utf8'));
  for (const error of index.syntaxErrors) {
    diagnostics.push({ file: indexFile, ...error.position, severity: 'error', rule: 'frontmatter/syntax', message: `The frontmatter is not valid YAML: ${error.message}`, hint: YAML_HINT });
  }
  if (index.syntaxErrors.length > 0) return undefined;
  const parsed = essayFrontmatterSchema.safeParse(index.data ?? {});
  if (!parsed.success) {
    diagnostics.push(...issuesToDiagnostics(parsed.error.issues, { file: indexFile, schema: essayFrontmatterSchema, locate: index.locate, what: 'essay frontmatter' }));
    return undefined;
  }
  const frontmatter = parsed.data;

  const sections: SectionPart[] = [];
  const slugs = new Map<string, string>();
  for (const fileName of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'index.md').sort()) {
    const section = loadSection(paths, join(dir, fileName), fileName, diagnostics);
    if (!section) continue;
    const clash = slugs.get(section.slug);
    if (clash) {
      diagnostics.push({ file: section.file, line: 1, severity: 'error', rule: 'content/duplicate-section', message: `Section id "${section.slug}" is also the id of ${clash}.`, hint: 'Rename one of the two files: a section\'s id comes from its file name.' });
    }
    slugs.set(section.slug, section.file);
    sections.push(section);
  }
  const preamble = { file: indexFile, body: index.body, bodyLine: index.bodyLine };
  if (sections.length === 0 && index.body.trim() === '') {
    diagnostics.push({ file: indexFile, severity: 'error', rule: 'content/empty-essay', message: `The essay "${slug}" has no text.`, hint: 'Add section files (01-introduction.md, …) beside index.md, or write the body in index.md.' });
  }

  const bibliographyNames = frontmatter.bibliography ?? [];
  const bibliographyFiles: string[] = [];
  for (const name of bibliographyNames) {
    const file = join(paths.bibliography, name);
    if (existsSync(file) && statSync(file).isFile()) {
      bibliographyFiles.push(file);
    } else {
      const available = existsSync(paths.bibliography) ? readdirSync(paths.bibliography).filter((f) => /\.(json|bib)$/.test(f)) : [];
      const suggestion = didYouMean(name, available);
      diagnostics.push({
        file: indexFile,
        ...index.locate(['bibliography']),
        severity: 'error',
        rule: 'bibliography/missing-file',
        message: `The bibliography "${name}" does not exist in bibliography/.`,
        hint: suggestion ? `${suggestion[0]!.toUpperCase()}${suggestion.slice(1)}` : `Name a file in bibliography/ (${available.join(', ') || 'there is none yet'}).`,
      });
    }
  }
  const cacheKey = bibliographyFiles.join('\0');
  let bibliography = bibliographyCache.get(cacheKey);
  if (!bibliography) {
    bibliography = readBibliography(bibliographyFiles.map((file) => ({ file: displayPath(paths, file), text: readFileSync(file, 'utf8') })));
    bibliographyCache.set(cacheKey, bibliography);
  }
  diagnostics.push(...bibliography.diagnostics);

  const styleName = frontmatter.csl ?? site.defaultStyle;
  const styleFile = join(paths.styles, `${styleName.replace(/\.csl$/, '')}.csl`);
  if (!existsSync(styleFile)) {
    const available = existsSync(paths.styles) ? readdirSync(paths.styles).filter((f) => f.endsWith('.csl')).map((f) => f.slice(0, -4)) : [];
    const suggestion = didYouMean(styleName, available);
    diagnostics.push({
      file: indexFile,
      ...(frontmatter.csl ? index.locate(['csl']) : { line: 1 }),
      severity: 'error',
      rule: 'style/missing',
      message: `The CSL style "${styleName}" is not in bibliography/styles/.`,
      hint: suggestion
        ? `${suggestion[0]!.toUpperCase()}${suggestion.slice(1)} Styles available: ${available.join(', ')}.`
        : `Copy the official ${styleName}.csl into bibliography/styles/ (see bibliography/LICENSE-CSL.md), or use one of: ${available.join(', ')}.`,
    });
  }

  const lang = frontmatter.lang ?? site.defaultLocale;
  const localeName = lang.includes('-') ? lang : (PRIMARY_DIALECT[lang] ?? lang);
  const localeFile = join(paths.locales, `locales-${localeName}.xml`);
  if (!existsSync(localeFile)) {
    const available = existsSync(paths.locales) ? readdirSync(paths.locales).map((f) => f.replace(/^locales-|\.xml$/g, '')) : [];
    diagnostics.push({
      file: indexFile,
      ...(frontmatter.lang ? index.locate(['lang']) : { line: 1 }),
      severity: 'error',
      rule: 'style/missing-locale',
      message: `There is no CSL locale for "${lang}" in bibliography/locales/.`,
      hint: `Copy locales-${localeName}.xml from the official CSL locales, or use one of: ${available.join(', ')}.`,
    });
  }

  return {
    slug,
    indexFile,
    frontmatter,
    assembled: assembleEssay(preamble, sections),
    bibliography,
    bibliographyFiles,
    style: { name: styleName, file: styleFile },
    locale: { name: localeName, file: localeFile },
    lang,
    nocite: nociteOf(frontmatter, bibliography, indexFile, index.locate, diagnostics),
  };
}

/** The nocite keys, each checked against the bibliography like a citation. */
function nociteOf(
  frontmatter: EssayFrontmatter,
  bibliography: Bibliography,
  file: string,
  locate: (path: readonly PropertyKey[]) => { line: number; column: number },
  diagnostics: Diagnostic[],
): readonly string[] | 'all' {
  const keys = frontmatter.nocite ?? [];
  if (keys.includes('*')) return 'all';
  for (const key of keys) {
    if (bibliography.entries.has(key)) continue;
    const suggestion = didYouMean(key, bibliography.entries.keys());
    diagnostics.push({
      file,
      ...locate(['nocite']),
      severity: 'error',
      rule: 'citation/unknown-key',
      message: `Unknown citation key "@${key}" in nocite: no entry of the essay's bibliography has that id.`,
      hint: suggestion ? `${suggestion[0]!.toUpperCase()}${suggestion.slice(1)}` : 'Add the work to the bibliography, or remove the key from nocite.',
    });
  }
  return keys.filter((key) => bibliography.entries.has(key));
}

function loadSection(paths: ProjectPaths, path: string, fileName: string, diagnostics: Diagnostic[]): SectionPart | undefined {
  const file = displayPath(paths, path);
  const parsed = parseFrontmatter(readFileSync(path, 'utf8'));
  for (const error of parsed.syntaxErrors) {
    diagnostics.push({ file, ...error.position, severity: 'error', rule: 'frontmatter/syntax', message: `The frontmatter is not valid YAML: ${error.message}`, hint: YAML_HINT });
  }
  if (parsed.syntaxErrors.length > 0) return undefined;
  if (parsed.data === undefined) {
    diagnostics.push({ file, line: 1, column: 1, severity: 'error', rule: 'content/untitled-section', message: 'This section has no title.', hint: 'Start the file with a frontmatter block:\n    ---\n    title: The section heading\n    ---' });
    return undefined;
  }
  const result = sectionFrontmatterSchema.safeParse(parsed.data);
  if (!result.success) {
    diagnostics.push(...issuesToDiagnostics(result.error.issues, { file, schema: sectionFrontmatterSchema, locate: parsed.locate, what: 'section frontmatter' }));
    return undefined;
  }
  return {
    file,
    slug: sectionSlug(fileName),
    title: result.data.title,
    titleLine: parsed.locate(['title']).line,
    body: parsed.body,
    bodyLine: parsed.bodyLine,
  };
}
