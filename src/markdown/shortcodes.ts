/**
 * Quarto's shortcodes (`{{< pagebreak >}}`), replaced by what they mean on a reading page:
 *
 * - `pagebreak`: a page break in print (`<div class="page-break">`), nothing on screen;
 * - `meta key` and `var key`: the value of a metadata field (the essay's, `_quarto.yml`'s and
 *   `_metadata.yml`'s, as Quarto reads them; `a.b` for a nested one) or of `_variables.yml`;
 * - `video url`: a link to the video (the page loads nothing from another site);
 * - `kbd keys`: the keys, as `<kbd>`;
 * - `latex`, `tex`, `bibtex`: the names, as the quarto-journals templates print them.
 *
 * Any other (an extension's, `include`, `env`, `lipsum`) is left out with a warning that names it.
 *
 * Wiring: after remarkTexEnvironments, which makes a `shortcode` node of each one where it stood.
 */
import type { Nodes, Parent, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { ORIGIN } from './source.ts';
import type { ShortcodeNode } from './tex-environments.ts';

export interface Options {
  /** The essay's metadata and variables, as text by key (`title`, `citation.url`, `var:version`). */
  readonly valuesOf?: (file: VFile) => ReadonlyMap<string, string> | undefined;
}

export const SHORTCODE_RULE = 'quarto/shortcode';

/** Shortcodes that stand for a word. */
const WORDS: Readonly<Record<string, string>> = { latex: 'LaTeX', tex: 'TeX', bibtex: 'BibTeX' };

function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

/** An element of the page, which remark-rehype makes of a node it does not know by its `hName`. */
function element(tagName: string, properties: Record<string, unknown>, children: PhrasingContent[]): PhrasingContent {
  return { type: 'shortcodeOutput', children, data: { hName: tagName, hProperties: properties } } as unknown as PhrasingContent;
}

export default function remarkShortcodes(options: Options = {}) {
  return (tree: Root, file: VFile) => {
    // Without the essay's values (a check of the Markdown alone), `meta` and `var` are not judged.
    const values = options.valuesOf?.(file);
    const warn = (node: ShortcodeNode, reason: string, note: string) => {
      const message = file.message(reason, node.position, `${ORIGIN}:${SHORTCODE_RULE}`);
      message.note = note;
    };
    /** What one shortcode is on the page, or nothing. */
    const meaning = (node: ShortcodeNode): PhrasingContent[] => {
      const [first = '', ...rest] = node.args;
      switch (node.name) {
        case 'meta':
        case 'var': {
          const value = values?.get(node.name === 'var' ? `var:${first}` : first);
          if (value !== undefined) return [text(value)];
          if (values) warn(node, `{{< ${node.name} ${first} >}} names no ${node.name === 'var' ? 'variable of _variables.yml' : 'metadata field'} of this essay: it is left out.`, `Define ${first} in ${node.name === 'var' ? '_variables.yml beside the essay' : 'the frontmatter, _metadata.yml or _quarto.yml'}, or remove the shortcode.`);
          return [];
        }
        case 'video':
          return first ? [element('a', { href: first, className: ['video-link'] }, [text(`Video: ${first}`)])] : [];
        case 'kbd':
          return [element('kbd', {}, [text([first, ...rest].join(' '))])];
        case 'pagebreak':
          return [];
        default: {
          const word = WORDS[node.name.toLowerCase()];
          if (word) return [text(word)];
          warn(node, `The shortcode {{< ${[node.name, ...node.args].join(' ')} >}} has no meaning on this page: it is left out.`, 'Apparatus reads pagebreak, meta, var, video, kbd and the names latex, tex and bibtex; write the text itself for any other.');
          return [];
        }
      }
    };
    const visit = (parent: Parent) => {
      parent.children = (parent.children as Nodes[]).flatMap((child): Nodes[] => {
        // A paragraph of one page break is a block of its own.
        if (child.type === 'paragraph') {
          const meaningful = child.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
          const only = meaningful.length === 1 && (meaningful[0]!.type as string) === 'shortcode' ? (meaningful[0] as unknown as ShortcodeNode) : undefined;
          if (only?.name === 'pagebreak') {
            const block = { type: 'pageBreak', data: { hName: 'div', hProperties: { className: ['page-break'], ariaHidden: 'true' } }, position: only.position };
            return [block as unknown as Nodes];
          }
        }
        if ((child.type as string) === 'shortcode') return meaning(child as unknown as ShortcodeNode) as Nodes[];
        if ('children' in child) visit(child as Parent);
        return [child];
      }) as Parent['children'];
    };
    visit(tree);
  };
}
