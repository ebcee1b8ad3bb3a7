/**
 * Formats an essay's citations and bibliography with citeproc-js, the CSL processor, following
 * Pandoc's citeproc semantics: clusters in document order (so that disambiguation, "ibid." and
 * subsequent-author rules see the whole essay), the author in the text for a bare `@key`, note
 * numbers for note styles, and `nocite` entries in the bibliography.
 *
 * Pure: it takes the style, locales and entries as data and returns HTML strings.
 */
import CSL from 'citeproc';
import { configuredCiteproc } from './configure.ts';
import { isNarrative, type CitationCluster } from '../citation-cluster.ts';
import { entryId } from '../../bibliography/anchors.ts';
import type { CslEntry } from '../../bibliography/csl.ts';

export interface CslStyle {
  /** The style's XML. */
  readonly xml: string;
  /** Locale XML by language tag (`en-US`), including the essay's and en-US as the fallback. */
  readonly locales: ReadonlyMap<string, string>;
  readonly lang: string;
}

export interface PlacedCluster {
  readonly cluster: CitationCluster;
  /** 0 for a citation in the text of an in-text style; otherwise the number of the note it is in. */
  readonly noteIndex: number;
  /**
   * True for a citation written inside one of the author's notes while the style is a note style:
   * it is printed in that note as it stands (Pandoc prints it in parentheses, without a full stop).
   */
  readonly inAuthorNote?: boolean;
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

/** Citeproc's placeholder when a style has nothing to print for a cite (an author-only numeric cite). */
const NO_PRINTED_FORM = /\[?NO_PRINTED_FORM\]?/g;

export function isNoteStyle(styleXml: string): boolean {
  return /<style\b[^>]*\bclass=["']note["']/.test(styleXml);
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
    citationItems: ordered(cluster).map((item) => ({
      id: item.key,
      ...(item.prefix ? { prefix: `${item.prefix} ` } : {}),
      // citeproc-js drops the delimiter after a suffix ending in a period ("57 ff. Roe"); Pandoc
      // keeps it ("57 ff.; Roe"). A word joiner hides the period from it; clean() removes it, and
      // the style's own period after it where the suffix ends the citation ("57 ff.").
      ...(item.suffix ? { suffix: /[.!?]$/u.test(item.suffix) ? `${item.suffix}${GUARD}` : item.suffix } : {}),
      ...(item.locator !== undefined ? { locator: item.locator, label: item.label ?? 'page' } : {}),
      // The author of a narrative citation is printed in the sentence, so not again in the cite
      // (inside an author's note of a note style, the whole reference stands in the sentence).
      ...(item.mode === 'suppress-author' || (item.mode === 'author-in-text' && !inAuthorNote) ? { 'suppress-author': true } : {}),
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
    const html = transplantLinks(clean(plainById.get(`c${index}`) ?? ''), linkedById.get(`c${index}`) ?? '', resolve);
    if (inAuthorNote) {
      const inline = html.replace(/\.([”’]?)((?:<\/[^>]+>)*)$/, '$1$2');
      return { html: isNarrative(cluster) ? inline : `(${inline})` };
    }
    if (!isNarrative(cluster)) return { html };
    const item = cluster.items[0]!;
    // makeCitationCluster formats against the registry as it stands (names disambiguated as in the
    // essay) without registering a citation; previewCitationCluster did the same at ten times the cost.
    // Later mentions of an author in the text take the style's subsequent form ("Doe" after "John
    // Doe" in Chicago notes), as in Pandoc.
    const position = citedBefore[index]!.has(item.key) ? { position: CSL.POSITION_SUBSEQUENT } : {};
    const author = clean(plain.makeCitationCluster([{ id: item.key, 'author-only': true, ...position }]));
    return { html, author };
  });

  const bibliography: FormattedBibliography = made
    ? {
        entries: made[1].map((html, i) => ({ id: made[0].entry_ids[i]?.[0] ?? '', html: html.trim() })),
        secondFieldAlign: Boolean(made[0]['second-field-align']),
      }
    : { entries: [], secondFieldAlign: false };
  return { citations: formatted, bibliography };
}

/** What an engine's callbacks read: set before each use, so that one engine serves every essay. */
interface EngineData {
  entries: ReadonlyMap<string, CslEntry>;
  itemIds: readonly string[];
}

interface CachedEngine {
  readonly engine: CiteprocEngine;
  readonly data: EngineData;
  /** Every work the engine has seen, by id: citeproc-js keeps some of what it derives from an item. */
  readonly seen: Map<string, CslEntry>;
}

/**
 * Engines by style, language and wrapping. Compiling a style takes citeproc-js over 100 ms, more than
 * formatting a whole essay's citations, so engines are kept and reused, their registry emptied
 * before each essay. citeproc-js still remembers some of what it derived from an item
 * by its id, so an engine is reused only while each id it has seen still means the same work (as
 * across the essays of one build, which share their bibliography's entries); otherwise a new one is made.
 */
const engines = new Map<string, CachedEngine>();
const MAX_ENGINES = 32;

function createEngine(style: CslStyle, entries: ReadonlyMap<string, CslEntry>, itemIds: readonly string[], wrapEntries: boolean): CiteprocEngine {
  const key = `${wrapEntries ? 'wrap' : 'plain'}\u0000${style.lang}\u0000${[...style.locales.keys()].join(',')}\u0000${style.xml}`;
  const cached = engines.get(key);
  const sameWorks = (seen: ReadonlyMap<string, CslEntry>) => [...entries].every(([id, entry]) => (seen.get(id) ?? entry) === entry);
  if (cached && sameWorks(cached.seen) && [...style.locales].every(([lang, xml]) => cachedLocales.get(cached.engine)?.get(lang) === xml)) {
    // rebuildProcessorState only updates the registry: the last essay's works would stay in it, and
    // with them its disambiguation ("P. Roberts" where this essay has one Roberts). Empty it first,
    // while the engine still reads the works it registered.
    cached.engine.restoreProcessorState();
    cached.data.entries = entries;
    cached.data.itemIds = itemIds;
    for (const [id, entry] of entries) cached.seen.set(id, entry);
    return cached.engine;
  }
  const data: EngineData = { entries, itemIds };
  const sys = {
    retrieveLocale: (lang: string) => style.locales.get(lang) ?? style.locales.get(lang.split('-')[0] ?? '') ?? style.locales.get('en-US'),
    retrieveItem: (id: string) => {
      const entry = data.entries.get(id);
      if (!entry) throw new Error(`No bibliography entry "${id}" (citation keys are checked before formatting).`);
      const { _graph: _unused, ...item } = entry as CslEntry & { _graph?: unknown };
      // citeproc-js wraps a cite only for items that carry a system id.
      return { ...item, system_id: id };
    },
    // Marks each work's part of a cluster with the work's index; transplantLinks turns the marks
    // into links to the entries.
    wrapCitationEntry: (html: string, itemId: string) => `<a href="#item-${data.itemIds.indexOf(itemId)}">${html}</a>`,
  };
  const Citeproc = configuredCiteproc();
  const make = () => new Citeproc.Engine(sys, style.xml, style.lang, true);
  // citeproc-js's own URL and DOI links (wrap_url_and_doi) are left off: it writes their href
  // without escaping quotes. rehype-references links web addresses and DOIs itself, safely.
  const engine = wrapEntries ? withCitationWrapper(make) : make();
  engines.delete(key);
  if (engines.size >= MAX_ENGINES) engines.delete(engines.keys().next().value!);
  engines.set(key, { engine, data, seen: new Map(entries) });
  cachedLocales.set(engine, new Map(style.locales));
  return engine;
}

/**
 * Pandoc sorts a citation's works by the style, except those with a prefix ("see also …"), which keep
 * their written place; the others fill the remaining places in sorted order. citeproc-js can only
 * sort all or none, so the order of the unprefixed works is read from a citation of them alone.
 */
function sortedAroundPrefixes<T extends { readonly key: string; readonly prefix?: string }>(engine: CiteprocEngine, items: readonly T[], itemIds: readonly string[]): readonly T[] {
  const free = items.filter((item) => !item.prefix);
  if (free.length < 2) return items;
  const html = String(engine.makeCitationCluster(free.map((item) => ({ id: item.key }))));
  const order = [...html.matchAll(/#item-(\d+)/g)].map((m) => itemIds[Number(m[1])]);
  return sortedAround(items, (a, b) => order.indexOf(a.key) - order.indexOf(b.key));
}

/** The works without a prefix sorted among themselves, each prefixed one left in its place. */
function sortedAround<T extends { readonly key: string; readonly prefix?: string }>(items: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  const sorted = items.filter((item) => !item.prefix).sort(compare);
  return items.map((item) => (item.prefix ? item : sorted.shift()!));
}

/**
 * Styles that print authors and years in the text group the cites of one author, wherever they stand
 * in the citation, at the place of the first ("[@a; @b; @c]" by Doe, Roe, Doe: "Doe 2005, 2008; Roe
 * 2007"), as CSL and Pandoc do. citeproc-js only collapses cites that are already next to each other.
 */
function groupsCitesByAuthor(xml: string): boolean {
  const citation = /<citation\b[\s\S]*?<\/citation>/.exec(xml)?.[0] ?? '';
  return isNoteStyle(xml) === false && /\bcollapse="year/.test(citation) && !citation.includes('citation-number');
}

/** A work's authors (or, lacking them, editors) as one comparable string: cites group by it. */
function namesOf(entries: ReadonlyMap<string, CslEntry>, key: string): string | undefined {
  const entry = entries.get(key) as (CslEntry & { author?: unknown; editor?: unknown }) | undefined;
  const people = entry?.author ?? entry?.editor;
  return people ? JSON.stringify(people) : undefined;
}

/** Whether two neighbours by one author are joined by the style's delimiter in Pandoc (see above). */
function keepsStyleDelimiter(items: readonly Record<string, unknown>[], entries: ReadonlyMap<string, CslEntry>, narrative: boolean): boolean {
  const names = (item: Record<string, unknown>) => namesOf(entries, String(item['id']));
  return items.some((item, i) => {
    const next = items[i + 1];
    if (!next || names(item) === undefined || names(item) !== names(next)) return false;
    return (i === 0 && narrative) || item['locator'] !== undefined || item['suffix'] !== undefined || next['prefix'] !== undefined;
  });
}

function groupedByAuthor<T extends { readonly key: string; readonly mode: string }>(items: readonly T[], entries: ReadonlyMap<string, CslEntry>): T[] {
  // The author named in the sentence stands apart: "Doe (2005; 2007, 30; see also Doe 2008)".
  if (items[0]?.mode === 'author-in-text') return [items[0], ...groupedByAuthor(items.slice(1), entries)];
  // A work without names groups with no other.
  const names = (item: T) => namesOf(entries, item.key) ?? `\u0000${item.key}`;
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = names(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()].flat();
}

/**
 * CSL groups the cites of one author in a citation ("Doe 2008, 2005; Roe 2007"), as Pandoc does;
 * citeproc-js does so only when the style names a cite-group-delimiter, so the default (", ") is
 * given where the style has none.
 */
function withCiteGrouping(xml: string): string {
  if (!groupsCitesByAuthor(xml)) return xml;
  return xml.replace(/<citation\b(?![^>]*cite-group-delimiter)/, '<citation cite-group-delimiter=", "').replace(/(<citation\b[^>]*?) after-collapse-delimiter="[^"]*"/, "$1");
}

/** The locales an engine was made with: an edited locale file must make a new engine. */
const cachedLocales = new WeakMap<CiteprocEngine, ReadonlyMap<string, string>>();

type CiteprocEngine = InstanceType<typeof CSL.Engine>;

/**
 * citeproc-js reads its citation-wrapper option while it compiles the style, inside the engine's
 * constructor, before a caller can set it: so the options' constructor is swapped for the duration
 * of that one synchronous call.
 */
function withCitationWrapper(make: () => CiteprocEngine): CiteprocEngine {
  const Opt = CSL.Engine.Opt;
  function WrappingOpt(this: { development_extensions: Record<string, boolean> }) {
    Opt.call(this);
    this.development_extensions['apply_citation_wrapper'] = true;
  }
  WrappingOpt.prototype = Opt.prototype;
  CSL.Engine.Opt = WrappingOpt as unknown as typeof Opt;
  try {
    return make();
  } finally {
    CSL.Engine.Opt = Opt;
  }
}

/** Wraps, in order, each work's text in `plain` in the link the wrapped rendering gave it. */
function transplantLinks(plain: string, linked: string, resolve: (id: string, text: string) => string | undefined): string {
  let out = '';
  let cursor = 0;
  for (const match of linked.matchAll(/<a href="#item-(-?\d+)">([\s\S]*?)<\/a>/g)) {
    const inner = match[2]!;
    const id = resolve(match[1]!, inner.replace(/<[^>]+>/g, ''));
    if (!inner || !id) continue;
    // The wrapped rendering lacks the layout's affixes, so a period the style adds may stand
    // inside closing quotes in the plain one only ("Problems. II.”" against "Problems. II”"):
    // then the part before the quotes is linked.
    let text = inner;
    let at = plain.indexOf(text, cursor);
    if (at === -1) {
      text = inner.replace(/[.,;:]*(?:[”’"']|&#x27;|&quot;|<\/[^>]+>)*$/u, '');
      at = text.length > 3 && !/<[^>]*$/.test(text) && !/<(?!\/)[^>]+>[^<]*$/.test(text) ? plain.indexOf(text, cursor) : -1;
    }
    if (at === -1) continue;
    out += `${plain.slice(cursor, at)}<a href="#${entryId(id)}">${text}</a>`;
    cursor = at + text.length;
  }
  return out + plain.slice(cursor);
}

/** See the suffixes above. */
const GUARD = '\u2060';

function clean(html: string): string {
  return html
    .replace(NO_PRINTED_FORM, '')
    .replace(/([.!?])\u2060((?:<\/[^>]+>)*)\./gu, '$1$2')
    .replaceAll(GUARD, '')
    .trim();
}
