import { HIGHLIGHT_PARAM } from './search-params.ts';

/**
 * Querying the Pagefind index and showing its passages, for the search page and the header's box.
 * This module, Pagefind's code and its index are fetched only when a reader starts searching.
 */

export type Filters = Record<string, { any: string[] }>;

interface PassageData {
  url: string;
  excerpt: string;
  meta: { title?: string; kind?: string; essay?: string; essay_url?: string; author?: string; date?: string };
}
interface PagefindResult {
  data(): Promise<PassageData>;
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
  /** Passages found, best first, and how many essays they come from. */
  readonly total: number;
  readonly essays: number;
  /** Loads the next `count` passages' data. */
  more(count: number): Promise<Passage[]>;
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

/** Pagefind excerpts are already-escaped text with <mark> around the terms: keep only those marks. */
function safeExcerpt(excerpt: string): string {
  return excerpt.replace(/<(?!\/?mark>)[^>]*>/g, '');
}

export function escapeText(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** Passages matching `query` (or, with no words, every passage the filters select). Null: superseded. */
export async function findPassages(api: PagefindApi, query: string, filters: Filters): Promise<Found | null> {
  const search = await api.search(query.trim() === '' ? null : query, { filters });
  if (!search) return null;
  const results = search.results;
  let next = 0;
  return {
    total: results.length,
    essays: Object.values(search.filters['essay'] ?? {}).filter((count) => count > 0).length,
    more: async (count) => {
      const slice = results.slice(next, next + count);
      next += slice.length;
      const data = await Promise.all(slice.map((r) => r.data()));
      return data.map((d) => ({
        url: d.url,
        title: d.meta.title ?? d.url,
        kind: d.meta.kind ?? 'paragraph',
        essay: d.meta.essay ?? '',
        essayUrl: d.meta.essay_url ?? d.url,
        byline: [d.meta.author, d.meta.date?.slice(0, 4)].filter(Boolean).join(', '),
        excerpt: safeExcerpt(d.excerpt),
      }));
    },
  };
}

/** "5 passages in 2 essays" */
export function countLine(found: Found): string {
  const passages = `${found.total} ${found.total === 1 ? 'passage' : 'passages'}`;
  return found.essays > 1 ? `${passages} in ${found.essays} essays` : passages;
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
