/**
 * The Pandoc suite (tests/fixtures/pandoc-suite/): Pandoc's own citation tests, each rendered by
 * Apparatus from a throwaway project and read, like Pandoc's committed HTML, as a list of blocks in
 * reading order (body, then notes, then reference entries) whose text can be compared one by one.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import site from '../../site.config.ts';
import { formatDiagnostic, type Diagnostic } from '../../src/lib/diagnostics.ts';
import type { CitationUse } from '../../src/checks/check-markdown.ts';
import { renderEssay } from './render-essay.ts';
import { checkSite } from '../../src/checks/checked-site.ts';
import { projectPaths } from '../../src/sources/paths.ts';
import type { SiteConfig } from '../../src/schemas/site-config.ts';
import { ROOT } from './project.ts';
import { writeStandInFigures } from './images.ts';

export const SUITE = join(ROOT, 'tests/fixtures/pandoc-suite');
/** Official styles the suite keeps itself; the rest come from the project's bibliography/styles/. */
const SUITE_STYLES = join(SUITE, 'styles');
const PROJECT_STYLES = join(ROOT, 'bibliography/styles');

/** What `pandoc --citeproc` is given besides index.md (tests/fixtures/pandoc-suite/README.md). */
export interface CaseSpec {
  readonly upstream: string;
  /** The jgm/pandoc commit the upstream file was read at. */
  readonly commit: string;
  /** Extra pandoc options; none of them has an Apparatus equivalent yet, so the harness ignores them. */
  readonly args: readonly string[];
  /** `--bibliography` files named on the command line, relative to the case folder. */
  readonly bibliography: readonly string[];
  /** `--csl` given on the command line, relative to the case folder. */
  readonly csl: string | null;
  /** Style paths as the case writes them (`command/apa.csl`), mapped to the official style that stands in. */
  readonly styles: Readonly<Record<string, string>>;
  readonly note?: string;
}

export type BlockKind = 'body' | 'note' | 'entry';

export interface Block {
  readonly kind: BlockKind;
  /** Position among the blocks of its kind, from 0. */
  readonly index: number;
  readonly text: string;
}

export function caseNames(): string[] {
  return readdirSync(SUITE, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(SUITE, d.name, 'index.md')))
    .map((d) => d.name)
    .sort();
}

export function readCase(name: string): CaseSpec {
  return JSON.parse(readFileSync(join(SUITE, name, 'case.json'), 'utf8')) as CaseSpec;
}

function styleFile(name: string): string {
  for (const dir of [SUITE_STYLES, PROJECT_STYLES]) {
    const file = join(dir, `${name}.csl`);
    if (existsSync(file)) return file;
  }
  throw new Error(`The suite has no style "${name}": copy it into tests/fixtures/pandoc-suite/styles/.`);
}

/**
 * Whitespace collapsed and NBSP made a space, and nothing else: quotes and dashes are part of what
 * a citation style decides, so unlike the seed's normalizeText this keeps them.
 */
export function normalize(text: string): string {
  return text
    .replace(/↩\uFE0E?/g, '')
    .replace(/\u00a0|&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function isInside(element: HTMLElement, containers: readonly HTMLElement[]): boolean {
  for (let node: HTMLElement | null = element.parentNode; node; node = node.parentNode) if (containers.includes(node)) return true;
  return false;
}

const BODY_BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li';

/**
 * The body's leaf blocks: paragraphs (those in block quotes and loose list items included), headings,
 * and tight list items. A list item holding paragraphs is left to its paragraphs so no text counts twice.
 */
function bodyBlocks(doc: HTMLElement, excluded: readonly HTMLElement[]): Block[] {
  return doc
    .querySelectorAll(BODY_BLOCKS)
    .filter((e) => !isInside(e, excluded) && !(e.tagName === 'LI' && e.querySelector('p, li')))
    .map((e, index) => ({ kind: 'body' as const, index, text: normalize(e.textContent) }))
    .filter((b) => b.text !== '');
}

function listed(kind: BlockKind, elements: readonly HTMLElement[]): Block[] {
  return elements.map((e, index) => ({ kind, index, text: normalize(e.textContent) }));
}

export function pandocBlocks(html: string): Block[] {
  const doc = parse(html);
  for (const node of doc.querySelectorAll('a.footnote-back, a[role="doc-backlink"]')) node.remove();
  const refs = doc.querySelectorAll('#refs');
  const footnotes = doc.querySelectorAll('section.footnotes');
  return [
    ...bodyBlocks(doc, [...refs, ...footnotes]),
    ...listed('note', doc.querySelectorAll('section.footnotes li')),
    ...listed('entry', doc.querySelectorAll('#refs .csl-entry')),
  ];
}

export function apparatusBlocks(html: string): Block[] {
  const doc = parse(html);
  for (const node of doc.querySelectorAll('.cited-by, .entry-downloads, .list-downloads, a[role="doc-backlink"], a.footnote-back, .sidenote, .permalink')) node.remove();
  const notesSection = doc.querySelectorAll('#notes, section.footnotes');
  const referencesSection = doc.querySelectorAll('#references, #refs');
  const notes = doc.querySelector('#notes') ? doc.querySelectorAll('#notes li') : doc.querySelectorAll('section.footnotes li');
  const entries = doc.querySelector('#references') ? doc.querySelectorAll('#references li') : doc.querySelectorAll('.csl-entry');
  return [...bodyBlocks(doc, [...notesSection, ...referencesSection]), ...listed('note', notes), ...listed('entry', entries)];
}

export function readExpected(name: string): Block[] {
  return pandocBlocks(readFileSync(join(SUITE, name, 'expected.html'), 'utf8'));
}

/**
 * The site's settings with Pandoc's defaults: Pandoc formats with chicago-author-date and en-US
 * when a document names no style or language.
 */
export const SUITE_SITE: SiteConfig = { ...site, defaultStyle: 'chicago-author-date', defaultLocale: 'en-US' };

/** A throwaway project holding one case as `content/<case>/`, with the project's styles and locales. */
function makeProject(name: string, spec: CaseSpec): string {
  const root = mkdtempSync(join(tmpdir(), 'apparatus-pandoc-suite-'));
  const dir = join(root, 'content', name);
  cpSync(join(SUITE, name), dir, { recursive: true, filter: (source) => !/[\\/](expected\.html|case\.json)$/.test(source) });
  for (const [path, official] of Object.entries(spec.styles)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    cpSync(styleFile(official), join(dir, path));
  }
  mkdirSync(join(root, 'bibliography'));
  symlinkSync(PROJECT_STYLES, join(root, 'bibliography/styles'), 'dir');
  symlinkSync(join(ROOT, 'bibliography/locales'), join(root, 'bibliography/locales'), 'dir');
  return root;
}

/**
 * Adds fields to the copied index.md's metadata, never to the fixture. Pandoc merges every YAML
 * block of a document, so a block put first carries them even when the case's own block comes last.
 * Returns the number of lines added before the file's own first line of metadata.
 */
function addMetadata(file: string, fields: Readonly<Record<string, unknown>>): number {
  const lines = Object.entries(fields).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  if (lines.length === 0) return 0;
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.startsWith('---\n') ? `---\n${lines.join('\n')}\n${text.slice(4)}` : `---\n${lines.join('\n')}\n---\n\n${text}`);
  return text.startsWith('---\n') ? lines.length : lines.length + 3;
}

function frontmatterOf(text: string): string {
  return text.startsWith('---\n') ? (text.slice(4).split(/^(?:---|\.\.\.)$/m)[0] ?? '') : '';
}

/**
 * Loads with `load`; if that gives no essay because the metadata lacks a title or a date (which
 * Apparatus requires and Pandoc does not), adds the missing ones to the copy and loads again.
 * Returns what was added, so that a test can say so.
 */
function loadAskingDefaults<T extends { readonly essays: readonly unknown[]; readonly diagnostics: readonly Diagnostic[] }>(
  index: string,
  name: string,
  load: () => T,
): { loaded: T; defaults: Record<string, unknown>; added: number } {
  const loaded = load();
  const asksFor = (field: string) => loaded.diagnostics.some((d) => d.severity === 'error' && new RegExp(`"?\\b${field}\\b"?`).test(d.message));
  if (loaded.essays.length > 0 || !(asksFor('title') || asksFor('date'))) return { loaded, defaults: {}, added: 0 };
  const metadata = frontmatterOf(readFileSync(index, 'utf8'));
  const defaults: Record<string, unknown> = {};
  if (!/^title:/m.test(metadata)) defaults['title'] = name;
  if (!/^date:/m.test(metadata)) defaults['date'] = '2020-01-01';
  const added = addMetadata(index, defaults);
  return { loaded: load(), defaults, added };
}

export interface ApparatusRendering {
  /** Undefined when the case could not be loaded or rendered; `problems` then says why. */
  readonly blocks?: Block[];
  readonly diagnostics: readonly Diagnostic[];
  readonly problems: string;
}

function report(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => formatDiagnostic(d)).join('\n');
}

/**
 * Loads and renders one case as the site would. What the command line gives Pandoc (--csl,
 * --bibliography) goes into the copy's metadata; title and date are added only if loadSources asks
 * for them, so that the case is otherwise read exactly as Pandoc reads it.
 */
export async function renderCase(name: string, options: { readonly edit?: (text: string) => string } = {}): Promise<ApparatusRendering> {
  const spec = readCase(name);
  const root = makeProject(name, spec);
  try {
    const index = join(root, 'content', name, 'index.md');
    if (options.edit) writeFileSync(index, options.edit(readFileSync(index, 'utf8')));
    const extra: Record<string, unknown> = {};
    if (spec.csl) extra['csl'] = spec.csl;
    if (spec.bibliography.length > 0) extra['bibliography'] = spec.bibliography;
    const added = addMetadata(index, extra);
    const paths = projectPaths(root);
    // As a build: the sources loaded and checked (citation keys, notes), then rendered.
    const { loaded, added: more } = loadAskingDefaults(index, name, () => checkSite(paths, SUITE_SITE, { includeDrafts: true }));
    // Places as in the fixture, before the lines the harness put in front.
    const shift = added + more;
    const diagnostics = loaded.diagnostics.map((d) => (shift > 0 && d.line !== undefined && d.file.endsWith(`${name}/index.md`) ? { ...d, line: d.line - shift } : d));
    const essay = loaded.essays[0];
    if (!essay) return { diagnostics, problems: `checkSite gave no essay:\n${report(diagnostics)}` };
    // Rendering past an error would not be what a build does: the build stops there.
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) return { diagnostics, problems: `the checks reported errors:\n${report(errors)}` };
    try {
      const rendered = await renderEssay(essay);
      return { blocks: apparatusBlocks(rendered.html), diagnostics, problems: report(diagnostics) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { diagnostics, problems: `renderEssay failed: ${message}\n${report(diagnostics)}` };
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** `body 3: text`: one line per block, so that a failing comparison diffs readably. */
export function lines(blocks: readonly Block[]): string[] {
  return blocks.map((b) => `${b.kind} ${b.index}: ${b.text}`);
}

export interface CheckedPaper {
  /** The rendered essay's HTML; undefined when the paper gave no essay or rendering failed. */
  readonly html?: string;
  /** Every diagnostic of checkSite, as a build reports them (file paths relative to the project). */
  readonly diagnostics: readonly Diagnostic[];
  /** Every citation checkEssayMarkdown found, in document order. */
  readonly citations: readonly CitationUse[];
  /** The ids of the essay's bibliography (empty when it gave no essay). */
  readonly bibliographyKeys: readonly string[];
  /** Metadata the harness added because Apparatus asked for it (title, date); see loadAskingDefaults. */
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly problems: string;
}

/**
 * Checks and renders a folder holding one paper (index.md and what it names) the way `astro build`
 * does: the folder becomes `content/<slug>/` of a throwaway project, checkSite loads and checks it
 * (loadSources, then checkEssayMarkdown with the locale's terms), and the checked essay, citations
 * included, goes to renderEssay. `metadata` stands in for what the command line gave Pandoc (--csl);
 * files matching `exclude` (Pandoc's outputs, notes on the source) are not copied; `edit` changes
 * the copy's text, never the fixture's. Unlike renderCase,
 * it renders past error diagnostics, so that a test can see both the report and the page.
 */
export async function checkAndRenderPaper(
  folder: string,
  slug: string,
  options: {
    /** The style Pandoc was given with --csl: an official name or a file beside index.md; the site's default style, so that index.md keeps its lines. */
    readonly style?: string | undefined;
    readonly exclude?: RegExp;
    /** A change to the copied index.md's text (an author's fix), keeping its lines where they are. */
    readonly edit?: (text: string) => string;
    /** False to check only: a build renders nothing once checkSite has reported an error. */
    readonly render?: boolean;
  } = {},
): Promise<CheckedPaper> {
  const root = mkdtempSync(join(tmpdir(), 'apparatus-real-paper-'));
  try {
    const dir = join(root, 'content', slug);
    cpSync(folder, dir, { recursive: true, filter: (source) => !options.exclude?.test(source) });
    writeStandInFigures(dir);
    mkdirSync(join(root, 'bibliography'));
    symlinkSync(PROJECT_STYLES, join(root, 'bibliography/styles'), 'dir');
    symlinkSync(join(ROOT, 'bibliography/locales'), join(root, 'bibliography/locales'), 'dir');
    const index = join(dir, 'index.md');
    if (options.edit) writeFileSync(index, options.edit(readFileSync(index, 'utf8')));
    const paths = projectPaths(root);
    const siteConfig: SiteConfig = options.style ? { ...SUITE_SITE, defaultStyle: options.style } : SUITE_SITE;
    const { loaded: checked, defaults, added } = loadAskingDefaults(index, slug, () => checkSite(paths, siteConfig, { includeDrafts: false }));
    // Places as the author sees them in the fixture: before the lines the harness added, if any.
    const indexFile = `content/${slug}/index.md`;
    const unshift = <T extends { readonly file?: string; readonly line?: number }>(item: T): T =>
      added > 0 && item.file === indexFile && item.line !== undefined && item.line > 1 + added ? { ...item, line: item.line - added } : item;
    const diagnostics = checked.diagnostics.map(unshift);
    const essay = checked.essays[0];
    if (!essay) return { diagnostics, citations: [], bibliographyKeys: [], defaults, problems: `checkSite gave no essay:\n${report(diagnostics)}` };
    const checkedEssay = { diagnostics, citations: essay.citations.map(unshift), bibliographyKeys: [...essay.bibliography.entries.keys()], defaults };
    if (options.render === false) return { ...checkedEssay, problems: report(diagnostics) };
    try {
      const rendered = await renderEssay(essay);
      return { ...checkedEssay, html: rendered.html, problems: report(diagnostics) };
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      return { ...checkedEssay, problems: `renderEssay failed: ${message}\n${report(diagnostics)}` };
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
