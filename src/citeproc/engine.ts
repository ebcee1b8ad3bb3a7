/**
 * Formats an essay's citations and bibliography with citeproc-js, the CSL processor, following
 * Pandoc's citeproc semantics: clusters in document order (so that disambiguation, "ibid." and
 * subsequent-author rules see the whole essay), the author in the text for a bare `@key`, note
 * numbers for note styles, citations inside the author's notes as Pandoc prints them there, and
 * `nocite` entries in the bibliography.
 *
 * Pure: it takes the style, locales and entries as data and returns HTML strings.
 */
import CSL from 'citeproc';
import { isNarrative, type CitationCluster } from './citation-cluster.ts';
import type { CslEntry } from '../bibliography/csl.ts';
import { citationInAuthorNote, type AuthorNotePlace } from './author-notes.ts';
import { createEngine, type CslStyle } from './engine-cache.ts';
import { groupedByAuthor, groupsCitesByAuthor, keepsStyleDelimiter, sortedAround, sortedAroundPrefixes, withCiteGrouping } from './ordering.ts';
import { clean, cleanEntry, GUARD, transplantLinks } from './output.ts';
import { formatPageLocator, pageRangeFormatOf } from './page-ranges.ts';
import { pandocPositions, withPandocPositions } from './positions.ts';
import { isNoteStyle, punctuationInQuote, subsequentAuthorSubstitute } from './style.ts';

export type { CslStyle } from './engine-cache.ts';
export type { AuthorNotePlace } from './author-notes.ts';
export { isNoteStyle, punctuationInQuote } from './style.ts';

export interface PlacedCluster {
  readonly cluster: CitationCluster;
  /** 0 for a citation in the text of an in-text style; otherwise the number of the note it is in. */
  readonly noteIndex: number;
  /**
   * For a citation written inside one of the author's notes while the style is a note style: where
   * it stands there. It is printed in that note (see author-notes.ts).
   */
  readonly inAuthorNote?: AuthorNotePlace;
}

export interface FormattedCluster {
  /** HTML of the citation, with each work wrapped in a link to its entry (`#bib-<id>`). */
  readonly html: string;
  /** For an author-in-text citation, the author's name as the style prints it (may be empty). */
  readonly author?: string;
}

export interface FormattedBibliography {
  /** Entries in the style's order. */
  readonly entries: readonly { readonly id: string; readonly html: string }[];
  /** True for styles whose entries start with a label ("[1]"), set in a column of their own. */
  readonly secondFieldAlign: boolean;
}

export interface FormattedEssay {
  readonly citations: readonly FormattedCluster[];
  readonly bibliography: FormattedBibliography;
}

export function formatEssay(
  style: CslStyle,
  entries: ReadonlyMap<string, CslEntry>,
  placed: readonly PlacedCluster[],
  nocite: readonly string[] | 'all',
): FormattedEssay {
  // Two runs over the same clusters: the plain one is the text citeproc means to print; the linked
  // one (citeproc's citation wrapper) shows where each work's part starts and ends, but drops the
  // layout's affixes, so its links are carried over onto the plain text.
  const itemIds = [...entries.keys()];
  const inQuote = punctuationInQuote(style);
  // A page locator's ranges in the style's page-range-format, as Pandoc prints them (page-ranges.ts).
  const rangeFormat = pageRangeFormatOf(style.xml);
  const pageLocator = (locator: string, label: string | undefined) => (rangeFormat && (label ?? 'page') === 'page' ? formatPageLocator(locator, rangeFormat) : locator);
  const grouping = groupsCitesByAuthor(style.xml);
  // See withCiteGrouping: where the style groups cites by author, the engines read it with ", "
  // between one author's years.
  const groupedStyle = grouping ? { ...style, xml: withCiteGrouping(style.xml) } : style;
  const plain = createEngine(groupedStyle, entries, itemIds, false);
  const linked = createEngine(groupedStyle, entries, itemIds, true);
  // (A sort by citation number needs the numbers, which exist only once every citation is in: such
  // a citation keeps its written order.)
  const citationSort = /<citation\b[\s\S]*?(<sort>[\s\S]*?<\/sort>)/.exec(style.xml)?.[1];
  const sorts = citationSort !== undefined && !citationSort.includes('citation-number');
  // Numbers given in the order works are first cited (a bibliography without a sort of its own).
  const byNumber = citationSort?.includes('citation-number') && !/<bibliography\b[\s\S]*?<sort>/.test(style.xml);
  const firstCited = new Map<string, number>();
  for (const { cluster } of placed) for (const item of cluster.items) if (!firstCited.has(item.key)) firstCited.set(item.key, firstCited.size);
  const ordered = (cluster: CitationCluster) => {
    const prefixed = cluster.items.some((item) => item.prefix);
    const items = !prefixed
      ? cluster.items
      : sorts
        ? sortedAroundPrefixes(linked, cluster.items, itemIds)
        : byNumber
          ? sortedAround(cluster.items, (a, b) => firstCited.get(a.key)! - firstCited.get(b.key)!)
          : cluster.items;
    return grouping ? groupedByAuthor(items, entries) : items;
  };
  const citations = placed.map(({ cluster, noteIndex, inAuthorNote }, index) => ({
    citationID: `c${index}`,
    citationItems: ordered(cluster).map((item, i) => ({
      id: item.key,
      // citeproc-js capitalizes a term that opens a citation ("Ebd."), as if it opened a note; inside
      // a sentence of the author's note Pandoc leaves it as the locale writes it ("(ebd.)"). A word
      // joiner before it, removed by clean(), is enough to keep its case. A citation that opens the
      // note opens a sentence: "Ebd., S. 9." (Pandoc prints "ebd.": see pandoc-suite.test.ts).
      ...(item.prefix ? { prefix: citeprocPrefix(item.prefix) } : inAuthorNote && i === 0 && !inAuthorNote.first ? { prefix: GUARD } : {}),
      // See GUARD.
      ...(item.suffix ? { suffix: /[.!?]$/u.test(item.suffix) ? `${item.suffix}${GUARD}` : item.suffix } : {}),
      ...(item.locator !== undefined ? { locator: pageLocator(item.locator, item.label), label: item.label ?? 'page' } : {}),
      // The author of a narrative citation is printed in the sentence, so not again in the cite.
      ...(item.mode === 'suppress-author' || item.mode === 'author-in-text' ? { 'suppress-author': true } : {}),
    })),
    // As Pandoc: a cluster whose works carry prefixes ("see …; also …") keeps the written order.
    properties: { noteIndex, ...(cluster.items.some((item) => item.prefix) ? { unsorted: true } : {}) },
  }));
  const uncited = nocite === 'all' ? [...entries.keys()] : nocite.filter((id) => entries.has(id));
  const plainById = new Map(plain.rebuildProcessorState(citations, 'html', uncited).map(([id, , html]) => [id, html]));
  const linkedById = new Map(linked.rebuildProcessorState(citations, 'html', uncited).map(([id, , html]) => [id, html]));
  // Pandoc joins one author's years with ", " only between plain cites; after a cite with a prefix,
  // locator or suffix, or after the author named in the text, the style's own delimiter stands
  // ("Doe (2005; 2006, 30)", "see Doe 2005, chap. 3; 2006"). Such citations are formatted as the
  // style is written, by engines of their own (only when an essay has them).
  const asWritten = grouping ? citations.filter((citation) => keepsStyleDelimiter(citation.citationItems, entries, isNarrative(placed[Number(citation.citationID.slice(1))]!.cluster))) : [];
  if (asWritten.length > 0) {
    const plainAsWritten = createEngine(style, entries, itemIds, false);
    const linkedAsWritten = createEngine(style, entries, itemIds, true);
    const wanted = new Set(asWritten.map((c) => c.citationID));
    for (const [id, , html] of plainAsWritten.rebuildProcessorState(citations, 'html', uncited)) if (wanted.has(id)) plainById.set(id, html);
    for (const [id, , html] of linkedAsWritten.rebuildProcessorState(citations, 'html', uncited)) if (wanted.has(id)) linkedById.set(id, html);
  }

  // In a note style, "ibid." where Pandoc prints it (see positions.ts).
  if (isNoteStyle(style.xml) && citations.length > 1) {
    const nearNoteDistance = Number(/<citation\b[^>]*\bnear-note-distance="(\d+)"/.exec(style.xml)?.[1] ?? 5);
    const positions = pandocPositions(
      citations.map((citation, i) => ({ noteIndex: citation.properties.noteIndex, narrative: isNarrative(placed[i]!.cluster), items: citation.citationItems.map(({ id, locator, label }) => ({ id, locator, label })) })),
      nearNoteDistance,
    );
    const readsNearNote = style.xml.includes('near-note');
    citations.forEach((citation, i) => {
      const items = withPandocPositions(plain, citation, positions[i]!, readsNearNote);
      if (!items) return;
      plainById.set(citation.citationID, String(plain.makeCitationCluster(items)));
      linkedById.set(citation.citationID, String(linked.makeCitationCluster(items)));
    });
  }

  const made = plain.makeBibliography();
  const bibliographyIds = made ? made[0].entry_ids.map((ids) => ids[0] ?? '') : [];
  // The works cited before each cluster, in document order.
  const citedBefore: ReadonlySet<string>[] = [];
  const seen = new Set<string>();
  for (const { cluster } of placed) {
    citedBefore.push(new Set(seen));
    for (const item of cluster.items) seen.add(item.key);
  }
  const formatted = placed.map(({ cluster, inAuthorNote }, index): FormattedCluster => {
    // citeproc-js does not always say which work a wrapped part is (collapsed numeric cites): a
    // citation number names the entry at that place in the bibliography, and a single-work
    // cluster can only mean its work.
    const resolve = (index: string, text: string): string | undefined => {
      const id = itemIds[Number(index)];
      if (id !== undefined) return id;
      const number = /^\[?(\d+)\]?$/.exec(text.trim());
      if (number) return bibliographyIds[Number(number[1]) - 1];
      return cluster.items.length === 1 ? cluster.items[0]!.key : undefined;
    };
    // The wrapped rendering, cleaned as the plain one is, so that their texts match.
    const bare = clean(linkedById.get(`c${index}`) ?? '', inQuote);
    const html = transplantLinks(clean(plainById.get(`c${index}`) ?? '', inQuote), bare, resolve);
    if (!isNarrative(cluster)) return inAuthorNote ? { html: citationInAuthorNote({ place: inAuthorNote, html, bare }) } : { html };
    const item = cluster.items[0]!;
    // makeCitationCluster formats against the registry as it stands (names disambiguated as in the
    // essay) without registering a citation; previewCitationCluster did the same at ten times the cost.
    // Later mentions of an author in the text take the style's subsequent form ("Doe" after "John
    // Doe" in Chicago notes), as in Pandoc.
    const position = citedBefore[index]!.has(item.key) ? { position: CSL.POSITION_SUBSEQUENT } : {};
    // Only the names: not what a macro puts after them for the title ("Müller: " in "Müller: Titel").
    const author = clean(plain.makeCitationCluster([{ id: item.key, 'author-only': true, ...position }]), inQuote).replace(/\s*[,:;]((?:<\/[^>]+>)*)$/u, '$1');
    if (inAuthorNote) return { html: citationInAuthorNote({ place: inAuthorNote, html, bare, author: { html: author, key: item.key, single: cluster.items.length === 1 } }) };
    return { html, author };
  });

  const substitute = subsequentAuthorSubstitute(style.xml);
  const bibliography: FormattedBibliography = made
    ? {
        entries: made[1].map((html, i) => ({ id: bibliographyIds[i] ?? '', html: cleanEntry(html, inQuote, substitute) })),
        secondFieldAlign: Boolean(made[0]['second-field-align']),
      }
    : { entries: [], secondFieldAlign: false };
  return { citations: formatted, bibliography };
}

/**
 * One work on its own, as a citation (with its locator) and as its reference entry: for "Cite this
 * essay". One plain engine run suffices, as nothing in it is linked.
 */
export function formatAlone(style: CslStyle, entry: CslEntry, cite: { readonly locator: string; readonly label: string }): { readonly citation: string; readonly reference: string } {
  const known = aloneEntry(entry);
  const entries = new Map([[known.id, known]]);
  const engine = createEngine(style, entries, [known.id], false);
  const inQuote = punctuationInQuote(style);
  const citation = { citationID: 'c0', citationItems: [{ id: known.id, locator: cite.locator, label: cite.label }], properties: { noteIndex: isNoteStyle(style.xml) ? 1 : 0 } };
  const [[, , html] = []] = engine.rebuildProcessorState([citation], 'html', []);
  const made = engine.makeBibliography();
  return { citation: clean(html ?? '', inQuote), reference: made ? cleanEntry(made[1][0] ?? '', inQuote, subsequentAuthorSubstitute(style.xml)) : '' };
}

/**
 * The object that stands for this entry in formatAlone, under an id of its own: the same for the
 * same entry, so that the kept engines (engine-cache.ts), which are reused only while each id means
 * the same object, are not made again for an essay formatted again (in `npm run dev`), and an essay
 * whose name is also a work's key is not mistaken for it.
 */
const aloneEntries = new Map<string, CslEntry>();
function aloneEntry(entry: CslEntry): CslEntry {
  const json = JSON.stringify(entry);
  let known = aloneEntries.get(json);
  if (!known) aloneEntries.set(json, (known = { ...entry, id: `\u0000alone-${aloneEntries.size}` }));
  return known;
}

/**
 * A prefix as citeproc-js takes it. After a prefix of several words ending in a colon, semicolon,
 * "?" or "!", citeproc-js capitalizes a term that follows ("so auch: Ebd."); Pandoc does so only
 * after a period ("vgl. dazu z. B. Ebd."), and leaves the term as written ("so auch: ebd."). The
 * word joiner (removed by clean()) keeps citeproc-js from seeing the punctuation.
 */
function citeprocPrefix(prefix: string): string {
  return /[:;!?]$/u.test(prefix) ? `${prefix}${GUARD} ` : `${prefix} `;
}
