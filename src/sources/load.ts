/**
 * Reads every essay of the project from disk, validates what editors wrote, and reports every
 * problem at once. The only module besides the CLI that touches the file system for sources.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { KNOWN_LICENSES, knownLicense } from './license.ts';
import { AUTHOR_FIELDS, ESSAY_FIELDS, essayFrontmatterSchema, type EssayFrontmatter } from '../schemas/essay.ts';
import { sectionFrontmatterSchema } from '../schemas/section.ts';
import { issuesToDiagnostics } from '../schemas/errors.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { titleAndAppendix, assembleEssay, sectionSlug, type AssembledEssay, type SectionPart } from './assemble.ts';
import { readBibliography, type Bibliography } from '../bibliography/bibliography.ts';
import { resolveLocale } from '../bibliography/csl-locales.ts';
import type { Diagnostic } from '../lib/diagnostics.ts';
import { slugProblem } from './essay-slug.ts';
import { parseFrontmatter, parseYaml, type Position } from './frontmatter.ts';
import { crossrefOptions, type CrossrefOptions } from '../markdown/crossref-options.ts';
import { findMetadataBlocks, mergeMetadata } from './metadata-blocks.ts';
import { FOLDER_METADATA_FILES, readFolderMetadata, type FolderMetadata } from './folder-metadata.ts';
import { mergeWithInline, readInlineReferences } from './inline-references.ts';
import { readPandocMetadata } from './pandoc-metadata.ts';
import { didYouMean } from '../lib/suggest.ts';
import { displayPath, type ProjectPaths } from './paths.ts';
import { readTextFile } from '../lib/text-file.ts';

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
  /** Pandoc's citation options, from the frontmatter, with Apparatus's defaults. */
  readonly citationOptions: CitationOptions;
  /** How figures, tables, equations and sections are named and numbered (Quarto's and pandoc-crossref's options). */
  readonly crossref: CrossrefOptions;
  /**
   * The essay's metadata as text by key (`title`, `citation.url`), `_quarto.yml`'s and
   * `_metadata.yml`'s included, and `_variables.yml`'s (`var:version`): what Quarto's `meta` and
   * `var` shortcodes print.
   */
  readonly metadataText: ReadonlyMap<string, string>;
  /**
   * The essay folder's other files (images, data), relative to it with forward slashes
   * (`map.png`, `figures/prices.svg`): what its Markdown may show or link to.
   */
  readonly files: readonly string[];
}

export interface EssayFolder {
  /** `content/great-leap-forward` */
  readonly path: string;
  /** Its files other than Markdown and bibliographies, relative to it. */
  readonly files: readonly string[];
}

export function essayFolder(essay: EssaySource): EssayFolder {
  return { path: essay.indexFile.replace(/\/[^/]*$/, ''), files: essay.files };
}

export interface CitationOptions {
  /** `link-citations`: each citation links to its entry. On unless turned off (Pandoc's default is off; ours has always been on). */
  readonly linkCitations: boolean;
  /** `link-bibliography`: DOIs and URLs in entries are links. */
  readonly linkBibliography: boolean;
  /** `suppress-bibliography`: no reference list (citations still render, as in Pandoc). */
  readonly suppressBibliography: boolean;
  /** `reference-section-title`; undefined means the renderer's own ("References"). */
  readonly referenceSectionTitle: string | undefined;
  /** Quarto's `citation-location`: `margin` sets each citation's reference beside it too. */
  readonly citationLocation: 'document' | 'margin';
}

export function citationOptionsOf(frontmatter: EssayFrontmatter): CitationOptions {
  return {
    linkCitations: frontmatter['link-citations'] ?? true,
    linkBibliography: frontmatter['link-bibliography'] ?? true,
    suppressBibliography: frontmatter['suppress-bibliography'] ?? false,
    referenceSectionTitle: frontmatter['reference-section-title'],
    citationLocation: frontmatter['citation-location'] ?? 'document',
  };
}

export interface LoadedSources {
  readonly essays: readonly EssaySource[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface LoadOptions {
  /** Drafts are published by the dev server only. */
  readonly includeDrafts: boolean;
  /**
   * Keep what this load reads for the next one in this process, each essay while none of its files
   * changed: the dev server loads the sources on every request, and an edit touches one essay.
   */
  readonly remember?: boolean;
}

/** A file's size and modification time, or its absence: what says it changed. */
function stampOf(file: string): string {
  try {
    const info = statSync(file);
    return `${file}\0${info.size}\0${info.mtimeMs}`;
  } catch {
    return `${file}\0absent`;
  }
}

/** Stamps of every file under a folder (sub-folders included), in order. */
function folderStamp(dir: string): string {
  if (!existsSync(dir)) return `${dir}\0absent`;
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    out.push(statSync(path).isDirectory() ? folderStamp(path) : stampOf(path));
  }
  return out.join('\n');
}

interface RememberedEssay {
  /** Stamps of all it was made from: its folder, the files it read elsewhere, the site's settings. */
  readonly stamp: string;
  readonly essay: EssaySource;
  readonly diagnostics: readonly Diagnostic[];
}

/** What loads with `remember` read, by essay folder, and bibliographies by their files' stamps. */
const rememberedEssays = new Map<string, RememberedEssay>();
const rememberedBibliographies = new Map<string, Bibliography>();

/** The stamp of an essay as loaded: its folder, the bibliography, style and locale files it read. */
function essayStamp(shared: string, dir: string, essay: EssaySource): string {
  return [shared, folderStamp(dir), ...essay.bibliographyFiles.map(stampOf), stampOf(essay.style.file), stampOf(essay.locale.file)].join('\n');
}

export function loadSources(paths: ProjectPaths, site: SiteConfig, options: LoadOptions): LoadedSources {
  const diagnostics: Diagnostic[] = [];
  const essays: EssaySource[] = [];
  if (!existsSync(paths.content)) {
    return {
      essays,
      diagnostics: [{ file: 'content', severity: 'error', rule: 'content/missing', message: 'There is no content/ folder.', hint: 'Create content/<essay>/index.md with the essay\'s frontmatter, and its sections beside it.' }],
    };
  }
  const bibliographyCache = options.remember ? rememberedBibliographies : new Map<string, Bibliography>();
  // What every essay depends on besides its own files: the site's settings, and which styles and
  // shared bibliographies exist (a name is looked up among them).
  const shared = options.remember
    ? [
        paths.root,
        JSON.stringify(site),
        ...[paths.bibliography, paths.styles].map((dir) => (existsSync(dir) ? readdirSync(dir).sort().join('\0') : '')),
        // Metadata every essay takes from content/ itself.
        ...FOLDER_METADATA_FILES.map((name) => stampOf(join(paths.content, name))),
      ].join('\n')
    : '';
  /** Read once, when the first essay is read. */
  let sharedFolders: string[] | undefined;
  for (const name of readdirSync(paths.content).sort()) {
    const dir = join(paths.content, name);
    // A folder with no Markdown is not an essay: it may hold what essays name by relative path
    // (`../bib/refs.bib`, `../csl/style.csl`), as in many dissertation repositories.
    if (name.startsWith('.') || !statSync(dir).isDirectory() || !readdirSync(dir).some(isMarkdownFile)) continue;
    const remembered = options.remember ? rememberedEssays.get(dir) : undefined;
    let essay: EssaySource | undefined;
    if (remembered && remembered.stamp === essayStamp(shared, dir, remembered.essay)) {
      essay = remembered.essay;
      diagnostics.push(...remembered.diagnostics);
    } else {
      const own: Diagnostic[] = [];
      essay = loadEssay(paths, site, name, dir, own, bibliographyCache, (sharedFolders ??= sharedFiles(paths.content)));
      diagnostics.push(...own);
      // Only an essay that loaded without error is kept: a failed one is read again until it loads.
      if (options.remember && essay && !own.some((d) => d.severity === 'error')) {
        rememberedEssays.set(dir, { stamp: essayStamp(shared, dir, essay), essay, diagnostics: own });
      } else rememberedEssays.delete(dir);
    }
    if (essay && (options.includeDrafts || !essay.frontmatter.draft)) essays.push(essay);
  }
  if (options.remember) {
    // Bibliographies no kept essay reads any more (an edited file's old entries) are let go.
    const used = new Set([...rememberedEssays.values()].map((r) => r.essay.bibliographyFiles.map(stampOf).join('\0')));
    for (const key of rememberedBibliographies.keys()) if (!used.has(key)) rememberedBibliographies.delete(key);
  }
  // Diagnostics about one bibliography file must be reported once, however many essays share it.
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const id = `${d.file}:${d.line}:${d.column}:${d.rule}:${d.message}`;
    return seen.has(id) ? false : (seen.add(id), true);
  });
  return { essays, diagnostics: unique };
}

/**
 * index.md's metadata as Pandoc reads it: the frontmatter, and the YAML metadata blocks further down
 * (see metadata-blocks.ts), merged, their lines blanked out of the body.
 */
function readIndex(text: string) {
  const top = parseFrontmatter(text);
  const closed = top.syntaxErrors.length === 0 || top.bodyLine > 1;
  const later = closed ? findMetadataBlocks(top.body, top.bodyLine) : { blocks: [], body: top.body };
  const merged = mergeMetadata(top.syntaxErrors.length === 0 ? top : undefined, later.blocks);
  return {
    data: merged.data,
    locate: merged.locate,
    body: later.body,
    bodyLine: top.bodyLine,
    syntaxErrors: [
      ...top.syntaxErrors.map((error) => ({ ...error, where: 'The frontmatter' })),
      ...later.blocks.flatMap((block) => block.syntaxErrors.map((error) => ({ ...error, where: `The YAML metadata block of lines ${block.line}–${block.endLine}` }))),
    ],
  };
}

/**
 * The essay's metadata with what the folders give it (`_quarto.yml`, `_metadata.yml`): a field of
 * the essay's own replaces theirs, and each field is placed in the file it was taken from.
 */
function withFolderMetadata(index: ReturnType<typeof readIndex>, folder: FolderMetadata): ReturnType<typeof readIndex> {
  if (folder.files.length === 0) return index;
  const own = (index.data ?? {}) as Record<string, unknown>;
  return {
    ...index,
    data: { ...folder.data, ...own },
    locate: (path) => (typeof path[0] === 'string' && !(path[0] in own) ? folder.locate(path) : undefined) ?? index.locate(path),
  };
}

/** An essay's index file: Pandoc Markdown, or a Quarto document, read the same way. */
const INDEX_FILES: readonly string[] = ['index.md', 'index.qmd'];

/** Markdown an essay is written in: `.md`, or Quarto's `.qmd`. */
function isMarkdownFile(name: string): boolean {
  return /\.q?md$/i.test(name);
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
  shared: readonly string[],
): EssaySource | undefined {
  const badSlug = slugProblem(slug);
  if (badSlug) {
    diagnostics.push({ file: displayPath(paths, dir), severity: 'error', rule: 'content/bad-folder-name', ...badSlug });
    return undefined;
  }
  const indexNames = INDEX_FILES.filter((name) => existsSync(join(dir, name)));
  if (indexNames.length !== 1) {
    diagnostics.push({
      file: displayPath(paths, dir),
      severity: 'error',
      rule: 'content/missing-index',
      message: indexNames.length === 0 ? `The essay folder content/${slug}/ has no index.md.` : `The essay folder content/${slug}/ has both index.md and index.qmd.`,
      hint:
        indexNames.length === 0
          ? 'Every essay folder needs an index.md (or a Quarto index.qmd) with the essay\'s frontmatter (title, date, bibliography…).'
          : 'Keep one of the two: an essay has one index file, Markdown or Quarto.',
    });
    return undefined;
  }
  const indexPath = join(dir, indexNames[0]!);
  const indexFile = displayPath(paths, indexPath);
  const own = readIndex(readTextFile(indexPath));
  for (const error of own.syntaxErrors) {
    diagnostics.push({ file: indexFile, ...error.position, severity: 'error', rule: 'frontmatter/syntax', message: `${error.where} is not valid YAML: ${error.message}`, hint: YAML_HINT });
  }
  const folderMetadata = readFolderMetadata(paths.root, paths.content, dir);
  for (const { file, syntaxErrors } of folderMetadata.files) {
    for (const error of syntaxErrors) {
      diagnostics.push({ file, ...error.position, severity: 'error', rule: 'frontmatter/syntax', message: `${file} is not valid YAML: ${error.message}`, hint: YAML_HINT });
    }
  }
  if (own.syntaxErrors.length > 0 || folderMetadata.files.some((f) => f.syntaxErrors.length > 0)) return undefined;
  const index = withFolderMetadata(own, folderMetadata);
  // Fields of Pandoc, JOSS, pandoc-scholar… that Apparatus does not read are set aside with a
  // warning, and authors written in those formats are put in ours, before the schema checks the rest.
  const metadata = readPandocMetadata(index.data ?? {}, ESSAY_FIELDS, AUTHOR_FIELDS, indexFile, index.locate, { quarto: indexFile.endsWith('.qmd') });
  diagnostics.push(...metadata.diagnostics);
  const parsed = essayFrontmatterSchema.safeParse(metadata.data);
  if (!parsed.success) {
    diagnostics.push(...issuesToDiagnostics(parsed.error.issues, { file: indexFile, schema: essayFrontmatterSchema, locate: metadata.locate, what: 'essay frontmatter', data: metadata.data }));
    return undefined;
  }
  // An affiliation that names nothing (reported above) leaves the essay unbuilt, like a schema error.
  if (metadata.diagnostics.some((d) => d.severity === 'error')) return undefined;
  const frontmatter = withPublicationDefaults(parsed.data, site, indexFile, index.locate, diagnostics);

  const sections: SectionPart[] = [];
  const slugs = new Map<string, string>();
  for (const fileName of readdirSync(dir).filter((f) => isMarkdownFile(f) && !INDEX_FILES.includes(f)).sort()) {
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
  // A Pandoc document may be frontmatter alone with a nocite: its reference list is its text.
  if (sections.length === 0 && index.body.trim() === '' && (frontmatter.nocite ?? []).length === 0) {
    diagnostics.push({ file: indexFile, severity: 'error', rule: 'content/empty-essay', message: `The essay "${slug}" has no text.`, hint: 'Add section files (01-introduction.md, …) beside index.md, or write the body in index.md.' });
  }

  const bibliographyFiles: string[] = [];
  for (const name of frontmatter.bibliography ?? []) {
    const found = findBibliography(paths, dir, name);
    if (found.file) bibliographyFiles.push(found.file);
    else diagnostics.push({ file: indexFile, ...index.locate(['bibliography']), severity: 'error', rule: 'bibliography/missing-file', ...found.problem });
  }
  // By the files' stamps too: a cache kept from an earlier load must not give an edited file's old entries.
  // Pandoc reads BibTeX for the document's language (English titles are sentence-cased only in an English essay).
  const bibliographyLang = frontmatter.lang ?? site.defaultLocale;
  const cacheKey = [...bibliographyFiles.map(stampOf), bibliographyLang].join('\0');
  let fromFiles = bibliographyCache.get(cacheKey);
  if (!fromFiles) {
    fromFiles = readBibliography(bibliographyFiles.map((file) => ({ file: displayPath(paths, file), text: readTextFile(file) })), { lang: bibliographyLang });
    bibliographyCache.set(cacheKey, fromFiles);
  }
  const bibliography = frontmatter.references ? mergeWithInline(fromFiles, readInlineReferences(frontmatter.references, indexFile, index.locate)) : fromFiles;
  diagnostics.push(...bibliography.diagnostics);

  const style = findStyle(paths, dir, frontmatter.csl ?? site.defaultStyle);
  if (style.problem) {
    diagnostics.push({ file: indexFile, ...(frontmatter.csl ? index.locate(['csl']) : { line: 1 }), severity: 'error', rule: 'style/missing', ...style.problem });
  }

  // Without a lang of its own, an essay's citations follow its style's default locale (a French
  // journal's style formats in French), as in Pandoc and CSL; then the site's.
  const styleLocale = !frontmatter.lang && !style.problem && existsSync(style.file) ? /<style\b[^>]*\bdefault-locale="([^"]+)"/.exec(readFileSync(style.file, 'utf8'))?.[1] : undefined;
  const lang = frontmatter.lang ?? styleLocale ?? site.defaultLocale;
  const where: Position | { line: number } = frontmatter.lang ? index.locate(['lang']) : { line: 1 };
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

  return {
    slug,
    indexFile,
    frontmatter,
    assembled: assembleEssay(preamble, sections),
    bibliography,
    bibliographyFiles,
    style: { name: style.name, file: style.file },
    locale: locale ? { name: locale.name, file: locale.file } : { name: lang, file: join(paths.locales, `locales-${lang}.xml`) },
    lang,
    nocite: nociteOf(frontmatter, bibliography, indexFile, index.locate, diagnostics),
    citationOptions: citationOptionsOf(frontmatter),
    crossref: crossrefOptions({ ...readCrossrefYaml(paths, dir, frontmatter, indexFile, index.locate, diagnostics), ...frontmatter }),
    metadataText: metadataText(index.data, readVariables(paths, dir)),
    files: [...essayFiles(dir), ...shared.map((file) => relative(dir, join(paths.content, file)).split(sep).join('/'))],
  };
}

/**
 * The files of content/'s folders that hold no essay (`figures/map.png`, relative to content/):
 * what essays may name by relative path (`../figures/map.png`), as a thesis's chapters share them.
 */
function sharedFiles(content: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(content).sort()) {
    const folder = join(content, name);
    if (name.startsWith('.') || !statSync(folder).isDirectory() || readdirSync(folder).some(isMarkdownFile)) continue;
    for (const file of essayFiles(folder)) out.push(`${name}/${file}`);
  }
  return out;
}

/**
 * pandoc-crossref's options kept in a YAML file of their own: the one `crossrefYaml` names, or
 * `pandoc-crossref.yaml` beside the essay, as pandoc-crossref looks for it.
 */
function readCrossrefYaml(
  paths: ProjectPaths,
  dir: string,
  frontmatter: EssayFrontmatter,
  indexFile: string,
  locate: (path: readonly PropertyKey[]) => Position,
  diagnostics: Diagnostic[],
): Record<string, unknown> {
  const named = frontmatter.crossrefYaml;
  const file = resolve(dir, named ?? 'pandoc-crossref.yaml');
  if (!isFile(file) || !insideProject(paths, file)) {
    if (named) {
      diagnostics.push({
        file: indexFile,
        ...locate(['crossrefYaml']),
        severity: 'warning',
        rule: 'frontmatter/missing-file',
        message: `The crossrefYaml file "${named}" is not beside the essay: figures, tables and equations are named as pandoc-crossref names them by default.`,
        hint: 'Put the file in the essay folder, or delete the field.',
      });
    }
    return {};
  }
  const yaml = parseYaml(readTextFile(file), 0);
  for (const error of yaml.syntaxErrors) diagnostics.push({ file: displayPath(paths, file), ...error.position, severity: 'error', rule: 'frontmatter/syntax', message: `${displayPath(paths, file)} is not valid YAML: ${error.message}`, hint: YAML_HINT });
  return typeof yaml.data === 'object' && yaml.data !== null && !Array.isArray(yaml.data) ? (yaml.data as Record<string, unknown>) : {};
}

/** Quarto's `_variables.yml`, beside the essay or in content/ (the nearer one's keys win). */
function readVariables(paths: ProjectPaths, dir: string): unknown {
  const read = (folder: string) => {
    const file = join(folder, '_variables.yml');
    if (!isFile(file)) return {};
    const yaml = parseYaml(readTextFile(file), 0);
    return typeof yaml.data === 'object' && yaml.data !== null ? (yaml.data as Record<string, unknown>) : {};
  };
  return { ...read(paths.content), ...read(dir) };
}

/** Text values of metadata by dotted key (`citation.url`); variables under `var:`. */
function metadataText(metadata: unknown, variables: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.set(key, String(value));
    else if (value instanceof Date) out.set(key, value.toISOString().slice(0, 10));
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, key === '' || key.endsWith(':') ? `${key}${k}` : `${key}.${k}`);
    }
  };
  walk(metadata, '');
  walk(variables, 'var:');
  return out;
}

/** The files of an essay folder that are not its Markdown or a bibliography, relative to it. */
function essayFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => name.split(sep).join('/'))
    .filter((name) => !/\.(q?md|json|bib|yaml|yml)$/i.test(name) && !name.split('/').some((part) => part.startsWith('.')) && statSync(join(dir, name)).isFile())
    .sort();
}

const capitalized = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/**
 * The frontmatter as it is published: the site's licence for an essay that states none, and the
 * date of the latest correction as the revision date when it is later than `revised`. A licence
 * that is neither a URL nor a known SPDX id is published as written, with a warning.
 */
function withPublicationDefaults(
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

interface Problem {
  readonly message: string;
  readonly hint: string;
}

/** A file inside the project: what a build, `npm run check` and the dev server all see. */
function insideProject(paths: ProjectPaths, file: string): boolean {
  const path = relative(paths.root, file);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

/**
 * A bibliography named in the frontmatter: beside index.md (or relative to it), as Pandoc run from
 * the essay's folder finds it, else relative to content/ (as Pandoc run from a book's root finds
 * it), else in bibliography/, where Apparatus keeps shared files.
 */
function findBibliography(paths: ProjectPaths, dir: string, name: string): { file?: string; problem: Problem } {
  // content/ too: a book or thesis names its shared files from its root, where Pandoc was run.
  const candidates = [resolve(dir, name), resolve(paths.content, name), resolve(paths.bibliography, name)];
  const file = candidates.find(isFile);
  if (file && insideProject(paths, file)) return { file, problem: { message: '', hint: '' } };
  if (file) {
    return {
      problem: {
        message: `The bibliography "${name}" is outside the project.`,
        hint: 'Copy it into bibliography/ or beside index.md, so that every build and the dev server read the same file.',
      },
    };
  }
  const isBibliography = (f: string) => /\.(json|bib|bibtex)$/i.test(f);
  const shared = existsSync(paths.bibliography) ? readdirSync(paths.bibliography).filter(isBibliography) : [];
  const beside = readdirSync(dir).filter(isBibliography);
  const suggestion = didYouMean(name, [...shared, ...beside]);
  return {
    problem: {
      message: `The bibliography "${name}" does not exist in bibliography/ or beside index.md.`,
      hint: suggestion ? capitalized(suggestion) : `Name a file in bibliography/ (${shared.join(', ') || 'there is none yet'}) or beside index.md.`,
    },
  };
}

/**
 * The CSL style an essay names: an official name kept in bibliography/styles/ (`apa`), or, as for
 * Pandoc, a `.csl` file relative to the essay's folder (`my-style.csl`, `styles/apa.csl`), which
 * wins for a name with `.csl`, as Pandoc looks beside the document first.
 */
function findStyle(paths: ProjectPaths, dir: string, csl: string): { name: string; file: string; problem?: Problem } {
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
  const parsed = parseFrontmatter(readTextFile(path));
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
    diagnostics.push(...issuesToDiagnostics(result.error.issues, { file, schema: sectionFrontmatterSchema, locate: parsed.locate, what: 'section frontmatter', data: parsed.data }));
    return undefined;
  }
  // Pandoc would take a metadata block in the joined essay as the essay's metadata; the essay's
  // metadata is read from index.md alone, so a block here is refused rather than rendered as text.
  const later = findMetadataBlocks(parsed.body, parsed.bodyLine);
  for (const block of later.blocks) {
    diagnostics.push({
      file,
      line: block.line,
      column: 1,
      severity: 'error',
      rule: 'frontmatter/metadata-block-in-section',
      message: `Lines ${block.line}–${block.endLine} are a YAML metadata block, which Pandoc would read as the essay's metadata; a section file holds its title only.`,
      hint: 'Move its fields to the frontmatter of index.md. For a thematic break followed by text, put a blank line after the ---.',
    });
  }
  const { title, appendix } = titleAndAppendix(result.data.title);
  return {
    file,
    slug: sectionSlug(fileName),
    title,
    titleLine: parsed.locate(['title']).line,
    ...(appendix ? { appendix } : {}),
    body: later.body,
    bodyLine: parsed.bodyLine,
  };
}
