/**
 * The parts of Pandoc 2.17's BibTeX reader (Text.Pandoc.Citeproc.BibTeX, with citeproc's sentence
 * case) that citation-js does differently: how title fields are decoded and cased, which fields
 * make the publisher and the place, the language, and typographic quotes. citation-js still reads
 * names, dates and types; this module re-reads the fields Pandoc reads otherwise, from the raw text.
 */

/** One entry as written: its type and its fields' raw values (macros expanded, braces kept). */
export interface RawEntry {
  readonly type: string;
  readonly fields: ReadonlyMap<string, string>;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Entries by key, read as Pandoc's bibEntries reads them; anything unreadable is skipped (citation-js reports it). */
export function scanBibtex(text: string): Map<string, RawEntry> {
  const strings = new Map<string, string>(MONTHS.map((m) => [m, m]));
  const entries = new Map<string, RawEntry>();
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const braced = (): string => {
    // Assumes text[i] === '{'; returns the content without the outer braces.
    let depth = 0;
    const start = i + 1;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\\') i++;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return text.slice(start, i++);
    }
    throw new Error('unbalanced');
  };
  const quoted = (): string => {
    const start = ++i;
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\\') i++;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '"' && depth === 0) return text.slice(start, i++);
    }
    throw new Error('unbalanced');
  };
  const value = (): string => {
    let out = '';
    for (;;) {
      skipSpace();
      const c = text[i];
      if (c === '{') out += braced();
      else if (c === '"') out += quoted();
      else {
        const word = /^[^\s,#}=)]+/.exec(text.slice(i))?.[0] ?? '';
        i += word.length;
        out += /^\d+$/.test(word) ? word : (strings.get(word.toLowerCase()) ?? word);
      }
      skipSpace();
      if (text[i] !== '#') return out;
      i++;
    }
  };
  const fieldsUntilClose = (): Map<string, string> => {
    const fields = new Map<string, string>();
    for (;;) {
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}' || text[i] === ')' || i >= text.length) {
        i++;
        return fields;
      }
      const name = /^[^\s=,{}]+/.exec(text.slice(i))?.[0] ?? '';
      if (!name) throw new Error('no field name');
      i += name.length;
      skipSpace();
      if (text[i] !== '=') throw new Error('no =');
      i++;
      fields.set(name.toLowerCase(), value());
    }
  };
  while ((i = text.indexOf('@', i)) !== -1) {
    const head = /^@([A-Za-z]+)\s*([{(])/.exec(text.slice(i));
    if (!head) {
      i++;
      continue;
    }
    const type = head[1]!.toLowerCase();
    i += head[0].length;
    try {
      if (type === 'comment' || type === 'preamble') {
        i--;
        if (text[i] === '{') braced();
        continue;
      }
      if (type === 'string') {
        for (const [k, v] of fieldsUntilClose()) strings.set(k, v);
        continue;
      }
      skipSpace();
      const key = /^[^\s,]+/.exec(text.slice(i))?.[0] ?? '';
      i += key.length;
      entries.set(key, { type, fields: fieldsUntilClose() });
    } catch {
      // Left to citation-js, which reports where.
    }
  }
  return new Map([...entries].map(([key, entry]) => [key, withCrossref(entry, entries)]));
}

/** A crossref'd parent's fields that the child lacks, renamed as BibLaTeX (and Pandoc) rename them. */
function withCrossref(entry: RawEntry, entries: ReadonlyMap<string, RawEntry>): RawEntry {
  const parentKey = entry.fields.get('crossref')?.trim();
  const parent = parentKey === undefined ? undefined : entries.get(parentKey);
  if (!parent) return entry;
  const fields = new Map(entry.fields);
  const rename = (key: string): string | undefined => {
    if (['ids', 'crossref', 'xref', 'entryset', 'entrysubtype', 'execute', 'label', 'options', 'presort', 'related', 'shorthand', 'sortkey'].includes(key)) return undefined;
    const titles = /^mv/.test(parent.type) ? 'main' : ['book', 'collection', 'reference', 'proceedings'].includes(parent.type) && /^(in|book|supp)/.test(entry.type) ? 'book' : parent.type === 'periodical' ? 'journal' : undefined;
    if (titles && ['title', 'subtitle', 'titleaddon'].includes(key)) return titles === 'journal' && key === 'titleaddon' ? key : `${titles}${key}`;
    if (titles && ['shorttitle', 'sorttitle', 'indextitle', 'indexsorttitle'].includes(key)) return undefined;
    return key;
  };
  for (const [key, value] of parent.fields) {
    const renamed = rename(key);
    if (renamed !== undefined && !fields.has(renamed)) fields.set(renamed, value);
  }
  return { type: entry.type, fields };
}

// ---------------------------------------------------------------------------------------------
// LaTeX to inlines, as far as bibliographies use it.

type Inline =
  | { t: 'str'; s: string }
  | { t: 'space' }
  | { t: 'span'; nocase: boolean; c: Inline[] }
  | { t: 'link'; c: Inline[] }
  | { t: 'emph' | 'strong' | 'sup' | 'sub' | 'sc' | 'quoted'; c: Inline[] };

const ACCENTS: Readonly<Record<string, string>> = {
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', k: '\u0328', r: '\u030A', d: '\u0323', b: '\u0331',
};
const SYMBOLS: Readonly<Record<string, string>> = {
  ss: 'ß', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ',
  textendash: '–', textemdash: '—', ldots: '…', dots: '…', textellipsis: '…', '&': '&', '%': '%', $: '$', '#': '#',
  _: '_', '{': '{', '}': '}', ' ': ' ', ',': '\u2009', textquoteright: '’', textquoteleft: '‘', S: '§', P: '¶',
  copyright: '©', textregistered: '®', texttrademark: '™', pounds: '£', euro: '€', textbackslash: '\\', '-': '',
};
const WRAPPERS: Readonly<Record<string, 'emph' | 'strong' | 'sup' | 'sub' | 'sc' | 'plain'>> = {
  emph: 'emph', textit: 'emph', textsl: 'emph', mkbibemph: 'emph', textbf: 'strong', mkbibbold: 'strong', textsc: 'sc',
  textsuperscript: 'sup', mkbibsuperscript: 'sup', textsubscript: 'sub', textup: 'plain', textnormal: 'plain',
  textrm: 'plain', textsf: 'plain', texttt: 'plain', mbox: 'plain', text: 'plain', enquote: 'plain', mkbibquote: 'plain',
};
const SWITCHES: Readonly<Record<string, 'emph' | 'strong' | 'sc'>> = { em: 'emph', it: 'emph', itshape: 'emph', sl: 'emph', bf: 'strong', bfseries: 'strong', sc: 'sc', scshape: 'sc' };

/** Parses a field value as Pandoc's LaTeX reader does (with smart punctuation). */
export function parseLatex(source: string): Inline[] {
  let i = 0;
  const s = source.trim();
  const out = (until: string | undefined): Inline[] => {
    const items: Inline[] = [];
    let text = '';
    const flush = () => {
      if (text) items.push({ t: 'str', s: text });
      text = '';
    };
    while (i < s.length) {
      const c = s[i]!;
      if (until && c === until) {
        i++;
        break;
      }
      if (/\s/.test(c)) {
        flush();
        while (i < s.length && /\s/.test(s[i]!)) i++;
        if (items.at(-1)?.t !== 'space') items.push({ t: 'space' });
        continue;
      }
      if (c === '{') {
        flush();
        i++;
        const switchName = /^\\([a-z]+)(?![a-z])\s*/.exec(s.slice(i));
        if (switchName && SWITCHES[switchName[1]!]) {
          i += switchName[0].length;
          items.push({ t: 'span', nocase: false, c: [{ t: SWITCHES[switchName[1]!]!, c: out('}') }] });
        } else items.push({ t: 'span', nocase: false, c: out('}') });
        continue;
      }
      if (c === '\\') {
        const name = /^\\([A-Za-z]+|.)/.exec(s.slice(i))?.[1] ?? '';
        i += 1 + name.length;
        if (/^[A-Za-z]+$/.test(name)) while (s[i] === ' ') i++;
        const arg = (): Inline[] => {
          while (s[i] === ' ') i++;
          if (s[i] === '{') {
            i++;
            return out('}');
          }
          if (s[i] === '\\') {
            const inner = /^\\([A-Za-z]+|.)/.exec(s.slice(i))?.[1] ?? '';
            i += 1 + inner.length;
            return [{ t: 'str', s: SYMBOLS[inner] ?? inner }];
          }
          return [{ t: 'str', s: s[i++] ?? '' }];
        };
        const accent = ACCENTS[name];
        if (accent !== undefined && (name.length === 1 || !/[A-Za-z]/.test(s[i] ?? '') || s[i] === '{' || name.length === 1)) {
          text += `${plain(arg())}${accent}`.normalize('NFC');
          continue;
        }
        const symbol = SYMBOLS[name];
        if (symbol !== undefined) {
          text += symbol;
          continue;
        }
        if (name === 'url') {
          flush();
          // As Pandoc's LaTeX reader: an address's escaped characters (`\#`, `\%`, `\_`) are the characters.
          items.push({ t: 'link', c: [{ t: 'str', s: plainRaw().replace(/\\([#$%&_{}~])/g, '$1') }] });
          continue;
        }
        if (name === 'href') {
          plainRaw();
          flush();
          items.push(...arg());
          continue;
        }
        const wrapper = WRAPPERS[name];
        flush();
        if (wrapper === 'plain' || wrapper === undefined) {
          if (s[i] === '{') items.push(...arg());
        } else items.push({ t: wrapper, c: arg() });
        continue;
      }
      if (c === '~') {
        text += '\u00a0';
        i++;
        continue;
      }
      if (c === '-' && s.startsWith('---', i)) {
        text += '—';
        i += 3;
        continue;
      }
      if (c === '-' && s.startsWith('--', i)) {
        text += '–';
        i += 2;
        continue;
      }
      if (c === '`') {
        // ``double'' and `single' are both quotations: Pandoc writes either as “…” in CSL-JSON.
        flush();
        const close = s.startsWith('``', i) ? "''" : "'";
        i += close.length;
        const end = s.indexOf(close, i);
        if (end === -1) continue;
        const inner = parseLatex(s.slice(i, end));
        i = end + close.length;
        items.push({ t: 'quoted', c: inner });
        continue;
      }
      if (c === "'" && s.startsWith("''", i)) {
        text += '”';
        i += 2;
        continue;
      }
      if (c === "'") {
        text += '’';
        i++;
        continue;
      }
      if (c === '$') {
        i++;
        continue;
      }
      text += c;
      i++;
    }
    flush();
    return items;
  };
  const plainRaw = (): string => {
    while (s[i] === ' ') i++;
    if (s[i] !== '{') return '';
    let depth = 0;
    const start = i + 1;
    for (; i < s.length; i++) {
      if (s[i] === '{') depth++;
      else if (s[i] === '}' && --depth === 0) return s.slice(start, i++);
    }
    return s.slice(start);
  };
  return out(undefined);
}

function plain(inlines: readonly Inline[]): string {
  return inlines.map((x) => (x.t === 'str' ? x.s : x.t === 'space' ? ' ' : x.t === 'quoted' ? `“${plain(x.c)}”` : plain(x.c))).join('');
}

// ---------------------------------------------------------------------------------------------
// Sentence case, as citeproc's caseTransform with withSentenceCase (used by Pandoc's unTitlecase).

type CaseState = 'start' | 'startSentence' | 'afterWordEnd' | 'afterWordChar' | 'afterSentenceEnd' | 'afterOtherPunct' | 'beforeLastWord';

const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
const isLower = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();
const isAlphaNum = (c: string) => /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string) => /\s/u.test(c);
const isWordBreak = (c: string) => c === '-' || c === '/' || c === '\u2013' || c === '\u2014' || isSpace(c);
const isAscii = (c: string) => c.charCodeAt(0) < 128;

function sentenceCaseWord(state: CaseState, chunk: string): string {
  const chars = [...chunk];
  const capitalized = chars.length > 0 && isUpper(chars[0]!) && chars.slice(1).every(isLower);
  const atStart = state === 'start' || state === 'startSentence';
  if (capitalized && !atStart) return chunk.toLowerCase();
  if ((capitalized || chars.every(isLower)) && atStart) {
    const lower = chunk.toLowerCase();
    return lower.charAt(0).toUpperCase() + lower.slice(1);
  }
  return chunk;
}

function splitUp(text: string): string[] {
  const same = (c: string, d: string) =>
    (isAscii(c) && isAlphaNum(c) && isAscii(d) && isAlphaNum(d)) ||
    (!isAscii(c) && isAlphaNum(c) && !isAscii(d) && isAlphaNum(d)) ||
    (isSpace(c) && isSpace(d));
  const out: string[] = [];
  for (const c of text) {
    const last = out.at(-1);
    if (last !== undefined && same([...last].at(-1)!, c)) out[out.length - 1] = last + c;
    else out.push(c);
  }
  return out;
}

function sentenceCase(inlines: Inline[]): Inline[] {
  let state: CaseState = 'start';
  const g = (t: string): string => {
    const before = state;
    const c = [...t].at(-1);
    if (c !== undefined) {
      if ('.?!:'.includes(c)) state = 'afterSentenceEnd';
      else if (isAlphaNum(c)) state = 'afterWordChar';
      else if (isSpace(c) && before === 'afterSentenceEnd') state = 'startSentence';
      else if (isWordBreak(c)) state = 'afterWordEnd';
      else state = 'afterOtherPunct';
    }
    return [...t].every(isAlphaNum) ? sentenceCaseWord(before, t) : t;
  };
  const go = (x: Inline): Inline => {
    switch (x.t) {
      case 'str':
        return { t: 'str', s: splitUp(x.s).map(g).join('') };
      case 'space':
        g(' ');
        return x;
      case 'sc':
      case 'sup':
      case 'sub':
        g(plain(x.c));
        return x;
      case 'span':
        if (x.nocase) {
          const wasAfterWordChar = state === 'afterWordChar';
          g(plain(x.c));
          return wasAfterWordChar ? { ...x, nocase: false } : x;
        }
        return { ...x, c: x.c.map(go) };
      default:
        return { ...x, c: x.c.map(go) };
    }
  };
  const last = inlines.at(-1);
  if (inlines.length > 1 && last?.t === 'str' && ![...last.s].some(isWordBreak)) {
    const head = inlines.slice(0, -1).map(go);
    // go() has moved the state on; TypeScript cannot see that through the closure.
    const now = state as CaseState;
    if (now === 'afterWordEnd' || now === 'startSentence' || now === 'start') state = 'beforeLastWord';
    return [...head, go(last)];
  }
  return inlines.map(go);
}

/** Pandoc's unTitlecase: braced groups are protected while casing, and stay protected only if they hold a lowercase word. */
function unTitlecase(inlines: Inline[]): Inline[] {
  const protect = (x: Inline): Inline => (x.t === 'span' ? { ...x, nocase: true, c: x.c.map(protect) } : 'c' in x ? { ...x, c: x.c.map(protect) } : x);
  const hasLowercaseWord = (xs: readonly Inline[]) => plain(xs).split(/[\p{P}\s]+/u).some((w) => w.length > 0 && isLower(w[0]!));
  const unprotect = (x: Inline): Inline => {
    if (x.t === 'span') return { ...x, nocase: x.nocase && hasLowercaseWord(x.c), c: x.c.map(unprotect) };
    return 'c' in x ? { ...x, c: x.c.map(unprotect) } : x;
  };
  return sentenceCase(inlines.map(protect)).map(unprotect);
}

/**
 * CSL-JSON rich text, as Pandoc's CSL-JSON writer prints it: spaces at the edges of a formatted run
 * go outside it (Pandoc's builder moves them), and a protected run inside another is not marked twice.
 */
function render(inlines: readonly Inline[], protectedAlready = false): string {
  const wrap = (open: string, close: string, content: readonly Inline[]) => {
    const inner = render(content, protectedAlready);
    const lead = /^\s*/.exec(inner)![0];
    const trail = inner.trim() === '' ? '' : /\s*$/.exec(inner)![0];
    return `${lead}${open}${inner.trim()}${close}${trail}`;
  };
  return inlines
    .map((x) => {
      switch (x.t) {
        case 'str':
          return x.s;
        case 'space':
          return ' ';
        case 'span':
          return x.nocase && !protectedAlready ? `<span class="nocase">${render(x.c, true)}</span>` : render(x.c, protectedAlready);
        case 'emph':
          return wrap('<i>', '</i>', x.c);
        case 'strong':
          return wrap('<b>', '</b>', x.c);
        case 'sup':
          return wrap('<sup>', '</sup>', x.c);
        case 'sub':
          return wrap('<sub>', '</sub>', x.c);
        case 'sc':
          return wrap('<span style="font-variant:small-caps;">', '</span>', x.c);
        case 'quoted':
          return `“${render(x.c, protectedAlready)}”`;
        case 'link':
          return render(x.c, protectedAlready);
      }
    })
    .join('');
}

// ---------------------------------------------------------------------------------------------
// Fields.

/** Babel and polyglossia names to IETF tags, as Pandoc's toIETF maps them. */
const IETF: Readonly<Record<string, string>> = {
  english: 'en-US', american: 'en-US', usenglish: 'en-US', british: 'en-GB', ukenglish: 'en-GB', australian: 'en-AU',
  newzealand: 'en-NZ', canadian: 'en-CA', french: 'fr-FR', francais: 'fr-FR', canadien: 'fr-CA', acadian: 'fr-CA',
  german: 'de-DE', ngerman: 'de-DE', austrian: 'de-AT', naustrian: 'de-AT', swissgerman: 'de-CH', nswissgerman: 'de-CH',
  spanish: 'es-ES', italian: 'it-IT', portuguese: 'pt-PT', portuges: 'pt-PT', brazil: 'pt-BR', brazilian: 'pt-BR',
  dutch: 'nl-NL', russian: 'ru-RU', polish: 'pl-PL', swedish: 'sv-SE', danish: 'da-DK', norsk: 'nb-NO',
  nynorsk: 'nn-NO', finnish: 'fi-FI', greek: 'el-GR', czech: 'cs-CZ', catalan: 'ca-AD', latin: 'la', japanese: 'ja-JP',
  chinese: 'zh-CN', korean: 'ko-KR', turkish: 'tr-TR', hungarian: 'hu-HU', hebrew: 'he-IL', arabic: 'ar', ukrainian: 'uk-UA',
};

/** The CSL `language` Pandoc gives an entry (from langid, with langidopts, or hyphenation). */
export function pandocLanguage(fields: ReadonlyMap<string, string>): string | undefined {
  let langid = fields.get('langid')?.trim().toLowerCase();
  if (langid === 'english') {
    const variant = /variant\s*=\s*(\w+)/.exec(fields.get('langidopts')?.toLowerCase() ?? '')?.[1];
    const variants: Record<string, string> = { british: 'british', uk: 'british', american: 'american', us: 'american', usmax: 'american', australian: 'australian', newzealand: 'newzealand' };
    if (variant && variants[variant]) langid = variants[variant];
  }
  const name = langid ?? fields.get('hyphenation')?.trim().toLowerCase();
  if (name === undefined) return undefined;
  return IETF[name] ?? name;
}

const CHAPTERLIKE = new Set(['inbook', 'incollection', 'inproceedings', 'inreference', 'bookinbook']);
const BOOKLIKE = new Set(['book', 'collection', 'proceedings', 'reference', 'mvbook', 'mvcollection', 'mvproceedings', 'mvreference', 'bookinbook', 'inbook', 'incollection', 'inproceedings', 'inreference', 'suppbook', 'suppcollection']);
const ARTICLELIKE = new Set(['article', 'periodical', 'suppperiodical', 'review']);

/** Joins parts as Pandoc's concatWith does: with the separator, unless a part already ends in punctuation. */
function concatWith(sep: string, parts: readonly (Inline[] | undefined)[]): Inline[] | undefined {
  let acc: Inline[] | undefined;
  for (const part of parts) {
    if (!part || part.length === 0) continue;
    if (!acc) {
      acc = [...part];
      continue;
    }
    const last = acc.at(-1);
    if (last?.t === 'str' && /[!?.,:;]$/.test(last.s)) acc = [...acc, { t: 'space' }, ...part];
    else acc = [...acc, { t: 'str', s: sep }, { t: 'space' }, ...part];
  }
  return acc;
}

/**
 * The fields of one entry as Pandoc reads them, where citation-js reads them otherwise. Undefined
 * means "Pandoc sets no such field".
 */
export function pandocFields(raw: RawEntry): Record<string, string | undefined> {
  const f = raw.fields;
  const language = pandocLanguage(f);
  const untitlecase = language === undefined || language.startsWith('en-');
  const latex = (name: string) => (f.has(name) ? parseLatex(f.get(name)!) : undefined);
  const title = (name: string) => {
    const v = latex(name);
    return v && untitlecase ? unTitlecase(v) : v;
  };
  const chapterlike = CHAPTERLIKE.has(raw.type);
  const hasMaintitle = f.has('maintitle');
  const mainTitle = title(hasMaintitle && !chapterlike ? 'maintitle' : 'title');
  const subtitle = title(hasMaintitle && !chapterlike ? 'mainsubtitle' : 'subtitle');
  const addon = title(hasMaintitle && !chapterlike ? 'maintitleaddon' : 'titleaddon');
  const fullTitle = mainTitle && concatWith('.', [concatWith(':', [mainTitle, subtitle]), addon]);

  let container: Inline[] | undefined;
  if (chapterlike) {
    const t = f.has('maintitle') ? title('maintitle') : title('booktitle');
    const sub = title(f.has('mainsubtitle') ? 'mainsubtitle' : 'booksubtitle');
    const add = title(f.has('maintitleaddon') ? 'maintitleaddon' : 'booktitleaddon');
    container = t && concatWith('.', [concatWith(':', [t, sub]), add]);
  } else {
    const t = latex(f.has('journaltitle') ? 'journaltitle' : 'journal');
    container = t && concatWith('.', [concatWith(':', [t, latex('journalsubtitle')]), undefined]);
  }

  let short: string | undefined;
  if (f.has('shorttitle') && (!hasMaintitle || chapterlike)) short = renderMaybe(title('shorttitle'));
  else if ((subtitle?.length || addon?.length) && !hasMaintitle) short = renderMaybe(title('title'));
  else {
    // Pandoc cuts at the first colon of the title's own text, not one inside a link or a group.
    const whole = title('title') ?? [];
    const cut = whole.findIndex((x) => x.t === 'str' && x.s.includes(':'));
    if (cut >= 0) {
      const at = whole[cut] as { t: 'str'; s: string };
      const before = at.s.slice(0, at.s.indexOf(':'));
      short = render([...whole.slice(0, cut), ...(before ? [{ t: 'str' as const, s: before }] : [])]);
    }
  }

  const publisher = ['school', 'institution', 'organization', 'howpublished', 'publisher']
    .map((name) => latex(name))
    .filter((x): x is Inline[] => x !== undefined)
    .map((x) => splitAnd(x).map((x) => render(x)).join('; '));
  const place = latex('address') ?? (raw.type === 'patent' ? undefined : latex('location'));

  return {
    title: fullTitle && render(fullTitle),
    'title-short': short,
    'container-title': container && render(container),
    'collection-title': f.has('series') ? render(title('series')!) : undefined,
    publisher: publisher.length > 0 ? publisher.join('; ') : undefined,
    'publisher-place': place && splitAnd(place).map((x) => render(x)).join('; '),
    language,
    note: raw.type === 'periodical' ? undefined : renderMaybe(concatWith('.', [latex('note'), latex('addendum')])),
    edition: renderMaybe(latex('edition')),
    ...(f.has('url') ? {} : { URL: eprintUrl(f) }),
    // Books and parts of books number their series, articles their issue; citation-js has these.
    ...(BOOKLIKE.has(raw.type) || ARTICLELIKE.has(raw.type) ? {} : { number: renderMaybe(latex('number')) }),
  };
}

/** With eprinttype arxiv, jstor, pubmed or googlebooks, Pandoc makes the eprint a URL. */
function eprintUrl(f: ReadonlyMap<string, string>): string | undefined {
  const bases: Record<string, string> = { arxiv: 'https://arxiv.org/abs/', jstor: 'https://www.jstor.org/stable/', pubmed: 'https://www.ncbi.nlm.nih.gov/pubmed/', googlebooks: 'https://books.google.com?id=' };
  const base = bases[(f.get('eprinttype') ?? f.get('archiveprefix') ?? '').toLowerCase()];
  const eprint = f.get('eprint');
  return base && eprint ? base + eprint : undefined;
}

function renderMaybe(x: Inline[] | undefined): string | undefined {
  return x && render(x);
}

function splitAnd(inlines: Inline[]): Inline[][] {
  const out: Inline[][] = [[]];
  for (let k = 0; k < inlines.length; k++) {
    const x = inlines[k]!;
    const next = inlines[k + 1];
    if (x.t === 'space' && next?.t === 'str' && next.s === 'and' && inlines[k + 2]?.t === 'space') {
      out.push([]);
      k += 2;
      continue;
    }
    out.at(-1)!.push(x);
  }
  return out;
}

/** Whether a raw name is one braced group (a body, not a person): Pandoc makes it a literal name. */
export function rawNames(value: string | undefined): string[] {
  if (value === undefined) return [];
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  const v = value.trim();
  for (let k = 0; k < v.length; k++) {
    const c = v[k];
    if (c === '\\') k++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && /\s/.test(c!) && /^\s+and\s/i.test(v.slice(k))) {
      names.push(v.slice(start, k).trim());
      k += /^\s+and\s+/i.exec(v.slice(k))![0].length - 1;
      start = k + 1;
    }
  }
  names.push(v.slice(start).trim());
  return names;
}

export function isLiteralName(raw: string): string | undefined {
  if (!raw.startsWith('{') || !raw.endsWith('}')) return undefined;
  let depth = 0;
  for (let k = 0; k < raw.length; k++) {
    if (raw[k] === '\\') k++;
    else if (raw[k] === '{') depth++;
    else if (raw[k] === '}' && --depth === 0 && k < raw.length - 1) return undefined;
  }
  return plain(parseLatex(raw.slice(1, -1)));
}

/**
 * A name in BibLaTeX's extended name format ("family=Rossum, given=Guido, prefix=van, useprefix=true"),
 * read as Pandoc reads it (Text.Pandoc.Citeproc.BibTeX, toName): the name is extended when its first
 * word contains "="; its parts are split at commas and "=" outside braces; given= parts add up,
 * family=, prefix= and suffix= replace; prefix= is a dropping particle, and a later useprefix=true
 * (exactly so, per name; the entry's options do not count) makes it non-dropping. Other keys
 * (given-i=, family-i=, useprefix=false) are ignored. Undefined for a name in the usual format.
 */
export function extendedName(raw: string): Record<string, string> | undefined {
  const inlines = parseLatex(raw);
  const first = inlines[0];
  if (first?.t !== 'str' || !first.s.includes('=')) return undefined;
  const tokens = inlines.flatMap<Inline>((x) =>
    x.t === 'str' ? x.s.split(/([,=\u00a0])/).filter((s) => s !== '').map((s) => ({ t: 'str' as const, s })) : [x],
  );
  const parts: Inline[][] = [[]];
  for (const x of tokens) {
    if (x.t === 'str' && x.s === ',') parts.push([]);
    else parts.at(-1)!.push(x);
  }
  const name: { family?: string | undefined; given?: string | undefined; dropping?: string | undefined; nonDropping?: string | undefined; suffix?: string | undefined } = {};
  for (const part of parts) {
    let k = 0;
    while (part[k]?.t === 'space') k++;
    const [key, eq] = [part[k], part[k + 1]];
    if (key?.t !== 'str' || eq?.t !== 'str' || eq.s !== '=') continue;
    const rest = part.slice(k + 2);
    const value = plain(rest);
    if (key.s === 'given') name.given = name.given === undefined ? value : `${name.given} ${value}`;
    else if (key.s === 'family') name.family = value;
    else if (key.s === 'prefix') name.dropping = value;
    else if (key.s === 'suffix') name.suffix = value;
    else if (key.s === 'useprefix' && rest[0]?.t === 'str' && rest[0].s === 'true') [name.nonDropping, name.dropping] = [name.dropping, undefined];
  }
  const out: Record<string, string> = {};
  if (name.family !== undefined) out['family'] = name.family;
  if (name.given !== undefined) out['given'] = name.given;
  if (name.dropping !== undefined) out['dropping-particle'] = name.dropping;
  if (name.nonDropping !== undefined) out['non-dropping-particle'] = name.nonDropping;
  if (name.suffix !== undefined) out['suffix'] = name.suffix;
  return out;
}

/**
 * Whether the entry's BibLaTeX useprefix option is on: without it, Pandoc makes a "von" part of a
 * name in the usual format a dropping particle. (A name in the extended format has its own
 * useprefix=true, and ignores the entry's: see extendedName.)
 */
export function usesPrefix(raw: RawEntry): boolean {
  return /(^|,)\s*useprefix\s*(=\s*true\s*)?(,|$)/i.test(raw.fields.get('options') ?? '');
}

/** Pandoc's LaTeX reader makes every apostrophe typographic, in names too. */
export function smartApostrophes(text: string): string {
  return text.replace(/'/g, '’');
}
