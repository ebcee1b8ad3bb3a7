/**
 * Sort keys compared as Pandoc's citeproc compares them, for citeproc-js (its `stringCompare`).
 *
 * citeproc-js compares whole keys at the collator's base strength, so that "Müller, Ö." and
 * "Müller, O." (or "Lévy" and "Levy") are equal and the next key (the year) decides. Pandoc's
 * citeproc case-folds a key, splits it into words (at spaces, commas and apostrophes) and compares
 * them word by word with the Unicode collation of the document's language, in which an accent
 * still tells two words apart once their letters are equal: "Müller, O." before "Müller, Ö.", a
 * shorter key before a longer one that it begins.
 */

/** A comparison of two of citeproc-js's sort keys (words separated by "|"), as in Pandoc. */
export function pandocStringCompare(lang: string): (a: string, b: string) => number {
  const collator = new Intl.Collator(lang, { sensitivity: 'accent', ignorePunctuation: true });
  // A sort compares the same keys many times: each is split once.
  const split = new Map<string, string[]>();
  const words = (key: string): string[] => {
    let found = split.get(key);
    if (!found) {
      if (split.size > 10_000) split.clear();
      found = key
        .toLocaleLowerCase(lang)
        .split(/[|\s,'’ʾʿ]+/u)
        .filter((word) => word !== '');
      split.set(key, found);
    }
    return found;
  };
  return (a, b) => {
    const x = words(a);
    const y = words(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const order = collator.compare(x[i]!, y[i]!);
      if (order !== 0) return order;
    }
    return x.length - y.length;
  };
}
