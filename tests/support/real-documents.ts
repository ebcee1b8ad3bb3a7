/**
 * The real documents of tests/fixtures/real-papers/ (see its README), each built as a site would
 * build it: the fixture becomes a throwaway project's `content/` (or one essay folder of it), what
 * the author's Pandoc command line gave (`--csl`, `--bibliography`, `-M`, `--metadata-file`) goes
 * into a `_metadata.yml` beside the essay (Apparatus has no command line; the document stays as
 * written), and only what the README requires is added: a title and a date where the document has
 * none, and an address-like name for an essay folder.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { parse as parseYamlText, stringify } from 'yaml';
import site from '../../site.config.ts';
import { formatDiagnostic, type Diagnostic } from '../../src/lib/diagnostics.ts';
import { renderEssay } from './render-essay.ts';
import { checkSite } from '../../src/checks/checked-site.ts';
import { brokenLinks, idsInHtml } from '../../src/checks/site-checks.ts';
import { projectPaths } from '../../src/sources/paths.ts';
import { slugProblem } from '../../src/sources/essay-slug.ts';
import { slugify } from '../../src/sources/assemble.ts';
import type { SiteConfig } from '../../src/schemas/site-config.ts';
import { parse, type HTMLElement } from 'node-html-parser';
import { normalize, type Block, type BlockKind } from './pandoc-suite.ts';
import { ROOT } from './project.ts';
import { writeStandInFigures } from './images.ts';

export const REAL_PAPERS = join(ROOT, 'tests/fixtures/real-papers');
const PROJECT_STYLES = join(ROOT, 'bibliography/styles');

export interface RealDocument {
  readonly name: string;
  readonly kind: 'pandoc' | 'quarto';
  readonly repository: string;
  readonly commit: string;
  readonly licence: string;
  /** The essay folder, relative to the fixture: `.` when the fixture is the essay folder. */
  readonly essay: string;
  readonly entry: string;
  readonly pandoc: readonly string[];
  /** Files of the essay's folder its Markdown links to that the fixture leaves out (data, code): see SOURCE.md. */
  readonly leftOut?: readonly string[];
  readonly folder: string;
}

/** The Markdown files under a folder, relative to it. */
function markdownFilesOf(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) => /\.q?md$/.test(file));
}

/** What the fixture keeps beside the document: never copied into the project. */
const NOT_THE_DOCUMENT = /(^|[\\/])(pandoc\.html|pandoc\.stderr|SOURCE\.md|fixture\.json|differences\.json)$/;

export function realDocuments(): RealDocument[] {
  return readdirSync(REAL_PAPERS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(REAL_PAPERS, d.name, 'fixture.json')))
    .map((d) => {
      const spec = JSON.parse(readFileSync(join(REAL_PAPERS, d.name, 'fixture.json'), 'utf8')) as Omit<RealDocument, 'name' | 'folder'>;
      return { ...spec, essay: spec.essay ?? '.', entry: spec.entry ?? 'index.md', pandoc: spec.pandoc ?? [], name: d.name, folder: join(REAL_PAPERS, d.name) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The metadata Pandoc's command line gave the document, as fields: `--csl`, `--bibliography`,
 * `-M`/`--metadata`, `--metadata-file` (read from the essay folder), in Pandoc's order of
 * precedence (a file's fields first, then the options). Options that change how Pandoc reads
 * (`--from`, `--filter`) have no field; they are returned apart.
 */
export function commandLineMetadata(document: RealDocument, essayDir: string): { fields: Record<string, unknown>; metadataFiles: string[]; other: string[] } {
  const fromFiles: Record<string, unknown> = {};
  const options: Record<string, unknown> = {};
  const metadataFiles: string[] = [];
  const other: string[] = [];
  const args = [...document.pandoc];
  while (args.length > 0) {
    const arg = args.shift()!;
    const [flag, inline] = arg.includes('=') && arg.startsWith('--') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? args.shift() ?? '';
    if (flag === '--csl') {
      // A style outside the fixture (the project's own official copy) is named by its name.
      const csl = value();
      options['csl'] = existsSync(join(essayDir, csl)) ? csl : basename(csl).replace(/\.csl$/, '');
    }
    else if (flag === '--bibliography') options['bibliography'] = [...((options['bibliography'] as string[] | undefined) ?? []), value()];
    else if (flag === '-M' || flag === '--metadata') {
      const [key, ...rest] = value().split(/[=:]/);
      options[key!] = rest.length === 0 ? true : parseYamlText(rest.join('='));
    } else if (flag === '--metadata-file') {
      const file = value();
      metadataFiles.push(file);
      const text = readFileSync(join(essayDir, file), 'utf8');
      const yaml = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)/.exec(text)?.[1] ?? text;
      Object.assign(fromFiles, parseYamlText(yaml) as Record<string, unknown>);
    } else other.push(arg);
  }
  return { fields: { ...fromFiles, ...options }, metadataFiles, other };
}

export interface BuiltDocument {
  /** The essay's page, when it built. */
  readonly html?: string;
  readonly diagnostics: readonly Diagnostic[];
  /** What the harness added because the README requires it. */
  readonly added: Readonly<Record<string, unknown>>;
  /** The essay folder's name, when the README's rule for folder names made the harness rename it. */
  readonly renamedFolder?: string;
  /** The essay's folder name in content/: its address. */
  readonly essayName: string;
  /** Pandoc options with no Apparatus equivalent. */
  readonly ignoredOptions: readonly string[];
  readonly problems: string;
}

function report(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => formatDiagnostic(d)).join('\n');
}

export interface BuildOptions {
  /** An editor's change to a Markdown file of the document (its path relative to the fixture), before the build. */
  readonly edit?: (file: string, text: string) => string;
}

export interface PlacedDocument {
  /** The essay's folder name in content/ (its address). */
  readonly essayName: string;
  readonly essayDir: string;
  /** The folder's name as the fixture has it, when the README's rule for folder names renamed it. */
  readonly renamedFolder?: string;
  /** Pandoc options with no Apparatus equivalent. */
  readonly ignoredOptions: readonly string[];
  /** Adds fields to the essay's `_metadata.yml`. */
  readonly writeMetadata: (fields: Record<string, unknown>) => void;
}

/**
 * Puts one real document into a project's content/ folder as an editor would: the fixture's files
 * (or, for a whole `content/` fixture, its folders), the essay folder named as an address, stand-ins
 * for figures and files the fixture leaves out, and the command line's metadata in `_metadata.yml`.
 */
export function placeRealDocument(document: RealDocument, content: string, options: BuildOptions = {}): PlacedDocument {
  const alone = document.essay === '.';
  const copy = alone ? join(content, document.name) : content;
  cpSync(document.folder, copy, { recursive: true, filter: (source) => !NOT_THE_DOCUMENT.test(relative(document.folder, source)) });
  if (options.edit) {
    for (const file of markdownFilesOf(copy)) {
      const path = join(copy, file);
      writeFileSync(path, options.edit(file, readFileSync(path, 'utf8')));
    }
  }
  let essayName = alone ? document.name : document.essay;
  let renamedFolder: string | undefined;
  if (slugProblem(essayName)) {
    renamedFolder = essayName;
    const slug = slugify(essayName, 'essay');
    renameSync(join(content, essayName), join(content, slug));
    essayName = slug;
  }
  const essayDir = join(content, essayName);
  writeStandInFigures(essayDir);
  // A file the document links to and the fixture leaves out stands in as a line of text, so that
  // the link leads where it would in the author's folder.
  for (const file of document.leftOut ?? []) {
    mkdirSync(dirname(join(essayDir, file)), { recursive: true });
    writeFileSync(join(essayDir, file), `A stand-in for ${file}, which tests/fixtures/real-papers/${document.name} leaves out.\n`);
  }
  const commandLine = commandLineMetadata(document, essayDir);
  // A metadata file that is Markdown would be read as a section of the essay: it is the command line's.
  for (const file of commandLine.metadataFiles) if (/\.md$/.test(file) && existsSync(join(essayDir, file))) rmSync(join(essayDir, file));
  const metadataFile = join(essayDir, '_metadata.yml');
  const written: Record<string, unknown> = existsSync(metadataFile) ? ((parseYamlText(readFileSync(metadataFile, 'utf8')) as Record<string, unknown> | null) ?? {}) : {};
  const writeMetadata = (fields: Record<string, unknown>) => {
    Object.assign(written, fields);
    if (Object.keys(written).length > 0) writeFileSync(metadataFile, stringify(written));
  };
  writeMetadata(commandLine.fields);
  return { essayName, essayDir, ignoredOptions: commandLine.other, writeMetadata, ...(renamedFolder ? { renamedFolder } : {}) };
}

/** Builds one real document as an essay of a throwaway project, as `npm run build` would. */
export async function buildRealDocument(document: RealDocument, options: BuildOptions = {}): Promise<BuiltDocument> {
  const root = mkdtempSync(join(tmpdir(), 'apparatus-real-document-'));
  try {
    mkdirSync(join(root, 'bibliography'));
    symlinkSync(PROJECT_STYLES, join(root, 'bibliography/styles'), 'dir');
    symlinkSync(join(ROOT, 'bibliography/locales'), join(root, 'bibliography/locales'), 'dir');
    const placed = placeRealDocument(document, join(root, 'content'), options);

    const paths = projectPaths(root);
    const siteConfig: SiteConfig = { ...site, defaultStyle: 'chicago-author-date', defaultLocale: 'en-US' };
    let loaded = checkSite(paths, siteConfig, { includeDrafts: false });
    // What the README requires of every essay and Pandoc does not: a title and a date.
    const added: Record<string, unknown> = {};
    const asksFor = (field: string) =>
      loaded.diagnostics.some((d) => d.severity === 'error' && d.rule === 'frontmatter/missing-field' && d.message.includes(`"${field}"`));
    if (asksFor('title')) added['title'] = basename(document.name);
    if (asksFor('date')) added['date'] = '2020-01-01';
    if (Object.keys(added).length > 0) {
      placed.writeMetadata(added);
      loaded = checkSite(paths, siteConfig, { includeDrafts: false });
    }
    const essay = loaded.essays.find((e) => e.slug === placed.essayName);
    const base = { diagnostics: loaded.diagnostics, added, essayName: placed.essayName, ignoredOptions: placed.ignoredOptions, ...(placed.renamedFolder ? { renamedFolder: placed.renamedFolder } : {}) };
    if (!essay || loaded.diagnostics.some((d) => d.severity === 'error')) return { ...base, problems: `the build would stop:\n${report(loaded.diagnostics)}` };
    try {
      const rendered = await renderEssay(essay);
      // The links the build checks once the page exists: to its own ids, to the files of its folder.
      const links = brokenLinks([essay], { essays: new Map([[essay.slug, idsInHtml(rendered.html)]]), pages: new Set(['search/', 'works-cited/']), hasFile: () => false });
      if (links.length > 0) return { ...base, diagnostics: [...loaded.diagnostics, ...links], problems: `the build would stop:\n${report(links)}` };
      return { ...base, html: rendered.html, problems: report(loaded.diagnostics) };
    } catch (error) {
      return { ...base, problems: `rendering failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n${report(loaded.diagnostics)}` };
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export interface BlockDifference {
  readonly kind: BlockKind;
  /** The block's position among Pandoc's blocks of its kind, from 0. */
  readonly index: number;
  /** Pandoc's text; empty for a block only Apparatus prints. */
  readonly pandoc: string;
  /** Apparatus's text of the block in the same place; empty when it prints none there. */
  readonly apparatus: string;
}

export interface BlockComparison {
  /** Pandoc's blocks (the measure's whole). */
  readonly total: number;
  /** Pandoc's blocks that Apparatus prints word for word, in the same order. */
  readonly identical: number;
  readonly differences: readonly BlockDifference[];
}

/**
 * Pandoc's blocks against Apparatus's, kind by kind (body, notes, entries), matched in order by a
 * longest common subsequence of their texts: a block is identical when Apparatus prints the same
 * text in the same order. Between two matches, the blocks left over on each side are paired in
 * order, so that a difference shows what each printed in that place.
 */
export function compareBlocks(pandoc: readonly Block[], apparatus: readonly Block[]): BlockComparison {
  const differences: BlockDifference[] = [];
  let identical = 0;
  for (const kind of ['body', 'note', 'entry'] as const) {
    const a = pandoc.filter((b) => b.kind === kind);
    const b = apparatus.filter((x) => x.kind === kind);
    // LCS table over texts.
    const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i]!.text === b[j]!.text ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    let i = 0;
    let j = 0;
    const gapA: Block[] = [];
    const gapB: Block[] = [];
    const flush = () => {
      for (let k = 0; k < Math.max(gapA.length, gapB.length); k++) {
        const ours = gapB[k];
        const theirs = gapA[k];
        differences.push({ kind, index: theirs?.index ?? -1, pandoc: theirs?.text ?? '', apparatus: ours?.text ?? '' });
      }
      gapA.length = 0;
      gapB.length = 0;
    };
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i]!.text === b[j]!.text) {
        flush();
        identical += 1;
        i += 1;
        j += 1;
      } else if (j >= b.length || (i < a.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) gapA.push(a[i++]!);
      else gapB.push(b[j++]!);
    }
    flush();
  }
  return { total: pandoc.length, identical, differences };
}

/**
 * A formula as the reader's text of a block holds it: its TeX, as `\(…\)` inline and `\[…\]` set
 * apart. Pandoc's HTML (with --mathjax) writes the TeX so; Apparatus's MathML carries it in its
 * annotation. The TeX is compared with its spaces closed up.
 */
function mathText(tex: string, display: boolean): string {
  // A `\label` prints nothing: Apparatus reads it (the equation's id) and leaves it out of the annotation.
  const written = tex.replace(/^\\[([]|\\[)\]]$/g, '').replace(/\\label\{[^{}]*\}/g, '').replace(/\s+/g, '');
  return display ? `\\[${written}\\]` : `\\(${written}\\)`;
}

/** The reader's text of an element, its formulas as TeX. */
function readerText(element: HTMLElement): string {
  if (element.tagName === 'DIV' && element.classList.contains('math')) {
    return mathText(element.querySelector('annotation')?.textContent ?? element.textContent, true);
  }
  for (const math of element.querySelectorAll('span.math, div.math')) {
    const display = math.classList.contains('display');
    const annotation = math.querySelector('annotation');
    math.replaceWith(mathText(annotation ? annotation.textContent : math.textContent, display));
  }
  return normalize(element.textContent);
}

/**
 * The blocks compared: Pandoc's paragraphs, headings, list items and table rows, and Apparatus's
 * numbered display equations (`div.math`), which Pandoc prints as a paragraph of the formula alone.
 */
const BODY = 'p, h1, h2, h3, h4, h5, h6, li, tr, div.math';

function blocksOf(doc: HTMLElement, notes: readonly HTMLElement[], entries: readonly HTMLElement[], excluded: readonly HTMLElement[]): Block[] {
  const outside = (e: HTMLElement) => !excluded.some((x) => x === e || isWithin(e, x));
  const body = doc
    .querySelectorAll(BODY)
    .filter((e) => outside(e) && !(e.tagName === 'LI' && e.querySelector('p, li')) && !(e.tagName === 'P' && e.closest('li, td, th') && e.parentNode?.tagName !== 'LI'))
    .map((e) => (e.tagName === 'TR' ? normalize(e.querySelectorAll('th, td').map((cell) => readerText(cell)).join(' | ')) : readerText(e)))
    .filter((text) => text !== '')
    .map((text, index) => ({ kind: 'body' as const, index, text }));
  return [
    ...body,
    ...notes.map((e, index) => ({ kind: 'note' as const, index, text: readerText(e) })),
    ...entries.map((e, index) => ({ kind: 'entry' as const, index, text: readerText(e) })),
  ];
}

function isWithin(element: HTMLElement, container: HTMLElement): boolean {
  for (let node = element.parentNode; node; node = node.parentNode) if (node === container) return true;
  return false;
}

/**
 * Pandoc's blocks, as a reader meets them: paragraphs, headings, list items and table rows of the
 * text, then the notes, then the reference entries. The heading Pandoc prints above the references
 * (`reference-section-title`) is the list's, as Apparatus's is, and not counted on either side.
 */
export function pandocDocumentBlocks(html: string): Block[] {
  const doc = parse(html);
  for (const node of doc.querySelectorAll('a.footnote-back, a[role="doc-backlink"]')) node.remove();
  const refs = doc.querySelectorAll('#refs');
  const footnotes = doc.querySelectorAll('section.footnotes');
  const refsHeading = refs[0]?.previousElementSibling;
  const excluded = [...refs, ...footnotes, ...(refsHeading && /^H[1-6]$/.test(refsHeading.tagName) ? [refsHeading] : [])];
  return blocksOf(doc, doc.querySelectorAll('section.footnotes li'), doc.querySelectorAll('#refs .csl-entry'), excluded);
}

/** Apparatus's blocks, as pandocDocumentBlocks reads Pandoc's: what the page prints in the text, without its own apparatus (links to paragraphs, "Cited in", downloads, notes repeated in the margin). */
export function apparatusDocumentBlocks(html: string): Block[] {
  const doc = parse(html);
  // An equation's number is left out: the pandoc-crossref stand-in that made pandoc.html labels equations without numbering them.
  for (const node of doc.querySelectorAll('.cited-by, .entry-downloads, .list-downloads, a[role="doc-backlink"], a.footnote-back, .sidenote, .permalink, .equation-number')) node.remove();
  const notes = doc.querySelectorAll('#notes li');
  const entries = doc.querySelectorAll('#references li.csl-entry');
  return blocksOf(doc, notes, entries, [...doc.querySelectorAll('#notes, #references')]);
}
