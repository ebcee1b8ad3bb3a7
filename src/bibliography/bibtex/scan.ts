/**
 * The entries of a BibTeX file, read as Pandoc 2.17's parser reads them (bibEntries in
 * Text.Pandoc.Citeproc.BibTeX): @string macros, @comment and @preamble skipped, `%` comments
 * between fields, values in braces or quotes joined with #, a name that is no macro read as a
 * biblatex string key; then crossref and xdata resolved as BibLaTeX (and Pandoc) resolve them.
 * What Pandoc cannot read is an error with its place: Pandoc then reads nothing of the file.
 */
import { matchAt } from './inlines.ts';
import { resolveKey } from './strings.ts';

/** One entry as written: its type, its fields' values (macros expanded, braces kept) and its place. */
export interface Item {
  readonly key: string;
  readonly type: string;
  readonly fields: ReadonlyMap<string, string>;
  /** Offset of the entry's "@". */
  readonly offset: number;
}

export class BibtexSyntaxError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

const isLetter = (c: string | undefined) => c !== undefined && /^\p{L}$/u.test(c);
const isFieldNameChar = (c: string | undefined) => c !== undefined && /^[\p{L}\p{N}\-_:+]$/u.test(c);
const isKeyChar = (c: string | undefined) => c !== undefined && /^[\p{L}\p{N}.:;?!`'()$/*@_+=\-[\]&]$/u.test(c);
const isSpace = (c: string | undefined) => c !== undefined && /^\s$/u.test(c);

/** Entries in file order (duplicates kept), crossrefs resolved, xdata entries left out. */
export function scanBibtex(text: string, language: string): Item[] {
  const strings = new Map<string, string>();
  let i = 0;
  const describe = (at: number) => (at >= text.length ? 'the end of the file' : `"${[...text.slice(at)][0]}"`);
  const fail = (expected: string, at = i): never => {
    throw new BibtexSyntaxError(`${describe(at)} where ${expected} should be`, at);
  };
  const expect = (c: string, what: string) => {
    if (text[i] !== c) fail(what);
    i++;
  };
  const lineEnd = () => {
    const end = text.indexOf('\n', i);
    i = end === -1 ? text.length : end + 1;
  };
  /** Spaces and % comments (Pandoc's spaces'). */
  const spaces = () => {
    for (;;) {
      if (isSpace(text[i])) i++;
      else if (text[i] === '%') lineEnd();
      else return;
    }
  };
  const takeWhile = (test: (c: string | undefined) => boolean): string => {
    const start = i;
    while (i < text.length && test(text[i])) i++;
    return text.slice(start, i);
  };
  const unclosed = (open: number, what: string): never => {
    const before = text.slice(0, open);
    const line = before.split('\n').length;
    const column = open - before.lastIndexOf('\n');
    throw new BibtexSyntaxError(`the ${what} opened at line ${line}, column ${column} is never closed`, text.length);
  };
  /** A braced value at i, without its outer braces (Pandoc's inBraces). */
  const inBraces = (): string => {
    const open = i;
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) unclosed(open, 'brace');
      const c = text[i]!;
      if (c === '}') {
        i++;
        return out;
      }
      if (c === '{') out += `{${inBraces()}}`;
      else if (c === '\\' && (text[i + 1] === '{' || text[i + 1] === '}')) {
        out += text.slice(i, i + 2);
        i += 2;
      } else {
        out += c;
        i++;
      }
    }
  };
  /** A quoted value (Pandoc's inQuotes): a % comment inside is dropped. */
  const inQuotes = (): string => {
    const open = i;
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) unclosed(open, 'quotation mark');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '{') out += `{${inBraces()}}`;
      else if (c === '\\') {
        out += text.slice(i, i + 2);
        i += 2;
      } else if (c === '%') lineEnd();
      else {
        out += c;
        i++;
      }
    }
  };
  const fieldName = () => takeWhile(isFieldNameChar).toLowerCase();
  const value = (): string => {
    if (text[i] === '"') return inQuotes();
    if (text[i] === '{') return inBraces();
    const name = fieldName();
    if (name === '') fail('a value in braces or quotes');
    return strings.get(name) ?? resolveKey(language, name);
  };
  const field = (): [string, string] => {
    let name = fieldName();
    if (name === '') fail('a field name');
    if (name === 'archiveprefix') name = 'eprinttype';
    else if (name === 'primaryclass') name = 'eprintclass';
    spaces();
    expect('=', `"=" after the field name ${name}`);
    spaces();
    let v = value();
    for (;;) {
      const save = i;
      spaces();
      if (text[i] !== '#') {
        i = save;
        break;
      }
      i++;
      spaces();
      v += value();
    }
    spaces();
    return [name, v];
  };
  /** After "@": a comment, a preamble or a macro, or false (and i back at "@"). */
  const nonEntry = (): boolean => {
    const at = i;
    const word = matchAt(/[A-Za-z]+/y, text, i + 1)?.toLowerCase();
    try {
      if (word !== undefined && word.startsWith('comment')) {
        i += 1 + 'comment'.length;
        spaces();
        if (text[i] === '{') inBraces();
        else while (i < text.length && text[i] !== '@' && text[i] !== '%') i++;
        return true;
      }
      if (word !== undefined && word.startsWith('preamble')) {
        i += 1 + 'preamble'.length;
        spaces();
        if (text[i] !== '{') throw new BibtexSyntaxError('', i);
        inBraces();
        return true;
      }
      if (word !== undefined && word.startsWith('string')) {
        i += 1 + 'string'.length;
        spaces();
        expect('{', '"{"');
        spaces();
        const [name, v] = field();
        expect('}', '"}"');
        strings.set(name, v);
        return true;
      }
    } catch {
      i = at;
    }
    return false;
  };
  const items: Item[] = [];
  for (;;) {
    // Skip what is not an entry: text, % comments, @comment, @preamble, @string.
    for (;;) {
      if (i >= text.length) break;
      if (text[i] === '%') lineEnd();
      else if (text[i] !== '@') while (i < text.length && text[i] !== '@' && text[i] !== '%') i++;
      else if (!nonEntry()) break;
    }
    if (i >= text.length) break;
    const offset = i;
    i++;
    const type = takeWhile(isLetter).toLowerCase();
    if (type === '') fail('an entry type after "@"');
    spaces();
    expect('{', `"{" after @${type}`);
    spaces();
    const key = takeWhile(isKeyChar);
    if (key === '') fail(`the key of the @${type} entry`);
    spaces();
    expect(',', `"," after the key ${key}`);
    spaces();
    const fields = new Map<string, string>();
    try {
      while (text[i] !== '}') {
        const [name, v] = field();
        fields.set(name, v);
        if (text[i] === ',') {
          i++;
          spaces();
        } else if (text[i] !== '}') fail(`"," or "}" after the field ${name} of ${key}`);
      }
    } catch (error) {
      if (!(error instanceof BibtexSyntaxError) || error.offset < text.length || error.message.includes('never closed')) throw error;
      const line = text.slice(0, offset).split('\n').length;
      throw new BibtexSyntaxError(`the file ends inside the entry ${key} of line ${line}: a closing brace is missing (or an opening one is one too many)`, text.length);
    }
    i++;
    items.push({ key, type, fields, offset });
  }
  return items.map((item) => resolveCrossref(item, items)).filter((item) => item.type !== 'xdata');
}

function resolveCrossref(item: Item, items: readonly Item[]): Item {
  let fields = new Map(item.fields);
  // Pandoc folds over the entry's fields from the last (xdata before crossref); its own fields win.
  for (const key of ['xdata', 'crossref']) {
    const value = item.fields.get(key);
    if (value === undefined) continue;
    const added = new Map(xrefFields(item, items, value));
    fields = new Map([...added, ...fields]);
  }
  return { ...item, fields };
}

function splitKeys(keys: string): string[] {
  return keys.split(/[ ,]/).filter((k) => k !== '');
}

/** Pandoc's getXrefFields: the parents' fields the entry lacks, renamed as BibLaTeX renames them. */
function xrefFields(base: Item, items: readonly Item[], keys: string, seen: ReadonlySet<string> = new Set()): [string, string][] {
  const wanted = splitKeys(keys);
  const out: [string, string][] = [];
  for (const parent of items.filter((x) => wanted.includes(x.key) && !seen.has(x.key))) {
    for (const [k, v] of [...parent.fields].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (k === 'crossref' || k === 'xdata') {
        for (const key of splitKeys(v)) {
          for (const [x, y] of xrefFields(base, items, key, new Set([...seen, parent.key]))) if (!parent.fields.has(x)) out.push([x, y]);
        }
        continue;
      }
      for (const renamed of transformKey(parent.type, base.type, k)) if (!base.fields.has(renamed)) out.push([renamed, v]);
    }
  }
  return out;
}

const NEVER_INHERITED = new Set(['ids', 'crossref', 'xref', 'entryset', 'entrysubtype', 'execute', 'label', 'options', 'presort', 'related', 'relatedoptions', 'relatedstring', 'relatedtype', 'shorthand', 'shorthandintro', 'sortkey']);

/** Pandoc's transformKey (after Appendix C of the biblatex manual). */
function transformKey(source: string, target: string, key: string): string[] {
  if (NEVER_INHERITED.has(key)) return [];
  if (key === 'author' && ['mvbook', 'book'].includes(source) && ['inbook', 'bookinbook', 'suppbook'].includes(target)) return ['bookauthor', 'author'];
  if (key === 'author' && source === 'mvbook' && target === 'book') return ['bookauthor', 'author'];
  const rename = (prefix: string): string[] => {
    if (['title', 'subtitle', 'titleaddon'].includes(key)) return [`${prefix}${key}`];
    if (['shorttitle', 'sorttitle', 'indextitle', 'indexsorttitle'].includes(key)) return [];
    return [key];
  };
  if (source === 'mvbook' && ['book', 'inbook', 'bookinbook', 'suppbook'].includes(target)) return rename('main');
  if (['mvcollection', 'mvreference'].includes(source) && ['collection', 'reference', 'incollection', 'inreference', 'suppcollection'].includes(target)) return rename('main');
  if (source === 'mvproceedings' && ['proceedings', 'inproceedings'].includes(target)) return rename('main');
  if (source === 'book' && ['inbook', 'bookinbook', 'suppbook'].includes(target)) return rename('book');
  if (['collection', 'reference'].includes(source) && ['incollection', 'inreference', 'suppcollection'].includes(target)) return rename('book');
  if (source === 'proceedings' && target === 'inproceedings') return rename('book');
  if (source === 'periodical' && ['article', 'suppperiodical'].includes(target)) {
    if (key === 'title') return ['journaltitle'];
    if (key === 'subtitle') return ['journalsubtitle'];
    if (['shorttitle', 'sorttitle', 'indextitle', 'indexsorttitle'].includes(key)) return [];
    return [key];
  }
  return [key];
}
