/**
 * citeproc-js engines, made and kept: compiling a style takes citeproc-js over 100 ms, more than
 * formatting a whole essay's citations, so an engine is kept per style, language and wrapping, and
 * reused with its registry emptied before each essay.
 */
import CSL from 'citeproc';
import { configuredCiteproc, macroSortKeysOf } from './configure.ts';
import { pandocStringCompare } from './sorting.ts';
import type { CslEntry } from '../bibliography/csl.ts';

export interface CslStyle {
  /** The style's XML. */
  readonly xml: string;
  /** Locale XML by language tag (`en-US`), including the essay's and en-US as the fallback. */
  readonly locales: ReadonlyMap<string, string>;
  readonly lang: string;
}

export type CiteprocEngine = InstanceType<typeof CSL.Engine>;

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
 * Engines by style, language and wrapping. citeproc-js still remembers some of what it derived from
 * an item by its id, so an engine is reused only while each id it has seen still means the same
 * work (as across the essays of one build, which share their bibliography's entries); otherwise a
 * new one is made.
 */
const engines = new Map<string, CachedEngine>();
const MAX_ENGINES = 32;

/** The locales an engine was made with: an edited locale file must make a new engine. */
const cachedLocales = new WeakMap<CiteprocEngine, ReadonlyMap<string, string>>();

/**
 * An engine for the style over these entries. With `wrapEntries`, each work's part of a cluster is
 * marked `<a href="#item-<index in itemIds>">`, for transplantLinks (output.ts).
 */
export function createEngine(style: CslStyle, entries: ReadonlyMap<string, CslEntry>, itemIds: readonly string[], wrapEntries: boolean): CiteprocEngine {
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
      return { ...item, ...printedDoi(item.DOI), ...numbersAsWritten(item), system_id: id };
    },
    // Marks each work's part of a cluster with the work's index; transplantLinks turns the marks
    // into links to the entries.
    wrapCitationEntry: (html: string, itemId: string) => `<a href="#item-${data.itemIds.indexOf(itemId)}">${html}</a>`,
    // Sort keys compared as Pandoc compares them. (citeproc-js keeps the function it is given while
    // it builds the engine's sorts, and makes it the library's default for later engines too.)
    stringCompare: pandocStringCompare(style.lang),
    // Read by configure.ts's comparer: where an empty key sorts.
    macroSortKeys: macroSortKeysOf(style.xml),
  };
  const Citeproc = configuredCiteproc();
  const make = () => new Citeproc.Engine(sys, style.xml, style.lang, true);
  // citeproc-js's own URL and DOI links (wrap_url_and_doi) are left off: it writes their href
  // without escaping quotes. rehype-references links web addresses and DOIs itself, safely.
  const engine = wrapEntries ? withCitationWrapper(make) : make();
  // Title case for English works only, as Pandoc decides it: a work's language is English when it
  // is "en" or starts "en-" ("English" and "eng" are not). citeproc-js would read any value that
  // begins with "en" as English and title-case "Digital humanities: knowledge and critique".
  engine.opt.development_extensions['strict_text_case_locales'] = true;
  engines.delete(key);
  if (engines.size >= MAX_ENGINES) engines.delete(engines.keys().next().value!);
  engines.set(key, { engine, data, seen: new Map(entries) });
  cachedLocales.set(engine, new Map(style.locales));
  return engine;
}

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

/**
 * A ShortDOI ("10/b9tmbm") printed as Pandoc prints it: without its "10/", which doi.org resolves
 * either way ("https://doi.org/b9tmbm"). The entry itself, and so its exports, keep the DOI as written.
 */
function printedDoi(doi: unknown): { DOI?: string } {
  return typeof doi === 'string' && doi.startsWith('10/') ? { DOI: doi.slice(3) } : {};
}

/** The number variables other than `page`, which Pandoc prints as written. */
const NUMBER_VARIABLES = ['volume', 'issue', 'number', 'edition', 'collection-number', 'chapter-number', 'number-of-volumes', 'number-of-pages', 'part-number', 'supplement-number', 'printing-number'];

/**
 * Hyphens in number variables other than `page` kept as written, as Pandoc keeps them ("15
 * (7-8)"): citeproc-js would print every hyphen of a number as an en dash, except one escaped as
 * `\-`, which is how it is told to keep one.
 */
function numbersAsWritten(item: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const variable of NUMBER_VARIABLES) {
    const value = item[variable];
    if (typeof value === 'string' && value.includes('-')) kept[variable] = value.replace(/\\?-/g, '\\-');
  }
  return kept;
}
