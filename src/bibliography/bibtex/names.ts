/**
 * Names as Pandoc 2.17's BibLaTeX reader reads them (Text.Pandoc.Citeproc.BibTeX, toName): the
 * field is read as LaTeX, split at " and ", and each name split as BibLaTeX does, so that a family
 * name of several words keeps a particle in its middle ("Brito da Cunha, Rui"), initials written
 * together are spaced ("R.A. Fisher" is "R. A."), and a braced name is a literal one.
 */
import type { CslName } from '../csl.ts';
import { splitStrWhen, stringify, type Inline } from './inlines.ts';

/** BibLaTeX's options field, as Pandoc's parseOptions reads it (keys and values lower-cased). */
export function parseOptions(options: string | undefined): [string, string][] {
  if (options === undefined) return [];
  return options.split(',').map((option) => {
    const eq = option.indexOf('=');
    return eq === -1 ? [option.trim().toLowerCase(), ''] : [option.slice(0, eq).trim().toLowerCase(), option.slice(eq + 1).trim().toLowerCase()];
  });
}

/** Pandoc's optionSet: the option's first value is "true" or empty. */
export function optionSet(key: string, options: readonly [string, string][]): boolean {
  const value = options.find(([k]) => k === key)?.[1];
  return value === 'true' || value === '';
}

const isSeparator = (x: Inline) => x.t === 'space' || (x.t === 'str' && x.s === '\u00a0');

/** Splits inlines where the test holds (Data.List.Split's splitWhen: empty parts kept). */
function splitWhen(xs: readonly Inline[], test: (x: Inline) => boolean): Inline[][] {
  const parts: Inline[][] = [[]];
  for (const x of xs) {
    if (test(x)) parts.push([]);
    else parts.at(-1)!.push(x);
  }
  return parts;
}

/** wordsBy: words between separators, empty ones dropped. */
function words(xs: readonly Inline[]): Inline[][] {
  return splitWhen(xs, isSeparator).filter((w) => w.length > 0);
}

/** Pandoc's splitByAnd: " and " between two spaces. */
export function splitByAnd(xs: readonly Inline[]): Inline[][] {
  const parts: Inline[][] = [[]];
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k]!;
    const next = xs[k + 1];
    if (x.t === 'space' && next?.t === 'str' && next.s === 'and' && xs[k + 2]?.t === 'space') {
      parts.push([]);
      k += 2;
    } else parts.at(-1)!.push(x);
  }
  return parts;
}

/** "J.G. Smith" is read as "J. G. Smith" (two capital initials joined by a period). */
function addSpaceAfterPeriod(xs: readonly Inline[]): Inline[] {
  const split = splitStrWhen(xs, (c) => c === '.');
  const out: Inline[] = [];
  for (let k = 0; k < split.length; k++) {
    const [a, dot, b] = [split[k]!, split[k + 1], split[k + 2]];
    const single = (x: Inline | undefined): x is { t: 'str'; s: string } => x?.t === 'str' && [...x.s].length === 1;
    if (single(a) && dot?.t === 'str' && dot.s === '.' && single(b) && /^\p{Lu}$/u.test(a.s) && /^\p{Lu}$/u.test(b.s)) {
      out.push(a, dot, { t: 'space' });
      k += 1;
    } else out.push(a);
  }
  return out;
}

/** Pandoc's isCapitalized: the first letter of the word's first text (after digits) is upper case. */
function isCapitalized(word: readonly Inline[]): boolean {
  for (let k = 0; k < word.length; k++) {
    const x = word[k]!;
    if (x.t !== 'str') continue;
    const chars = [...x.s];
    for (let c = 0; c < chars.length; c++) {
      if (/^[\p{Lu}\p{Lt}]$/u.test(chars[c]!)) return true;
      if (!/^[0-9]$/.test(chars[c]!)) return false;
    }
  }
  return true;
}

const unwords = (ws: readonly Inline[][]) => ws.map((w) => stringify(w)).join(' ');

/** One name. `useprefix` and `juniorcomma` come from the entry's options. */
function toName(xs: readonly Inline[], options: readonly [string, string][]): CslName | undefined {
  if (xs.length === 1 && xs[0]!.t === 'str' && xs[0]!.s === 'others') return { literal: 'others' };
  if (xs.length === 1 && xs[0]!.t === 'span' && xs[0]!.kind === 'group') return { literal: stringify(xs[0]!.c) };
  const first = xs[0];
  if (first?.t === 'str' && first.s.includes('=')) return extendedName(xs);
  const commaParts = splitWhen(splitStrWhen(xs, (c) => c === ',' || c === '\u00a0'), (x) => x.t === 'str' && x.s === ',').map(words);
  let given: Inline[][] = [];
  let vonLast: Inline[][] = [];
  let junior: Inline[][] = [];
  if (commaParts.length === 1) {
    const fvl = commaParts[0]!;
    let n = 0;
    while (n < fvl.length && isCapitalized(fvl[n]!)) n++;
    const [caps, rest] = [fvl.slice(0, n), fvl.slice(n)];
    if (rest.length === 0 && caps.length > 0) [given, vonLast] = [caps.slice(0, -1), caps.slice(-1)];
    else [given, vonLast] = [caps, rest];
  } else if (commaParts.length === 2) [vonLast, given] = [commaParts[0]!, commaParts[1]!];
  else [vonLast, junior, given] = [commaParts[0]!, commaParts[1]!, commaParts[2]!];
  // BibLaTeX (not BibTeX): the particle is the words before the first capitalised one.
  let cut = vonLast.findIndex(isCapitalized);
  if (cut === -1) cut = vonLast.length > 0 ? vonLast.length - 1 : 0;
  const [von, last] = [vonLast.slice(0, cut), vonLast.slice(cut)];
  const useprefix = optionSet('useprefix', options);
  const name: CslName = {};
  const [prefix, family, suffix, givenText] = [unwords(von), unwords(last), unwords(junior), unwords(given)];
  if (family) name.family = family;
  if (givenText) name.given = givenText;
  if (prefix) name[useprefix ? 'non-dropping-particle' : 'dropping-particle'] = prefix;
  if (suffix) name.suffix = suffix;
  if (optionSet('juniorcomma', options)) name['comma-suffix'] = true;
  return Object.keys(name).length === 0 ? undefined : name;
}

/**
 * BibLaTeX's extended name format ("family=Rossum, given=Guido, prefix=van, useprefix=true"): the
 * parts are split at commas and "=", given= parts add up, prefix= is a dropping particle that a
 * later useprefix=true (per name; the entry's options do not count) makes non-dropping.
 */
function extendedName(xs: readonly Inline[]): CslName | undefined {
  const parts = splitWhen(splitStrWhen(xs, (c) => c === ',' || c === '=' || c === '\u00a0'), (x) => x.t === 'str' && x.s === ',');
  const name: CslName = {};
  for (const part of parts) {
    let k = 0;
    while (part[k]?.t === 'space') k++;
    const [key, eq] = [part[k], part[k + 1]];
    if (key?.t !== 'str' || eq?.t !== 'str' || eq.s !== '=') continue;
    const rest = part.slice(k + 2);
    const value = stringify(rest);
    if (key.s === 'given') name.given = name.given === undefined ? value : `${name.given} ${value}`;
    else if (key.s === 'family') name.family = value;
    else if (key.s === 'prefix') name['dropping-particle'] = value;
    else if (key.s === 'suffix') name.suffix = value;
    else if (key.s === 'useprefix' && rest[0]?.t === 'str' && rest[0].s === 'true') {
      const particle = name['dropping-particle'];
      delete name['dropping-particle'];
      delete name['non-dropping-particle'];
      if (particle !== undefined) name['non-dropping-particle'] = particle;
    }
  }
  return Object.keys(name).length === 0 ? undefined : name;
}

/** A name list (author, editor…) as Pandoc reads it from the field's inlines. */
export function readNames(inlines: readonly Inline[], options: readonly [string, string][]): CslName[] {
  return splitByAnd(inlines)
    .map((name) => toName(addSpaceAfterPeriod(name), options))
    .filter((name): name is CslName => name !== undefined);
}
