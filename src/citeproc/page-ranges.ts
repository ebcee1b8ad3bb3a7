/**
 * A page locator's ranges in the style's `page-range-format` (CSL 1.0.2), as Pandoc's citeproc
 * formats them: `[@kurd1928, 411-425]` in a Chicago style prints "411–25". citeproc-js formats
 * the `page` variable of an entry so, but a locator only when its text carries a "p." label.
 *
 * Formats: `expanded` (321–328), `minimal` (321–8), `minimal-two` (321–28), and Chicago's
 * (`chicago`, `chicago-15`, `chicago-16`): all digits below 100 and from a multiple of 100, the
 * changed part only from 101 to 109 of a hundred, at least two digits from 110 to 199 of a hundred,
 * and (15th edition) all digits of four-digit numbers when three of them change.
 */

export type PageRangeFormat = 'expanded' | 'minimal' | 'minimal-two' | 'chicago' | 'chicago-15' | 'chicago-16';

/** The style's page-range-format, if it has one. */
export function pageRangeFormatOf(styleXml: string): PageRangeFormat | undefined {
  const format = /<style\b[^>]*\bpage-range-format="([^"]+)"/.exec(styleXml)?.[1];
  return format && ['expanded', 'minimal', 'minimal-two', 'chicago', 'chicago-15', 'chicago-16'].includes(format) ? (format as PageRangeFormat) : undefined;
}

/** The last page of a range, as many of its digits as the format keeps. */
function lastPage(first: string, last: string, format: PageRangeFormat): string {
  // A range whose end is shorter than its start is written short already (321-8): expand it first.
  const end = last.length < first.length ? first.slice(0, first.length - last.length) + last : last;
  if (format === 'expanded' || Number(end) <= Number(first)) return end;
  let same = 0;
  while (same < first.length && first[same] === end[same]) same += 1;
  const changed = end.slice(same);
  const keep = (digits: number) => end.slice(Math.max(0, Math.min(same, end.length - digits)));
  if (format === 'minimal') return changed;
  if (format === 'minimal-two') return changed.length >= 2 ? changed : keep(2);
  const start = Number(first);
  if (start < 100 || start % 100 === 0) return end;
  if (start % 100 < 10) return changed;
  if (format !== 'chicago-16' && first.length === 4 && end.length === 4 && changed.length >= 3) return end;
  return changed.length >= 2 ? changed : keep(2);
}

/** A locator with its page ranges in the format (`411-425, 430-433` → `411–25, 430–33`). */
export function formatPageLocator(locator: string, format: PageRangeFormat, delimiter = '–'): string {
  return locator.replace(/\b(\d+)\s*[-–—]+\s*(\d+)\b/g, (_whole, first: string, last: string) => `${first}${delimiter}${lastPage(first, last, format)}`);
}
