/**
 * Enhancements for reading an essay; everything here also works without it, by plain links.
 *
 * - Citations: hovering or focusing one shows its full reference in a popover, with the DOI or URL
 *   and a link to the entry. Tab moves into the popover, Escape closes it, and the arrow keys step to
 *   the previous or next place that cites the same work.
 * - Cross-references ("Figure 1", "Table 2", "Equation 1", "Section 3") show what they name in the
 *   same popover: the figure with its caption, the table, the equation, the section's opening.
 * - Notes: where the margin has no room for sidenotes, a tap on a note number opens the note in place,
 *   after its paragraph.
 * - Contents: the section being read is marked.
 */

import { setUpCiting } from './cite.ts';
import { HIGHLIGHT_PARAM } from './search-params.ts';

const WIDE = '(min-width: 75rem)';

export function enhanceReading(): void {
  void highlightSearchTerms();
  setUpPopovers();
  setUpNotesInPlace();
  markSectionBeingRead();
  setUpCiting();
}

/**
 * Arriving from a search result (`?highlight=term`), mark the terms in the text. Pagefind's
 * highlighter is fetched only then.
 */
async function highlightSearchTerms(): Promise<void> {
  if (!new URLSearchParams(location.search).has(HIGHLIGHT_PARAM)) return;
  const url = `${import.meta.env.BASE_URL.replace(/\/$/, '')}/pagefind/pagefind-highlight.js`;
  type Highlighter = new (options: object) => unknown;
  const module = (await import(/* @vite-ignore */ url)) as { default?: Highlighter; PagefindHighlight?: Highlighter };
  const Highlight = module.PagefindHighlight ?? module.default ?? (window as unknown as { PagefindHighlight?: Highlighter }).PagefindHighlight;
  if (!Highlight) return;
  new Highlight({
    highlightParam: HIGHLIGHT_PARAM,
    addStyles: false,
    markOptions: { className: 'search-highlight', exclude: ['[data-pagefind-ignore]', '[data-pagefind-ignore] *'] },
  });
}

function setUpPopovers(): void {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('.essay-body a[role="doc-biblioref"], .essay-body a.cross-ref')].filter((a) => !a.closest('.sidenote'));
  let open: { link: HTMLAnchorElement; popover: HTMLElement } | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;

  const close = (returnFocus = false) => {
    if (!open) return;
    const { link, popover } = open;
    popover.remove();
    link.removeAttribute('aria-describedby');
    open = undefined;
    if (returnFocus) link.focus();
  };

  const show = (link: HTMLAnchorElement) => {
    if (open?.link === link) return;
    close();
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    const content = target && popoverContent(link, target);
    if (!content) return;
    const popover = document.createElement('span');
    popover.className = 'popover';
    popover.id = 'citation-popover';
    popover.setAttribute('role', 'note');
    const actions = document.createElement('span');
    actions.className = 'popover-actions';
    actions.style.display = 'block';
    const go = document.createElement('a');
    go.href = link.hash;
    go.textContent = content.goTo;
    actions.append(go);
    const text = content.body;
    popover.append(text, actions);
    // Right after the link in the document, so Tab moves into it; positioned out of the flow.
    link.after(popover);
    link.setAttribute('aria-describedby', popover.id);
    place(popover, link);
    popover.addEventListener('mouseenter', () => clearTimeout(hideTimer));
    popover.addEventListener('mouseleave', () => scheduleClose());
    popover.addEventListener('focusout', (event) => {
      const next = event.relatedTarget as Node | null;
      if (!next || (!popover.contains(next) && next !== link)) close();
    });
    open = { link, popover };
  };

  const scheduleClose = () => {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => close(), 300);
  };

  for (const link of links) {
    link.addEventListener('mouseenter', () => {
      clearTimeout(hideTimer);
      show(link);
    });
    link.addEventListener('mouseleave', scheduleClose);
    link.addEventListener('focus', () => show(link));
    // On a touch screen there is no hover: the first tap shows the reference, a second follows it.
    // (A tap also focuses the link, which opens the popover; what counts is whether it was open
    // before the tap.)
    let openBeforeTap = false;
    link.addEventListener('pointerdown', () => {
      openBeforeTap = open?.link === link;
    });
    link.addEventListener('click', (event) => {
      if (!matchMedia('(hover: none)').matches || openBeforeTap) return;
      event.preventDefault();
      show(link);
    });
    link.addEventListener('blur', (event) => {
      const next = event.relatedTarget as Node | null;
      if (open && next && open.popover.contains(next)) return;
      close();
    });
  }

  document.addEventListener('keydown', (event) => {
    if (!open) return;
    if (event.key === 'Escape') {
      close(true);
      event.preventDefault();
      return;
    }
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    // Step to the previous or next place citing the same work.
    const same = links.filter((l) => l.hash === open!.link.hash);
    const next = same[same.indexOf(open.link) + step];
    if (!next) return;
    event.preventDefault();
    next.focus();
    next.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  });
}

/**
 * What the popover of a link shows. A citation: its entry in the reference list, without the
 * "Cited in" links. A cross-reference: a copy of the figure, table or equation it names, or the
 * heading and first paragraph of a section. Copies lose their ids (an id must stay unique) and
 * their paragraph links.
 */
function popoverContent(link: HTMLAnchorElement, target: HTMLElement): { body: HTMLElement; goTo: string } | undefined {
  const body = document.createElement('span');
  body.className = 'popover-entry';
  body.style.display = 'block';
  const kind = link.dataset['kind'];
  // "Figure 1": the link's text, or its data-name when the text is the number alone ([-@fig-map]).
  const label = link.dataset['name'] ?? link.textContent?.trim() ?? '';
  const copyOf = (node: Element): HTMLElement => {
    const copy = node.cloneNode(true) as HTMLElement;
    copy.removeAttribute('id');
    copy.querySelectorAll('[id]').forEach((n) => n.removeAttribute('id'));
    copy.querySelectorAll('.permalink, .cited-by, .entry-downloads').forEach((n) => n.remove());
    return copy;
  };
  if (!link.classList.contains('cross-ref')) {
    body.innerHTML = copyOf(target).innerHTML;
    return { body, goTo: 'Go to the reference' };
  }
  const goTo = `Go to ${label}`;
  if (kind === 'fig' || kind === 'tbl') {
    const copy = copyOf(target);
    copy.querySelectorAll('img').forEach((img) => {
      img.loading = 'eager';
      img.sizes = '20rem';
      // The figure's link to the full-size original stays on the page: in the popover it would be
      // one more stop for the keyboard before "Go to Figure 1".
      const around = img.closest('a');
      if (around) around.replaceWith(img);
    });
    copy.classList.add('popover-figure');
    body.append(copy);
  } else if (kind === 'eq') {
    body.append(copyOf(target));
  } else {
    const heading = document.createElement('strong');
    heading.style.display = 'block';
    heading.textContent = copyOf(target).textContent?.trim() ?? label;
    let first = target.nextElementSibling;
    while (first && first.tagName !== 'P') first = first.nextElementSibling;
    const opening = document.createElement('span');
    opening.style.display = 'block';
    opening.textContent = first?.textContent?.replace(/¶\s*$/, '').trim() ?? '';
    body.append(heading, opening);
  }
  return { body, goTo };
}

/** Below the link, or above it when there is no room; never outside the viewport's width. */
function place(popover: HTMLElement, link: HTMLElement): void {
  const box = link.getBoundingClientRect();
  const parent = (popover.offsetParent as HTMLElement | null) ?? document.body;
  const origin = parent.getBoundingClientRect();
  const width = popover.offsetWidth;
  const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
  const below = box.bottom + 6;
  const top = below + popover.offsetHeight > window.innerHeight && box.top - popover.offsetHeight - 6 > 0 ? box.top - popover.offsetHeight - 6 : below;
  popover.style.left = `${left - origin.left}px`;
  popover.style.top = `${top - origin.top}px`;
}

function setUpNotesInPlace(): void {
  const wide = matchMedia(WIDE);
  for (const call of document.querySelectorAll<HTMLAnchorElement>('.essay-body a[role="doc-noteref"]')) {
    const note = call.closest('sup')?.nextElementSibling;
    if (!(note instanceof HTMLElement) || !note.classList.contains('sidenote')) continue;
    // Only where the note is hidden does the call open and close it.
    const describe = () => {
      if (wide.matches) {
        call.removeAttribute('aria-expanded');
        call.removeAttribute('aria-controls');
      } else {
        call.setAttribute('aria-expanded', String(note.classList.contains('open')));
        call.setAttribute('aria-controls', note.id || (note.id = `sidenote-${note.dataset['note'] ?? ''}`));
      }
    };
    describe();
    wide.addEventListener('change', describe);
    call.addEventListener('click', (event) => {
      if (wide.matches) return; // the note already stands in the margin: follow the link
      event.preventDefault();
      // The note opens after its paragraph, so the sentence it interrupts stays whole.
      const paragraph = call.closest('p');
      if (paragraph && note.parentElement === paragraph) paragraph.after(note);
      const opened = note.classList.toggle('open');
      call.setAttribute('aria-expanded', String(opened));
    });
  }
}

function markSectionBeingRead(): void {
  const links = new Map([...document.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]')].map((a) => [a.hash.slice(1), a]));
  const sections = [...document.querySelectorAll<HTMLElement>('.essay-section > h2[id], #notes, #references')];
  if (sections.length === 0 || !('IntersectionObserver' in window)) return;
  const visible = new Set<string>();
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const id = entry.target.id || entry.target.querySelector('h2')?.id || '';
      if (entry.isIntersecting) visible.add(id);
      else visible.delete(id);
    }
    const current = sections.map((s) => s.id).find((id) => visible.has(id));
    if (!current) return;
    for (const [id, link] of links) {
      if (id === current) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
  });
  for (const heading of sections) observer.observe(heading.closest('section') ?? heading);
}
