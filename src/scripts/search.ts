import { arrowKeysThrough, countLine, findPassages, groupedByEssay, loadPagefind, type Filters, type Found, type PagefindApi, type Passage } from './search-core.ts';

/**
 * The search page: runs the query in `?q=` (and each new one typed) against the Pagefind index, and
 * lists the passages found under their essays. Filters narrow the passages: by the work or author
 * they cite, and, once the site has a choice, by essay, author and year.
 */

const PAGE_SIZE = 20;

/** Filters always offered, and those offered only once there is a choice (more than one value). */
const ALWAYS_OFFERED = ['cites', 'cited author'];
const OFFERED_WITH_A_CHOICE = ['essay', 'author', 'year'];
const FILTER_LABELS: Record<string, string> = { cites: 'Cites the work', 'cited author': 'Cites the author', essay: 'Essay', author: 'Author', year: 'Year' };

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

  const more = document.querySelector<HTMLButtonElement>('#search-more');
  let latest = 0;
  let found: Found | undefined;
  let shown: Passage[] = [];
  const showMore = async (ticket: number) => {
    if (!found) return;
    const next = await found.more(PAGE_SIZE);
    if (ticket !== latest) return;
    shown = [...shown, ...next];
    list.innerHTML = groupedByEssay(shown);
    if (more) more.hidden = found.done();
  };
  more?.addEventListener('click', () => {
    const first = list.querySelectorAll('a').length;
    void showMore(latest).then(() => list.querySelectorAll<HTMLAnchorElement>('a')[first]?.focus());
  });

  const run = async (query: string) => {
    const ticket = ++latest;
    // The address keeps the query, so Back from a result returns to the same results.
    const url = new URL(location.href);
    url.searchParams.set('q', query);
    history.replaceState(null, '', url);
    const filters = chosenFilters();
    const filtering = Object.keys(filters).length > 0;
    if (more) more.hidden = true;
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
      status.textContent = 'Search could not load. Check your connection and try again.';
      return;
    }
    void offerFilters(api);
    const result = await findPassages(api, query, filters);
    if (!result || ticket !== latest) return;
    found = result;
    shown = [];
    await showMore(ticket);
    if (ticket !== latest) return;
    const what = query.trim() === '' ? 'the chosen filters' : `“${query}”`;
    status.textContent =
      shown.length === 0 ? `Nothing matched ${what}. Try fewer or different words.` : `${countLine(found)} ${found.total === 1 ? 'matches' : 'match'} ${what}.`;
  };

  const initial = new URLSearchParams(location.search).get('q') ?? '';
  input.value = initial;
  if (initial) void run(initial);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(input.value);
  });
  arrowKeysThrough(input, list);

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value), 200);
  });
}
