/**
 * Reads every essay of the project from disk, validates what editors wrote, and reports every
 * problem at once. The only module besides the CLI that touches the file system for sources.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { AUTHOR_FIELDS, ESSAY_FIELDS, essayFrontmatterSchema } from '../schemas/essay.ts';
import { issuesToDiagnostics } from '../schemas/errors.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { assembleEssay } from './assemble.ts';
import { readBibliography, type Bibliography } from '../bibliography/bibliography.ts';
import type { Diagnostic } from '../lib/diagnostics.ts';
import { slugProblem } from './essay-slug.ts';
import { crossrefOptions } from '../markdown/crossref-options.ts';
import { FOLDER_METADATA_FILES, readFolderMetadata } from './folder-metadata.ts';
import { mergeWithInline, readInlineReferences } from './inline-references.ts';
import { readPandocMetadata } from './pandoc-metadata.ts';
import { displayPath, type ProjectPaths } from './paths.ts';
import { readTextFile } from '../lib/text-file.ts';
import { citationOptionsOf, type EssaySource } from './essay-source.ts';
import { INDEX_FILES, essayFiles, isMarkdownFile, sharedFiles } from './essay-folder.ts';
import { YAML_HINT, metadataText, readCrossrefYaml, readIndex, readVariables, withFolderMetadata } from './essay-metadata.ts';
import { loadSections } from './essay-sections.ts';
import { findBibliography, nociteOf } from './essay-bibliography.ts';
import { essayLocale, findStyle } from './style-locale.ts';
import { withPublicationDefaults } from './publication-defaults.ts';

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

  const sections = loadSections(paths, dir, diagnostics);
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

  const { lang, locale } = essayLocale(paths, site, frontmatter, style, indexFile, index.locate, diagnostics);

  return {
    slug,
    indexFile,
    frontmatter,
    assembled: assembleEssay(preamble, sections),
    bibliography,
    bibliographyFiles,
    style: { name: style.name, file: style.file },
    locale,
    lang,
    nocite: nociteOf(frontmatter, bibliography, indexFile, index.locate, diagnostics),
    citationOptions: citationOptionsOf(frontmatter),
    crossref: crossrefOptions({ ...readCrossrefYaml(paths, dir, frontmatter, indexFile, index.locate, diagnostics), ...frontmatter }),
    metadataText: metadataText(index.data, readVariables(paths, dir)),
    files: [...essayFiles(dir), ...shared.map((file) => relative(dir, join(paths.content, file)).split(sep).join('/'))],
  };
}
