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
    configured = true;
  }
  return CSL;
}
