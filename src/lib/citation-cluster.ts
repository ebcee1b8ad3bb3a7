/**
 * Parses Pandoc's citation syntax into citation clusters, the unit a CSL processor formats:
 *
 *   [@a]  [@a, p. 33]  [see @a, pp. 3-5, for the data]  [@a; @b]  [-@a]   (in parentheses or a note)
 *   @a  @a [p. 4]                                                        (the author in the text)
 *
 * Locators follow Pandoc's rules: a CSL label term (`p.`, `chap.`, `sec.`, `para.`, `fig.` …) or,
 * when the suffix starts with a number, a page; the locator runs through numbers, ranges and lists
 * ("33-35, 38-39") and the rest is the suffix. `{…}` marks a locator explicitly.
 */
import { findCitationKeys } from './citation-syntax.ts';

export interface CitationItem {
  readonly key: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly locator?: string;
  /** CSL locator label (`page`, `chapter`, …), when there is a locator. */
  readonly label?: string;
  readonly suppressAuthor: boolean;
}

export interface CitationCluster {
  /** Offset of the cluster's first character in the text. */
  readonly start: number;
  readonly end: number;
  /** `author-in-text` for a bare `@key`: the author's name is part of the sentence. */
  readonly mode: 'normal' | 'author-in-text';
  readonly items: readonly CitationItem[];
}

/** CSL locator labels and the terms writers use for them (English, with common German and French). */
const LOCATOR_TERMS: Readonly<Record<string, readonly string[]>> = {
  act: ['act', 'acts'],
  appendix: ['appendix', 'appendices', 'app.', 'apps.'],
  article: ['article', 'articles', 'art.', 'arts.'],
  book: ['book', 'books', 'bk.', 'bks.'],
  canon: ['canon', 'canons', 'c.', 'cc.'],
  chapter: ['chapter', 'chapters', 'chap.', 'chaps.', 'ch.', 'chs.', 'kapitel', 'kap.'],
  column: ['column', 'columns', 'col.', 'cols.'],
  equation: ['equation', 'equations', 'eq.', 'eqs.'],
  figure: ['figure', 'figures', 'fig.', 'figs.', 'abb.'],
  folio: ['folio', 'folios', 'fol.', 'fols.'],
  issue: ['number', 'numbers', 'no.', 'nos.', 'issue', 'issues'],
  line: ['line', 'lines', 'l.', 'll.'],
  note: ['note', 'notes', 'n.', 'nn.'],
  opus: ['opus', 'opera', 'op.', 'opp.'],
  page: ['page', 'pages', 'p.', 'pp.', 's.', 'seite', 'seiten'],
  paragraph: ['paragraph', 'paragraphs', 'para.', 'paras.', 'par.', 'pars.', '¶', '¶¶'],
  part: ['part', 'parts', 'pt.', 'pts.'],
  rule: ['rule', 'rules', 'r.', 'rr.'],
  scene: ['scene', 'scenes', 'sc.', 'scs.'],
  section: ['section', 'sections', 'sec.', 'secs.', 'sect.', '§', '§§'],
  'sub verbo': ['sub verbo', 'sub verbis', 's.v.', 's.vv.'],
  table: ['table', 'tables', 'tbl.', 'tbls.'],
  timestamp: ['timestamp', 'timestamps'],
  title: ['title', 'titles', 'tit.', 'tits.'],
  verse: ['verse', 'verses', 'v.', 'vv.'],
  volume: ['volume', 'volumes', 'vol.', 'vols.', 'bd.'],
};

/** Longest terms first, so `pp.` is tried before `p.` and `sub verbo` before `s.`. */
const TERMS = Object.entries(LOCATOR_TERMS)
  .flatMap(([label, terms]) => terms.map((term) => ({ term, label })))
  .sort((a, b) => b.term.length - a.term.length);

/** One locator value: a number, roman numeral or word-number, with an optional range. */
const VALUE = String.raw`(?:[\p{N}]+[\p{L}]?|[ivxlcdm]+)(?:\s*[-–—]\s*(?:[\p{N}]+[\p{L}]?|[ivxlcdm]+))?`;
const LOCATOR_VALUES = new RegExp(String.raw`^${VALUE}(?:\s*(?:,|&|and)\s*${VALUE})*`, 'iu');

export interface ParsedLocator {
  readonly locator?: string;
  readonly label?: string;
  readonly suffix?: string;
}

/** Splits what follows a key (", p. 33, and elsewhere") into locator, label and suffix. */
export function parseLocator(raw: string): ParsedLocator {
  let rest = raw.replace(/^\s*,\s*/, '');
  if (rest.trim() === '') return {};
  const explicit = /^\{([^}]*)\}/.exec(rest);
  if (explicit) {
    const inner = explicit[1]!.trim();
    const term = TERMS.find(({ term }) => inner.toLowerCase().startsWith(`${term} `) || inner.toLowerCase() === term);
    const after = rest.slice(explicit[0].length);
    return {
      locator: term ? inner.slice(term.term.length).trim() : inner,
      label: term?.label ?? 'page',
      ...(after.trim() ? { suffix: after } : {}),
    };
  }
  let label: string | undefined;
  for (const { term, label: candidate } of TERMS) {
    const head = rest.slice(0, term.length).toLowerCase();
    if (head === term && /^(\s|$|\p{N})/u.test(rest.slice(term.length))) {
      label = candidate;
      rest = rest.slice(term.length).trimStart();
      break;
    }
  }
  const values = LOCATOR_VALUES.exec(rest);
  // A roman numeral only counts after a label: "[@a, vi]" is a suffix, "[@a, p. vi]" a locator.
  const startsWithNumber = /^\p{N}/u.test(rest);
  if (values && (label || startsWithNumber)) {
    const suffix = rest.slice(values[0].length);
    return { locator: values[0].trim(), label: label ?? 'page', ...(suffix.trim() ? { suffix } : {}) };
  }
  // No locator: the whole text is a suffix (Pandoc keeps its leading comma).
  return { suffix: raw.startsWith(',') ? raw : ` ${raw.trimStart()}` };
}

/** Every locator term, for suggestions ("pg" → "p."). */
export const LOCATOR_TERM_LIST: readonly string[] = TERMS.map((t) => t.term);

/**
 * A suffix that reads like a locator the parser did not recognise (", pg 33", ", chapt. 4"): the
 * writer meant a locator, but it will print as plain text after the citation. Returns the word that
 * stood where a label should, or undefined when the suffix is ordinary text.
 */
export function unparsedLocatorLabel(suffix: string): string | undefined {
  const match = /^\s*,?\s*([\p{L}]{1,10}\.?)\s*\p{N}/u.exec(suffix);
  const word = match?.[1];
  return word && !PROSE_WORDS.has(word.toLowerCase().replace(/\.$/, '')) ? word : undefined;
}

/** Words that may stand before a number in an ordinary suffix ("[@a, and 1998]"). */
const PROSE_WORDS = new Set(['and', 'or', 'see', 'cf', 'also', 'in', 'on', 'at', 'from', 'to', 'for', 'the', 'of', 'since', 'until', 'after', 'before', 'esp', 'eg', 'ie']);

function parseItem(raw: string, keyOffset: number, key: string, keyEnd: number): CitationItem {
  const before = raw.slice(0, keyOffset);
  const suppressAuthor = before.trimEnd().endsWith('-');
  const prefix = (suppressAuthor ? before.trimEnd().slice(0, -1) : before).trim();
  const located = parseLocator(raw.slice(keyEnd));
  return {
    key,
    suppressAuthor,
    ...(prefix ? { prefix } : {}),
    ...(located.locator !== undefined ? { locator: located.locator, label: located.label ?? 'page' } : {}),
    ...(located.suffix !== undefined ? { suffix: located.suffix.replace(/\s+$/, '') } : {}),
  };
}

/** Finds every citation cluster in a run of text, in order. */
export function findCitationClusters(text: string): CitationCluster[] {
  const clusters: CitationCluster[] = [];
  const keys = findCitationKeys(text);
  let i = 0;
  while (i < keys.length) {
    const token = keys[i]!;
    const open = text.lastIndexOf('[', token.start);
    const close = open === -1 ? -1 : text.indexOf(']', token.end);
    const bracketed = open !== -1 && close !== -1 && !text.slice(open + 1, token.start).includes(']') && !text.slice(token.end, close).includes('[');
    if (bracketed) {
      const inside = keys.filter((k) => k.start > open && k.end <= close);
      const body = text.slice(open + 1, close);
      const items: CitationItem[] = [];
      let cursor = 0;
      for (const part of body.split(';')) {
        const partStart = open + 1 + cursor;
        cursor += part.length + 1;
        const key = inside.find((k) => k.start >= partStart && k.end <= partStart + part.length);
        if (!key) continue;
        items.push(parseItem(part, key.start - partStart, key.key, key.end - partStart));
      }
      clusters.push({ start: open, end: close + 1, mode: 'normal', items });
      i += inside.length;
      continue;
    }
    // `@key` in the sentence, with an optional `[locator]` right after it.
    const after = /^\s?\[([^\]@]*)\]/.exec(text.slice(token.end));
    const located = after ? parseLocator(after[1]!) : {};
    clusters.push({
      start: token.start,
      end: token.end + (after ? after[0].length : 0),
      mode: 'author-in-text',
      items: [
        {
          key: token.key,
          suppressAuthor: false,
          ...(located.locator !== undefined ? { locator: located.locator, label: located.label ?? 'page' } : {}),
          ...(located.suffix !== undefined ? { suffix: located.suffix.replace(/\s+$/, '') } : {}),
        },
      ],
    });
    i += 1;
  }
  return clusters;
}
