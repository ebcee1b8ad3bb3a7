/**
 * The LaTeX commands Pandoc 2.17's LaTeX reader knows in a BibTeX field (Text.Pandoc.Readers.LaTeX
 * and its Inline module), by what they do; latex.ts reads them.
 */
import { concat, type Inline } from './inlines.ts';

export const ACCENTS: Readonly<Record<string, readonly [string, string?]>> = {
  H: ['\u030B'], '`': ['\u0300', '`'], "'": ['\u0301', "'"], '^': ['\u0302', '^'], '~': ['\u0303', '~'], '"': ['\u0308'],
  '.': ['\u0307'], '=': ['\u0304'], '|': ['\u030D'], b: ['\u0331'], c: ['\u0327'], G: ['\u030F'], h: ['\u0309'], d: ['\u0323'],
  f: ['\u0311'], r: ['\u030A'], t: ['\u0361'], U: ['\u030E'], v: ['\u030C'], u: ['\u0306'], k: ['\u0328'],
  textogonekcentered: ['\u0328'], newtie: ['\u0311'], textcircled: ['\u20DD'],
};

/** Commands that are a character or a word (Pandoc's charCommands and nameCommands). */
export const SYMBOLS: Readonly<Record<string, string>> = {
  aa: 'å', AA: 'Å', ss: 'ß', o: 'ø', O: 'Ø', L: 'Ł', l: 'ł', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', pounds: '£', euro: '€',
  copyright: '©', textasciicircum: '^', textasciitilde: '~', i: 'ı', j: 'ȷ', ldots: '…', vdots: '⋮', dots: '…', mdots: '…',
  sim: '~', sep: ',', P: '¶', S: '§', $: '$', '%': '%', '&': '&', '#': '#', _: '_', '{': '{', '}': '}', lq: '‘', rq: '’',
  textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“', textquotedblright: '”', '/': '', ',': '\u2006', '@': '',
  ' ': '\u00a0', TeX: 'TeX', LaTeX: 'LaTeX', bar: '|', textless: '<', textgreater: '>', textbackslash: '\\', backslash: '\\',
  slash: '/', faCheck: '✓', faClose: '✗', bshyp: '\\\u00ad', fshyp: '/\u00ad', dothyp: '.\u00ad', colonhyp: ':\u00ad', hyp: '-',
  adddot: '.', hyphen: '-', ps: 'PS.',
};

/**
 * Text commands of LaTeX's text companion symbols that Pandoc 2.17 does not know: it keeps them as
 * raw LaTeX, which prints nothing, so that "Monte\textendash{}Carlo" reads "MonteCarlo" (and
 * "Monte\textendash{{Carlo}}" "Monte", the group taken as the command's argument). Apparatus
 * prints the character, as LaTeX does.
 */
export const TEXT_SYMBOLS: Readonly<Record<string, string>> = {
  textendash: '–', textemdash: '—', textellipsis: '…', textcopyright: '©', textregistered: '®', texttrademark: '™',
  texttimes: '×', textquotesingle: "'", textdegree: '°', guillemotleft: '«', guillemotright: '»', guilsinglleft: '‹',
  guilsinglright: '›', textbullet: '•', textperiodcentered: '·', textexclamdown: '¡', textquestiondown: '¿',
  textsection: '§', textparagraph: '¶', textdollar: '$', textunderscore: '_', textbar: '|', textbraceleft: '{',
  textbraceright: '}', textasciigrave: '`', dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ', dj: 'đ', DJ: 'Đ',
};

export type Shape = 'emph' | 'strong' | 'smallcaps' | 'sup' | 'sub' | 'underline' | 'strikeout';
/** Commands with one argument that format it (extractSpaces: its edge spaces go outside). */
export const FORMATS: Readonly<Record<string, Shape | 'sans-serif' | 'medium' | 'roman' | 'upright' | 'nodecor'>> = {
  emph: 'emph', textit: 'emph', textsl: 'emph', textsc: 'smallcaps', textsf: 'sans-serif', textmd: 'medium', textrm: 'roman',
  textup: 'upright', sout: 'strikeout', textsuperscript: 'sup', textsubscript: 'sub', textbf: 'strong', textnormal: 'nodecor',
};
/** Old TeX switches: they format the rest of their group. */
export const SWITCHES: Readonly<Record<string, Shape | 'code' | 'plain'>> = {
  em: 'emph', it: 'emph', sl: 'emph', bf: 'strong', tt: 'code', rm: 'plain', itshape: 'emph', slshape: 'emph', scshape: 'smallcaps', bfseries: 'strong',
};
/** biblatex's formatting commands, each a span around its result. */
export const BIBLATEX: Readonly<Record<string, (c: Inline[]) => Inline[]>> = {
  mkbibquote: (c) => [{ t: 'quoted', double: true, c }],
  mkbibemph: (c) => [{ t: 'emph', c }],
  mkbibitalic: (c) => [{ t: 'emph', c }],
  mkbibbold: (c) => [{ t: 'strong', c }],
  mkbibparens: (c) => concat([{ t: 'str', s: '(' }], c, [{ t: 'str', s: ')' }]),
  mkbibbrackets: (c) => concat([{ t: 'str', s: '[' }], c, [{ t: 'str', s: ']' }]),
  autocap: (c) => c,
};
export const QUOTE_COMMANDS = new Set(['enquote', 'foreignquote', 'hyphenquote']);
export const LANGUAGE_COMMAND = /^text(?:arabic|english|french|german|greek|italian|latin|russian|spanish|portuguese|dutch|polish|czech|hebrew|chinese|japanese|korean)$/;
export const CITE_COMMAND = /^(?:[Cc]ite[a-z]*|[Pp]arencite|[Ff]ootcite|[Tt]extcite|[Aa]utocite|[Ss]martcite|nocite|citep?|citet|citealp?|citeauthor|citeyear)$/;
