/**
 * Pandoc's tex_math_dollars, typeset when the site is built: `$…$` inline and `$$…$$` display, as
 * MathML (Temml), which browsers lay out natively: the reader gets no script and no web font, a
 * screen reader reads the formula, search finds its text, and it prints.
 *
 *     The growth rate $g = \frac{\Delta Y}{Y}$ was announced as 25%.
 *
 *     $$
 *     g = \frac{\Delta Y}{Y}
 *     $$ {#eq-growth}
 *
 * A display equation labelled as Quarto writes it (`{#eq-…}` after the closing `$$`) is numbered,
 * and `@eq-growth` refers to it (markdown/cross-references.ts).
 *
 * Parsing is micromark's math extension (remark-math), which gives math the precedence of a code
 * span, so `*` and `_` inside a formula stay TeX. Its rule for `$` is looser than Pandoc's, so this
 * plugin applies Pandoc's: the opening `$` must have a non-space character right after it, and the
 * closing `$` a non-space character right before it and no digit right after it. Thus
 * `$20,000 and $30,000` stays text, as in Pandoc.
 *
 * TeX that Temml cannot read is an error (math/invalid-tex) at its line. The MathML itself is put in
 * by rehypeMathml, after the page's HTML sanitizer, which removes any `<math>` the writer typed.
 *
 * Wiring: remarkPandocMath before the other plugins of markdown/parse.ts;
 * remarkTexMath after them; rehypeMathml after rehype-safe-html.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Nodes, Paragraph, Parent, PhrasingContent, Root } from 'mdast';
import remarkMath from 'remark-math';
import type {} from 'mdast-util-math';
import type { Processor } from 'unified';
import type { Node as UnistNode } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { parseLabel } from './figures.ts';
import { typeset } from './math-typeset.ts';
import { ORIGIN, sourceOf } from './source.ts';
import { prepareEnvironment } from './tex-equation-numbers.ts';
import type { TexEnvironmentData } from './tex-environments.ts';

export const MATH_ELEMENT = 'apparatus-math';

/**
 * Pandoc's `$$`: display math inside a paragraph, never a fenced block. micromark's math has a
 * flow form too (`$$` opening a line, like a code fence), which would run a `$$ x + y` line whose
 * closing `$$` is followed by text to the end of the essay. Only the text form is kept; a
 * paragraph that holds nothing but one display equation is made a block by remarkTexMath.
 */
export function remarkPandocMath(this: Processor) {
  remarkMath.call(this as never);
  const extensions = (this.data() as { micromarkExtensions?: { flow?: unknown }[] }).micromarkExtensions ?? [];
  const added = extensions[extensions.length - 1];
  if (added) delete added.flow;
}

/** A paragraph's text after its only equation: nothing, or the equation's label as Quarto writes it. */
const LABEL_AFTER = /^[ \t]*(?:\{#(eq[-:][^\s{}]+)\})?[ \t]*$/;

/**
 * Paragraphs that hold one display equation and nothing else (`$$` on lines of their own, the label
 * after the closing `$$`) as a block of their own: an equation set apart from the text.
 */
function equationBlocks(tree: Root, source: string): Map<Nodes, string | undefined> {
  const blocks = new Map<Nodes, string | undefined>();
  visit(tree, 'paragraph', (paragraph: Paragraph, index, parent: Parent | undefined) => {
    const [math, after, ...rest] = paragraph.children;
    if (!parent || index === undefined || rest.length > 0 || math?.type !== 'inlineMath') return undefined;
    const start = math.position?.start.offset ?? 0;
    if (!source.startsWith('$$', start) || (after && (after.type !== 'text' || !LABEL_AFTER.test(after.value)))) return undefined;
    const label = after?.type === 'text' ? LABEL_AFTER.exec(after.value)?.[1] : undefined;
    const block = { type: 'math', value: math.value, ...(math.position ? { position: math.position } : {}) } as unknown as Nodes;
    parent.children.splice(index, 1, block as never);
    blocks.set(block, label);
    return SKIP;
  });
  return blocks;
}

/** An equation, typeset: what remark-rehype makes an `apparatus-math` element of. */
export interface TexMathNode extends UnistNode {
  type: 'texMath';
  tex: string;
  display: boolean;
  /** `eq-growth`, for a labelled display equation. */
  label?: string;
  /**
   * For a LaTeX environment LaTeX numbers (`equation`, each row of `align`…): one entry per
   * number, the `\label` of its row if any. Set; numbered by cross-references.ts.
   */
  numbers?: readonly (string | undefined)[];
  data: { hName: typeof MATH_ELEMENT; hProperties: Record<string, string | number | undefined> };
}

/** Typeset equations of the file, in document order, as MathML strings. */
interface FileData {
  texMath?: string[];
}

/** Pandoc's rule for a single `$`: `$20,000 and $30,000` is not math. */
function isPandocInlineMath(source: string, start: number, end: number): boolean {
  const inner = source.slice(start + 1, end - 1);
  if (inner === '' || /^\s/.test(inner) || /\s$/.test(inner)) return false;
  return !/[0-9]/.test(source[end] ?? '');
}

export default function remarkTexMath() {
  return (tree: Root, file: VFile) => {
    const source = sourceOf(file).text;
    const blocks = equationBlocks(tree, source);
    const typesetMath: string[] = [];
    (file.data as FileData).texMath = typesetMath;
    visit(tree, (node: Nodes, index, parent: Parent | undefined) => {
      if (node.type !== 'math' && node.type !== 'inlineMath') return undefined;
      if (!parent || index === undefined) return SKIP;
      const start = node.position?.start.offset ?? 0;
      const end = node.position?.end.offset ?? start;
      // A LaTeX environment (`\begin{align}`…), found by tex-environments.ts: display math, numbered as LaTeX numbers it.
      const environment = (node.data as Partial<TexEnvironmentData> | undefined)?.texEnvironment;
      const prepared = environment === undefined ? undefined : prepareEnvironment(node.value);
      const display = prepared !== undefined || node.type === 'math' || source.startsWith('$$', start);
      if (!display && !isPandocInlineMath(source, start, end)) {
        // Text after all, read again as Markdown (without math), where it stands.
        const text = parseLabel(source, { text: source.slice(start, end), offset: start });
        parent.children.splice(index, 1, ...(text as never[]));
        return index + text.length;
      }
      const tex = prepared?.tex ?? node.value.trim();
      let label = prepared ? undefined : blocks.get(node);
      // `$$ … $$ {#eq-x}` within a paragraph: the label is the text right after the equation.
      const next = parent.children[index + 1];
      if (!label && !prepared && display && next?.type === 'text') {
        const written = /^[ \t]*\{#(eq[-:][^\s{}]+)\}/.exec(next.value);
        if (written) {
          label = written[1];
          next.value = next.value.slice(written[0].length);
          if (next.position?.start.offset !== undefined) next.position.start.offset += written[0].length;
        }
      }
      let mathml: string;
      try {
        mathml = typeset(tex, display);
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error))
          .replace(/^\s*ParseError:\s*/, '')
          .split('\n')[0]!
          .replace(/\s+at position \d+:?\s*$/, '')
          .replace(/[:.\s]+$/, '');
        const message = file.message(`This TeX cannot be typeset: ${reason}.`, node.position, `${ORIGIN}:math/invalid-tex`);
        message.fatal = true;
        message.note = 'Fix the formula (Temml reads the TeX and LaTeX math that KaTeX and MathJax read), or escape a literal dollar sign as \\$.';
        mathml = '';
      }
      const typeNode: TexMathNode = {
        type: 'texMath',
        tex,
        display,
        ...(label ? { label } : {}),
        ...(prepared && prepared.numbers.length > 0 ? { numbers: prepared.numbers } : {}),
        data: { hName: MATH_ELEMENT, hProperties: { dataMath: typesetMath.length, dataDisplay: display ? 'block' : 'inline', ...(node.type === 'math' ? { dataBlock: 'true' } : {}), ...(label ? { dataLabel: label } : {}) } },
        ...(node.position ? { position: node.position } : {}),
      };
      typesetMath.push(mathml);
      parent.children.splice(index, 1, typeNode as unknown as PhrasingContent);
      return SKIP;
    });
  };
}

/**
 * rehype plugin, after the HTML sanitizer: each `apparatus-math` element becomes its typeset MathML
 * (display equations in a block with their number, when labelled and numbered by
 * cross-references.ts, which sets `data-number`).
 */
export function rehypeMathml() {
  return (tree: HastRoot, file: VFile) => {
    const typesetMath = (file.data as FileData).texMath ?? [];
    const replace = (parent: HastRoot | Element) => {
      parent.children = parent.children.map((child) => {
        if (child.type !== 'element') return child;
        if (child.tagName !== MATH_ELEMENT) {
          replace(child);
          return child;
        }
        const mathml = typesetMath[Number(child.properties['dataMath'])] ?? '';
        const math = fromHtml(mathml, { fragment: true }).children.filter((n): n is Element => n.type === 'element');
        // Temml sets `style="display:block math"` on a display equation; the page's CSP allows no
        // inline style, and `display="block"` says the same to the browser.
        for (const element of math) withoutStyles(element);
        const display = child.properties['dataDisplay'] === 'block';
        // One number with a label: the equation is the target, as a labelled `$$` equation is.
        const label = child.properties['dataLabel'] ?? numberRows(math, child.properties['dataNumbers'], child.properties['dataNumberIds']);
        const number = child.properties['dataNumber'];
        const children: ElementContent[] = [...math];
        if (number !== undefined) children.push({ type: 'element', tagName: 'span', properties: { className: ['equation-number'] }, children: [{ type: 'text', value: `(${String(number)})` }] });
        return {
          type: 'element',
          // An equation set apart from the text (`$$` on lines of its own) is a block of its own.
          tagName: child.properties['dataBlock'] ? 'div' : 'span',
          properties: { className: display ? ['math', 'display'] : ['math', 'inline'], ...(typeof label === 'string' ? { id: label } : {}) },
          children,
        } satisfies Element;
      }) as typeof parent.children;
    };
    replace(tree);
  };
}

function elementsOf(node: Element, test: (e: Element) => boolean, out: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (test(child)) out.push(child);
    elementsOf(child, test, out);
  }
  return out;
}

const hasClass = (element: Element, name: string) => Array.isArray(element.properties['className']) && element.properties['className'].includes(name);

/**
 * A LaTeX environment's numbers: Temml leaves an empty `tml-eqn` in each numbered row for a
 * stylesheet counter to fill; the page writes the number there itself, sets the row's label as its
 * id, and marks the table Temml sized with inline styles (which the page's CSP does not allow)
 * for global.css. An environment with one number gives its label to the whole equation: returned.
 */
function numberRows(math: readonly Element[], numbers: unknown, ids: unknown): string | undefined {
  if (typeof numbers !== 'string' || numbers === '') return undefined;
  const values = numbers.split(' ');
  const labels = typeof ids === 'string' ? ids.split(' ') : [];
  const whole = values.length === 1 && labels[0] && labels[0] !== '-' ? labels[0] : undefined;
  for (const element of math) {
    const slots = elementsOf(element, (e) => hasClass(e, 'tml-eqn'));
    slots.forEach((slot, i) => {
      slot.children = values[i] === undefined ? [] : [{ type: 'text', value: `(${values[i]})` }];
      const id = labels[i];
      if (values.length === 1 || !id || id === '-') return;
      const row = elementsOf(element, (e) => e.tagName === 'mtr').find((mtr) => elementsOf(mtr, (e) => e === slot).length > 0);
      if (row) row.properties['id'] = id;
    });
    for (const table of elementsOf(element, (e) => e.tagName === 'mtable' && elementsOf(e, (d) => hasClass(d, 'tml-eqn')).length > 0)) {
      table.properties['className'] = [...((table.properties['className'] as string[] | undefined) ?? []), 'numbered'];
    }
  }
  return whole;
}

function withoutStyles(element: Element): void {
  delete element.properties['style'];
  for (const child of element.children) if (child.type === 'element') withoutStyles(child);
}
