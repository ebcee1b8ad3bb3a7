/**
 * How LaTeX numbers a math environment, so that the page numbers it the same way: `equation` and
 * `multline` take one number, `align`, `gather`, `alignat` and `flalign` one per row, a starred
 * environment none; a row with `\nonumber`, `\notag` or a `\tag` of its own takes none from the
 * count. Each number may carry the `\label` written in its row, which `\ref` and `\eqref` name.
 *
 * Temml typesets the environments (it numbers the same rows, leaving the number's text to the
 * page); what it does not know is renamed to what it does (`eqnarray` is set as `align`).
 */

export interface PreparedEnvironment {
  /** The TeX to typeset: labels taken out (the page gives the ids), unknown environments renamed. */
  readonly tex: string;
  /** One entry per number the environment takes, in order: the label of its row, if any. */
  readonly numbers: readonly (string | undefined)[];
}

const ONE_NUMBER = new Set(['equation', 'multline', 'dmath']);
const NUMBER_PER_ROW = new Set(['align', 'gather', 'alignat', 'flalign', 'eqnarray']);
/** Environments Temml lacks, and what sets them alike. */
const RENAMED: Readonly<Record<string, string>> = { eqnarray: 'align', flalign: 'align', dmath: 'equation', displaymath: 'equation*' };

const LABEL = /\\label\s*\{([^{}]*)\}/g;
const NO_NUMBER = /\\(?:nonumber|notag|tag\*?)\b/;

/** The rows of an environment's body: split at `\\` outside braces and nested environments. */
function rows(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === '\\' && body[i + 1] === '\\' && depth === 0) {
      out.push(body.slice(from, i));
      i += 1;
      from = i + 1;
    } else if (char === '\\') {
      if (body.startsWith('\\begin{', i)) depth += 1;
      else if (body.startsWith('\\end{', i)) depth -= 1;
      i += 1;
    } else if (char === '{') depth += 1;
    else if (char === '}') depth -= 1;
  }
  out.push(body.slice(from));
  return out;
}

export function prepareEnvironment(written: string): PreparedEnvironment {
  const match = /^\\begin\{([A-Za-z]+)(\*?)\}/.exec(written);
  const name = match?.[1] ?? '';
  const starred = match?.[2] === '*';
  const renamed = RENAMED[name];
  let tex = written.replace(LABEL, '');
  if (renamed) {
    const target = starred && !renamed.endsWith('*') ? `${renamed}*` : renamed;
    tex = tex.replace(new RegExp(`\\\\(begin|end)\\{${name}\\*?\\}`, 'g'), (_whole, which: string) => `\\${which}{${target}}`);
  }
  if (starred || !(ONE_NUMBER.has(name) || NUMBER_PER_ROW.has(name))) return { tex, numbers: [] };
  const body = written.slice(match![0].length, written.lastIndexOf(`\\end{${name}`));
  const labelOf = (text: string) => [...text.matchAll(LABEL)][0]?.[1]?.trim();
  if (ONE_NUMBER.has(name)) return { tex, numbers: NO_NUMBER.test(body) ? [] : [labelOf(body)] };
  const all = rows(body);
  // A `\\` ending the last row leaves an empty row, which LaTeX does not number.
  if (all.length > 1 && all[all.length - 1]!.replace(LABEL, '').trim() === '') all.pop();
  return { tex, numbers: all.filter((row) => !NO_NUMBER.test(row)).map(labelOf) };
}
