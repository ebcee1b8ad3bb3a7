/**
 * citeproc-js, configured as Apparatus formats with it. Its settings are properties of the library
 * object (global to the process), so they are set by this one call, which the engine makes before
 * it compiles a style, rather than as a side effect of importing a module.
 */
import CSL from 'citeproc';

/**
 * The words CSL's title case leaves in lower case, as Pandoc's citeproc lists them: the CSL
 * specification's list, and the words Pandoc adds for the CSL test suite's name particles ("Fin de
 * Siècle", "the van Life"). citeproc-js ships a longer list ("during", "among", …) that makes titles
 * differ from Pandoc's; it reads the list when an engine is made.
 */
const SKIP_WORDS = [
  ...['a', 'an', 'and', 'as', 'at', 'but', 'by', 'down', 'for', 'from', 'in', 'into', 'nor', 'of', 'on', 'onto', 'or', 'over', 'so', 'the', 'till', 'to', 'up', 'via', 'with', 'yet'],
  ...['about', 'van', 'von', 'de', 'd', 'l'],
];

let configured = false;

/** The citeproc-js library, with Apparatus's settings applied (once per process). */
export function configuredCiteproc(): typeof CSL {
  if (!configured) {
    CSL.SKIP_WORDS = [...SKIP_WORDS];
    namesRunTogetherInSortKeys();
    othersAsEtAl();
    emptyMacroKeysFirst();
    configured = true;
  }
  return CSL;
}

interface NameOutput {
  state: { tmp: { sort_key_flag?: boolean } };
  etal_spec: Record<number, { freeters: number; persons: Record<number, number> }>;
  _join(blobs: unknown[], delimiter: string): unknown;
}

/**
 * In a sort key, Pandoc's citeproc writes the names of a list one after the other, with nothing
 * between them ("Smith, AnnAbel, B"), then compares the key word by word (sorting.ts): so "Smith,
 * Ann, Jr." comes before "Smith, Ann, and B. Abel", as in Pandoc. citeproc-js puts the names'
 * delimiter between them; here, in a sort key only, it puts nothing.
 */
function namesRunTogetherInSortKeys(): void {
  const prototype = (CSL as unknown as { NameOutput: { prototype: { joinPersons: (this: NameOutput, blobs: unknown[], pos: number, j?: number, tokenname?: string) => unknown } } }).NameOutput.prototype;
  const joinPersons = prototype.joinPersons;
  prototype.joinPersons = function (this: NameOutput, blobs, pos, j, tokenname) {
    const spec = this.etal_spec[pos];
    const etAl = j === undefined ? spec?.freeters : spec?.persons[j];
    if (!this.state.tmp.sort_key_flag || etAl === 1 || etAl === 2) return joinPersons.call(this, blobs, pos, j, tokenname);
    return this._join(blobs, '');
  };
}

interface ConstrainedNames {
  etal_min?: number;
  state: { tmp: { disambig_settings: { names: number[] } } };
}

/**
 * A name list that ends in the name "others" (BibTeX's `and others`) printed as Pandoc prints it:
 * the names before it, then the style's "et al." — where the style shortens long lists at all
 * (et-al-min) and this one is shorter than that. citeproc-js would print "Villani, Cédric and
 * others"; Pandoc prints "Villani, Cédric et al.". Dropping the name after citeproc-js has
 * shortened the list makes it one name short of its count, which is what makes it add "et al.".
 */
function othersAsEtAl(): void {
  type Names = Record<string, { literal?: string }[]>;
  const prototype = (CSL as unknown as { NameOutput: { prototype: { _imposeNameConstraints: (this: ConstrainedNames, lst: Names, count: Record<string, number>, key: string, pos: number) => void } } }).NameOutput.prototype;
  const impose = prototype._imposeNameConstraints;
  prototype._imposeNameConstraints = function (this: ConstrainedNames, lst, count, key, pos) {
    impose.call(this, lst, count, key, pos);
    const names = lst[key] ?? [];
    const total = count[key] ?? 0;
    if (!this.etal_min || total >= this.etal_min || names.length !== total || names.length < 2 || names[names.length - 1]?.literal !== 'others') return;
    lst[key] = names.slice(0, -1);
    this.state.tmp.disambig_settings.names[pos] = names.length - 1;
  };
}

/** Which keys of a style's sorts are macros, by position: `sys.macroSortKeys` (engine-cache.ts). */
export interface MacroSortKeys {
  readonly bibliography_sort: readonly boolean[];
  readonly citation_sort: readonly boolean[];
}

/** The positions of the macro keys in the style's bibliography and citation sorts. */
export function macroSortKeysOf(styleXml: string): MacroSortKeys {
  const keysOf = (element: 'bibliography' | 'citation') => {
    const sort = new RegExp(`<${element}\\b[\\s\\S]*?<sort>([\\s\\S]*?)</sort>`).exec(styleXml)?.[1] ?? '';
    return [...sort.matchAll(/<key\b([^>]*)>/g)].map((key) => /\bmacro\s*=/.test(key[1]!));
  };
  return { bibliography_sort: keysOf('bibliography'), citation_sort: keysOf('citation') };
}

type SortKeys = { sortkeys?: (string | undefined)[] };

/**
 * A sort key from a macro that prints nothing sorts first, as in Pandoc, whose citeproc reads it
 * as an empty key (before any other); an empty variable key sorts last in both. citeproc-js sorts
 * both last: so an author-less, title-less newspaper issue would move from the head of the
 * bibliography to its end. The engine tells the comparer which keys are macros (sys.macroSortKeys).
 */
function emptyMacroKeysFirst(): void {
  const registry = (CSL as unknown as { Registry: { Comparifier: new (state: unknown, keyset: string) => unknown } }).Registry;
  const Comparifier = registry.Comparifier;
  function PandocComparifier(this: { compareKeys: (a: SortKeys, b: SortKeys) => number; compareCompositeKeys: (a: [unknown, SortKeys], b: [unknown, SortKeys]) => number }, state: { sys: { macroSortKeys?: MacroSortKeys } }, keyset: keyof MacroSortKeys) {
    Comparifier.call(this, state, keyset);
    const macros = state.sys.macroSortKeys?.[keyset];
    if (!macros?.some(Boolean)) return;
    const withEmptyMacros = (item: SortKeys): SortKeys => (item.sortkeys ? { ...item, sortkeys: item.sortkeys.map((key, i) => (key === undefined && macros[i] ? '' : key)) } : item);
    const compareKeys = this.compareKeys;
    this.compareKeys = (a, b) => compareKeys(withEmptyMacros(a), withEmptyMacros(b));
    this.compareCompositeKeys = (a, b) => this.compareKeys(a[1], b[1]);
  }
  registry.Comparifier = PandocComparifier as unknown as typeof Comparifier;
}
