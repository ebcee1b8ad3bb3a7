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
import { citationId, entryId } from '../bibliography/anchors.ts';
import { isNarrative, type CitationCluster, type CitationItem } from '../citeproc/citation-cluster.ts';
import { locatorTermsFromLocale, splitLocator, type LocatorTerms, type SuffixPiece } from '../markdown/citation-locator.ts';
import type { CiteMode } from '../markdown/citation-syntax.ts';
import type { CslEntry } from '../bibliography/csl.ts';
import { formatEssay, isNoteStyle, punctuationInQuote, type AuthorNotePlace, type CslStyle, type PlacedCluster } from '../citeproc/engine.ts';
import { capitalizeFirstLetter, dropLeadingPunctuation, dropPeriodAfter, placeInAuthorNote, placeNoteCall, renumberCalls, spaceBeforeParenthesis, trimSpaceBefore } from '../citeproc/note-placement.ts';
import { CITATION_ELEMENT, CITE_ITEM_ELEMENT, CITE_PREFIX_ELEMENT, CITE_SUFFIX_ELEMENT } from '../markdown/citation-nodes.ts';
import { el, isElement, text, textContent } from '../lib/hast.ts';

export interface CitationContext {
  readonly style: CslStyle;
  readonly entries: ReadonlyMap<string, CslEntry>;
  readonly nocite: readonly string[] | 'all';
  /** Pandoc's `link-citations`: citations link to their entries (default true). */
  readonly linkCitations?: boolean;
  /** Pandoc's `suppress-bibliography`: citations print, the reference list does not. */
  readonly suppressBibliography?: boolean;
}

export interface Options {
  /** The style, entries and nocite list of the document being rendered. */
  readonly contextOf: (file: VFile) => CitationContext | undefined;
}

interface Occurrence {
  readonly node: Element;
  readonly cluster: CitationCluster;
  /** Inline elements of prefixes and suffixes, by placeholder. */
  readonly slots: readonly ElementContent[];
  /** The author's note the citation stands in, if any. */
  readonly inNote: Element | undefined;
  /** Where it stands in that note (see citeproc/author-notes.ts). */
  readonly place: AuthorNotePlace | undefined;
  /** Inside a link's text: printed without links of its own (a link cannot hold another). */
  readonly inLink: boolean;
  noteIndex: number;
}

type NoteInOrder = { readonly kind: 'author'; readonly li: Element } | { readonly kind: 'citation'; readonly occurrence: Occurrence };

function fragment(html: string): ElementContent[] {
  // citeproc-js marks small capitals with a style attribute, which the page's sanitizer removes
  // (no inline styles under the Content-Security-Policy): a class says the same, as Pandoc's does.
  const classed = html.replace(/<span style="font-variant:\s*small-caps;?">/g, '<span class="smallcaps">');
  return fromHtml(classed, { fragment: true }).children as ElementContent[];
}

/**
 * Inline elements in a prefix or suffix (emphasis, code, links) travel through citeproc as one
 * private-use character each, and are put back into its output: citeproc prints affixes as given.
 */
const PLACEHOLDER_BASE = 0xe000;
const PLACEHOLDERS = /[\ue000-\uf8ff]/u;

function placeholder(slots: ElementContent[], node: ElementContent): string {
  slots.push(node);
  return String.fromCharCode(PLACEHOLDER_BASE + slots.length - 1);
}

function affixText(children: readonly ElementContent[], slots: ElementContent[]): string {
  return children.map((child) => (child.type === 'text' ? child.value : placeholder(slots, child))).join('');
}

const locatorTermsCache = new Map<string, LocatorTerms>();

/** The locator terms of the style's locale: the render pass's check reads locators by the same terms. */
export function locatorTerms(style: CslStyle): LocatorTerms {
  const xml = style.locales.get(style.lang) ?? style.locales.get('en-US') ?? '';
  let terms = locatorTermsCache.get(xml);
  if (!terms) {
    terms = locatorTermsFromLocale(xml);
    locatorTermsCache.set(xml, terms);
  }
  return terms;
}

/** Reads one `<apparatus-cite-item>`: its key, mode, prefix, and the locator split from its suffix. */
function readItem(item: Element, terms: LocatorTerms, slots: ElementContent[]): CitationItem {
  const key = String(item.properties['dataKey']);
  const mode = String(item.properties['dataMode']) as CiteMode;
  const prefixNode = item.children.find((c): c is Element => isElement(c, CITE_PREFIX_ELEMENT));
  const suffixNode = item.children.find((c): c is Element => isElement(c, CITE_SUFFIX_ELEMENT));
  const prefix = affixText(prefixNode?.children ?? [], slots).trim();
  const suffixChildren = suffixNode?.children ?? [];
  const pieces: { piece: SuffixPiece; node: ElementContent; char?: string }[] = [];
  for (const child of suffixChildren) {
    if (child.type === 'text') for (const char of child.value) pieces.push({ piece: { kind: 'char', char }, node: child, char });
    else pieces.push({ piece: { kind: 'node', text: textContent(child) }, node: child });
  }
  const split = splitLocator(
    pieces.map((p) => p.piece),
    terms,
  );
  let suffix = pieces
    .slice(split.suffixFrom)
    .map((p) => p.char ?? placeholder(slots, p.node))
    .join('');
  if (split.commaBeforeSuffix) suffix = `, ${suffix}`;
  return {
    key,
    mode,
    ...(prefix ? { prefix } : {}),
    ...(split.locator !== undefined ? { locator: split.locator, label: split.label ?? 'page' } : {}),
    ...(suffix.trim() ? { suffix: suffix.replace(/\s+$/u, '') } : {}),
  };
}

/** Puts the prefixes' and suffixes' elements back where citeproc printed their placeholders. */
function restoreSlots(nodes: ElementContent[], slots: readonly ElementContent[], unlink: boolean): ElementContent[] {
  if (slots.length === 0) return nodes;
  return nodes.flatMap((node): ElementContent[] => {
    if (node.type === 'text') {
      if (!PLACEHOLDERS.test(node.value)) return [node];
      return node.value.split(/([\ue000-\uf8ff])/u).flatMap((part): ElementContent[] => {
        if (part === '') return [];
        const code = part.charCodeAt(0);
        const slot = part.length === 1 && code >= PLACEHOLDER_BASE ? slots[code - PLACEHOLDER_BASE] : undefined;
        if (!slot) return [text(part)];
        const copy = structuredClone(slot);
        return unlink && isElement(copy, 'a') ? copy.children : [copy];
      });
    }
    if (node.type === 'element') return [{ ...node, children: restoreSlots(node.children, slots, unlink || node.tagName === 'a') }];
    return [node];
  });
}

export default function rehypeCitations(options: Options) {
  return (tree: Root, file: VFile) => {
    const context = options.contextOf(file);
    if (!context) return;
    const footnotes = tree.children.find((n): n is Element => isElement(n, 'section') && 'dataFootnotes' in n.properties);
    const list = footnotes?.children.find((n): n is Element => isElement(n, 'ol'));
    const noteItems = new Map((list?.children ?? []).filter((n): n is Element => isElement(n, 'li')).map((li) => [String(li.properties['id']), li]));
    const noteStyle = isNoteStyle(context.style.xml);
    const terms = locatorTerms(context.style);
    const linkCitations = context.linkCitations ?? true;

    // Walk the text in reading order; an author's note is read where it is first called.
    const occurrences: Occurrence[] = [];
    const order: NoteInOrder[] = [];
    const seenNotes = new Set<string>();
    const walk = (node: Root | Element, inNote: Element | undefined) => {
      for (const child of node.children) {
        if (!isElement(child)) continue;
        if (child === footnotes) continue;
        if (child.tagName === CITATION_ELEMENT) {
          const slots: ElementContent[] = [];
          const items = child.children.filter((c): c is Element => isElement(c, CITE_ITEM_ELEMENT)).map((item) => readItem(item, terms, slots));
          const place = inNote ? placeInAuthorNote(inNote, node, child) : undefined;
          const occurrence: Occurrence = { node: child, cluster: { items }, slots, inNote, place, inLink: Boolean(child.properties['dataInLink']), noteIndex: 0 };
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

    const placed: PlacedCluster[] = occurrences.map(({ cluster, noteIndex, place }) => ({ cluster, noteIndex, ...(noteStyle && place ? { inAuthorNote: place } : {}) }));
    const formatted = formatEssay(context.style, context.entries, placed, context.nocite);

    const citationNotes = new Map<Occurrence, Element>();
    const inQuote = punctuationInQuote(context.style);
    occurrences.forEach((occurrence, i) => {
      const { html, author } = formatted.citations[i]!;
      const keys = occurrence.cluster.items.map((item) => item.key);
      // pandoc-scholar's CiTO annotation (`@method:key`): why each work is cited, as "key:property".
      const cito = occurrence.node.children
        .filter((c): c is Element => isElement(c, CITE_ITEM_ELEMENT) && c.properties['dataCito'] !== undefined)
        .map((c) => `${String(c.properties['dataKey'])}:${String(c.properties['dataCito'])}`);
      const span = el('span', { className: ['citation'], id: citationId(keys, i + 1), dataCites: keys.join(' '), ...(cito.length > 0 ? { dataCito: cito.join(' ') } : {}) });
      const narrative = isNarrative(occurrence.cluster) && author !== undefined;
      const unlink = occurrence.inLink || !linkCitations;
      const content = (markup: string) => restoreSlots(fragment(unlink ? unlinked(markup) : markup), occurrence.slots, unlink);
      const authorLink = (name: string) => (unlink ? name : `<a href="#${entryId(keys[0]!)}">${name}</a>`);
      if (noteStyle && !occurrence.inNote) {
        const n = occurrence.noteIndex;
        if (narrative && author) span.children.push(...content(authorLink(author)));
        // GFM's note ids all start "fn-" / "fnref-": these cannot clash with an author's label.
        span.children.push(el('sup', {}, [el('a', { href: `#fnc-${n}`, id: `fncref-${n}`, dataFootnoteRef: '' }, [text(String(n))])]));
        citationNotes.set(
          occurrence,
          el('li', { id: `fnc-${n}` }, [el('p', {}, [...capitalizeFirstLetter(content(dropLeadingPunctuation(html))), text(' '), el('a', { href: `#fncref-${n}`, dataFootnoteBackref: '', ariaLabel: `Back to reference ${n}` }, [text('↩')])])]),
        );
      } else if (narrative && author && !(noteStyle && occurrence.inNote)) {
        // "Naughton (2007)": one name for one work, one link, when the cluster cites one work.
        const single = occurrence.cluster.items.length === 1;
        span.children.push(...content(single ? authorLink(`${author} ${unlinked(html)}`) : `${authorLink(author)} ${html}`));
      } else {
        span.children.push(...content(html));
      }
      const parent = replace(tree, occurrence.node, span);
      if (parent) dropPeriodAfter(parent, span, textContent(span));
      // In an author's note, a citation in parentheses (see citeproc/author-notes.ts).
      if (parent && noteStyle && occurrence.place && !occurrence.place.first && !isNarrative(occurrence.cluster)) spaceBeforeParenthesis(parent, span);
      if (parent && noteStyle && !occurrence.inNote && !narrative) placeNoteCall(parent, span, inQuote);
      // A superscript citation (numeric styles with vertical-align="sup") sits on the word, as a
      // note call does: no space before it, as in Pandoc.
      else if (parent && isElement(span.children[0], 'sup')) trimSpaceBefore(parent, span);
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

    if (formatted.bibliography.entries.length > 0 && !context.suppressBibliography) {
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
  if (!children.some((c) => isElement(c, 'div'))) return children;
  // Text outside the blocks (after a display="block" part) is kept: it is the rest of the entry.
  const out: ElementContent[] = [];
  let previousWasBlock = false;
  for (const child of children) {
    const block = isElement(child, 'div');
    if (block && previousWasBlock) out.push(text(' '));
    if (block || child.type !== 'text' || child.value.trim() !== '') out.push(block ? { ...child, tagName: 'span' } : child);
    previousWasBlock = block;
  }
  return out;
}

/** Replaces an element in the tree; returns its parent. */
function replace(tree: Root, target: Element, replacement: Element): Root | Element | undefined {
  const visit = (node: Root | Element): Root | Element | undefined => {
    const index = node.children.indexOf(target as RootContent & ElementContent);
    if (index !== -1) {
      node.children[index] = replacement;
      return node;
    }
    for (const child of node.children) {
      const found = isElement(child) ? visit(child) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  return visit(tree);
}

function unlinked(html: string): string {
  return html.replace(/<\/?a\b[^>]*>/g, '');
}
