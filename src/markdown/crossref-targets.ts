/**
 * The targets a cross-reference may lead to, numbered in the order of the essay: figures, tables,
 * floats, callouts, equations and sections, with the caption labels ("Figure 1:") they are given.
 * Kept apart from the plugin, which resolves `@fig-…` and `\ref{…}` against the table built here,
 * because numbering is a walk of its own over every kind of node that can be a target.
 */
import type { Heading, Nodes, PhrasingContent, Root } from 'mdast';
import type { FigureNode } from './figures.ts';
import type { TexMathNode } from './math.ts';
import type { FloatCaptionNode, FloatNode } from './quarto-floats.ts';
import type { CalloutNode, CalloutTitleNode } from './quarto-blocks.ts';
import type { CaptionedTableNode } from './table-captions.ts';
import { numberLabel, type CrossrefOptions, type KindNames } from './crossref-options.ts';

/**
 * What a reference may name: figures, tables, equations and sections (Quarto and pandoc-crossref),
 * code listings (`lst-`), algorithms (`algo-`, Quarto's pseudocode extension) and the callouts
 * Quarto numbers (`nte-`, `tip-`, `wrn-`, `imp-`, `cau-`).
 */
export type TargetKind = 'fig' | 'tbl' | 'eq' | 'sec' | 'lst' | 'algo' | 'nte' | 'tip' | 'wrn' | 'imp' | 'cau';

/** A label of pandoc-crossref's (`fig:map`), named as pandoc-crossref names it. */
export const isPandocCrossref = (label: string) => /^(fig|tbl|eq|sec|lst):/i.test(label);

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
export function numberTargets(
  tree: Root,
  sections: readonly { readonly slug: string; readonly headingLine: number; readonly appendix?: boolean }[],
  text: string,
  options: CrossrefOptions,
): Map<string, Target> {
  const targets = new Map<string, Target>();
  /** A LaTeX `\label` of a figure, table or section: another name for its target. */
  const alias = (node: Nodes, target: Target) => {
    for (const label of texLabelsOf(node, text)) if (!targets.has(label)) targets.set(label, { ...target, label });
  };
  const counts: Record<TargetKind, number> = { fig: 0, tbl: 0, eq: 0, sec: 0, lst: 0, algo: 0, nte: 0, tip: 0, wrn: 0, imp: 0, cau: 0 };
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
      const number = numberLabel(counts.fig, options.figureNumbering);
      const labelled = typeof id === 'string' && /^fig[-:]/.test(id) ? id : undefined;
      const placement = { ...(figure.data as { hProperties?: Record<string, unknown> }).hProperties };
      if (labelled) {
        // The figure is what a reference leads to, not only its image.
        delete image.data!.hProperties!['id'];
        targets.set(labelled, { kind: 'fig', label: labelled, id: labelled, number });
      }
      // Unlabelled, it is still a place the list of figures and search lead to.
      const figureId = labelled ?? `figure-${counts.fig}`;
      (figure.data as { hProperties?: Record<string, unknown> }).hProperties = { ...placement, id: figureId, ...captionPlacement(options.figureCaption) };
      alias(image as Nodes, { kind: 'fig', label: '', id: figureId, number });
      if (options.figureCaption === 'top') figure.children.reverse();
      caption.children.unshift(captionLabel(`${namesOf(labelled ?? '', options).fig.title} ${number}${options.titleDelim}`), { type: 'text', value: ' ' });
    } else if (type === 'captionedTable') {
      const table = node as unknown as CaptionedTableNode;
      counts.tbl += 1;
      const id = table.data.hProperties['id'];
      const number = numberLabel(counts.tbl, options.tableNumbering);
      const labelled = typeof id === 'string' && /^tbl[-:]/.test(id) ? id : undefined;
      if (labelled) targets.set(labelled, { kind: 'tbl', label: labelled, id: labelled, number });
      else if (typeof id !== 'string') table.data.hProperties['id'] = `table-${counts.tbl}`;
      Object.assign(table.data.hProperties, captionPlacement(options.tableCaption, 'top'));
      const caption = table.children.find((c) => c.type === 'tableCaption');
      if (caption) alias(caption as unknown as Nodes, { kind: 'tbl', label: '', id: String(table.data.hProperties['id']), number });
      if (caption) caption.children.unshift(captionLabel(`${namesOf(labelled ?? '', options).tbl.title} ${number}${options.titleDelim}`), { type: 'text', value: ' ' });
    } else if (type === 'float') {
      // A Quarto div or code cell labelled as a figure or table (quarto-floats.ts).
      const float = node as unknown as FloatNode;
      counts[float.kind] += 1;
      const number = numberLabel(counts[float.kind], float.kind === 'fig' ? options.figureNumbering : float.kind === 'tbl' ? options.tableNumbering : 'arabic');
      targets.set(float.label, { kind: float.kind, label: float.label, id: float.label, number });
      const caption = float.children.at(-1) as FloatCaptionNode;
      caption.children.unshift(captionLabel(`${namesOf(float.label, options)[float.kind].title} ${number}${options.titleDelim}`), { type: 'text', value: ' ' });
      // Its parts, as Quarto names them: `fig-mnist-2` is Figure 3(b), told apart in the caption.
      (float.subcaptions ?? []).forEach((subcaption, i) => {
        const letter = String.fromCharCode(97 + i);
        targets.set(`${float.label}-${i + 1}`, { kind: float.kind, label: `${float.label}-${i + 1}`, id: float.label, number: `${number}(${letter})` });
        caption.children.push({ type: 'text', value: ` (${letter}) ${subcaption}` });
      });
      // A table's, a listing's and an algorithm's caption stand above them (Quarto's default), a figure's below.
      const location = float.kind === 'fig' ? options.figureCaption : float.kind === 'tbl' ? options.tableCaption : 'top';
      if (location === 'top') float.children = [caption, ...float.children.slice(0, -1)];
      const placement = captionPlacement(location, float.kind === 'fig' ? 'bottom' : 'top');
      if (placement.className) float.data.hProperties['className'] = [...((float.data.hProperties['className'] as string[] | undefined) ?? []), ...placement.className];
    } else if (type === 'callout' && (node as unknown as CalloutNode).label) {
      // A labelled Quarto callout: "Note 1: Its title", which @nte-… leads to.
      const callout = node as unknown as CalloutNode;
      // Numbered by its label's kind (`nte-`, `wrn-`…), as Quarto numbers it.
      const kind = /^([a-z]+)-/.exec(callout.label!)?.[1] as TargetKind;
      counts[kind] += 1;
      const number = String(counts[kind]);
      targets.set(callout.label!, { kind, label: callout.label!, id: callout.label!, number });
      const title = callout.children[0] as CalloutTitleNode;
      const name = options.quarto[kind].title;
      const plain = title.children.length === 1 && title.children[0]!.type === 'text' && (title.children[0] as { value: string }).value === name;
      title.children = plain ? [{ type: 'text', value: `${name} ${number}` }] : [{ type: 'text', value: `${name} ${number}${options.titleDelim} ` }, ...title.children];
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
      const explicit = typeof id === 'string' && /^sec[-:]/.test(id) ? id : undefined;
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

/** The names of a label's syntax: pandoc-crossref's for `fig:map`, Quarto's otherwise. */
export function namesOf(label: string, options: CrossrefOptions): Readonly<Record<TargetKind, KindNames>> {
  return isPandocCrossref(label) ? options.pandocCrossref : options.quarto;
}

/** A class that moves a caption (Quarto's `fig-cap-location`), when it is not where it stands by default. */
function captionPlacement(location: CrossrefOptions['figureCaption'], byDefault: 'top' | 'bottom' = 'bottom'): { className?: string[] } {
  return location === byDefault ? {} : { className: [`caption-${location}`] };
}

function captionLabel(text: string): PhrasingContent {
  return { type: 'text', value: text, data: { hName: 'span', hProperties: { className: ['caption-label'] } } } as unknown as PhrasingContent;
}
