/**
 * The header's search box shows the best passages as the reader types, under the box; the arrow keys
 * move through them and Enter opens one, or, in the box, opens every result on the search page.
 * Search's code loads on the first keystroke, not before.
 */

const SHOWN = 6;

export function setUpSearchBox(): void {
  const form = document.querySelector<HTMLFormElement>('.site-search');
  const input = document.querySelector<HTMLInputElement>('#site-search-input');
  const panel = document.querySelector<HTMLElement>('#site-search-panel');
  const status = document.querySelector<HTMLElement>('#site-search-status');
  if (!form || !input || !panel || !status) return;
  const list = panel.querySelector<HTMLOListElement>('ol');
  const all = panel.querySelector<HTMLAnchorElement>('.site-search-all');
  if (!list || !all) return;

  let core: Promise<typeof import('./search-core.ts')> | undefined;
  let latest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let keysWired = false;

  const close = () => {
    panel.hidden = true;
  };
  const run = async (query: string) => {
    const ticket = ++latest;
    if (query.trim() === '') {
      close();
      status.textContent = '';
      return;
    }
    core ??= import('./search-core.ts');
    try {
      const search = await core;
      const api = await search.loadPagefind();
      const found = await search.findPassages(api, query, {});
      if (!found || ticket !== latest) return;
      const passages = await found.more(SHOWN);
      if (ticket !== latest) return;
      list.innerHTML = passages.map((p) => search.passageItem(p, true)).join('');
      all.href = `${form.action}?q=${encodeURIComponent(query)}`;
      const total = found.total;
      all.textContent = !found.done() ? (total === undefined ? 'All results' : `All ${total} results`) : 'Open on the search page';
      const count = passages.length === 0 ? `Nothing matched “${query}”.` : `${search.countLine(found)} found.`;
      status.textContent = passages.length === 0 ? count : `${count} Arrow down to choose one.`;
      const heading = panel.querySelector('.site-search-count');
      if (heading) heading.textContent = count;
      panel.hidden = false;
      if (!keysWired) search.arrowKeysThrough(input, panel, close);
      keysWired = true;
    } catch {
      core = undefined;
      status.textContent = 'Search could not load. Press Enter to try the search page.';
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value), 150);
  });
  input.addEventListener('focus', () => {
    if (input.value.trim() !== '' && list.childElementCount > 0) panel.hidden = false;
  });
  // Leaving the box and its results (by Tab or a click elsewhere) closes them.
  const wrapper = panel.parentElement;
  wrapper?.addEventListener('focusout', (event) => {
    const to = event.relatedTarget as Node | null;
    if (!to || !wrapper.contains(to)) close();
  });
}
