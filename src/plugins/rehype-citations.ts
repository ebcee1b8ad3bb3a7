/**
 * Formats the citations marked by remark-citations with the essay's CSL style, in document order,
 * and adds the bibliography. For a note style (Chicago notes) each citation in the text becomes a
 * numbered note, merged in order with the author's own notes; citations inside the author's notes
 * stay in them.
 *
 * Output contract, read by rehype-references and rehype-endnotes: each citation is
 * `<span class="citation" id="citation--<keys>--<n>" data-cites="<keys>">` whose works link to
 * `#bib-<key>`; the bibliography is `<div id="refs">` of `<div class="csl-entry" id="bib-<key>">`.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { VFile } from 'vfile';
import { citationId, entryId } from '../lib/anchors.ts';
import type { CitationCluster } from '../lib/citation-cluster.ts';
import type { CslEntry } from '../lib/csl.ts';
import { formatEssay, isNoteStyle, type CslStyle, type PlacedCluster } from '../lib/citeproc/engine.ts';
import { el, isElement, text } from './hast.ts';
import { CITATION_ELEMENT } from './remark-citations.ts';

export interface CitationContext {
  readonly style: CslStyle;
  readonly entries: ReadonlyMap<string, CslEntry>;
  readonly nocite: readonly string[] | 'all';
}

export interface Options {
  /** The style, entries and nocite list of the document being rendered. */
  readonly contextOf: (file: VFile) => CitationContext | undefined;
}

interface Occurrence {
  readonly node: Element;
  readonly cluster: CitationCluster;
  /** The author's note the citation stands in, if any. */
  readonly inNote: Element | undefined;
  noteIndex: number;
}

type NoteInOrder = { readonly kind: 'author'; readonly li: Element } | { readonly kind: 'citation'; readonly occurrence: Occurrence };

function fragment(html: string): ElementContent[] {
  return fromHtml(html, { fragment: true }).children as ElementContent[];
}

export default function rehypeCitations(options: Options) {
  return (tree: Root, file: VFile) => {
    const context = options.contextOf(file);
    if (!context) return;
    const footnotes = tree.children.find((n): n is Element => isElement(n, 'section') && 'dataFootnotes' in n.properties);
    const list = footnotes?.children.find((n): n is Element => isElement(n, 'ol'));
    const noteItems = new Map((list?.children ?? []).filter((n): n is Element => isElement(n, 'li')).map((li) => [String(li.properties['id']), li]));
    const noteStyle = isNoteStyle(context.style.xml);

    // Walk the text in reading order; an author's note is read where it is first called.
    const occurrences: Occurrence[] = [];
    const order: NoteInOrder[] = [];
    const seenNotes = new Set<string>();
    const walk = (node: Root | Element, inNote: Element | undefined) => {
      for (const child of node.children) {
        if (!isElement(child)) continue;
        if (child === footnotes) continue;
        if (child.tagName === CITATION_ELEMENT) {
          const cluster = JSON.parse(String(child.properties['dataCluster'])) as CitationCluster;
          const occurrence: Occurrence = { node: child, cluster, inNote, noteIndex: 0 };
          occurrences.push(occurrence);
          if (noteStyle && !inNote) order.push({ kind: 'citation', occurrence });
          continue;
        }
        if (child.tagName === 'a' && 'dataFootnoteRef' in child.properties) {
          const target = String(child.properties['href'] ?? '').slice(1);
          const li = noteItems.get(target);
          if (li && !seenNotes.has(target)) {
            seenNotes.add(target);
            order.push({ kind: 'author', li });
            walk(li, li);
          }
          continue;
        }
        walk(child, inNote);
      }
    };
    walk(tree, undefined);

    // Number the notes: the author's and, in a note style, the citations', in reading order.
    const numberOfNote = new Map<Element, number>();
    order.forEach((entry, i) => {
      if (entry.kind === 'author') numberOfNote.set(entry.li, i + 1);
      else entry.occurrence.noteIndex = i + 1;
    });
    for (const occurrence of occurrences) if (occurrence.inNote) occurrence.noteIndex = numberOfNote.get(occurrence.inNote) ?? 0;

    const placed: PlacedCluster[] = occurrences.map(({ cluster, noteIndex, inNote }) => ({ cluster, noteIndex, inAuthorNote: noteStyle && inNote !== undefined }));
    const formatted = formatEssay(context.style, context.entries, placed, context.nocite);

    const citationNotes = new Map<Occurrence, Element>();
    occurrences.forEach((occurrence, i) => {
      const { html, author } = formatted.citations[i]!;
      const keys = occurrence.cluster.items.map((item) => item.key);
      const span = el('span', { className: ['citation'], id: citationId(keys, i + 1), dataCites: keys.join(' ') });
      const narrative = occurrence.cluster.mode === 'author-in-text' && author !== undefined;
      if (noteStyle && !occurrence.inNote) {
        const n = occurrence.noteIndex;
        if (narrative && author) span.children.push(...fragment(`<a href="#${entryId(keys[0]!)}">${author}</a>`));
        // GFM's note ids all start "fn-" / "fnref-": these cannot clash with an author's label.
        span.children.push(el('sup', {}, [el('a', { href: `#fnc-${n}`, id: `fncref-${n}`, dataFootnoteRef: '' }, [text(String(n))])]));
        citationNotes.set(
          occurrence,
          el('li', { id: `fnc-${n}` }, [el('p', {}, [...fragment(capitalizeFirst(html)), text(' '), el('a', { href: `#fncref-${n}`, dataFootnoteBackref: '', ariaLabel: `Back to reference ${n}` }, [text('↩')])])]),
        );
      } else if (narrative && author && !(noteStyle && occurrence.inNote)) {
        // "Naughton (2007)": one name for one work, one link.
        const plain = `${author} ${html}`.replace(/<\/?a\b[^>]*>/g, '');
        span.children.push(...fragment(`<a href="#${entryId(keys[0]!)}">${plain}</a>`));
      } else {
        span.children.push(...fragment(html));
      }
      replace(tree, occurrence.node, span);
    });

    // Renumber and reorder the notes list: author notes and citation notes by their numbers.
    if (order.length > 0) {
      const items: Element[] = order.map((entry) => (entry.kind === 'author' ? entry.li : citationNotes.get(entry.occurrence)!));
      for (const entry of order) if (entry.kind === 'author') renumberCalls(tree, String(entry.li.properties['id']), numberOfNote.get(entry.li)!);
      const section = footnotes ?? el('section', { dataFootnotes: '', className: ['footnotes'] }, [el('h2', { id: 'footnote-label' }, [text('Notes')])]);
      const ol = el('ol', {}, items);
      section.children = [...section.children.filter((c) => !isElement(c, 'ol')), ol];
      if (!footnotes) tree.children.push(section);
    }

    if (formatted.bibliography.entries.length > 0) {
      const entries = formatted.bibliography.entries.map(({ id, html }) => {
        const [entry] = fragment(html).filter((n): n is Element => isElement(n));
        return el('div', { className: ['csl-entry'], id: entryId(id) }, inlineColumns(entry?.children ?? []));
      });
      tree.children.push(el('div', { id: 'refs', className: ['references', 'csl-bib-body'], dataSecondFieldAlign: formatted.bibliography.secondFieldAlign ? '' : undefined }, entries));
    }
  };
}

/**
 * Numeric styles set the label ("[1]") and the text in two blocks; in a list item they read better
 * as two spans with a space between, which CSS can still set in columns.
 */
function inlineColumns(children: ElementContent[]): ElementContent[] {
  const blocks = children.filter((c): c is Element => isElement(c, 'div'));
  if (blocks.length === 0) return children;
  return blocks.flatMap((block, i) => [...(i > 0 ? [text(' ')] : []), { ...block, tagName: 'span' }]);
}

/** A note begins with a capital, as Pandoc writes it ("See Bachman, …"). */
function capitalizeFirst(html: string): string {
  return html.replace(/^((?:<[^>]+>)*)(\p{Ll})/u, (_, tags: string, letter: string) => `${tags}${letter.toUpperCase()}`);
}

function replace(tree: Root, target: Element, replacement: Element): void {
  const visit = (node: Root | Element): boolean => {
    const index = node.children.indexOf(target as RootContent & ElementContent);
    if (index !== -1) {
      node.children[index] = replacement;
      return true;
    }
    return node.children.some((child) => isElement(child) && visit(child));
  };
  visit(tree);
}

/** Every call of an author's note shows the note's number in the merged sequence. */
function renumberCalls(tree: Root, noteId: string, number: number): void {
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (child.tagName === 'a' && 'dataFootnoteRef' in child.properties && child.properties['href'] === `#${noteId}`) {
        child.children = [text(String(number))];
      } else visit(child);
    }
  };
  visit(tree);
}
