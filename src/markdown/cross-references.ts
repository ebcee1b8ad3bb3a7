/**
 * remark plugin: numbered figures, tables and equations, and references to them and to sections,
 * in the syntax Quarto users write.
 *
 *     ![Communes in 1959.](map.png){#fig-map}          → "Figure 1: Communes in 1959."
 *     : Grain prices, 1957–1961 {#tbl-prices}          → "Table 1: Grain prices, 1957–1961"
 *     $$ g = \frac{\Delta Y}{Y} $$ {#eq-growth}          → the equation, numbered "(1)"
 *     ### Provincial leaders {#sec-leaders}
 *
 *     As @fig-map shows …   [see @tbl-prices]   in [-@eq-growth]   under @sec-politics
 *     → "As Figure 1 shows …", "see Table 1", "in 1", "under Section 3", each a link.
 *
 * Every figure with a caption and every captioned table is numbered, in the order of the essay (one
 * without a label gets the id `figure-2`, `table-1`, for the list of figures and search); a display
 * equation is numbered when it is labelled. A section is `@sec-` and its id: the file name
 * of a section file without its number (`03-politics.md` → `@sec-politics`), or a heading's own
 * `{#sec-…}`. `@Fig-map` (capitalized at the start of a sentence) is `@fig-map`. A key with one of the prefixes `fig-`, `tbl-`, `eq-` and `sec-` is a reference, never
 * a citation (as in Quarto); one that names nothing is an error with a "did you mean", and so is a
 * bracket that mixes references with citations.
 *
 * Wiring: after markdown/citations.ts (which reads `@fig-map` as it reads any key), implicit
 * figures, table captions and math, and before the essay's checks. The caption labels it adds are
 * `<span class="caption-label">`.
 */
import type { Heading, Link, Nodes, Parent, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import type { CiteItemNode, CiteNode } from './citations.ts';
import type { FigureNode } from './figures.ts';
import type { TexMathNode } from './math.ts';
import type { CaptionedTableNode } from './table-captions.ts';
import { ORIGIN, sourceOf } from './source.ts';
import type { TexReferenceNode } from './raw-tex.ts';
import { didYouMean } from '../checks/suggest.ts';

export type TargetKind = 'fig' | 'tbl' | 'eq' | 'sec';

/** A key that names a figure, table, equation or section: never a citation. */
export const CROSS_REFERENCE_KEY = /^(fig|tbl|eq|sec)-/i;

const NAMES: Record<TargetKind, string> = { fig: 'Figure', tbl: 'Table', eq: 'Equation', sec: 'Section' };

export interface Target {
  readonly kind: TargetKind;
  readonly label: string;
  /** The id of the element a reference leads to. */
  readonly id: string;
  /** "1", or "3.2" for a subsection; "A" for an appendix. */
  readonly number: string;
  /** "Appendix" for an appendix, instead of the kind's name. */
  readonly name?: string;
}

export interface Options {
  /** The ids of the essay's sections, in order (each is `@sec-<id>`). */
  readonly sectionsOf?: (file: VFile) => readonly { readonly slug: string; readonly headingLine: number; readonly appendix?: boolean }[] | undefined;
}

/** `\label{fig:map}` written in a caption or a heading, as a paper written for LaTeX labels them. */
function texLabelsOf(node: Nodes, text: string): string[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  return [...text.slice(start, end).matchAll(/\\label\s*\{([^{}]+)\}/g)].map((m) => m[1]!.trim());
}

/** An element id for a LaTeX label (`eq:growth` stays `eq:growth`; white space is not allowed in an id). */
export function texLabelId(label: string): string {
  return label.replace(/\s+/g, '-');
}

/** The targets of the tree, numbered, by label; figures and tables get their caption labels. */
function numberTargets(tree: Root, sections: readonly { readonly slug: string; readonly headingLine: number; readonly appendix?: boolean }[], text: string): Map<string, Target> {
  const targets = new Map<string, Target>();
  /** A LaTeX `\label` of a figure, table or section: another name for its target. */
  const alias = (node: Nodes, target: Target) => {
    for (const label of texLabelsOf(node, text)) if (!targets.has(label)) targets.set(label, { ...target, label });
  };
  const counts = { fig: 0, tbl: 0, eq: 0 };
  // Section numbers: a section heading (##) is n, a heading under it n.m, and so on.
  // Sections are numbered 1, 2, 3…; appendices (printed after the references) A, B, C….
  let sectionCount = 0;
  let appendixCount = 0;
  const sectionLines = new Map(
    sections.map((s) => [s.headingLine, { slug: s.slug, number: s.appendix ? String.fromCharCode(65 + appendixCount++) : ++sectionCount, appendix: s.appendix === true }] as const),
  );
  /** The number of the heading last met at each level under the current section. */
  let counters: (number | string)[] = [];
  const walk = (node: Nodes) => {
    const type = node.type as string;
    if (type === 'figure') {
      const figure = node as unknown as FigureNode;
      const [image, caption] = figure.children;
      counts.fig += 1;
      const id = image.data?.hProperties?.['id'];
      if (typeof id === 'string' && id.startsWith('fig-')) {
        // The figure is what a reference leads to, not only its image.
        delete image.data!.hProperties!['id'];
        (figure.data as { hProperties?: Record<string, unknown> }).hProperties = { id };
        targets.set(id, { kind: 'fig', label: id, id, number: String(counts.fig) });
        alias(image as Nodes, { kind: 'fig', label: id, id, number: String(counts.fig) });
      } else {
        // Unlabelled, it is still a place the list of figures and search lead to.
        (figure.data as { hProperties?: Record<string, unknown> }).hProperties = { id: `figure-${counts.fig}` };
        alias(image as Nodes, { kind: 'fig', label: '', id: `figure-${counts.fig}`, number: String(counts.fig) });
      }
      caption.children.unshift(captionLabel(`Figure ${counts.fig}:`), { type: 'text', value: ' ' });
    } else if (type === 'captionedTable') {
      const table = node as unknown as CaptionedTableNode;
      counts.tbl += 1;
      const id = table.data.hProperties['id'];
      if (typeof id === 'string' && id.startsWith('tbl-')) targets.set(id, { kind: 'tbl', label: id, id, number: String(counts.tbl) });
      else if (typeof id !== 'string') table.data.hProperties['id'] = `table-${counts.tbl}`;
      const caption = table.children.find((c) => c.type === 'tableCaption');
      if (caption) alias(caption as unknown as Nodes, { kind: 'tbl', label: '', id: String(table.data.hProperties['id']), number: String(counts.tbl) });
      if (caption) caption.children.unshift(captionLabel(`Table ${counts.tbl}:`), { type: 'text', value: ' ' });
    } else if (type === 'texMath') {
      const math = node as unknown as TexMathNode;
      if (math.display && math.label) {
        counts.eq += 1;
        math.data.hProperties['dataNumber'] = counts.eq;
        targets.set(math.label, { kind: 'eq', label: math.label, id: math.label, number: String(counts.eq) });
      } else if (math.numbers) {
        // A LaTeX environment: its numbers stand in its rows, each row's label leading to it.
        const numbers = math.numbers.map((label) => {
          counts.eq += 1;
          if (label && !targets.has(label)) targets.set(label, { kind: 'eq', label, id: texLabelId(label), number: String(counts.eq) });
          return counts.eq;
        });
        math.data.hProperties['dataNumbers'] = numbers.join(' ');
        math.data.hProperties['dataNumberIds'] = math.numbers.map((label) => (label ? texLabelId(label) : '-')).join(' ');
      }
    } else if (node.type === 'heading') {
      const section = sectionLines.get(node.position?.start.line ?? -1);
      const id = (node as Heading).data?.hProperties?.['id'];
      const explicit = typeof id === 'string' && id.startsWith('sec-') ? id : undefined;
      if (section) {
        counters = [section.number];
        const named = section.appendix ? { name: 'Appendix' } : {};
        targets.set(`sec-${section.slug}`, { kind: 'sec', label: `sec-${section.slug}`, id: section.slug, number: String(section.number), ...named });
        // A section's heading keeps the section's id: a label of its own leads there too.
        if (explicit) targets.set(explicit, { kind: 'sec', label: explicit, id: section.slug, number: String(section.number), ...named });
        alias(node, { kind: 'sec', label: '', id: section.slug, number: String(section.number), ...named });
      } else if (node.depth > 2 && counters.length > 0) {
        const level = node.depth - 2;
        counters = counters.slice(0, level + 1);
        while (counters.length <= level) counters.push(0);
        counters[level] = Number(counters[level]) + 1;
        if (explicit) targets.set(explicit, { kind: 'sec', label: explicit, id: explicit, number: counters.join('.') });
        const id = (node as Heading).data?.hProperties?.['id'];
        if (typeof id === 'string') alias(node, { kind: 'sec', label: '', id, number: counters.join('.') });
      }
    }
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
  };
  walk(tree);
  return targets;
}

function captionLabel(text: string): PhrasingContent {
  return { type: 'text', value: text, data: { hName: 'span', hProperties: { className: ['caption-label'] } } } as unknown as PhrasingContent;
}

function isReference(item: CiteItemNode): boolean {
  return CROSS_REFERENCE_KEY.test(String(item.data.hProperties['dataKey']));
}

export default function remarkCrossReferences(options: Options = {}) {
  return (tree: Root, file: VFile) => {
    const targets = numberTargets(tree, options.sectionsOf?.(file) ?? [], sourceOf(file).text);
    const resolve = (cite: CiteNode): PhrasingContent[] | undefined => {
      const references = cite.children.filter(isReference);
      if (references.length === 0) return undefined;
      if (references.length < cite.children.length) {
        const message = file.message('This bracket mixes references to figures, tables, equations or sections with citations of works.', cite.position, `${ORIGIN}:crossref/mixed-with-citation`);
        message.fatal = true;
        message.note = 'Write them apart: [@fig-map] and [@doe2001], each in its own brackets.';
        // Left as it stands: the build stops on this error, and the checks judge the citations in it.
        return undefined;
      }
      const out: PhrasingContent[] = [];
      references.forEach((item, i) => {
        // `@Fig-map` at the start of a sentence, as Quarto has it: the label is `fig-map`.
        const key = String(item.data.hProperties['dataKey']).replace(CROSS_REFERENCE_KEY, (prefix) => prefix.toLowerCase());
        const mode = String(item.data.hProperties['dataMode']);
        const target = targets.get(key);
        if (!target) {
          const kind = key.slice(0, key.indexOf('-')) as TargetKind;
          const known = [...targets.keys()];
          const suggestion = didYouMean(key, known.filter((label) => label.startsWith(`${kind}-`)).length > 0 ? known.filter((label) => label.startsWith(`${kind}-`)) : known);
          const message = file.message(`@${key} refers to nothing: no ${NAMES[kind].toLowerCase()} of this essay has the label #${key}.`, item.position, `${ORIGIN}:crossref/unknown-label`);
          message.fatal = true;
          message.note = suggestion ? `${suggestion[0]!.toUpperCase()}${suggestion.slice(1)}` : labelHint(kind);
          return;
        }
        if (i > 0) out.push({ type: 'text', value: ', ' });
        const [prefix, suffix] = item.children;
        out.push(...(prefix.children as PhrasingContent[]));
        if (prefix.children.length > 0) out.push({ type: 'text', value: ' ' });
        const name = `${target.name ?? NAMES[target.kind]} ${target.number}`;
        const numberOnly = mode === 'suppress-author';
        const link: Link = {
          type: 'link',
          url: `#${target.id}`,
          children: [{ type: 'text', value: numberOnly ? target.number : name }],
          // A link that prints the number alone still carries the name, for the reader's popover.
          data: { hProperties: { className: ['cross-ref'], dataKind: target.kind, ...(numberOnly ? { dataName: name } : {}) } },
        };
        if (item.position) link.position = item.position;
        out.push(link);
        out.push(...(suffix.children as PhrasingContent[]));
      });
      return out;
    };
    const replace = (parent: Parent) => {
      parent.children = (parent.children as Nodes[]).flatMap((child) => {
        if ((child.type as string) === 'cite') return resolve(child as unknown as CiteNode) ?? [child];
        if ((child.type as string) === 'texReference') return texReference(child as unknown as TexReferenceNode, targets, file);
        if ('children' in child) replace(child as Parent);
        return [child];
      }) as Parent['children'];
    };
    replace(tree);
  };
}

/** How hyperref's `\autoref` and cleveref's `\cref`/`\Cref` name each kind of target. */
const TEX_NAMES: Record<'autoref' | 'cref' | 'Cref', Record<TargetKind, string>> = {
  autoref: { fig: 'Figure', tbl: 'Table', eq: 'Equation', sec: 'Section' },
  cref: { fig: 'fig.', tbl: 'table', eq: 'eq.', sec: 'section' },
  Cref: { fig: 'Figure', tbl: 'Table', eq: 'Equation', sec: 'Section' },
};

/**
 * `\ref{eq:growth}` → "1", `\eqref{…}` → "(1)", `\autoref{…}` → "Equation 1", `\cref{…}` →
 * "eq. (1)", each a link to its target, as LaTeX prints them. A label that names nothing prints
 * nothing, as in Pandoc, with a warning.
 */
function texReference(node: TexReferenceNode, targets: ReadonlyMap<string, Target>, file: VFile): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  node.labels.forEach((label, i) => {
    const target = targets.get(label);
    if (!target) {
      const suggestion = didYouMean(label, [...targets.keys()]);
      const message = file.message(`\\${node.command}{${label}} refers to nothing: no equation, figure, table or section of this essay is labelled "${label}". It is left out of the page, as in Pandoc.`, node.position, `${ORIGIN}:crossref/unknown-tex-label`);
      message.note = suggestion ? `${suggestion[0]!.toUpperCase()}${suggestion.slice(1)}` : 'Label the target where it is: \\label{…} in an equation, a caption or a heading.';
      return;
    }
    if (out.length > 0) out.push({ type: 'text', value: i === node.labels.length - 1 ? ' and ' : ', ' });
    const number = target.kind === 'eq' && (node.command === 'eqref' || node.command !== 'ref') ? `(${target.number})` : target.number;
    const name = node.command === 'ref' || node.command === 'eqref' ? undefined : (target.name ?? TEX_NAMES[node.command][target.kind]);
    const shown = name === undefined ? number : `${name} ${target.kind === 'eq' && node.command === 'autoref' ? target.number : number}`;
    const link: Link = {
      type: 'link',
      url: `#${target.id}`,
      children: [{ type: 'text', value: shown }],
      data: { hProperties: { className: ['cross-ref'], dataKind: target.kind, ...(name === undefined ? { dataName: `${target.name ?? NAMES[target.kind]} ${target.number}` } : {}) } },
    };
    if (node.position) link.position = node.position;
    out.push(link);
  });
  return out;
}

function labelHint(kind: TargetKind): string {
  switch (kind) {
    case 'fig':
      return 'Label the figure where it is: ![Caption](image.png){#fig-name}.';
    case 'tbl':
      return 'Label the table in its caption: : Caption {#tbl-name}.';
    case 'eq':
      return 'Label the equation after its closing $$: $$ … $$ {#eq-name}.';
    case 'sec':
      return 'Refer to a section by its id (@sec-politics for 03-politics.md), or label a heading: ### Heading {#sec-name}.';
  }
}

