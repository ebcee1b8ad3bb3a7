/**
 * The inline text of a BibTeX field as Pandoc holds it (a subset of Pandoc's Inline type), how
 * Pandoc's builder joins it, and how Pandoc flattens it (stringify).
 */

export type Inline =
  | { readonly t: 'str'; readonly s: string }
  | { readonly t: 'space' }
  | { readonly t: 'linebreak' }
  /**
   * A span: `group` is a braced group (Pandoc's Span with no attributes, which BibTeX titles
   * protect from case changes), `nocase` a protected one, `attr` any other (\textsf, \textgreek…).
   */
  | { readonly t: 'span'; readonly kind: 'group' | 'nocase' | 'attr'; readonly c: readonly Inline[] }
  | { readonly t: 'emph' | 'strong' | 'smallcaps' | 'sup' | 'sub' | 'underline' | 'strikeout'; readonly c: readonly Inline[] }
  | { readonly t: 'quoted'; readonly double: boolean; readonly c: readonly Inline[] }
  | { readonly t: 'link'; readonly c: readonly Inline[] }
  /** Text no case change touches: code (\texttt, \verb) and math. */
  | { readonly t: 'code' | 'math'; readonly s: string }
  /** What Pandoc reads but prints as nothing: a LaTeX command it does not know, a citation, a note. */
  | { readonly t: 'raw'; readonly s: string };

export type Formatting = Extract<Inline, { c: readonly Inline[] }>;

/** Appends as Pandoc's Inlines monoid does: adjacent text joins, adjacent spaces collapse, adjacent formatting of one kind merges. */
export function append(list: Inline[], x: Inline): void {
  const last = list.at(-1);
  if (last?.t === 'str' && x.t === 'str') list[list.length - 1] = { t: 'str', s: last.s + x.s };
  else if (last?.t === 'space' && x.t === 'space') return;
  else if (last?.t === 'space' && x.t === 'linebreak') list[list.length - 1] = x;
  else if (last?.t === 'linebreak' && x.t === 'space') return;
  else if (last && last.t === x.t && ['emph', 'strong', 'smallcaps', 'sup', 'sub', 'underline', 'strikeout'].includes(x.t)) {
    list[list.length - 1] = { t: last.t, c: [...(last as Formatting).c, ...(x as Formatting).c] } as Inline;
  } else list.push(x);
}

export function concat(...parts: readonly (readonly Inline[])[]): Inline[] {
  const out: Inline[] = [];
  for (const part of parts) for (const x of part) append(out, x);
  return out;
}

/** Pandoc's extractSpaces: a formatting command's leading and trailing spaces go outside it. */
export function extractSpaces(make: (c: Inline[]) => Inline, content: readonly Inline[]): Inline[] {
  const c = [...content];
  const lead = c[0]?.t === 'space';
  const trail = c.length > 1 && c.at(-1)?.t === 'space';
  if (lead) c.shift();
  if (trail) c.pop();
  return [...(lead ? [{ t: 'space' } as const] : []), make(c), ...(trail ? [{ t: 'space' } as const] : [])];
}

/** Pandoc's stringify: the text, with quotation marks, and nothing for what prints as nothing. */
export function stringify(inlines: readonly Inline[]): string {
  return inlines
    .map((x) => {
      switch (x.t) {
        case 'str':
        case 'code':
        case 'math':
          return x.s;
        case 'space':
        case 'linebreak':
          return ' ';
        case 'raw':
          return '';
        case 'quoted':
          return x.double ? `“${stringify(x.c)}”` : `‘${stringify(x.c)}’`;
        default:
          return stringify(x.c);
      }
    })
    .join('');
}

/** The inlines with every text run changed (Pandoc's walk over Str). */
export function mapStr(inlines: readonly Inline[], f: (s: string) => string): Inline[] {
  return inlines.map((x) => (x.t === 'str' ? { t: 'str', s: f(x.s) } : 'c' in x ? ({ ...x, c: mapStr(x.c, f) } as Inline) : x));
}

/**
 * Pandoc's splitStrWhen: every character that satisfies the test becomes a text run of its own
 * (Pandoc's Inlines are not merged again, so each stays a separate Str).
 */
export function splitStrWhen(inlines: readonly Inline[], test: (c: string) => boolean): Inline[] {
  const out: Inline[] = [];
  for (const x of inlines) {
    if (x.t !== 'str') {
      out.push(x);
      continue;
    }
    let run = '';
    for (const c of x.s) {
      if (test(c)) {
        if (run) out.push({ t: 'str', s: run });
        out.push({ t: 'str', s: c });
        run = '';
      } else run += c;
    }
    if (run) out.push({ t: 'str', s: run });
  }
  return out;
}

/**
 * CSL-JSON rich text, as Pandoc's CSL-JSON writer prints inlines (Citeproc.CslJson), but with case
 * protection kept (`<span class="nocase">`), which citeproc-js needs where Pandoc's citeproc has
 * the span itself. Quotations are written “…” (‘…’ inside).
 */
export function render(inlines: readonly Inline[]): string {
  const go = (xs: readonly Inline[], ctx: { italics: boolean; bold: boolean; smallcaps: boolean; outer: boolean }): string =>
    xs
      .map((x): string => {
        switch (x.t) {
          case 'str':
          case 'code':
          case 'math':
            return x.s;
          case 'space':
            return ' ';
          case 'linebreak':
            return '\n';
          case 'raw':
            return '';
          case 'emph':
            return ctx.italics ? `<i>${go(x.c, { ...ctx, italics: false })}</i>` : `<span style="font-style:normal;">${go(x.c, { ...ctx, italics: true })}</span>`;
          case 'strong':
            return ctx.bold ? `<b>${go(x.c, { ...ctx, bold: false })}</b>` : `<span style="font-weight:normal;">${go(x.c, { ...ctx, bold: true })}</span>`;
          case 'smallcaps':
            return ctx.smallcaps
              ? `<span style="font-variant:small-caps;">${go(x.c, { ...ctx, smallcaps: false })}</span>`
              : `<span style="font-variant:normal;">${go(x.c, { ...ctx, smallcaps: true })}</span>`;
          case 'underline':
            return `<u>${go(x.c, ctx)}</u>`;
          case 'sup':
            return `<sup>${go(x.c, ctx)}</sup>`;
          case 'sub':
            return `<sub>${go(x.c, ctx)}</sub>`;
          case 'quoted':
            return ctx.outer ? `“${go(x.c, { ...ctx, outer: false })}”` : `‘${go(x.c, { ...ctx, outer: true })}’`;
          case 'span':
            return x.kind === 'nocase' ? `<span class="nocase">${go(x.c, ctx)}</span>` : go(x.c, ctx);
          default:
            return go(x.c, ctx);
        }
      })
      .join('');
  return go(inlines, { italics: true, bold: true, smallcaps: true, outer: true });
}

/** The match of a sticky pattern (flag y) at an offset, without copying the rest of the text. */
export function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}
