/**
 * One essay built as a site builds it, in a throwaway project: its diagnostics, and its page when
 * it has no error. For tests of how a document written for Pandoc or Quarto reads.
 */
import { rmSync } from 'node:fs';
import { parse, type HTMLElement } from 'node-html-parser';
import type { Diagnostic } from '../../src/lib/diagnostics.ts';
import { checkSite } from '../../src/checks/checked-site.ts';
import { renderEssay } from './render-essay.ts';
import type { SiteConfig } from '../../src/schemas/site-config.ts';
import { projectPaths } from '../../src/sources/paths.ts';
import { writeTempProject } from './temp-project.ts';

export const THREE_WORKS = [
  '@book{a2005, author = {Doe, John}, title = {A}, year = {2005}, publisher = {P}}',
  '@book{b2008, author = {Roe, Jane}, title = {B}, year = {2008}, publisher = {P}}',
  '@book{c2012, author = {Poe, Edgar}, title = {C}, year = {2012}, publisher = {P}}',
].join('\n');

export interface BuiltEssay {
  readonly diagnostics: readonly Diagnostic[];
  readonly html?: string;
  /** The page's essay text, parsed, without the links to paragraphs and sections. */
  readonly doc?: HTMLElement;
}

export interface EssayFiles {
  /** Frontmatter lines after title, date and bibliography (YAML, each ending in a newline). */
  readonly frontmatter?: string;
  /** `index.md` (default) or `index.qmd`. */
  readonly entry?: 'index.md' | 'index.qmd';
  /** Other files of the essay folder, by name. */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
  /** The bibliography's BibTeX (default: three books, a2005, b2008, c2012). */
  readonly bibtex?: string;
  /** Whether the entry starts with a byte-order mark, as some Windows editors write it. */
  readonly byteOrderMark?: boolean;
}

const SITE = { defaultStyle: 'chicago-author-date', defaultLocale: 'en-US' } as SiteConfig;

/** The frontmatter takes this many lines above the body (title, date, bibliography and the fences), plus the given ones. */
export function bodyLineOffset(frontmatter = ''): number {
  return 5 + frontmatter.split('\n').filter(Boolean).length + 1;
}

export async function buildEssay(body: string, options: EssayFiles = {}): Promise<BuiltEssay> {
  const entry = options.entry ?? 'index.md';
  const files: Record<string, string | Uint8Array> = {
    [`content/e/${entry}`]: `${options.byteOrderMark ? '\ufeff' : ''}---\ntitle: T\ndate: 2020-01-01\nbibliography: refs.bib\n${options.frontmatter ?? ''}---\n\n${body}`,
    'content/e/refs.bib': options.bibtex ?? THREE_WORKS,
  };
  for (const [name, data] of Object.entries(options.files ?? {})) files[`content/e/${name}`] = data;
  const root = writeTempProject(files, 'apparatus-essay-');
  try {
    const checked = checkSite(projectPaths(root), SITE, { includeDrafts: true });
    const essay = checked.essays[0];
    if (!essay || checked.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: checked.diagnostics };
    const html = (await renderEssay(essay)).html;
    const doc = parse(html);
    for (const link of doc.querySelectorAll('a.permalink')) link.remove();
    return { diagnostics: checked.diagnostics, html, doc };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export const errorsOf = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error');

/** The rules of the warnings, with their lines. */
export const warningsOf = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.rule} ${d.line}`);
