import { HIGHLIGHT_PARAM } from './search-params.ts';

/**
 * The search page: runs the query in `?q=` (and each new one typed) against the Pagefind index.
 * Pagefind's code and index are fetched only here, when a search starts.
 */

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
}
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results: PagefindSubResult[];
}
interface PagefindApi {
  options(options: { highlightParam?: string }): Promise<void>;
  init(): Promise<void>;
  search(query: string): Promise<{ results: { data(): Promise<PagefindResultData> }[] }>;
}

let pagefind: Promise<PagefindApi> | undefined;

function loadPagefind(): Promise<PagefindApi> {
  const url = `${import.meta.env.BASE_URL.replace(/\/$/, '')}/pagefind/pagefind.js`;
  pagefind ??= (import(/* @vite-ignore */ url) as Promise<PagefindApi>).then(async (api) => {
    // Result links carry the query's terms, so the page they lead to can highlight them.
    await api.options({ highlightParam: HIGHLIGHT_PARAM });
    await api.init();
    return api;
  });
  return pagefind;
}

function escapeText(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** Pagefind excerpts are already-escaped text with <mark> around the terms: keep only those marks. */
function safeExcerpt(excerpt: string): string {
  return excerpt.replace(/<(?!\/?mark>)[^>]*>/g, '');
}

function renderResult(data: PagefindResultData): string {
  const subs = data.sub_results
    .filter((sub) => sub.url !== data.url)
    .slice(0, 5)
    .map((sub) => `<li><a href="${escapeText(sub.url)}">${escapeText(sub.title)}</a><p>${safeExcerpt(sub.excerpt)}</p></li>`)
    .join('');
  return `<li class="search-result">
    <h2><a href="${escapeText(data.url)}">${escapeText(data.meta.title ?? data.url)}</a></h2>
    <p>${safeExcerpt(data.excerpt)}</p>
    ${subs ? `<ul class="search-subresults">${subs}</ul>` : ''}
  </li>`;
}

export function startSearchPage(): void {
  const form = document.querySelector<HTMLFormElement>('.search-form');
  const input = document.querySelector<HTMLInputElement>('#search-input');
  const status = document.querySelector<HTMLElement>('#search-status');
  const list = document.querySelector<HTMLOListElement>('#search-results');
  if (!form || !input || !status || !list) return;

  let latest = 0;
  const run = async (query: string) => {
    const ticket = ++latest;
    if (query.trim() === '') {
      status.textContent = '';
      list.innerHTML = '';
      return;
    }
    status.textContent = 'Searching…';
    let api: PagefindApi;
    try {
      api = await loadPagefind();
    } catch {
      pagefind = undefined; // try again on the next search
      status.textContent = 'Search could not load. Check your connection and try again.';
      return;
    }
    const search = await api.search(query);
    const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
    if (ticket !== latest) return;
    list.innerHTML = data.map(renderResult).join('');
    status.textContent =
      data.length === 0
        ? `Nothing matched “${query}”. Try fewer or different words.`
        : `${search.results.length} ${search.results.length === 1 ? 'essay matches' : 'essays match'} “${query}”.`;
  };

  const initial = new URLSearchParams(location.search).get('q') ?? '';
  input.value = initial;
  if (initial) void run(initial);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set('q', input.value);
    history.replaceState(null, '', url);
    void run(input.value);
  });
  // Arrow keys move between the input and the result links; Enter follows a link; Escape returns.
  const resultLinks = () => [...list.querySelectorAll<HTMLAnchorElement>('a')];
  document.addEventListener('keydown', (event) => {
    const links = resultLinks();
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
    } else if (event.key === 'Escape' && at !== -1) {
      event.preventDefault();
      input.focus();
    }
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value), 200);
  });
}
