/**
 * TeX to MathML with Temml: the macros of packages Temml lacks, and its output made valid HTML.
 * Apart from math.ts, which decides what is math and where it goes; this is only the typesetter,
 * whose quirks are Temml's.
 */
import temml from 'temml';

/**
 * LaTeX commands of packages Temml lacks, as what they print (`\mbox` is `\text` in math,
 * `\mathbbm{1}` and `\mathds{1}` are blackboard bold); spacing and proof marks that mean nothing
 * on a page print nothing.
 */
const MACROS: Readonly<Record<string, string | { tokens: never[]; numArgs: number }>> = {
  '\\mbox': '\\text{#1}',
  '\\mathbbm': '\\mathbb{#1}',
  '\\mathds': '\\mathbb{#1}',
  // A macro of no tokens that takes its argument: the argument is dropped with it.
  '\\vspace': { tokens: [], numArgs: 1 },
  '\\qedhere': '',
};

export function typeset(tex: string, display: boolean): string {
  // Temml fills its macros object as it reads; each formula gets a copy of ours.
  return scriptLevelsInMstyle(temml.renderToString(tex, { displayMode: display, annotate: true, throwOnError: true, trust: false, macros: { ...MACROS } }));
}

/**
 * Temml sets `scriptlevel` on any element (`<mi scriptlevel="2">`), as MathML Core allows; HTML's
 * validators know it on `<mstyle>` only. Each such element is wrapped in an `<mstyle>` that carries
 * it instead: the same rendering, and one child where the parent counts its children (`<msub>`).
 */
export function scriptLevelsInMstyle(mathml: string): string {
  if (!mathml.includes('scriptlevel=')) return mathml;
  const pieces: string[] = [];
  const open: boolean[] = [];
  const tags = /<(\/?)([a-zA-Z][\w-]*)([^>]*?)(\/?)>/g;
  let cursor = 0;
  for (let match = tags.exec(mathml); match; match = tags.exec(mathml)) {
    const [whole, closing, name, attributes, selfClosing] = match;
    const end = match.index + whole.length;
    if (closing) {
      if (open.pop()) {
        pieces.push(mathml.slice(cursor, end), '</mstyle>');
        cursor = end;
      }
      continue;
    }
    const level = name === 'mstyle' ? undefined : /\sscriptlevel="([^"]*)"/.exec(attributes!)?.[1];
    if (level !== undefined) {
      pieces.push(mathml.slice(cursor, match.index), `<mstyle scriptlevel="${level}">`, whole.replace(/\sscriptlevel="[^"]*"/, ''), selfClosing ? '</mstyle>' : '');
      cursor = end;
    }
    if (!selfClosing) open.push(level !== undefined);
  }
  pieces.push(mathml.slice(cursor));
  return pieces.join('');
}
