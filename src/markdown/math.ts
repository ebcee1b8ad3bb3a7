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
 * Wiring: remarkMathSource and remarkMath before the other plugins of markdown/parse.ts;
 * remarkTexMath after them; rehypeMathml after rehype-safe-html.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Nodes, Parent, PhrasingContent, Root } from 'mdast';
import type {} from 'mdast-util-math';
import temml from 'temml';
import type { Processor } from 'unified';
import type { Node as UnistNode } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { parseLabel } from './figures.ts';
import { ORIGIN, sourceOf } from './source.ts';

export const MATH_ELEMENT = 'apparatus-math';

/** `$$ {#eq-growth}` at the end of a line: the closing `$$` of a display equation and its label. */
const LABELLED_CLOSE = /\$\$([ \t]*)(\{#(eq-[^\s{}]+)\})[ \t]*$/gm;

interface TreeData {
  /** Labels of display equations, by the line of their closing `$$`. */
  equationLabels?: Map<number, string>;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/**
 * Makes the parser read an equation's `{#eq-…}` label as spaces (micromark would not close a math
 * block whose closing fence has text after it, and the block would run to the end of the essay),
 * and keeps the labels on the tree's data. The file keeps the writer's text.
 */
export function remarkMathSource(this: Processor) {
  const self = this as unknown as { parser?: (document: string, file: VFile) => Root };
  const parse = self.parser;
  if (!parse) throw new Error('remarkMathSource must be used after remark-parse.');
  self.parser = (document: string, file: VFile) => {
    const labels = new Map<number, string>();
    const blanked = document.replace(LABELLED_CLOSE, (whole: string, space: string, block: string, label: string, offset: number) => {
      labels.set(lineAt(document, offset), label);
      return `$$${space}${' '.repeat(block.length)}${whole.slice(2 + space.length + block.length)}`;
    });
    const tree = parse(blanked, file);
    tree.data = { ...tree.data, equationLabels: labels } as Root['data'] & TreeData;
    return tree;
  };
}

/** An equation, typeset: what remark-rehype makes an `apparatus-math` element of. */
export interface TexMathNode extends UnistNode {
  type: 'texMath';
  tex: string;
  display: boolean;
  /** `eq-growth`, for a labelled display equation. */
  label?: string;
  data: { hName: typeof MATH_ELEMENT; hProperties: Record<string, string | number | undefined> };
}

/** Typeset equations of the file, in document order, as MathML strings. */
interface FileData {
  texMath?: string[];
}

function typeset(tex: string, display: boolean): string {
  return temml.renderToString(tex, { displayMode: display, annotate: true, throwOnError: true, trust: false });
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
    const labels = (tree.data as TreeData | undefined)?.equationLabels ?? new Map<number, string>();
    const typesetMath: string[] = [];
    (file.data as FileData).texMath = typesetMath;
    visit(tree, (node: Nodes, index, parent: Parent | undefined) => {
      if (node.type !== 'math' && node.type !== 'inlineMath') return undefined;
      if (!parent || index === undefined) return SKIP;
      const start = node.position?.start.offset ?? 0;
      const end = node.position?.end.offset ?? start;
      const display = node.type === 'math' || source.startsWith('$$', start);
      if (!display && !isPandocInlineMath(source, start, end)) {
        // Text after all, read again as Markdown (without math), where it stands.
        const text = parseLabel(source, { text: source.slice(start, end), offset: start });
        parent.children.splice(index, 1, ...(text as never[]));
        return index + text.length;
      }
      const tex = node.value.trim();
      let label = node.type === 'math' ? labels.get(node.position?.end.line ?? -1) : source.slice(end - 2, end) === '$$' ? labels.get(node.position?.end.line ?? -1) : undefined;
      // `$$ … $$ {#eq-x}` within a paragraph: the label is the text right after the equation.
      const next = parent.children[index + 1];
      if (!label && display && next?.type === 'text') {
        const written = /^[ \t]*\{#(eq-[^\s{}]+)\}/.exec(next.value);
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
        const label = child.properties['dataLabel'];
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

function withoutStyles(element: Element): void {
  delete element.properties['style'];
  for (const child of element.children) if (child.type === 'element') withoutStyles(child);
}
