/** Values written as Pandoc reads them, for the essay schema: `nocite` in each of its forms, and free-text dates. */

/**
 * The keys of Pandoc's `nocite` in any form Pandoc reads: "@a, @b", "[@a; @b]", "@*", a list of such
 * strings, or, more leniently than Pandoc, keys written without their @. `@{key}` is Pandoc's form
 * for a key with unusual characters.
 */
export function nociteKeys(value: string | readonly string[]): string[] {
  const keys: string[] = [];
  for (const text of typeof value === 'string' ? [value] : value) {
    if (text.includes('@')) {
      // A key may hold internal punctuation (Pandoc's rule), so punctuation only ends it when no
      // letter or digit follows: "@a, @b." gives a and b.
      for (const match of text.matchAll(/@(?:\{([^}]+)\}|(\*|[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*))/gu)) {
        keys.push((match[1] ?? match[2] ?? '').trim());
      }
    } else {
      keys.push(...text.split(/[\s,;[\]]+/));
    }
  }
  return [...new Set(keys.map((key) => key.trim()).filter(Boolean))];
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export function monthOf(word: string): number | undefined {
  const name = word.toLowerCase().replace(/\.$/, '');
  if (name.length < 3) return undefined;
  const index = MONTHS.findIndex((month) => month.startsWith(name) && (name.length >= 3));
  return index < 0 ? undefined : index + 1;
}

/**
 * A publication date from what an editor wrote: ISO 8601 (2026-11-29, or 2026/11/29), or the
 * unambiguous free forms that Pandoc also reads for `date-meta` ("29 November 2026", "Nov. 29, 2026",
 * "27th May 2026"). Numeric forms
 * with slashes are refused: Pandoc reads 03/04/2026 as 4 March, and half the world means 3 April.
 */
export function essayDate(value: string | Date): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
  if (iso) {
    const date = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
    return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3])) && !Number.isNaN(date.getTime()) ? date : undefined;
  }
  // Year first, with slashes, is unambiguous (2026/11/29), as are ordinals (29th November 2026).
  const yearFirst = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (yearFirst) {
    const [year, month, day] = [Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3])];
    return validDay(year, month, day) ? new Date(Date.UTC(year, month - 1, day)) : undefined;
  }
  const words = text.replace(/\b(\d{1,2})(?:st|nd|rd|th)\b/i, '$1');
  const dayFirst = /^(\d{1,2})\.?\s+([A-Za-z]+\.?)\s+(\d{4})$/.exec(words);
  const monthFirst = /^([A-Za-z]+\.?)\s+(\d{1,2}),?\s+(\d{4})$/.exec(words);
  const parts = dayFirst
    ? { day: Number(dayFirst[1]), month: monthOf(dayFirst[2]!), year: Number(dayFirst[3]) }
    : monthFirst
      ? { day: Number(monthFirst[2]), month: monthOf(monthFirst[1]!), year: Number(monthFirst[3]) }
      : undefined;
  if (!parts?.month || !validDay(parts.year, parts.month, parts.day)) return undefined;
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
