/**
 * A field's LaTeX read as Pandoc 2.17's LaTeX reader reads it for BibTeX (raw_tex and smart
 * punctuation on): accents, symbols, groups (as spans, which titles protect from case changes),
 * formatting, quotations, dashes, math, URLs. A command Pandoc does not know is kept as raw LaTeX,
 * which prints as nothing, with its arguments.
 */
import { append, concat, extractSpaces, mapStr, matchAt, stringify, type Inline } from './inlines.ts';
import { ACCENTS, BIBLATEX, CITE_COMMAND, FORMATS, LANGUAGE_COMMAND, QUOTE_COMMANDS, SWITCHES, SYMBOLS, TEXT_SYMBOLS, type Shape } from './latex-commands.ts';

const isBlank = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Parses a field's text; `bibstring` resolves biblatex's \bibstring{key} in the reading's language. */
export function parseLatex(source: string, bibstring: (key: string) => string = (k) => k): Inline[] {
  const s = source.trim();
  let i = 0;

  const skipBlanks = () => {
    while (s[i] === ' ' || s[i] === '\t') i++;
  };
  // LaTeX's spaces: a no-break space (U+00A0) written as such is a character of a word.
  const skipSpaces = () => {
    while (i < s.length && isBlank(s[i]!)) i++;
  };
  /** The raw text of a braced group at i (i past it), or undefined. */
  const rawBraced = (): string | undefined => {
    if (s[i] !== '{') return undefined;
    let depth = 0;
    const start = i;
    for (; i < s.length; i++) {
      if (s[i] === '\\') i++;
      else if (s[i] === '{') depth++;
      else if (s[i] === '}' && --depth === 0) return s.slice(start + 1, i++);
    }
    return s.slice(start + 1);
  };
  const rawOptional = (): string | undefined => {
    if (s[i] !== '[') return undefined;
    const end = s.indexOf(']', i);
    if (end === -1) return undefined;
    const text = s.slice(i + 1, end);
    i = end + 1;
    return text;
  };
  /** A group's inlines, unwrapping {{…}} as Pandoc's grouped does; i is at '{'. */
  const grouped = (): Inline[] => {
    i++;
    const innerStart = i;
    if (s[i] === '{') {
      const inner = grouped();
      if (s[i] === '}') {
        i++;
        return inner;
      }
      i = innerStart;
    }
    const content = inlines(true);
    if (s[i] === '}') i++;
    return content;
  };
  /** One argument: a group, a command, or a single character (Pandoc's tok). */
  const tok = (): Inline[] => {
    skipSpaces();
    if (s[i] === '{') return grouped();
    if (s[i] === '\\') return command();
    if (i >= s.length || s[i] === '}') return [];
    const c = String.fromCodePoint(s.codePointAt(i)!);
    i += c.length;
    return [{ t: 'str', s: c }];
  };
  /** Pandoc's URL argument: the raw text, with LaTeX's escapes removed. */
  const url = (): string => (rawBraced() ?? '').replace(/\\([#$%&~_^\\{}])/g, '$1');

  const command = (): Inline[] => {
    const start = i;
    i++;
    const word = matchAt(/[A-Za-z]+/y, s, i);
    let name: string;
    let starred = false;
    if (word) {
      name = word;
      i += word.length;
      skipBlanks();
      if (s[i] === '*') {
        starred = true;
        i++;
        skipBlanks();
      }
    } else {
      name = s[i] ?? '';
      i += name.length;
    }
    const accent = ACCENTS[name];
    if (accent) {
      const arg = i < s.length && s[i] !== '}' ? tok() : [];
      const [first, ...rest] = arg;
      if (first?.t === 'str' && first.s !== '') {
        const [c, ...more] = [...first.s];
        return [{ t: 'str', s: `${`${c}${accent[0]}`.normalize('NFC')}${more.join('')}` }, ...rest];
      }
      if (arg.length === 0 || (arg.length === 1 && first?.t === 'space')) return [{ t: 'str', s: accent[1] ?? accent[0] }];
      return arg;
    }
    if (name === '\\') return [{ t: 'linebreak' }];
    const symbol = SYMBOLS[name] ?? TEXT_SYMBOLS[name];
    if (symbol !== undefined) return symbol === '' ? [] : name === 'ps' ? [{ t: 'str', s: symbol }, { t: 'space' }] : [{ t: 'str', s: symbol }];
    const format = FORMATS[name];
    if (format) {
      const arg = tok();
      if (['sans-serif', 'medium', 'roman', 'upright', 'nodecor'].includes(format)) return extractSpaces((c) => ({ t: 'span', kind: 'attr', c }), arg);
      return extractSpaces((c) => ({ t: format as Shape, c }), arg);
    }
    const shape = SWITCHES[name];
    if (shape) {
      const rest = inlines(true);
      if (shape === 'plain') return rest;
      if (shape === 'code') return [{ t: 'code', s: stringify(rest) }];
      return extractSpaces((c) => ({ t: shape, c }), rest);
    }
    const biblatex = BIBLATEX[name];
    if (biblatex) return [{ t: 'span', kind: 'group', c: biblatex(tok()) }];
    switch (name) {
      case 'texttt':
      case 'nolinkurl':
        return [{ t: 'code', s: name === 'texttt' ? stringify(tok()) : url() }];
      case 'url':
        return [{ t: 'link', c: [{ t: 'str', s: url() }] }];
      case 'href': {
        url();
        skipSpaces();
        return [{ t: 'link', c: tok() }];
      }
      case 'underline':
      case 'ul':
      case 'uline':
        return [{ t: 'underline', c: tok() }];
      case 'MakeUppercase':
      case 'MakeTextUppercase':
      case 'uppercase':
        return mapStr(tok(), (t) => t.toUpperCase());
      case 'MakeLowercase':
      case 'MakeTextLowercase':
      case 'lowercase':
        return mapStr(tok(), (t) => t.toLowerCase());
      case 'ensuremath':
        return [{ t: 'math', s: rawBraced() ?? '' }];
      case 'texorpdfstring': {
        const shown = tok();
        tok();
        return shown;
      }
      case 'nohyphens':
        return tok();
      case 'textcolor':
      case 'colorbox':
        rawBraced();
        return [{ t: 'span', kind: 'attr', c: tok() }];
      case 'footnote':
      case 'thanks':
        rawOptional();
        rawBraced();
        return [{ t: 'raw', s: '' }];
      case 'bibstring':
        return [{ t: 'str', s: bibstring(rawBraced() ?? '') }];
      case 'addabbrvspace':
        return [{ t: 'space' }];
      case 'par':
        // A paragraph break: Pandoc joins a field's paragraphs with nothing between them
        // ("note 1note 2"); Apparatus with a space.
        return [{ t: 'space' }];
      case 'adddotspace':
        return [{ t: 'span', kind: 'group', c: [{ t: 'str', s: '.' }, { t: 'space' }] }];
      case 'verb': {
        const marker = s[i];
        const end = marker === undefined ? -1 : s.indexOf(marker, i + 1);
        if (end === -1) break;
        const text = s.slice(i + 1, end);
        i = end + 1;
        return [{ t: 'code', s: text }];
      }
      case 'foreignlanguage':
        rawOptional();
        rawBraced();
        return [{ t: 'span', kind: 'attr', c: tok() }];
    }
    if (QUOTE_COMMANDS.has(name)) {
      if (name !== 'enquote') rawBraced();
      while (rawOptional() !== undefined);
      return [{ t: 'quoted', double: !starred, c: tok() }];
    }
    if (LANGUAGE_COMMAND.test(name)) return [{ t: 'span', kind: 'attr', c: tok() }];
    if (CITE_COMMAND.test(name)) {
      while (s[i] === '[') rawOptional();
      rawBraced();
      return [{ t: 'raw', s: s.slice(start, i) }];
    }
    // A command Pandoc does not know: raw LaTeX with its optional and braced arguments.
    while (rawOptional() !== undefined);
    while (rawBraced() !== undefined);
    return [{ t: 'raw', s: s.slice(start, i) }];
  };

  /** Quotations, as Pandoc's smart reader finds them; undefined if the opener is not one. */
  const quoted = (double: boolean, opener: string, closer: RegExp, literal: string): Inline[] => {
    i += opener.length;
    const content: Inline[] = [];
    while (i < s.length && s[i] !== '}' && matchAt(closer, s, i) === undefined) for (const x of inline()) append(content, x);
    const close = matchAt(closer, s, i);
    if (close !== undefined) {
      i += close.length;
      return [{ t: 'quoted', double, c: content }];
    }
    return concat([{ t: 'str', s: literal }], content);
  };

  /** One inline at i (Pandoc's inline). */
  const inline = (): Inline[] => {
    const c = s[i]!;
    if (c === '%') {
      // A comment, to the end of the line with the line break.
      const end = s.indexOf('\n', i);
      i = end === -1 ? s.length : end + 1;
      return [];
    }
    if (isBlank(c)) {
      skipSpaces();
      return [{ t: 'space' }];
    }
    if (c === '\\') return command();
    if (c === '{') {
      const content = grouped();
      return content.length === 0 ? [] : [{ t: 'span', kind: 'group', c: content }];
    }
    if (c === '-') {
      const dashes = matchAt(/-{1,3}/y, s, i)!;
      i += dashes.length;
      return [{ t: 'str', s: dashes === '---' ? '—' : dashes === '--' ? '–' : '-' }];
    }
    if (c === "'") {
      i++;
      if (s[i] === "'") {
        i++;
        return [{ t: 'str', s: '”' }];
      }
      return [{ t: 'str', s: '’' }];
    }
    if (c === '~') {
      i++;
      return [{ t: 'str', s: '\u00a0' }];
    }
    if (c === '`' && s[i + 1] === '`') return quoted(true, '``', /''/y, '“');
    if (c === '`') return quoted(false, '`', /'(?!\p{L})/uy, '‘');
    if (c === '"' && s[i + 1] === '`') return quoted(true, '"`', /"'/y, '"`');
    if (c === '“') return quoted(true, '“', /”/y, '“');
    if (c === '‘') return quoted(false, '‘', /’(?!\p{L})/uy, '‘');
    if (c === '$') {
      const display = s[i + 1] === '$';
      const open = display ? 2 : 1;
      const end = s.indexOf(display ? '$$' : '$', i + open);
      if (end !== -1) {
        const math = s.slice(i + open, end);
        i = end + open;
        return [{ t: 'math', s: math }];
      }
      i++;
      return [{ t: 'str', s: '$' }];
    }
    // Text: a run of ordinary characters.
    // (Closing quotation marks end a run: Pandoc's tokens are words and single symbols.)
    const run = matchAt(/[^ \t\r\n%\\{}\-'~`"“”‘’$]+/y, s, i) ?? c;
    i += run.length;
    return [{ t: 'str', s: run }];
  };

  /** Inlines to the end of the text or, inside a group, to its closing brace (not consumed). */
  const inlines = (inGroup: boolean): Inline[] => {
    const out: Inline[] = [];
    while (i < s.length) {
      if (s[i] === '}') {
        if (inGroup) break;
        i++;
        continue;
      }
      for (const x of inline()) append(out, x);
    }
    return out;
  };

  return inlines(false);
}
