/**
 * Citing, where scripts run: a copy button beside the essay's reference, its BibTeX and each entry's
 * BibTeX link; and each paragraph's ¶ link also opens "Cite this paragraph", the essay's citation
 * with that paragraph's number as locator (web essays have no pages), in its style and in BibTeX.
 * Without scripts all of it is plain text and links.
 */

export function setUpCiting(): void {
  const cite = document.querySelector<HTMLElement>('#cite-this');
  if (!cite) return;
  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  cite.append(status);
  const announce = (text: string) => {
    status.textContent = '';
    setTimeout(() => (status.textContent = text), 50);
  };

  for (const block of cite.querySelectorAll<HTMLElement>('[data-copyable]')) {
    block.after(copyButton(`Copy ${block.dataset['copyable'] ?? ''}`, () => block.innerText.trim(), announce));
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.entry-downloads a[data-copy="bibtex"]')) {
    link.parentElement?.append(
      ' ',
      copyButton('Copy BibTeX', async () => (await fetch(link.href)).text(), announce, 'copy-small'),
    );
  }
  setUpPassageCitations(cite, announce);
}

function copyButton(label: string, text: () => string | Promise<string>, announce: (text: string) => void, className = 'copy'): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  button.textContent = label;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(await text());
      button.textContent = 'Copied';
      announce('Copied to the clipboard.');
    } catch {
      button.textContent = 'Select and copy by hand';
      announce('The clipboard is not available here: select the text and copy it.');
    }
    setTimeout(() => (button.textContent = label), 2000);
  });
  return button;
}

function setUpPassageCitations(cite: HTMLElement, announce: (text: string) => void): void {
  const template = cite.dataset['passage'];
  const bibtexTemplate = cite.dataset['passageBibtex'];
  const number = cite.dataset['paragraphPlaceholder'];
  const idPlaceholder = cite.dataset['paragraphIdPlaceholder'];
  if (!template || !bibtexTemplate || !number || !idPlaceholder) return;
  // Paragraphs are numbered through the essay, as a reader counts them.
  const paragraphs = [...document.querySelectorAll<HTMLParagraphElement>('.essay-body section.essay-section > p[id]')];
  let open: { panel: HTMLElement; link: HTMLAnchorElement } | undefined;
  const close = (returnFocus: boolean) => {
    if (!open) return;
    open.panel.remove();
    open.link.setAttribute('aria-expanded', 'false');
    if (returnFocus) open.link.focus();
    open = undefined;
  };

  paragraphs.forEach((paragraph, index) => {
    const link = paragraph.querySelector<HTMLAnchorElement>(':scope > a.permalink');
    if (!link) return;
    link.setAttribute('aria-expanded', 'false');
    link.setAttribute('aria-label', `Link to paragraph ${index + 1}, and cite it`);
    link.addEventListener('click', () => {
      // The link still takes the reader to the paragraph; the panel opens below it.
      const wasOpen = open?.link === link;
      close(false);
      if (wasOpen) return;
      const n = String(index + 1);
      const panel = document.createElement('div');
      panel.className = 'passage-cite';
      panel.setAttribute('role', 'group');
      panel.setAttribute('aria-label', `Cite paragraph ${n}`);
      panel.tabIndex = -1;
      const heading = document.createElement('p');
      heading.className = 'passage-cite-title';
      // "§3 ¶2" is how the reference list names the same place.
      const local = /-p(\d+)$/.exec(paragraph.id)?.[1];
      const section = paragraph.closest('section.essay-section');
      const sectionNumber = section ? [...document.querySelectorAll('.essay-body section.essay-section')].indexOf(section) + 1 : 0;
      heading.textContent = `Cite paragraph ${n}${local && sectionNumber ? ` (§${sectionNumber} ¶${local})` : ''}`;
      const styled = document.createElement('p');
      styled.className = 'passage-cite-style';
      styled.innerHTML = template.replaceAll(number, n);
      const bibtex = document.createElement('pre');
      bibtex.className = 'passage-cite-bibtex';
      bibtex.textContent = bibtexTemplate.replaceAll(number, n).replaceAll(idPlaceholder, paragraph.id).trim();
      const done = document.createElement('button');
      done.type = 'button';
      done.className = 'copy';
      done.textContent = 'Close';
      done.addEventListener('click', () => close(true));
      panel.append(
        heading,
        styled,
        copyButton('Copy the citation', () => styled.innerText.trim(), announce),
        bibtex,
        copyButton('Copy the BibTeX', () => bibtex.textContent ?? '', announce),
        ' ',
        done,
      );
      panel.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') close(true);
      });
      paragraph.after(panel);
      link.setAttribute('aria-expanded', 'true');
      open = { panel, link };
      requestAnimationFrame(() => panel.focus({ preventScroll: true }));
    });
  });
}
