/**
 * Checks that need the whole site rather than one essay: entries no essay cites, one work cited
 * under two keys, and links between essays and to anchors. Pure functions over checked essays.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { CslEntry } from '../bibliography/csl.ts';
import { type Diagnostic, capitalized } from '../lib/diagnostics.ts';
import { didYouMean } from '../lib/suggest.ts';
import type { CheckedEssay } from './checked-site.ts';
import { linkedFileOf } from './linked-files.ts';

/** Entries of a bibliography file that no essay using the file cites or lists in `nocite`. */
export function uncitedEntries(essays: readonly CheckedEssay[]): Diagnostic[] {
  // Essays that share a bibliography share its entries map: each map is read once, however many
  // essays use it (a journal's shared bibliography has thousands of entries).
  const uses = new Map<CheckedEssay['bibliography']['entries'], { all: boolean; keys: Set<string> }>();
  for (const essay of essays) {
    let use = uses.get(essay.bibliography.entries);
    if (!use) uses.set(essay.bibliography.entries, (use = { all: false, keys: new Set() }));
    if (essay.nocite === 'all') use.all = true;
    else for (const key of essay.nocite) use.keys.add(key);
    for (const citation of essay.citations) use.keys.add(citation.key);
  }
  const used = new Set<string>();
  const all = new Map<string, { key: string; file: string; line: number }>();
  for (const [entries, use] of uses) {
    for (const [key, sourced] of entries) {
      const id = `${sourced.file}\u0000${key}`;
      all.set(id, { key, file: sourced.file, line: sourced.line });
      if (use.all || use.keys.has(key)) used.add(id);
    }
  }
  return [...all]
    .filter(([id]) => !used.has(id))
    .map(([, { key, file, line }]) => ({
      file,
      line,
      severity: 'warning' as const,
      rule: 'bibliography/uncited',
      message: `Entry "${key}" is cited by no essay.`,
      hint: `Cite it with [@${key}], list it in an essay's nocite, or remove it from the file.`,
    }));
}

/** What makes two entries the same work: the DOI, or the authors, year and title together. */
export function workSignature(entry: CslEntry): string | undefined {
  const doi = typeof entry.DOI === 'string' ? entry.DOI.trim().toLowerCase().replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:)/, '') : '';
  if (doi) return `doi:${doi}`;
  const names = (entry.author ?? entry.editor ?? []).map((n) => (n.family ?? n.literal ?? '').toLowerCase()).join(';');
  const year = entry.issued?.['date-parts']?.[0]?.[0] ?? entry.issued?.literal;
  const title = (entry.title ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  // What tells apart parts of one title: a reprint in another journal, another volume, issue or
  // page of a multi-volume work, another edition.
  const record = entry as Record<string, unknown>;
  const part = ['container-title', 'volume', 'issue', 'number', 'page', 'edition', 'chapter-number', 'section']
    .map((field) => String(record[field] ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ''))
    .join('|');
  return names && year !== undefined && title ? `work:${names}|${year}|${title}|${part}` : undefined;
}

/**
 * An id defined twice, differently, that an essay cites: Pandoc prints the last definition, but the
 * writer may have meant the other, so the build stops. An id defined twice that no essay cites, or
 * twice the same, is only the reader's warning (bibliography/duplicate-id, bibliography.ts).
 */
export function citedDuplicates(essays: readonly CheckedEssay[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const essay of essays) {
    const duplicates = essay.bibliography.duplicates;
    if (!duplicates || duplicates.size === 0) continue;
    const cited = new Map<string, CheckedEssay['citations'][number]>();
    for (const citation of essay.citations) if (!cited.has(citation.key)) cited.set(citation.key, citation);
    for (const [id, duplicate] of duplicates) {
      const citation = cited.get(id);
      const where = `${duplicate.kept.file}:${duplicate.kept.line}`;
      if (!citation || duplicate.identical || reported.has(`${id}@${where}`)) continue;
      reported.add(`${id}@${where}`);
      const others = duplicate.others.map((other) => `${other.file}:${other.line}`).join(', ');
      out.push({
        file: duplicate.kept.file,
        line: duplicate.kept.line,
        severity: 'error',
        rule: 'bibliography/duplicate-id',
        message: `"${id}" is defined twice, differently (here and at ${others}), and ${citation.file}:${citation.line} cites it: Pandoc would print this last definition, which may not be the work meant.`,
        hint: 'Delete the definition that is wrong, or give one of them another id and cite it by that id where it is meant.',
      });
    }
  }
  return out;
}

/**
 * One work under two keys. Citing both in one essay is an error (the reference list would show the
 * work twice, and "ibid." and disambiguation go wrong); a duplicate that is not cited twice is a warning.
 */
export function duplicateWorks(essays: readonly CheckedEssay[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Once per entries map, however many essays share it.
  const duplicatesOf = new Map<CheckedEssay['bibliography']['entries'], [string, string[]][]>();
  for (const essay of essays) {
    let duplicates = duplicatesOf.get(essay.bibliography.entries);
    if (!duplicates) duplicatesOf.set(essay.bibliography.entries, (duplicates = sameWorkGroups(essay.bibliography.entries)));
    if (duplicates.length === 0) continue;
    const cited = new Set(essay.citations.map((c) => c.key));
    for (const [signature, keys] of duplicates) {
      const why = signature.startsWith('doi:') ? `the same DOI (${signature.slice(4)})` : 'the same authors, year and title';
      const citedKeys = keys.filter((key) => cited.has(key));
      if (citedKeys.length >= 2) {
        const [kept, ...twins] = citedKeys as [string, ...string[]];
        for (const twin of twins) {
          const citation = essay.citations.find((c) => c.key === twin)!;
          out.push({
            file: citation.file,
            line: citation.line,
            column: citation.column,
            severity: 'error',
            rule: 'citation/same-work-two-keys',
            message: `@${kept} and @${twin} are one work, with ${why}; the essay cites it under both keys.`,
            hint: `Cite it as @${kept} everywhere, and remove the entry "${twin}" from ${essay.bibliography.entries.get(twin)!.file}.`,
          });
        }
        continue;
      }
      const [first, ...others] = keys as [string, ...string[]];
      const firstEntry = essay.bibliography.entries.get(first)!;
      for (const other of others) {
        const sourced = essay.bibliography.entries.get(other)!;
        out.push({
          file: sourced.file,
          line: sourced.line,
          severity: 'warning',
          rule: 'bibliography/duplicate-work',
          message: `Entries "${first}" and "${other}" are one work, with ${why}.`,
          hint: `Keep one of them (the other is at ${firstEntry.file}:${firstEntry.line}).`,
        });
      }
    }
  }
  const seen = new Set<string>();
  return out.filter((d) => {
    const id = `${d.file}:${d.line}:${d.column}:${d.rule}`;
    return seen.has(id) ? false : (seen.add(id), true);
  });
}

/** Keys that name one work, by the work's signature: only the groups of two keys or more. */
function sameWorkGroups(entries: CheckedEssay['bibliography']['entries']): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const [key, sourced] of entries) {
    const signature = workSignature(sourced.entry);
    if (!signature) continue;
    const keys = groups.get(signature);
    if (keys) keys.push(key);
    else groups.set(signature, [key]);
  }
  return [...groups].filter(([, keys]) => keys.length > 1);
}

/** The ids of the elements of an HTML page or fragment. */
export function idsInHtml(html: string): Set<string> {
  const ids = new Set<string>();
  for (const match of html.matchAll(/\sid="([^"]*)"/g)) {
    ids.add(match[1]!.replace(/&(amp|quot|lt|gt|#39);/g, (_, name: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', '#39': "'" })[name] ?? ''));
  }
  return ids;
}

export interface LinkTargets {
  /** Each essay's slug and the ids on its page. */
  readonly essays: ReadonlyMap<string, ReadonlySet<string>>;
  /** Other pages of the site, as paths under the base (`search/`, `works-cited/`). */
  readonly pages: ReadonlySet<string>;
  /** Whether a file of public/ exists at this path (`files/map.pdf`). */
  readonly hasFile: (path: string) => boolean;
}

/** Every internal link of every essay must lead to a page of the site and, with a #fragment, to an id on it. */
/** What the link check reads of an essay. */
export type LinkingEssay = Pick<CheckedEssay, 'slug' | 'links' | 'files'>;

export function brokenLinks(essays: readonly LinkingEssay[], targets: LinkTargets): Diagnostic[] {
  const out: Diagnostic[] = [];
  const slugs = [...targets.essays.keys()];
  for (const essay of essays) {
    const page = new URL(`/${essay.slug}/`, 'http://site.invalid');
    for (const link of essay.links) {
      let url: URL;
      try {
        url = new URL(link.url, page);
      } catch {
        out.push({ ...link, severity: 'error', rule: 'link/broken', message: `The link "${link.url}" is not a valid address.`, hint: 'Write a path such as /other-essay/#section or #paragraph-id.' });
        continue;
      }
      const path = decodeURIComponent(url.pathname).replace(/^\//, '');
      const fragment = decodeURIComponent(url.hash.slice(1));
      const slug = path.replace(/\/(index\.html)?$/, '');
      const ids = targets.essays.get(slug);
      if (ids) {
        if (fragment && !ids.has(fragment)) {
          const suggestion = didYouMean(fragment, [...ids].filter((id) => !id.startsWith('citation--')));
          const where = slug === essay.slug ? 'this essay' : `the essay "${slug}"`;
          out.push({
            ...link,
            severity: 'error',
            rule: 'link/missing-anchor',
            message: `The link "${link.url}" leads nowhere: ${where} has no element with the id "${fragment}".`,
            hint: suggestion ? capitalized(suggestion) : 'Link to a section id (its file name without the number), a paragraph (politics-p2), a note (fn-label) or a reference (bib-key).',
          });
        }
        continue;
      }
      // A file of the essay's own folder (`[the data](data.csv)`) is published beside its page.
      if (linkedFileOf(essay, link.url)) continue;
      if (path === '' || targets.pages.has(path) || targets.pages.has(`${slug}/`) || targets.hasFile(path)) continue;
      const suggestion = didYouMean(slug, slugs);
      out.push({
        ...link,
        severity: 'error',
        rule: 'link/broken',
        message: `The link "${link.url}" leads to no page of the site: there is no essay content/${slug}/ and no file public/${path}.`,
        hint: suggestion ? capitalized(suggestion) : 'Link to an essay as /its-folder-name/, put the file in the essay\'s folder (it is published beside the page), or in public/.',
      });
    }
  }
  return out;
}

/** A file of `dir` at `path`, if the path stays inside it. */
function fileIn(dir: string, path: string): boolean {
  const full = normalize(join(dir, path));
  return full.startsWith(normalize(dir)) && existsSync(full) && statSync(full).isFile();
}

/** What links may lead to in a built site: each essay's page as written, other pages, public files. */
export function linkTargetsOfBuild(outDir: string, essays: readonly Pick<CheckedEssay, 'slug'>[], publicDir: string): LinkTargets {
  const pages = new Set<string>();
  for (const name of readdirSync(outDir)) if (existsSync(join(outDir, name, 'index.html'))) pages.add(`${name}/`);
  return {
    essays: new Map(essays.map((essay) => [essay.slug, idsInHtml(readFileSync(join(outDir, essay.slug, 'index.html'), 'utf8'))])),
    pages,
    hasFile: (path) => fileIn(publicDir, path) || fileIn(outDir, path),
  };
}
