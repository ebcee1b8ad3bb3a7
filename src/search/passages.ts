/**
 * Cuts a built essay page into the passages a reader can land on: the essay's header, each section
 * heading, each paragraph (with any list, quotation or table that follows it), each note and each
 * reference entry. Search lands on these passages rather than on whole pages (see records.ts and
 * landing.ts), so a result names and links the exact place, and a filter by cited work finds passages.
 *
 * It reads the finished tree of the render (rehypeCollectPassages, last of the render's plugins), or a
 * built page as served: the same markup, so search and reader always agree on ids and text.
 */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { VFile } from 'vfile';
import { hasClass, isElement, walkElements } from '../lib/hast.ts';

export type PassageKind = 'essay' | 'heading' | 'paragraph' | 'note' | 'reference';

export interface Passage {
  readonly kind: PassageKind;
  /** The id to land on; '' for the essay's header (the top of the page). */
  readonly anchor: string;
  /** What a reader calls this place: "Politics, ¶2", "Note 1 (Politics, ¶3)", "References". */
  readonly title: string;
  /** The section's title, or "Notes" / "References". */
  readonly section: string;
  readonly text: string;
  /** Citation keys cited here, including in the notes this passage calls. */
  readonly cites: readonly string[];
}

export interface EssayPage {
  readonly title: string;
  readonly passages: readonly Passage[];
}

/** Elements whose text is apparatus for the page, not the essay's words. */
function isSkipped(node: Element): boolean {
  const p = node.properties;
  return p['dataPagefindIgnore'] !== undefined || p['ariaHidden'] === 'true' || p['role'] === 'doc-backlink' || hasClass(node, 'sidenote');
}

function textOf(node: Element): string {
  let out = '';
  const visit = (n: Element) => {
    for (const child of n.children) {
      if (child.type === 'text') out += child.value;
      else if (child.type === 'element' && !isSkipped(child)) {
        if (child.tagName === 'br') out += ' ';
        visit(child);
        if (/^(p|li|h[1-6]|td|th|blockquote|div|dd|dt)$/.test(child.tagName)) out += ' ';
      }
    }
  };
  visit(node);
  return out.replace(/\s+/g, ' ').trim();
}

function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function idOf(node: Element): string {
  const id = node.properties['id'];
  return typeof id === 'string' ? id : '';
}

function find(root: Root | Element, test: (node: Element) => boolean): Element | undefined {
  let found: Element | undefined;
  walkElements(root, (node) => {
    if (!found && test(node)) found = node;
  });
  return found;
}

/** Keys cited inside a node (outside skipped copies), and the notes it calls, by note id. */
function citesAndCalls(node: Element): { cites: string[]; calls: string[] } {
  const cites: string[] = [];
  const calls: string[] = [];
  const visit = (n: Element) => {
    for (const child of n.children) {
      // Note calls sit in ignored <sup>s; only the sidenote copies would count twice.
      if (child.type !== 'element' || hasClass(child, 'sidenote')) continue;
      const keys = child.properties['dataCites'];
      if (typeof keys === 'string') cites.push(...keys.split(/\s+/).filter(Boolean));
      const href = child.properties['href'];
      if (child.tagName === 'a' && typeof href === 'string' && child.properties['dataFootnoteRef'] !== undefined) calls.push(decodeURIComponent(href.slice(1)));
      visit(child);
    }
  };
  visit(node);
  return { cites, calls };
}

/** "Figure 1" of a numbered figure or table (its caption's label), "Equation 1" of a numbered equation. */
function numberedLabel(node: Element): string | undefined {
  if (node.tagName === 'figure' || node.tagName === 'table') {
    let label: string | undefined;
    walkElements(node, (inner) => {
      if (label === undefined && hasClass(inner, 'caption-label')) label = textOf(inner).replace(/[:.]\s*$/, '').trim();
    });
    return label;
  }
  if (node.tagName === 'div' && hasClass(node, 'math')) {
    let number: string | undefined;
    walkElements(node, (inner) => {
      if (number === undefined && hasClass(inner, 'equation-number')) number = textOf(inner).replace(/[()]/g, '').trim();
    });
    return number && `Equation ${number}`;
  }
  return undefined;
}

interface Draft {
  kind: PassageKind;
  anchor: string;
  section: string;
  paragraph: number;
  /** "Figure 1", "Table 2", "Equation 1": a numbered figure, table or equation, a passage of its own. */
  label?: string;
  texts: string[];
  cites: string[];
  calls: string[];
}

/** What search reads of the essay's header: its title and its author line, as the page prints them. */
export interface SearchHeader {
  readonly title: string;
  readonly authors: string;
}

/** The passages of a built essay page, as served (what a one-thread build indexes, and the tests compare). */
export function essayPassages(pageHtml: string): EssayPage {
  const tree = fromHtml(pageHtml);
  const header = find(tree, (n) => n.tagName === 'header' && hasClass(n, 'essay-header'));
  const body = find(tree, (n) => hasClass(n, 'essay-body'));
  if (!header || !body) throw new Error('This page has no essay header and body to index.');
  const h1 = find(header, (n) => n.tagName === 'h1');
  const authors = find(header, (n) => hasClass(n, 'authors'));
  return passagesOf({ title: h1 ? textOf(h1) : '', authors: authors ? textOf(authors) : '' }, body);
}

/**
 * The passages of an essay's body: the rendered tree itself, while the essay is rendered (see
 * rehypeCollectPassages), or the body of its built page. Both give the same passages (a build test
 * holds them to that).
 */
export function passagesOf(header: SearchHeader, body: Root | Element): EssayPage {
  const title = normalized(header.title);

  const drafts: Draft[] = [];
  const notes: Element[] = [];
  const entries: Element[] = [];
  let section = '';
  let paragraph = 0;
  let current: Draft | undefined;
  const start = (kind: PassageKind, anchor: string, node: Element) => {
    const { cites, calls } = citesAndCalls(node);
    current = { kind, anchor, section, paragraph, texts: [textOf(node)], cites, calls };
    drafts.push(current);
  };

  const readBlocks = (container: Root | Element) => {
    for (const child of container.children) {
      if (!isElement(child) || isSkipped(child)) continue;
      const role = child.properties['role'];
      if (role === 'doc-endnotes') {
        walkElements(child, (n) => {
          if (n.tagName === 'li' && idOf(n)) notes.push(n);
        });
      } else if (role === 'doc-bibliography') {
        walkElements(child, (n) => {
          if (n.tagName === 'li' && idOf(n)) entries.push(n);
        });
      } else if (child.tagName === 'section') {
        readBlocks(child);
      } else if (/^h[1-6]$/.test(child.tagName)) {
        if (child.tagName === 'h2') {
          section = textOf(child);
          paragraph = 0;
        }
        start('heading', idOf(child), child);
      } else if (child.tagName === 'p' && idOf(child)) {
        paragraph += 1;
        start('paragraph', idOf(child), child);
      } else if (numberedLabel(child) !== undefined && idOf(child)) {
        // A figure, table or equation a reader can be sent to: its caption, cells or formula.
        start('paragraph', idOf(child), child);
        current!.label = numberedLabel(child)!;
      } else if (current && current.kind === 'paragraph') {
        // A list, quotation or table belongs with the paragraph that introduces it.
        const { cites, calls } = citesAndCalls(child);
        current.texts.push(textOf(child));
        current.cites.push(...cites);
        current.calls.push(...calls);
      } else {
        paragraph += 1;
        start('paragraph', idOf(child) || current?.anchor || '', child);
      }
    }
  };
  readBlocks(body);

  const noteNumber = new Map(notes.map((note, i) => [idOf(note), i + 1]));
  const noteCites = new Map(notes.map((note) => [idOf(note), citesAndCalls(note).cites]));
  const calledFrom = new Map<string, Draft>();
  for (const draft of drafts) for (const call of draft.calls) if (!calledFrom.has(call)) calledFrom.set(call, draft);

  const placeOf = (draft: Draft) =>
    draft.label
      ? [draft.section, draft.label].filter(Boolean).join(', ')
      : draft.kind === 'paragraph' && draft.paragraph > 0 ? [draft.section, `¶${draft.paragraph}`].filter(Boolean).join(', ') : draft.section || title;
  const unique = (keys: readonly string[]) => [...new Set(keys)];

  // The essay itself is found by its title and authors. Not by its description: a summary's words
  // would outrank the passages that say them at length, and a reader wants to land on those.
  const headerText = [title, normalized(header.authors)].filter(Boolean).join(' ');
  const passages: Passage[] = [{ kind: 'essay', anchor: '', title, section: '', text: headerText, cites: [] }];
  for (const draft of drafts) {
    const text = draft.texts.join(' ').trim();
    if (!text) continue;
    // A hit in a note belongs to the sentence that calls it: the calling paragraph cites what its notes cite.
    const cites = unique([...draft.cites, ...draft.calls.flatMap((call) => noteCites.get(call) ?? [])]);
    passages.push({ kind: draft.kind, anchor: draft.anchor, title: draft.kind === 'heading' ? draft.section || text : placeOf(draft), section: draft.section, text, cites });
  }
  for (const note of notes) {
    const id = idOf(note);
    const caller = calledFrom.get(id);
    const number = noteNumber.get(id) ?? 0;
    passages.push({
      kind: 'note',
      anchor: id,
      title: caller ? `Note ${number} (${placeOf(caller)})` : `Note ${number}`,
      section: caller?.section ?? 'Notes',
      text: textOf(note),
      cites: unique(noteCites.get(id) ?? []),
    });
  }
  for (const entry of entries) {
    passages.push({ kind: 'reference', anchor: idOf(entry), title: 'References', section: 'References', text: textOf(entry), cites: [] });
  }
  return { title, passages };
}

export interface CollectOptions {
  /** The essay's header, and where to put its passages, for the document being rendered (none: not indexed). */
  readonly into: (file: VFile) => { readonly header: SearchHeader; passages?: EssayPage } | undefined;
}

/** Runs last: cuts the finished tree into its search passages, so the page is never parsed again for search. */
export function rehypeCollectPassages({ into }: CollectOptions) {
  return (tree: Root, file: VFile) => {
    const target = into(file);
    if (target) target.passages = passagesOf(target.header, tree);
  };
}
