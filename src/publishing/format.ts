/** Formatting of dates and names for display: deterministic, independent of the machine's locale. */
import type { Author } from '../schemas/essay.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-11-29` → `29 November 2026`, read in UTC so the day never shifts with the time zone. */
export function displayDate(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** `2026-11-29`, for `<time datetime>`. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "A", "A and B", "A, B and C"; an essay that names no author is shown as anonymous. */
export function authorLine(authors: readonly Author[]): string {
  const names = authors.map((a) => a.name);
  if (names.length === 0) return 'Anonymous';
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Minutes to read, at 230 words a minute (a common estimate for non-fiction). */
export function readingMinutes(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / 230));
}
