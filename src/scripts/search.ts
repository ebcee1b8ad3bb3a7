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
type Filters = Record<string, { any: string[] }>;
interface PagefindApi {
  options(options: { highlightParam?: string }): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(query: string | null, options?: { filters?: Filters }): Promise<{ results: { data(): Promise<PagefindResultData> }[] }>;
}

/** Filters always offered, and those offered only once there is a choice (more than one value). */
const ALWAYS_OFFERED = ['cites', 'cited author'];
const OFFERED_WITH_A_CHOICE = ['essay', 'author', 'year'];
const FILTER_LABELS: Record<string, string> = { cites: 'Cites the work', 'cited author': 'Cites the author', essay: 'Essay', author: 'Author', year: 'Year' };

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

  const filterBox = document.querySelector<HTMLElement>('#search-filters');
  const chosenFilters = (): Filters => {
    const chosen: Filters = {};
    for (const box of filterBox?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked') ?? []) {
      const key = box.dataset['filter'] ?? '';
      (chosen[key] ??= { any: [] }).any.push(box.value);
    }
    return chosen;
  };
  const offerFilters = async (api: PagefindApi) => {
    if (!filterBox || filterBox.childElementCount > 0) return;
    const all = await api.filters();
    for (const key of [...ALWAYS_OFFERED, ...OFFERED_WITH_A_CHOICE]) {
      const values = Object.entries(all[key] ?? {});
      if (values.length === 0 || (OFFERED_WITH_A_CHOICE.includes(key) && values.length < 2)) continue;
      const group = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = FILTER_LABELS[key] ?? key;
      const fieldset = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.className = 'visually-hidden';
      legend.textContent = FILTER_LABELS[key] ?? key;
      fieldset.append(legend);
      for (const [value, count] of values.sort(([a], [b]) => a.localeCompare(b))) {
        const label = document.createElement('label');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.value = value;
        box.dataset['filter'] = key;
        box.addEventListener('change', () => void run(input.value));
        label.append(box, ` ${value} (${count})`);
        fieldset.append(label);
      }
      group.append(summary, fieldset);
      filterBox.append(group);
    }
  };

  let latest = 0;
  const run = async (query: string) => {
    const ticket = ++latest;
    const filters = chosenFilters();
    const filtering = Object.keys(filters).length > 0;
    if (query.trim() === '' && !filtering) {
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
    void offerFilters(api);
    const search = await api.search(query.trim() === '' ? null : query, { filters });
    const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
    if (ticket !== latest) return;
    list.innerHTML = data.map(renderResult).join('');
    const what = query.trim() === '' ? 'the chosen filters' : `“${query}”`;
    status.textContent =
      data.length === 0
        ? `Nothing matched ${what}. Try fewer or different words.`
        : `${search.results.length} ${search.results.length === 1 ? 'essay matches' : 'essays match'} ${what}.`;
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
