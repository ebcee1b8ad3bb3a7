/**
 * citeproc-js, configured as Apparatus formats with it. Its settings are properties of the library
 * object (global to the process), so they are set by this one call, which the engine makes before
 * it compiles a style, rather than as a side effect of importing a module.
 */
import CSL from 'citeproc';

/**
 * The words CSL's title case leaves in lower case, as the CSL specification lists them (and Pandoc
 * uses them). citeproc-js ships a longer list ("during", "among", …) that makes titles differ from
 * Pandoc's; it reads the list when an engine is made.
 */
const SKIP_WORDS = ['a', 'an', 'and', 'as', 'at', 'but', 'by', 'down', 'for', 'from', 'in', 'into', 'nor', 'of', 'on', 'onto', 'or', 'over', 'so', 'the', 'till', 'to', 'up', 'via', 'with', 'yet'];

let configured = false;

/** The citeproc-js library, with Apparatus's settings applied (once per process). */
export function configuredCiteproc(): typeof CSL {
  if (!configured) {
    CSL.SKIP_WORDS = [...SKIP_WORDS];
    namesRunTogetherInSortKeys();
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
