/**
 * Where a search result lands: Pagefind finds essays (one record each, see records.ts) and gives the
 * word indices of the words it matched; this finds the passages those words fall in, best first,
 * each with its excerpt, so that a reader lands on the paragraph, note or entry.
 *
 * Pure and free of Node: it runs in the reader's browser (scripts/search-core.ts) and in the tests.
 */
import type { PassageRow, RecordTables } from './records.ts';

/** A matched word, as Pagefind reports it: its index in the record's words and, when given, its weight. */
export interface MatchedWord {
  readonly location: number;
  readonly balanced_score?: number;
}

export interface LandedPassage {
  /** The passage's anchor (`''`: the top of the page). */
  readonly anchor: string;
  readonly title: string;
  readonly kind: string;
  /** Escaped text, the matched words in `<mark>`. */
  readonly excerpt: string;
}

/** The filters that pick passages rather than essays: by cited work and by cited author. */
export interface PassageFilters {
  readonly works?: readonly string[];
  readonly people?: readonly string[];
}

const EXCERPT_WORDS = 24;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** The last passage starting at or before `word` (rows are in order of their start). */
function passageAt(rows: readonly PassageRow[], word: number): number {
  let low = 0;
  let high = rows.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (rows[middle]![0] <= word) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Does the passage cite one of the chosen works, and one of the chosen authors (as Pagefind's `any`)? */
function citesChosen(row: PassageRow, tables: RecordTables, filters: PassageFilters): boolean {
  const works = filters.works ?? [];
  const people = filters.people ?? [];
  return (works.length === 0 || row[4].some((i) => works.includes(tables.works[i]!))) && (people.length === 0 || row[5].some((i) => people.includes(tables.people[i]!)));
}

/** Up to EXCERPT_WORDS words of the passage around its first match, the matched words marked. */
function excerpt(words: readonly string[], from: number, to: number, marked: ReadonlySet<number>, around: number | undefined): string {
  const length = Math.min(EXCERPT_WORDS, to - from);
  const start = around === undefined ? from : Math.max(from, Math.min(around - Math.floor(length / 3), to - length));
  const out: string[] = [];
  for (let i = start; i < start + length; i++) {
    const word = escapeHtml(words[i] ?? '');
    out.push(marked.has(i) ? `<mark>${word}</mark>` : word);
  }
  return `${start > from ? '… ' : ''}${out.join(' ')}${start + length < to ? ' …' : ''}`;
}

/**
 * The passages of one essay to show for a search: with words, those holding matched words, by their
 * matches' weight (then in reading order); with filters alone, every passage citing what they
 * choose; with neither, the essay's own header. Filters by cited work or author keep only the
 * passages that cite it.
 */
export function landedPassages(content: string, tables: RecordTables, matched: readonly MatchedWord[] | undefined, filters: PassageFilters): LandedPassage[] {
  const words = content.split(/[\r\n\s]+/g);
  const rows = tables.passages;
  if (rows.length === 0) return [];
  const end = (i: number) => rows[i + 1]?.[0] ?? words.length;
  const filtering = (filters.works?.length ?? 0) + (filters.people?.length ?? 0) > 0;
  const land = (i: number, marked: ReadonlySet<number>, around?: number): LandedPassage => {
    const row = rows[i]!;
    return { anchor: row[1], title: row[2], kind: row[3], excerpt: excerpt(words, row[0], end(i), marked, around) };
  };

  if (!matched || matched.length === 0) {
    if (!filtering) return [land(0, new Set())];
    return rows.flatMap((row, i) => (citesChosen(row, tables, filters) ? [land(i, new Set())] : []));
  }
  const byPassage = new Map<number, { score: number; words: number[] }>();
  for (const word of matched) {
    const i = passageAt(rows, word.location);
    const hit = byPassage.get(i) ?? { score: 0, words: [] };
    hit.score += word.balanced_score ?? 1;
    hit.words.push(word.location);
    byPassage.set(i, hit);
  }
  return [...byPassage]
    .filter(([i]) => !filtering || citesChosen(rows[i]!, tables, filters))
    .sort(([a, x], [b, y]) => y.score - x.score || a - b)
    .map(([i, hit]) => land(i, new Set(hit.words), Math.min(...hit.words)));
}

/** A record's tables, from its meta; undefined when it has none (an index made by another version). */
export function recordTables(meta: Readonly<Record<string, string | undefined>>): RecordTables | undefined {
  try {
    const tables = JSON.parse(meta['tables'] ?? '') as RecordTables;
    return Array.isArray(tables.passages) ? tables : undefined;
  } catch {
    return undefined;
  }
}
