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
import type { Link, Nodes, Parent, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import type { CiteItemNode, CiteNode } from './citation-nodes.ts';
import { ORIGIN, sourceOf } from './source.ts';
import { DEFAULT_CROSSREF_OPTIONS, type CrossrefOptions } from './crossref-options.ts';
import { isPandocCrossref, namesOf, numberTargets, type Target, type TargetKind } from './crossref-targets.ts';
import type { TexReferenceNode } from './raw-tex.ts';
import { didYouMean, editDistance } from '../lib/suggest.ts';

/**
 * A key that names a figure, table, equation or section: never a citation. Quarto writes `fig-map`,
 * pandoc-crossref `fig:map`.
 */
export const CROSS_REFERENCE_KEY = /^(?:(?:fig|tbl|eq|sec|lst)[-:]|(?:algo|nte|tip|wrn|imp|cau)-)/i;

/** The kind a label or key names (`fig-map`, `Fig:map` → `fig`). */
const kindOf = (label: string) => (/^([a-z]+)[-:]/i.exec(label)?.[1] ?? '').toLowerCase() as TargetKind;

const NAMES: Record<TargetKind, string> = {
  fig: 'Figure', tbl: 'Table', eq: 'Equation', sec: 'Section', lst: 'Listing', algo: 'Algorithm',
  nte: 'Note', tip: 'Tip', wrn: 'Warning', imp: 'Important', cau: 'Caution',
};

export interface Options {
  /** The ids of the essay's sections, in order (each is `@sec-<id>`). */
  readonly sectionsOf?: (file: VFile) => readonly { readonly slug: string; readonly headingLine: number; readonly appendix?: boolean }[] | undefined;
  /** How targets are named and numbered (the essay's `crossref:`, pandoc-crossref's fields); default DEFAULT_CROSSREF_OPTIONS. */
  readonly crossrefOf?: (file: VFile) => CrossrefOptions | undefined;
}

function isReference(item: CiteItemNode): boolean {
  return CROSS_REFERENCE_KEY.test(String(item.data.hProperties['dataKey']));
}

export default function remarkCrossReferences(options: Options = {}) {
  return (tree: Root, file: VFile) => {
    const crossref = options.crossrefOf?.(file) ?? DEFAULT_CROSSREF_OPTIONS;
    const targets = numberTargets(tree, options.sectionsOf?.(file) ?? [], sourceOf(file).text, crossref);
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
      // pandoc-crossref names several targets of one kind once: "figs. 1, 2".
      let previousKind: TargetKind | undefined;
      references.forEach((item, i) => {
        const written = String(item.data.hProperties['dataKey']);
        // `@Fig-map` at the start of a sentence, as Quarto has it: the label is `fig-map`.
        const key = written.replace(CROSS_REFERENCE_KEY, (prefix) => prefix.toLowerCase());
        const mode = String(item.data.hProperties['dataMode']);
        const target = targets.get(key);
        if (!target) {
          const kind = kindOf(key);
          const known = [...targets.keys()];
          const sameKind = known.filter((label) => kindOf(label) === kind);
          const suggestion = didYouMean(key, sameKind.length > 0 ? sameKind : known);
          const message = file.message(`@${key} refers to nothing: no ${NAMES[kind].toLowerCase()} of this essay has the label #${key}.`, item.position, `${ORIGIN}:crossref/unknown-label`);
          // One letter from a label of the essay is a typo, and stops the build. Any other names
          // something outside the essay (another chapter of a thesis or a book): the reference is
          // printed "??", as LaTeX prints it, and the editor is told.
          message.fatal = known.some((label) => editDistance(label, key) <= 1);
          message.note = suggestion
            ? `${suggestion[0]!.toUpperCase()}${suggestion.slice(1)}`
            : `It is printed "${NAMES[kind]} ??", as LaTeX prints a reference it cannot resolve. ${labelHint(kind)}`;
          if (i > 0) out.push({ type: 'text', value: ', ' });
          out.push(unresolved(`${NAMES[kind]} ??`, `@${key}`));
          return;
        }
        const crossrefStyle = isPandocCrossref(key);
        const names = namesOf(key, crossref)[target.kind];
        const continues = crossrefStyle && previousKind === target.kind;
        previousKind = target.kind;
        if (i > 0) out.push({ type: 'text', value: ', ' });
        const [prefix, suffix] = item.children;
        // `[Fig. @fig:map]`: the written prefix takes the place of the default one, in the link,
        // as pandoc-crossref and Quarto print it ("Fig. 1").
        const ownPrefix = prefix.children as PhrasingContent[];
        const plural = crossrefStyle && !continues && references.slice(i + 1).some((next) => kindOf(String(next.data.hProperties['dataKey'])) === target.kind);
        const writtenPrefix = target.name ?? (plural ? names.plural : names.prefix);
        // `@Fig:map`: the prefix capitalised, as pandoc-crossref does at the start of a sentence.
        const shownPrefix = crossrefStyle && /^[A-Z]/.test(written) ? writtenPrefix.replace(/^\p{Ll}/u, (c) => c.toUpperCase()) : writtenPrefix;
        // pandoc-crossref keeps the prefix and the number together, as it prints them.
        const name = shownPrefix === '' ? target.number : `${shownPrefix}${crossrefStyle ? '\u00a0' : ' '}${target.number}`;
        const numberOnly = ownPrefix.length === 0 && (mode === 'suppress-author' || continues);
        // What the reader's popover says it leads to, when the link shows the number alone or a prefix of the writer's.
        const fullName = shownPrefix === '' || numberOnly || ownPrefix.length > 0 ? `${target.name ?? (shownPrefix || names.title)} ${target.number}` : name;
        const children: PhrasingContent[] =
          ownPrefix.length > 0 ? [...ownPrefix, { type: 'text', value: `\u00a0${target.number}` }] : [{ type: 'text', value: numberOnly ? target.number : name }];
        const link: Link = {
          type: 'link',
          url: `#${target.id}`,
          children,
          // A link that prints the number alone still carries the name, for the reader's popover.
          data: { hProperties: { className: ['cross-ref'], dataKind: target.kind, ...(numberOnly || ownPrefix.length > 0 || name === target.number ? { dataName: fullName } : {}) } },
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
  autoref: { ...NAMES, fig: 'Figure', tbl: 'Table', eq: 'Equation', sec: 'Section' },
  cref: { ...NAMES, fig: 'fig.', tbl: 'table', eq: 'eq.', sec: 'section', lst: 'listing', algo: 'algorithm' },
  Cref: NAMES,
};

/**
 * `\ref{eq:growth}` → "1", `\eqref{…}` → "(1)", `\autoref{…}` → "Equation 1", `\cref{…}` →
 * "eq. (1)", each a link to its target, as LaTeX prints them. A label that names nothing prints
 * nothing, as in Pandoc, with a warning.
 */
function texReference(node: TexReferenceNode, targets: ReadonlyMap<string, Target>, file: VFile): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  node.labels.forEach((label, i) => {
    if (out.length > 0) out.push({ type: 'text', value: i === node.labels.length - 1 ? ' and ' : ', ' });
    const target = targets.get(label);
    if (!target) {
      const suggestion = didYouMean(label, [...targets.keys()]);
      const message = file.message(`\\${node.command}{${label}} refers to nothing: no equation, figure, table or section of this essay is labelled "${label}". It is printed "??", as LaTeX prints it.`, node.position, `${ORIGIN}:crossref/unknown-tex-label`);
      message.note = suggestion ? `${suggestion[0]!.toUpperCase()}${suggestion.slice(1)}` : 'Label the target where it is: \\label{…} in an equation, a caption or a heading.';
      out.push(unresolved('??', `\\${node.command}{${label}}`));
      return;
    }
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

/** A reference that leads nowhere, as LaTeX prints one ("??"), with what was written as its title. */
function unresolved(text: string, written: string): PhrasingContent {
  return { type: 'text', value: text, data: { hName: 'span', hProperties: { className: ['unresolved-reference'], title: `${written}: not found in this essay` } } } as unknown as PhrasingContent;
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
    case 'lst':
    case 'algo':
      return `Label the code block with an option line: #| label: ${kind}-name.`;
    default:
      return `Label the callout where it is: ::: {#${kind}-name .callout-…}.`;
  }
}
