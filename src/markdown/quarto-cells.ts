/**
 * Quarto's (and R Markdown's) executable code cells, ```` ```{r} ````, ```` ```{python} ````:
 * Apparatus publishes what the writer wrote and runs no code, so a cell is shown as the code it is
 * (its `#|` option lines left out, as Quarto leaves them out), with a warning that what it would
 * make (a plot, a table, printed text) is not on the page. A cell Quarto would show nothing of
 * (`include: false`) is left out.
 *
 * A cell labelled as a figure or a table (`#| label: fig-mnist` with `#| fig-cap: …`, or knitr's
 * ```` ```{r fig-mnist, fig.cap="…"} ````) is still that figure or table: a numbered `float`
 * (quarto-floats.ts) holding the code and the caption, so that `@fig-mnist` leads to it.
 *
 * Wiring: after remark-parse and the block plugins, before remarkQuartoFloats' numbering and the
 * citations (a caption's citations are read where the caption now is).
 */
import type { Code, InlineCode, Nodes, Parent, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { parse as parseYaml } from 'yaml';
import { parseLabel } from './figures.ts';
import { floatKind, floatNode } from './quarto-floats.ts';
import { ORIGIN } from './source.ts';

/** `{r}`, `{python}`, `{r setup, include=FALSE}`: the info string of an executable cell. */
const CELL = /^\{([A-Za-z][\w.+-]*)(?:[\s,]+(.*))?\}$/s;
/** Inline code Quarto runs: `` `{r} expr` ``, `` `{python} expr` ``. */
const INLINE_CELL = /^\{[A-Za-z][\w.+-]*\}\s/;
/** knitr's inline code, `` `r expr` ``: read so only in a document that has R cells. */
const KNITR_INLINE = /^r\s\S/;
/** An option line: `#| key: value` (`%%|` in Mermaid, `//|` in OJS and Graphviz). */
const OPTION_LINE = /^(?:#|%%|\/\/)\|\s?(.*)$/;

export const CODE_NOT_RUN_RULE = 'quarto/code-not-run';

interface Cell {
  /** The engine of an executable cell (`r`, `python`); undefined for a block that only has options (```` ```pseudocode ````). */
  readonly engine: string | undefined;
  /** The block's language as written (`pseudocode`), for one that is not a cell. */
  readonly lang: string | null | undefined;
  readonly options: Record<string, unknown>;
  /** The code without its option lines. */
  readonly code: string;
  /** The option lines as written, with their offsets in the source (for a caption's place). */
  readonly optionLines: readonly { readonly text: string; readonly offset: number }[];
}

/** knitr's header options: `setup, include=FALSE, fig.cap="A map"`. */
function headerOptions(text: string): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  const parts = text.match(/(?:[^,"']|"[^"]*"|'[^']*')+/g) ?? [];
  parts.forEach((part, i) => {
    const pair = /^\s*([\w.-]+)\s*=\s*(.*?)\s*$/s.exec(part);
    if (!pair) {
      if (i === 0 && part.trim() !== '') options['label'] = part.trim();
      return;
    }
    const value = pair[2]!;
    const key = pair[1]!.replace(/\./g, '-');
    options[key] = /^(TRUE|T)$/.test(value) ? true : /^(FALSE|F)$/.test(value) ? false : value.replace(/^(["'])(.*)\1$/s, '$2');
  });
  return options;
}

function cellOf(node: Code, source: string): Cell | undefined {
  const info = [node.lang, node.meta].filter((part) => part !== null && part !== undefined).join(' ');
  const header = CELL.exec(info);
  const lines = node.value.split('\n');
  let count = 0;
  while (count < lines.length && OPTION_LINE.test(lines[count]!)) count += 1;
  // A block that is no cell but has option lines (Quarto's pseudocode extension, a listing).
  if (!header && count === 0) return undefined;
  const yaml = lines.slice(0, count).map((line) => OPTION_LINE.exec(line)![1]!).join('\n');
  let options: Record<string, unknown> = {};
  try {
    const parsed: unknown = yaml.trim() === '' ? {} : parseYaml(yaml);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) options = parsed as Record<string, unknown>;
  } catch {
    // Options that are not YAML change nothing here: the cell is shown as code all the same.
  }
  // The option lines' places: the code starts on the line after the opening fence.
  const start = node.position?.start.offset ?? 0;
  const codeStart = source.indexOf('\n', start) + 1;
  const optionLines: { text: string; offset: number }[] = [];
  let offset = codeStart;
  for (const line of source.slice(codeStart).split('\n').slice(0, count)) {
    optionLines.push({ text: line, offset });
    offset += line.length + 1;
  }
  return {
    engine: header?.[1],
    lang: node.lang,
    options: { ...headerOptions(header?.[2] ?? ''), ...options },
    code: lines.slice(count).join('\n').replace(/^\n+/, ''),
    optionLines,
  };
}

/**
 * A caption option (`fig-cap: "A map after [@doe2001]"`) read as Markdown where it stands in the
 * source, so that its citations and cross-references are placed; one written over several lines
 * is read as text, placed at its option line.
 */
function captionOf(cell: Cell, key: string, source: string): PhrasingContent[] {
  const value = cell.options[key];
  if (typeof value !== 'string') return [];
  for (const line of cell.optionLines) {
    const match = new RegExp(`^(?:#|%%|//)\\|\\s*${key}:\\s*(["']?)(.*?)\\1\\s*$`).exec(line.text);
    if (match && match[2] === value) return parseLabel(source, { text: value, offset: line.offset + line.text.indexOf(match[2]!, line.text.indexOf(':') + 1) });
  }
  return [{ type: 'text', value }];
}

/** An algorithm's caption, from the `\caption{…}` of its LaTeX (Quarto's pseudocode extension). */
function algorithmCaption(code: string): PhrasingContent[] {
  const caption = /\\caption\{((?:[^{}]|\{[^{}]*\})*)\}/.exec(code)?.[1];
  return caption === undefined ? [] : [{ type: 'text', value: caption.trim() }];
}

export default function remarkQuartoCells() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const counts = new Map<string, { count: number; first: Code }>();
    const visit = (parent: Parent) => {
      parent.children = (parent.children as Nodes[]).flatMap((child): Nodes[] => {
        if ('children' in child) visit(child as Parent);
        if (child.type !== 'code') return [child];
        const cell = cellOf(child, source);
        if (!cell) return [child];
        if (cell.engine !== undefined) {
          const seen = counts.get(cell.engine) ?? { count: 0, first: child };
          counts.set(cell.engine, { ...seen, count: seen.count + 1 });
          if (cell.options['include'] === false) return [];
        }
        const code: Code = { type: 'code', lang: cell.engine?.toLowerCase() ?? cell.lang ?? null, meta: null, value: cell.code };
        if (child.position) code.position = child.position;
        const label = typeof cell.options['label'] === 'string' ? cell.options['label'] : typeof cell.options['lst-label'] === 'string' ? cell.options['lst-label'] : undefined;
        const kind = label ? floatKind(label) : undefined;
        if (!label || !kind) return [code];
        const caption = kind === 'algo' ? algorithmCaption(cell.code) : captionOf(cell, `${kind}-cap`, source);
        const float = floatNode(kind, label, [code], caption, child.position, { className: [cell.engine ? 'code-cell' : 'code-block'] });
        const subcaptions = cell.options[`${kind}-subcap`];
        if (Array.isArray(subcaptions)) float.subcaptions = subcaptions.map((item) => String(item));
        return [float as unknown as Nodes];
      }) as Parent['children'];
    };
    visit(tree);
    // Inline code Quarto runs (`` `{r} mean(x)` ``, or knitr's `` `r mean(x)` `` in a document with
    // cells): shown as the code it is, with one warning, as its value is not on the page.
    const inline: InlineCode[] = [];
    const findInline = (node: Nodes) => {
      if (node.type === 'inlineCode' && (INLINE_CELL.test(node.value) || (counts.size > 0 && KNITR_INLINE.test(node.value)))) inline.push(node);
      if ('children' in node) for (const child of node.children) findInline(child as Nodes);
    };
    findInline(tree);
    if (inline.length > 0) {
      const message = file.message(
        `${inline.length === 1 ? 'This inline code is' : `${inline.length} inline code spans (this is the first) are`} shown as code: Apparatus does not run code, so ${inline.length === 1 ? 'its value is' : 'their values are'} not on the page.`,
        inline[0]!.position,
        `${ORIGIN}:${CODE_NOT_RUN_RULE}`,
      );
      message.note = 'Write the value itself into the text.';
    }
    for (const [engine, { count, first }] of counts) {
      const message = file.message(
        `${count === 1 ? 'This {' + engine + '} cell is' : `The ${count} {${engine}} cells (this is the first) are`} shown as code: Apparatus does not run code, so what ${count === 1 ? 'it makes' : 'they make'} (a plot, a table, printed text) is not on the page.`,
        first.position,
        `${ORIGIN}:${CODE_NOT_RUN_RULE}`,
      );
      message.note = 'Render the output once and put it in the essay (an image, a table), or leave the code for readers to run.';
    }
  };
}
