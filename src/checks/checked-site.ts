/**
 * The whole site's sources, loaded and checked: what pages, the build integration and the command
 * line all start from.
 */
import { citedKeys } from '../bibliography/cited-works.ts';
import { existsSync, readFileSync } from 'node:fs';
import { locatorTermsFromLocale, type LocatorTerms } from '../markdown/citation-locator.ts';
import type { CslEntry } from '../bibliography/csl.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { hasErrors, SourceError, type Diagnostic } from '../lib/diagnostics.ts';
import { loadSources, type LoadOptions } from '../sources/load.ts';
import { essayFolder, type EssayFolder, type EssaySource } from '../sources/essay-source.ts';
import type { ProjectPaths } from '../sources/paths.ts';
import { checkEssayMarkdown, type CitationUse, type InternalLink, type MarkdownCheck } from './check-markdown.ts';
import type { AssembledEssay } from '../sources/assemble.ts';
import { buildCache, digestOf, type BuildCache } from '../lib/build-cache.ts';
import { citedDuplicates, duplicateWorks, uncitedEntries } from './site-checks.ts';

/** Locator terms by locale file: read once per build, whatever the number of essays. */
const termsByLocale = new Map<string, LocatorTerms>();
function localeTerms(file: string): LocatorTerms {
  let terms = termsByLocale.get(file);
  if (!terms) {
    terms = existsSync(file) ? locatorTermsFromLocale(readFileSync(file, 'utf8')) : new Map();
    termsByLocale.set(file, terms);
  }
  return terms;
}

const UNREADABLE_BIBLIOGRAPHY = new Set(['bibliography/unreadable', 'bibliography/missing-file']);

export interface CheckedEssay extends EssaySource {
  /** Every citation in the essay, in document order. */
  readonly citations: readonly CitationUse[];
  /** Links to other places of the site, checked once the pages exist (see site-checks.ts). */
  readonly links: readonly InternalLink[];
}

export interface CheckedSite {
  readonly essays: readonly CheckedEssay[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Against a bibliography that could not be read, every key would look unknown: the essay's keys are
 * collected but not judged, and the bibliography is reported alone, not a flood of consequences.
 */
export function bibliographyUnreadable(diagnostics: readonly Diagnostic[], essay: EssaySource): boolean {
  return diagnostics.some((d) => d.severity === 'error' && UNREADABLE_BIBLIOGRAPHY.has(d.rule) && (d.file === essay.indexFile || essay.bibliographyFiles.some((f) => f.endsWith(d.file))));
}

/** An essay's check without rendering it; its keys are not judged when its bibliography could not be read. */
export function checkEssayOnly(essay: EssaySource, bibliographyUnreadable: boolean): MarkdownCheck {
  return checkEssayMarkdown(essay.assembled, bibliographyUnreadable ? undefined : new Set(essay.bibliography.entries.keys()), localeTerms(essay.locale.file), essayFolder(essay));
}

/**
 * The site's sources, loaded and checked without rendering: for the command line and the dev
 * server. A build checks each essay in the pass that renders it (site-pass.ts).
 */
export function checkSite(paths: ProjectPaths, site: SiteConfig, options: LoadOptions): CheckedSite {
  const loaded = loadSources(paths, site, options);
  const cache = buildCache(paths.root);
  const diagnostics = [...loaded.diagnostics];
  const essays = loaded.essays.map((essay) => {
    const unreadable = bibliographyUnreadable(loaded.diagnostics, essay);
    const check = cachedCheck(cache, essay.assembled, unreadable ? undefined : essay.bibliography.entries, essay.locale.file, essayFolder(essay));
    diagnostics.push(...check.diagnostics);
    return { ...essay, citations: check.citations, links: check.links };
  });
  diagnostics.push(...citedDuplicates(essays), ...duplicateWorks(essays), ...uncitedEntries(essays));
  return { essays, diagnostics };
}

/** A digest of each bibliography's keys (essays that share a bibliography share its entries map). */
const keyDigests = new WeakMap<ReadonlyMap<string, unknown>, string>();
const termDigests = new Map<string, string>();

/**
 * An essay's Markdown check, from the build cache when nothing it depends on changed: the joined
 * Markdown, where each of its lines came from (the line map), the bibliography's keys (an unknown key's "did you
 * mean" looks at all of them) and the locale's locator terms.
 */
function cachedCheck(cache: BuildCache | undefined, assembled: AssembledEssay, entries: ReadonlyMap<string, unknown> | undefined, localeFile: string, folder: EssayFolder): MarkdownCheck {
  // An essay kept by a remembering load (the dev server's) is the same object as before, with the
  // same bibliography and locale: its check is the one made before.
  const known = checksOfKeptEssays.get(assembled);
  if (known && entries) return known;
  const check = cachedCheckOnDisk(cache, assembled, entries, localeFile, folder);
  if (entries) checksOfKeptEssays.set(assembled, check);
  return check;
}

const checksOfKeptEssays = new WeakMap<AssembledEssay, MarkdownCheck>();

function cachedCheckOnDisk(cache: BuildCache | undefined, assembled: AssembledEssay, entries: ReadonlyMap<string, unknown> | undefined, localeFile: string, folder: EssayFolder): MarkdownCheck {
  const terms = localeTerms(localeFile);
  const check = () => checkEssayMarkdown(assembled, entries && new Set(entries.keys()), terms, folder);
  if (!cache) return check();
  let keys = entries ? keyDigests.get(entries) : 'unreadable';
  if (keys === undefined && entries) keyDigests.set(entries, (keys = digestOf(...entries.keys())));
  let termsDigest = termDigests.get(localeFile);
  if (termsDigest === undefined) termDigests.set(localeFile, (termsDigest = digestOf(JSON.stringify([...terms]))));
  const layout = JSON.stringify([assembled.lineMap, assembled.sections, folder]);
  return cache.memo('check', cache.key('check', assembled.markdown, layout, keys!, termsDigest), check);
}

/** The checked site, or a SourceError listing every error (warnings do not stop a build). */
export function loadSiteOrThrow(paths: ProjectPaths, site: SiteConfig, options: LoadOptions): CheckedSite {
  const checked = checkSite(paths, site, options);
  if (hasErrors(checked.diagnostics)) throw new SourceError(checked.diagnostics);
  return checked;
}

/** The works an essay cites, by key, in the order it first cites them, then those it lists in nocite. */
export function citedWorks(essay: CheckedEssay): Map<string, CslEntry> {
  const { entries } = essay.bibliography;
  const keys = citedKeys(
    essay.citations.map((c) => c.key),
    essay.nocite,
    entries.keys(),
    (key) => entries.has(key),
  );
  return new Map(keys.map((key) => [key, entries.get(key)!.entry]));
}

export function citedEntries(essay: CheckedEssay): CslEntry[] {
  return [...citedWorks(essay).values()];
}

/** Essays as the home page lists them: newest first, then by slug. */
export function newestFirst<T extends Pick<CheckedEssay, 'slug' | 'frontmatter'>>(essays: readonly T[]): T[] {
  return [...essays].sort((a, b) => b.frontmatter.date.getTime() - a.frontmatter.date.getTime() || a.slug.localeCompare(b.slug));
}
