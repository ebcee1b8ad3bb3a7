/**
 * Dates written as Quarto and Pandoc documents write them that are not a day in ISO form (month
 * first with slashes, a year or a month alone): taken as a day, with a warning that says which.
 */
import type { Diagnostic } from '../lib/diagnostics.ts';
import { monthOf } from '../schemas/pandoc-values.ts';
import type { Fields, Locate } from './metadata-fields.ts';

/**
 * Quarto reads a date with slashes month first (`11/08/2024` is 8 November), as JavaScript does;
 * Apparatus reads no date it cannot read for certain, but takes a Quarto document's as Quarto did,
 * with a warning that says which day it took.
 */
export function quartoDate(data: Fields, file: string, locate: Locate, diagnostics: Diagnostic[]): Fields {
  const date = data['date'];
  const slashed = typeof date === 'string' ? /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(date) : undefined;
  if (!slashed) return data;
  const [month, day, year] = [Number(slashed[1]), Number(slashed[2]), Number(slashed[3])];
  const taken = new Date(Date.UTC(year, month - 1, day));
  if (taken.getUTCMonth() !== month - 1 || taken.getUTCDate() !== day) return data;
  const iso = taken.toISOString().slice(0, 10);
  diagnostics.push({
    file,
    ...locate(['date']),
    severity: 'warning',
    rule: 'frontmatter/date-read-as-quarto',
    message: `"${String(date)}" is read as ${taken.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}, month first, as Quarto reads it.`,
    hint: `Write date: ${iso} to say so for certain.`,
  });
  return { ...data, date: iso };
}

/**
 * A date that names a year or a month but no day (`2017`, `2017-05`, `May 2017`, as theses and
 * reports give one): Apparatus dates every essay by its day, so the first day is taken, with a
 * warning that says so and asks for the day.
 */
export function partialDate(data: Fields, field: 'date' | 'revised', file: string, locate: Locate, diagnostics: Diagnostic[]): Fields {
  const written = data[field];
  const text = typeof written === 'number' ? String(written) : typeof written === 'string' ? written.trim() : undefined;
  if (text === undefined) return data;
  const named = /^([A-Za-z]+\.?),?\s+(\d{4})$/.exec(text);
  const yearMonth = /^(\d{4})(?:-(\d{1,2}))?$/.exec(text) ?? (named && monthOf(named[1]!) ? [text, named[2]!, String(monthOf(named[1]!))] : undefined);
  if (!yearMonth) return data;
  const year = Number(yearMonth[1]);
  const month = yearMonth[2] === undefined ? 1 : Number(yearMonth[2]);
  if (year < 1000 || month < 1 || month > 12) return data;
  const iso = `${yearMonth[1]}-${String(month).padStart(2, '0')}-01`;
  const taken = new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  diagnostics.push({
    file,
    ...locate([field]),
    severity: 'warning',
    rule: 'frontmatter/date-without-day',
    message: `"${text}" names no day: Apparatus dates an essay by its day, and took ${taken}.`,
    hint: `Write the day it was published, as ${field}: ${iso.slice(0, 7)}-DD.`,
  });
  return { ...data, [field]: iso };
}
