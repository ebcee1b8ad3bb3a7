/**
 * One entry's CSL-JSON, as Pandoc 2.17's BibLaTeX reader makes it (itemToReference in
 * Text.Pandoc.Citeproc.BibTeX): titles in sentence case only when both the essay and the entry
 * are English, publisher from school, institution, organization, howpublished and publisher,
 * names, dates, numbers, URLs and notes.
 */
import type { CslEntry } from '../csl.ts';
import { unTitlecase } from './case.ts';
import { readDate } from './dates.ts';
import { append, concat, mapStr, render, splitStrWhen, stringify, type Inline } from './inlines.ts';
import { parseLatex } from './latex.ts';
import { parseOptions, readNames, splitByAnd } from './names.ts';
import type { Item } from './scan.ts';
import { SERIES_ORDINALS } from './series-ordinals.ts';
import { languageOf, resolveKey, toIETF } from './strings.ts';
import { typeAndGenre } from './types.ts';

const CHAPTERLIKE = new Set(['inbook', 'incollection', 'inproceedings', 'inreference', 'bookinbook']);
const BOOKLIKE = new Set(['book', 'collection', 'proceedings', 'reference', 'mvbook', 'mvcollection', 'mvproceedings', 'mvreference', 'bookinbook', 'inbook', 'incollection', 'inproceedings', 'inreference', 'suppbook', 'suppcollection']);
const ARTICLELIKE = new Set(['article', 'periodical', 'suppperiodical', 'review']);
const LANGID_VARIANTS: Readonly<Record<string, string>> = {
  'variant=british': 'british', 'variant=american': 'american', 'variant=us': 'american', 'variant=usmax': 'american',
  'variant=uk': 'british', 'variant=australian': 'australian', 'variant=newzealand': 'newzealand',
};

/** Joins parts as Pandoc's concatWith: with the separator, unless a part already ends in punctuation. */
export function concatWith(sep: string, parts: readonly (readonly Inline[] | undefined)[]): Inline[] {
  let acc: Inline[] = [];
  for (const part of parts) {
    if (!part || part.length === 0) continue;
    if (acc.length === 0) {
      acc = [...part];
      continue;
    }
    const last = acc.at(-1);
    acc = last?.t === 'str' && /[!?.,:;]$/.test(last.s) ? concat(acc, [{ t: 'space' }], part) : concat(acc, [{ t: 'str', s: sep }, { t: 'space' }], part);
  }
  return acc;
}

/** The CSL-JSON Pandoc makes of one entry, read for an essay in `language` (a BCP 47 tag). */
export function itemToCsl(item: Item, language: string): CslEntry {
  const f = item.fields;
  const et = item.type;
  const bibstring = (key: string) => resolveKey(language, key);
  // Each field is read once (a title is asked for in several places).
  const read = new Map<string, Inline[] | undefined>();
  const field = (name: string): Inline[] | undefined => {
    if (!read.has(name)) {
      const raw = f.get(name);
      read.set(name, raw === undefined ? undefined : parseLatex(raw, bibstring));
    }
    return read.get(name);
  };
  const langid = f.get('langid')?.trim().toLowerCase();
  const variant = LANGID_VARIANTS[stringify(field('langidopts') ?? []).trim().toLowerCase()];
  const hyphenation = langid === 'english' && variant ? variant : (langid ?? f.get('hyphenation')?.toLowerCase());
  const entryLanguage = hyphenation === undefined ? undefined : toIETF(hyphenation);
  // Pandoc brings titles to sentence case only when the essay is English and the entry is too.
  const untitlecase = languageOf(language) === 'en' && (entryLanguage === undefined || entryLanguage.startsWith('en-'));
  const cased = new Map<string, Inline[] | undefined>();
  const title = (name: string): Inline[] | undefined => {
    if (!cased.has(name)) cased.set(name, readTitle(name));
    return cased.get(name);
  };
  const readTitle = (name: string): Inline[] | undefined => {
    let value = field(name);
    if (value === undefined) return undefined;
    // A series that is a biblatex key ("newseries") is that key's text. (Pandoc also translates
    // each word of a series that is a key, "Studies and Essays" → "Studies et Essays" in French.)
    if (name === 'series' && resolveKey(language, f.get(name)!.trim()) !== f.get(name)!.trim()) value = [{ t: 'str', s: resolveKey(language, f.get(name)!.trim()) }];
    return untitlecase ? unTitlecase(value) : value;
  };
  const literalList = (name: string): Inline[][] | undefined => {
    const value = field(name);
    return value === undefined ? undefined : splitByAnd(value);
  };
  const joined = (parts: Inline[][] | undefined): Inline[] | undefined => {
    if (!parts) return undefined;
    const out: Inline[] = [];
    parts.forEach((part, k) => {
      if (k > 0) out.push({ t: 'str', s: ';' }, { t: 'space' });
      out.push(...part);
    });
    return out;
  };
  const options = parseOptions(f.get('options'));
  const isArticle = ARTICLELIKE.has(et);
  const isPeriodical = et === 'periodical';
  const isChapterlike = CHAPTERLIKE.has(et);
  const hasMaintitle = f.has('maintitle');
  const main = hasMaintitle && !isChapterlike;

  const names = (name: string) => {
    const value = f.get(name);
    if (value === undefined) return undefined;
    const list = readNames(parseLatex(value, bibstring), options);
    return list.length > 0 ? list : undefined;
  };
  const editorIsDirector = f.get('editortype') === 'director';

  const number = field('number');
  let [numberVar, collectionNumber, issue] = [undefined, undefined, undefined] as (Inline[] | undefined)[];
  if (number) {
    if (BOOKLIKE.has(et)) collectionNumber = number;
    else if (isArticle) issue = f.has('issue') ? concatWith(',', [number, field('issue')]) : number;
    else numberVar = number;
  }
  const [volume, part] = [field('volume'), field('part')];

  const t = (isPeriodical ? title('issuetitle') : undefined) ?? (main ? title('maintitle') : undefined) ?? title('title');
  const subtitle = (isPeriodical ? title('issuesubtitle') : undefined) ?? (main ? title('mainsubtitle') : undefined) ?? title('subtitle') ?? [];
  const titleaddon = (main ? title('maintitleaddon') : undefined) ?? title('titleaddon') ?? [];
  const volumeTitle = main ? title('title') : hasMaintitle && isChapterlike ? title('booktitle') : undefined;
  const volumeSubtitle = (main ? title('subtitle') : hasMaintitle && isChapterlike ? title('booksubtitle') : undefined) ?? [];
  const volumeAddon = (main ? title('titleaddon') : hasMaintitle && isChapterlike ? title('booktitleaddon') : undefined) ?? [];
  const container =
    (isPeriodical ? field('title') : undefined) ??
    (isChapterlike ? (title('maintitle') ?? title('booktitle')) : undefined) ??
    field('journaltitle') ??
    field('journal');
  const containerSubtitle =
    (isPeriodical ? field('subtitle') : undefined) ?? (isChapterlike ? (title('mainsubtitle') ?? title('booksubtitle')) : undefined) ?? field('journalsubtitle') ?? [];
  const containerAddon = (isPeriodical ? field('titleaddon') : undefined) ?? (isChapterlike ? (title('maintitleaddon') ?? title('booktitleaddon')) : undefined) ?? [];
  const containerShort = (isPeriodical && !hasMaintitle ? field('shorttitle') : undefined) ?? field('shortjournal');
  let series = title('series');
  const only = series?.length === 1 ? series[0] : undefined;
  if (only?.t === 'str' && /^-?\d+$/.test(only.s)) series = seriesNumber(only.s, language);
  const shortTitle = ((): Inline[] | undefined => {
    if (!hasMaintitle || isChapterlike) {
      const short = title('shorttitle');
      if (short) return short;
    }
    const whole = title('title');
    if (!whole) return undefined;
    const requireColon = !((subtitle.length > 0 || titleaddon.length > 0) && !hasMaintitle);
    const split = splitStrWhen(whole, (c) => c === ':');
    const colon = split.findIndex((x) => x.t === 'str' && x.s === ':');
    if (requireColon && colon === -1) return undefined;
    return concat(colon === -1 ? split : split.slice(0, colon));
  })();

  const pubfields = ['school', 'institution', 'organization', 'howpublished', 'publisher']
    .map((name) => (name === 'howpublished' ? field(name) : joined(literalList(name))))
    .filter((x): x is Inline[] => x !== undefined);
  const place = joined(literalList('address')) ?? (et !== 'patent' ? joined(literalList('location')) : undefined);
  const { type, genre } = typeAndGenre(et, f, language, (raw) => stringify(parseLatex(raw, bibstring)));
  const jurisdiction = type === 'patent' ? literalList('location')?.map((x) => [{ t: 'str' as const, s: resolveKey(language, stringify(x)) }]) : undefined;

  const url = (() => {
    if ((et === 'online' || options.find(([k]) => k === 'url')?.[1] !== 'false') && f.has('url')) return f.get('url');
    const base = ({ arxiv: 'https://arxiv.org/abs/', jstor: 'https://www.jstor.org/stable/', pubmed: 'https://www.ncbi.nlm.nih.gov/pubmed/', googlebooks: 'https://books.google.com?id=' } as Record<string, string>)[
      (f.get('eprinttype') ?? '').toLowerCase()
    ];
    return base && f.has('eprint') ? base + f.get('eprint') : undefined;
  })();
  const issued = readDate('', (n) => f.get(n), (n) => (f.has(n) ? stringify(field(n)!) : undefined));
  const pubstate = f.has('pubstate')
    ? resolveKey(language, stringify(field('pubstate')!)) !== stringify(field('pubstate')!)
      ? [{ t: 'str' as const, s: resolveKey(language, stringify(field('pubstate')!)) }]
      : field('pubstate')
    : issued?.literal === 'forthcoming'
      ? [{ t: 'str' as const, s: 'forthcoming' }]
      : undefined;

  const out: Record<string, unknown> = { id: item.key, type };
  const set = (name: string, value: unknown) => {
    if (value !== undefined) out[name] = value;
  };
  const fancy = (name: string, value: readonly Inline[] | undefined) => set(name, value === undefined ? undefined : render(value));
  const date = (prefix: string) => readDate(prefix, (n) => f.get(n), (n) => (f.has(n) ? stringify(field(n)!) : undefined));
  set('other-ids', f.get('ids'));
  set('genre', genre);
  set('language', entryLanguage);
  set('accessed', date('url'));
  set('event-date', date('event'));
  set('issued', issued);
  set('original-date', date('orig'));
  set('author', names('author'));
  set(editorIsDirector ? 'director' : 'editor', names('editor'));
  if (!editorIsDirector) set('director', names('director'));
  set('translator', names('translator'));
  set('container-author', names('bookauthor'));
  fancy('page', field('pages') && mapStr(field('pages')!, (s) => s.replace(/–/g, '-')));
  fancy('number-of-pages', field('pagetotal'));
  fancy('volume', volume && part ? concat(volume, [{ t: 'str', s: '.' }], part) : (volume ?? part));
  fancy('number-of-volumes', field('volumes'));
  fancy('chapter-number', field('chapter'));
  fancy('edition', field('edition'));
  fancy('version', field('version'));
  fancy('number', numberVar);
  fancy('collection-number', collectionNumber);
  fancy('issue', issue);
  fancy('original-title', title('origtitle'));
  fancy('event', title('eventtitle'));
  fancy('title', t && concatWith('.', [concatWith(':', [t, subtitle]), titleaddon]));
  fancy('volume-title', volumeTitle && concatWith('.', [concatWith(':', [volumeTitle, volumeSubtitle]), volumeAddon]));
  fancy('container-title', container && concatWith('.', [concatWith(':', [container, containerSubtitle]), containerAddon]));
  fancy('container-title-short', containerShort);
  fancy('collection-title', series);
  fancy('title-short', shortTitle);
  fancy('publisher', pubfields.length > 0 ? concatWith(';', pubfields) : undefined);
  fancy('original-publisher', field('origpublisher'));
  fancy('jurisdiction', jurisdiction && concatWith(';', jurisdiction));
  fancy('event-place', field('venue'));
  fancy('publisher-place', place);
  fancy('original-publisher-place', joined(literalList('origlocation')));
  set('URL', url);
  if (options.find(([k]) => k === 'doi')?.[1] !== 'false') set('DOI', f.get('doi'));
  set('ISBN', f.get('isbn'));
  set('ISSN', f.get('issn'));
  set('PMCID', f.get('pmcid'));
  set('PMID', f.get('pmid'));
  set('call-number', f.get('library'));
  const note = et === 'periodical' ? undefined : field('note');
  fancy('note', note || f.has('addendum') ? concatWith('.', [note, field('addendum')]) : undefined);
  fancy('annote', field('annotation') ?? field('annote'));
  fancy('abstract', field('abstract'));
  fancy('keyword', field('keywords'));
  fancy('status', pubstate);
  return out as CslEntry;
}

/** A series that is a number: "3" is the "3rd series", in the reading's language. */
function seriesNumber(n: string, language: string): Inline[] {
  const ordinals = SERIES_ORDINALS[languageOf(language)];
  const suffix = ordinals?.[n.padStart(2, '0')] ?? ordinals?.['ordinal'] ?? '';
  const out: Inline[] = [];
  for (const x of [{ t: 'str', s: `${n}${suffix}` }, { t: 'space' }, { t: 'str', s: resolveKey(language, 'jourser') }] as Inline[]) append(out, x);
  return out;
}
