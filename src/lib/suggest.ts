/**
 * "Did you mean …?" suggestions for mistyped citation keys, frontmatter fields and file names.
 */

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("nagthon" → "naghton"). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i]!;
      const prev = d[i - 1]!;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      row[j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidates closest to `word`, best first. A candidate qualifies when it is within roughly a third
 * of the word's length in edits, or when one contains the other (a key cited without its year:
 * `naughton` → `naughton1991`, `naughton2007`).
 */
export function closestMatches(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = word.toLowerCase();
  const budget = Math.max(2, Math.floor(needle.length / 3));
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of candidates) {
    const hay = candidate.toLowerCase();
    const distance = editDistance(needle, hay);
    const contains = needle.length >= 3 && (hay.includes(needle) || needle.includes(hay));
    if (distance <= budget || contains) {
      scored.push({ candidate, score: contains ? Math.min(distance, budget) : distance });
    }
  }
  scored.sort((x, y) => x.score - y.score || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, limit).map((s) => s.candidate);
}

/** `did you mean naughton2007?` / `did you mean a, b or c?`, or undefined when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const matches = closestMatches(word, candidates);
  if (matches.length === 0) return undefined;
  if (matches.length === 1) return `did you mean ${matches[0]}?`;
  return `did you mean ${matches.slice(0, -1).join(', ')} or ${matches.at(-1)}?`;
}
