/**
 * Dates as Pandoc 2.17 reads them from BibTeX: a BibLaTeX date field in EDTF (citeproc's
 * rawDateEDTF: "2001", "2001-03-04", ranges "2001/2003", open "2001/", approximate "2001~"), else
 * the old year, month, day fields (a year that is not a number is a literal date).
 */
import type { CslDate } from '../csl.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Haskell's readMay for an Int: digits with an optional minus, spaces around allowed. */
function readInt(text: string | undefined): number | undefined {
  return text !== undefined && /^\s*-?\d+\s*$/.test(text) ? Number(text.trim()) : undefined;
}

/** Citeproc's rawDateEDTF; undefined when the text is not such a date. */
export function edtf(raw: string): CslDate | undefined {
  const split = raw.split('/');
  let text = raw;
  if (split.length === 1 && raw.includes('u')) text = `${raw.replace(/u/g, '0')}/${raw.replace(/u/g, '9')}`;
  else if (split.length === 2 && (split[1] === 'open' || split[1] === 'unknown')) text = `${split[0]}/`;
  const ranges = text.split('/').map((part) => part.trim());
  const circa = ranges.some((part) => part.endsWith('~'));
  const parts: number[][] = [];
  for (const range of ranges) {
    let t = range;
    const hasY = t.startsWith('y');
    if (hasY) t = t.slice(1);
    const negative = t.startsWith('-');
    if (negative) t = t.slice(1);
    t = /^[^~?%T]*/.exec(t)![0];
    const pieces = t.split('-');
    if (pieces.length === 1 && pieces[0] === '') {
      parts.push([0]);
      continue;
    }
    if (pieces.length > 3) return undefined;
    const [y, m, d] = pieces;
    if (!(y!.length === 4 || (hasY && y!.length >= 4)) || !/^\d+$/.test(y!)) return undefined;
    if (m !== undefined && (m.length !== 2 || !/^\d+$/.test(m))) return undefined;
    if (d !== undefined && (d.length !== 2 || !/^\d+$/.test(d))) return undefined;
    const year = negative ? -Number(y) - 1 : Number(y);
    parts.push([year, ...(m === undefined ? [] : [Number(m)]), ...(d === undefined ? [] : [Number(d)])]);
  }
  return { 'date-parts': parts, ...(circa ? { circa: true } : {}) } as CslDate;
}

/**
 * The date Pandoc reads for a prefix ('' for the publication date, 'event', 'orig', 'url'): the
 * EDTF field (`date`, `eventdate`, …) if it parses, else the old fields. `field` gives a raw field
 * value; `text` a field's plain text as LaTeX reads it.
 */
export function readDate(
  prefix: string,
  field: (name: string) => string | undefined,
  text: (name: string) => string | undefined,
): CslDate | undefined {
  const raw = field(prefix === '' ? 'date' : `${prefix}date`);
  const parsed = raw === undefined ? undefined : edtf(raw.replace(/\u00a0/g, '~'));
  if (parsed) return parsed;
  return oldDate(prefix, field, text);
}

function oldDate(prefix: string, field: (name: string) => string | undefined, text: (name: string) => string | undefined): CslDate | undefined {
  const fixLeadingDash = (t: string) => (/^[–—]\d/.test(t) ? `–${t.slice(1)}` : t);
  const month = (value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const index = MONTHS.indexOf(value.toLowerCase());
    return index >= 0 ? index + 1 : readInt(value);
  };
  const yearText = text(`${prefix}year`);
  const year = yearText === undefined ? undefined : readInt(fixLeadingDash(yearText));
  const endYearText = text(`${prefix}endyear`);
  const endYear = endYearText === undefined ? undefined : readInt(fixLeadingDash(endYearText));
  const dateParts = (y: number | undefined, m: number | undefined, d: number | undefined): number[] =>
    y === undefined ? [] : m === undefined ? [y] : d === undefined ? [y, m] : [y, m, d];
  const parts = [
    dateParts(year, month(field(`${prefix}month`)), readInt(field(`${prefix}day`))),
    dateParts(endYear, month(text(`${prefix}endmonth`)), readInt(text(`${prefix}endday`))),
  ].filter((p) => p.length > 0);
  if (parts.length > 0) return { 'date-parts': parts } as CslDate;
  const literal = field(`${prefix}year`);
  if (literal === undefined) return undefined;
  // Pandoc's legacyDateRanges: a literal "2001_2003" is the range 2001/2003.
  const halves = literal.split('_');
  if (halves.length === 2) {
    const range = edtf(`${halves[0]}/${halves[1]}`);
    if (range) return range;
  }
  return { literal } as CslDate;
}
