/**
 * Makes rehype-citations' output a reference list a student can trust and navigate:
 *
 * - every citation link gets `role="doc-biblioref"`;
 * - the bibliography becomes a `doc-bibliography` section with a heading and a real list;
 * - each entry links back to every place that cites it, saying where that is (section and
 *   paragraph, or note) and how many places there are;
 * - the notes come before the references, at the end of the essay.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { VFile } from 'vfile';
import type { CitingPlace as PublishedCitingPlace } from '../publishing/citing-places.ts';
import { entryId } from '../bibliography/anchors.ts';
import { el, hasClass, isElement, text, textContent, walkElements } from '../lib/hast.ts';
import { doiUrl, isEntryLink } from '../lib/url-policy.ts';
import { NOTES_ID } from './rehype-endnotes.ts';

export interface Options {
  readonly heading?: string;
  /**
   * Where each work can be downloaded (its path from the site's root without extension, by entry id;
   * the page is one folder down), and so whether the list offers its downloads:
   * `references.bib|ris|json` for the whole list, BibTeX and RIS per entry.
   */
  readonly downloadsOf?: (file: VFile) => ReadonlyMap<string, string> | undefined;
  /** The essay page's path from the site's root (`/on-tides/`), where the list's downloads are. */
  readonly pageOf?: (file: VFile) => string | undefined;
  /**
   * The document's own choices, as Pandoc's `reference-section-title` (the heading; default
   * `heading`) and `link-bibliography` (web addresses and DOIs in entries as links; default true).
   */
  readonly optionsOf?: (file: VFile) => { readonly title?: string | undefined; readonly linkIdentifiers?: boolean } | undefined;
  /**
   * Where to put each entry's citing places, by entry id, as its "Cited in" links give them: the
   * Works cited page lists them under every work, so that the two pages always agree.
   */
  readonly citingPlacesInto?: (file: VFile) => Map<string, PublishedCitingPlace[]> | undefined;
}

export const REFERENCES_ID = 'references';

/** A place citing a work, as this plugin finds it: the id of the citation. */
interface CitingPlace {
  readonly id: string;
  /** Short visible label: "§2 ¶1", "n. 3". */
  readonly label: string;
  /** Full description for assistive technology and tooltips. */
  readonly description: string;
}

export default function rehypeReferences(options: Options = {}) {
  return (tree: Root, file: VFile) => {
    const own = options.optionsOf?.(file);
    const heading = own?.title ?? options.heading ?? 'References';
    const placesByKey = collectCitingPlaces(tree);
    const downloads = options.downloadsOf?.(file);
    const published = options.citingPlacesInto?.(file);

    // First, as it may take a node out of the list the index below is of.
    if (tree.children.some((n) => isElement(n) && n.properties['id'] === 'refs')) dropTrailingReferencesHeading(tree, heading);
    const refsIndex = tree.children.findIndex((n) => isElement(n) && n.properties['id'] === 'refs');
    const refs = tree.children[refsIndex];
    if (isElement(refs)) {
      const items: ElementContent[] = [];
      for (const entry of refs.children) {
        if (!isElement(entry) || !hasClass(entry, 'csl-entry')) continue;
        const id = String(entry.properties['id'] ?? '');
        const places = placesByKey.get(id) ?? [];
        const item = el('li', { id, className: ['csl-entry'] }, trimWhitespace(entry.children));
        dropUnsafeLinks(item);
        if (own?.linkIdentifiers !== false) linkifyIdentifiers(item);
        if (places.length > 0) item.children.push(text(' '), backlinks(places));
        published?.set(id, places.map(({ id: citation, label, description }) => ({ fragment: `#${citation}`, label, description })));
        const download = downloads?.get(id);
        // From the site's root (rehype-base-links adds the base): the text may be shown on any page.
        if (download) item.children.push(text(' '), entryDownloads(`/${download}`));
        items.push(item);
      }
      tree.children[refsIndex] = el('section', { id: REFERENCES_ID, className: ['references'], role: 'doc-bibliography', ariaLabelledBy: [`${REFERENCES_ID}-title`] }, [
        el('h2', { id: `${REFERENCES_ID}-title` }, [text(heading)]),
        el('ul', { className: ['reference-list'] }, items),
        ...(downloads ? [listDownloads(options.pageOf?.(file) ?? '')] : []),
      ]);
    }

    // Notes first, then references: the order readers of scholarly texts expect.
    const notes = tree.children.findIndex((n) => isElement(n) && n.properties['id'] === NOTES_ID);
    const references = tree.children.findIndex((n) => isElement(n) && n.properties['id'] === REFERENCES_ID);
    if (notes > references && references !== -1) {
      const [notesNode] = tree.children.splice(notes, 1);
      if (notesNode) tree.children.splice(references, 0, notesNode);
    }
  };
}

/**
 * Finds each citation (`<span class="citation" data-cites="key1 key2">`), tags its
 * links as bibliography references, and records where it stands.
 */
/** Citing places by the id of the entry they cite. */
function collectCitingPlaces(tree: Root): Map<string, CitingPlace[]> {
  const byKey = new Map<string, CitingPlace[]>();
  const sectionNumbers = new Map<string, number>();
  let noteNumber = 0;
  const noteNumbers = new Map<string, number>();
  walkElements(tree, (node) => {
    if (isElement(node, 'section') && hasClass(node, 'essay-section')) sectionNumbers.set(String(node.properties['dataSection']), sectionNumbers.size + 1);
    if (isElement(node, 'li') && /^fnc?-/.test(String(node.properties['id'] ?? ''))) noteNumbers.set(String(node.properties['id']), ++noteNumber);
  });
  walkElements(tree, (node, ancestors) => {
    const id = String(node.properties['id'] ?? '');
    if (!isElement(node, 'span') || !id.startsWith('citation--')) return;
    node.properties['className'] = ['citation'];
    for (const child of node.children) {
      if (isElement(child, 'a') && String(child.properties['href'] ?? '').startsWith('#bib-')) child.properties['role'] = 'doc-biblioref';
    }
    const keys = String(node.properties['dataCites'] ?? '').split(' ').filter(Boolean);
    const place = describePlace(id, ancestors, sectionNumbers, noteNumbers);
    for (const key of keys) {
      const list = byKey.get(entryId(key)) ?? [];
      list.push(place);
      byKey.set(entryId(key), list);
    }
  });
  return byKey;
}

function describePlace(id: string, ancestors: readonly Element[], sections: Map<string, number>, notes: Map<string, number>): CitingPlace {
  const note = [...ancestors].reverse().find((a) => isElement(a, 'li') && notes.has(String(a.properties['id'])));
  if (note) {
    const n = notes.get(String(note.properties['id']))!;
    return { id, label: `n. ${n}`, description: `Note ${n}` };
  }
  const section = [...ancestors].reverse().find((a) => isElement(a, 'section') && hasClass(a, 'essay-section'));
  const paragraph = [...ancestors].reverse().find((a) => String(a.properties['id'] ?? '').match(/-p\d+$|^p\d+$/));
  const paragraphNumber = paragraph ? Number(String(paragraph.properties['id']).replace(/^.*p/, '')) : undefined;
  if (section) {
    const number = sections.get(String(section.properties['dataSection'])) ?? 0;
    const heading = section.children.find((c): c is Element => isElement(c, 'h2'));
    const title = heading ? textContent(heading) : '';
    return {
      id,
      label: paragraphNumber ? `§${number} ¶${paragraphNumber}` : `§${number}`,
      description: `Section ${number}, ${title}${paragraphNumber ? `, paragraph ${paragraphNumber}` : ''}`,
    };
  }
  return { id, label: paragraphNumber ? `¶${paragraphNumber}` : '↑', description: paragraphNumber ? `Paragraph ${paragraphNumber}` : 'The text' };
}

function backlinks(places: readonly CitingPlace[]): Element {
  const count = places.length === 1 ? 'Cited once:' : `Cited in ${places.length} places:`;
  const links: ElementContent[] = [];
  places.forEach((place, i) => {
    if (i > 0) links.push(text(' '));
    links.push(el('a', { href: `#${place.id}`, role: 'doc-backlink', title: place.description, ariaLabel: `${place.label}: back to citation ${i + 1}, ${place.description}` }, [text(place.label)]));
  });
  return el('span', { className: ['cited-by'], dataPagefindIgnore: '' }, [el('span', { className: ['cited-by-count'] }, [text(count)]), text(' '), ...links]);
}

/** "BibTeX · RIS" for one entry: files a reference manager opens (a script adds copy buttons). */
function entryDownloads(path: string): Element {
  return el('span', { className: ['entry-downloads'], dataPagefindIgnore: '' }, [
    el('a', { href: `${path}.bib`, download: '', type: 'application/x-bibtex', dataCopy: 'bibtex' }, [text('BibTeX')]),
    text(' '),
    el('a', { href: `${path}.ris`, download: '', type: 'application/x-research-info-systems' }, [text('RIS')]),
  ]);
}

/** The whole list, in each format, beside the essay's page (`page`: its path from the site's root). */
function listDownloads(page: string): Element {
  const link = (ext: string, label: string, type: string) => el('a', { href: `${page}references.${ext}`, download: '', type }, [text(label)]);
  return el('p', { className: ['list-downloads'], dataPagefindIgnore: '' }, [
    text('Download these references: '),
    link('bib', 'BibTeX', 'application/x-bibtex'),
    text(', '),
    link('ris', 'RIS', 'application/x-research-info-systems'),
    text(', '),
    link('json', 'CSL-JSON', 'application/vnd.citationstyles.csl+json'),
    text('.'),
  ]);
}

/**
 * Entries come from bibliography data, which may hold any URL: only web addresses and in-page
 * anchors stay links (a `javascript:` URL, say, is printed as text).
 */
function dropUnsafeLinks(item: Element): void {
  const visit = (node: Element) => {
    node.children = node.children.flatMap((child): ElementContent[] => {
      if (!isElement(child)) return [child];
      visit(child);
      if (child.tagName !== 'a') return [child];
      const href = String(child.properties['href'] ?? '');
      return isEntryLink(href) ? [child] : child.children;
    });
  };
  visit(item);
}

/** DOIs and URLs that a style prints as text become links. */
function linkifyIdentifiers(item: Element): void {
  const visit = (node: Element) => {
    node.children = node.children.flatMap((child): ElementContent[] => {
      if (isElement(child)) {
        if (child.tagName !== 'a') visit(child);
        return [child];
      }
      if (child.type !== 'text') return [child];
      const parts: ElementContent[] = [];
      let last = 0;
      for (const match of child.value.matchAll(/https?:\/\/[^\s<>"]+[^\s<>".,;:)]|\b(?:doi:\s?)?(10\.\d{4,9}\/[^\s<>"]+[^\s<>".,;:)])/gi)) {
        const at = match.index ?? 0;
        if (at > last) parts.push(text(child.value.slice(last, at)));
        const href = match[1] ? doiUrl(match[1]) : match[0];
        parts.push(el('a', { href, className: ['external'] }, [text(match[0])]));
        last = at + match[0].length;
      }
      if (last === 0) return [child];
      if (last < child.value.length) parts.push(text(child.value.slice(last)));
      return parts;
    });
  };
  visit(item);
}

/** Drops the white space citeproc puts around an entry's content, and nothing inside it. */
function trimWhitespace(children: readonly ElementContent[]): ElementContent[] {
  const blank = (c: ElementContent | undefined) => c?.type === 'text' && c.value.trim() === '';
  const out = [...children];
  while (blank(out[0])) out.shift();
  while (blank(out.at(-1))) out.pop();
  return out;
}



/** Headings writers give the reference list at the end of a paper written for Pandoc. */
const REFERENCE_HEADINGS = /^(references|reference list|bibliography|works cited|literature( cited)?|sources|literatur(verzeichnis)?|références|bibliographie|bibliografía|referencias)$/i;

/**
 * A paper written for Pandoc ends with its own "References" heading, under which Pandoc puts the
 * list. The list has its heading here: the writer's, left empty at the end, would stand twice (and
 * take the list's id). It goes, with the section it opens when that holds nothing else.
 */
function dropTrailingReferencesHeading(tree: Root, heading: string): void {
  const meaningful = (nodes: readonly (RootContent | ElementContent)[]) =>
    nodes.filter((n) => !(n.type === 'text' && n.value.trim() === '') && n.type !== 'comment' && !(isElement(n) && (n.properties['id'] === 'refs' || n.properties['id'] === NOTES_ID || 'dataFootnotes' in n.properties)));
  let parent: Root | Element = tree;
  let wrapper: { parent: Root | Element; node: Element } | undefined;
  for (;;) {
    const last = meaningful(parent.children).at(-1);
    if (!isElement(last)) return;
    if (/^h[1-6]$/.test(last.tagName)) {
      const title = textContent(last).replace(/#\s*$/, '').trim();
      if (!REFERENCE_HEADINGS.test(title) && title.toLowerCase() !== heading.toLowerCase()) return;
      if (wrapper && meaningful(parent.children).length === 1) {
        wrapper.parent.children.splice(wrapper.parent.children.indexOf(wrapper.node as never), 1);
      } else {
        parent.children.splice(parent.children.indexOf(last as never), 1);
      }
      return;
    }
    if (last.tagName !== 'section') return;
    wrapper = { parent, node: last };
    parent = last;
  }
}
