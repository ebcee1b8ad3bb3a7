import { HIGHLIGHT_PARAM } from './search-params.ts';
import { escapeHtml, landedPassages, recordTables, type MatchedWord } from '../search/landing.ts';

/**
 * Querying the Pagefind index and showing its passages, for the search page and the header's box.
 * This module, Pagefind's code and its index are fetched only when a reader starts searching.
 */

export type Filters = Record<string, { any: string[] }>;

/** An essay's record as Pagefind gives it back (see search/records.ts). */
interface EssayData {
  url: string;
  content: string;
  locations?: number[];
  weighted_locations?: MatchedWord[];
  meta: { title?: string; essay_url?: string; author?: string; date?: string; tables?: string };
}
interface PagefindResult {
  data(): Promise<EssayData>;
}
export interface PagefindApi {
  options(options: { highlightParam?: string; excerptLength?: number }): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(query: string | null, options?: { filters?: Filters }): Promise<{ results: PagefindResult[]; filters: Record<string, Record<string, number>> } | null>;
}

export interface Passage {
  readonly url: string;
  readonly title: string;
  readonly kind: string;
  readonly essay: string;
  readonly essayUrl: string;
  /** The essay's author(s) and year. */
  readonly byline: string;
  /** Escaped text with <mark> around the terms. */
  readonly excerpt: string;
}

export interface Found {
  /** Essays found, best first. */
  readonly essays: number;
  /** Passages found: known once every essay found has been read, undefined before. */
  readonly total: number | undefined;
  /** The next `count` passages (fewer at the end), reading as many essays as that takes. */
  more(count: number): Promise<Passage[]>;
  /** True once every passage found has been given. */
  done(): boolean;
}

let pagefind: Promise<PagefindApi> | undefined;

export function loadPagefind(): Promise<PagefindApi> {
  const url = `${import.meta.env.BASE_URL.replace(/\/$/, '')}/pagefind/pagefind.js`;
  pagefind ??= (import(/* @vite-ignore */ url) as Promise<PagefindApi>).then(
    async (api) => {
      // Result links carry the query's terms, so the page they lead to can highlight them.
      await api.options({ highlightParam: HIGHLIGHT_PARAM, excerptLength: 24 });
      await api.init();
      return api;
    },
    (error: unknown) => {
      pagefind = undefined; // try again on the next search
      throw error;
    },
  );
  return pagefind;
}

export const escapeText = escapeHtml;

/**
 * Passages matching `query` (or, with no words, those the filters select), essay by essay in
 * Pagefind's order, each essay's passages found from the words it matched (see search/landing.ts).
 * Null: superseded by a newer search.
 */
export async function findPassages(api: PagefindApi, query: string, filters: Filters): Promise<Found | null> {
  const words = query.trim() !== '';
  const search = await api.search(words ? query : null, { filters });
  if (!search) return null;
  const results = search.results;
  const byWork = { works: filters['cites']?.any ?? [], people: filters['cited author']?.any ?? [] };
  let nextEssay = 0;
  let counted = 0;
  const waiting: Passage[] = [];
  const readEssay = async () => {
    const data = await results[nextEssay++]!.data();
    const tables = recordTables(data.meta);
    const matched = words ? (data.weighted_locations ?? data.locations?.map((location) => ({ location }))) : undefined;
    const landed = tables ? landedPassages(data.content, tables, matched, byWork) : [];
    const essayUrl = data.meta.essay_url ?? data.url;
    const passages = landed.map((p) => ({
      url: p.anchor ? `${data.url}#${encodeURIComponent(p.anchor)}` : data.url,
      title: p.kind === 'essay' ? (data.meta.title ?? p.title) : p.title,
      kind: p.kind,
      essay: data.meta.title ?? '',
      essayUrl,
      byline: [data.meta.author, data.meta.date?.slice(0, 4)].filter(Boolean).join(', '),
      excerpt: p.excerpt,
    }));
    counted += passages.length;
    waiting.push(...passages);
  };
  return {
    essays: results.length,
    get total() {
      return nextEssay >= results.length ? counted : undefined;
    },
    async more(count) {
      while (waiting.length < count && nextEssay < results.length) await readEssay();
      return waiting.splice(0, count);
    },
    done: () => nextEssay >= results.length && waiting.length === 0,
  };
}

/** "5 passages in 2 essays"; "Passages in 40 essays" while some are still unread. */
export function countLine(found: Found): string {
  const essays = `${found.essays} ${found.essays === 1 ? 'essay' : 'essays'}`;
  if (found.total === undefined) return `Passages in ${essays}`;
  const passages = `${found.total} ${found.total === 1 ? 'passage' : 'passages'}`;
  return found.essays > 1 ? `${passages} in ${essays}` : passages;
}

/** One passage as a list item: where it is (a link to it, named as a reader names it), and its excerpt. */
export function passageItem(passage: Passage, withEssay: boolean): string {
  return `<li class="search-passage" data-kind="${escapeText(passage.kind)}">
    <a href="${escapeText(passage.url)}">${escapeText(passage.title)}</a>${
      withEssay && passage.kind !== 'essay' ? ` <span class="search-essay">in ${escapeText(passage.essay)}</span>` : ''
    }
    <p>${passage.excerpt}</p>
  </li>`;
}

/** Passages grouped under their essay, in the order each essay is first found. */
export function groupedByEssay(passages: readonly Passage[]): string {
  const groups = new Map<string, Passage[]>();
  for (const passage of passages) {
    const group = groups.get(passage.essayUrl);
    if (group) group.push(passage);
    else groups.set(passage.essayUrl, [passage]);
  }
  return [...groups.values()]
    .map((group) => {
      const first = group[0]!;
      const items = group.filter((p) => p.kind !== 'essay');
      return `<li class="search-result">
        <h2><a href="${escapeText(first.essayUrl)}">${escapeText(first.essay)}</a></h2>
        <p class="search-byline">${escapeText(first.byline)}</p>
        ${items.length > 0 ? `<ol class="search-subresults">${items.map((p) => passageItem(p, false)).join('')}</ol>` : `<p>${first.excerpt}</p>`}
      </li>`;
    })
    .join('');
}

/**
 * Arrow keys move from `input` through the links in `container` and back; Escape returns to the
 * input. Enter follows a link, as links do.
 */
export function arrowKeysThrough(input: HTMLInputElement, container: HTMLElement, onEscape?: () => void): void {
  const handler = (event: KeyboardEvent) => {
    const links = [...container.querySelectorAll<HTMLAnchorElement>('a, button')].filter((el) => el.offsetParent !== null);
    const active = document.activeElement;
    const at = links.indexOf(active as HTMLAnchorElement);
    if (event.key === 'ArrowDown' && (active === input || at !== -1)) {
      const next = links[at + 1];
      if (next) {
        event.preventDefault();
        next.focus();
      }
    } else if (event.key === 'ArrowUp' && at !== -1) {
      event.preventDefault();
      (links[at - 1] ?? input).focus();
    } else if (event.key === 'Escape' && (at !== -1 || active === input)) {
      event.preventDefault();
      input.focus();
      onEscape?.();
    }
  };
  input.addEventListener('keydown', handler);
  container.addEventListener('keydown', handler);
}
