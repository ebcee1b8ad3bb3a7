/**
 * Quarto's divs that mean something on a reading page:
 *
 * - callouts (`::: {.callout-note}`, `.callout-tip`, `-important`, `-warning`, `-caution`): a box
 *   with its title (`title="…"`, or the heading it opens with, or the kind's name), `role="note"`;
 *   `collapse="true"` makes it a `<details>` that opens on a click, with no script. Labelled
 *   (`{#nte-irb .callout-note}`), it is numbered and `@nte-irb` leads to it (cross-references.ts);
 * - margin content (`.column-margin`, `.aside`): beside the text on a wide page, as the notes are,
 *   and in the text on a narrow one (global.css);
 * - conditional content (`.content-visible`, `.content-hidden`, with `when-format` and
 *   `unless-format`): kept or left out as Quarto does for its HTML output.
 *
 * Wiring: after remarkFencedDivs, before the citations and cross-references.
 */
import type { BlockContent, Heading, Nodes, Parent, PhrasingContent, Root } from 'mdast';
import type { Properties } from 'hast';
import type { Node as UnistNode } from 'unist';
import type { FencedDivNode } from './fenced-divs.ts';

export const CALLOUT_KINDS = ['note', 'tip', 'important', 'warning', 'caution'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

/** The label prefix Quarto numbers each kind of callout by. */
export const CALLOUT_LABEL: Readonly<Record<CalloutKind, string>> = { note: 'nte', tip: 'tip', important: 'imp', warning: 'wrn', caution: 'cau' };

export interface CalloutTitleNode extends UnistNode {
  type: 'calloutTitle';
  children: PhrasingContent[];
  data: { hName: 'p' | 'summary'; hProperties: Properties };
}

export interface CalloutNode extends UnistNode {
  type: 'callout';
  kind: CalloutKind;
  /** `nte-irb`: numbered and referred to. */
  label?: string;
  children: (CalloutTitleNode | BlockContent)[];
  data: { hName: 'div' | 'details'; hProperties: Properties };
}

function classesOf(div: FencedDivNode): string[] {
  const className = div.data?.hProperties?.['className'];
  return Array.isArray(className) ? className.map(String) : typeof className === 'string' ? String(className).split(/\s+/) : [];
}

const NAMES: Readonly<Record<CalloutKind, string>> = { note: 'Note', tip: 'Tip', important: 'Important', warning: 'Warning', caution: 'Caution' };

/** Whether Quarto's HTML output shows a `content-visible`/`content-hidden` div. */
function shownInHtml(classes: readonly string[], properties: Properties): boolean | undefined {
  const visible = classes.includes('content-visible');
  const hidden = classes.includes('content-hidden');
  if (!visible && !hidden) return undefined;
  // attributes.ts writes an attribute Apparatus does not know as data-…: `data-when-format`.
  const formats = (key: string) => String(properties[`data-${key}`] ?? '').split(/[\s,]+/).filter(Boolean);
  const when = formats('when-format');
  const unless = formats('unless-format');
  const isHtml = (list: readonly string[]) => list.some((format) => /^html|^revealjs$/.test(format));
  const matches = when.length > 0 ? isHtml(when) : unless.length > 0 ? !isHtml(unless) : true;
  return visible ? matches : !matches;
}

function callout(div: FencedDivNode, kind: CalloutKind, classes: readonly string[]): CalloutNode {
  const properties = { ...(div.data?.hProperties ?? {}) };
  const id = typeof properties['id'] === 'string' ? properties['id'] : undefined;
  const writtenTitle = properties['title'];
  const collapse = String(properties['data-collapse'] ?? '');
  for (const key of ['title', 'data-collapse', 'data-appearance', 'data-icon', 'className']) delete properties[key];
  let body = div.children as BlockContent[];
  let title: PhrasingContent[];
  const [first, ...rest] = body;
  if (typeof writtenTitle === 'string' && writtenTitle.trim() !== '') title = [{ type: 'text', value: writtenTitle }];
  else if (first?.type === 'heading') {
    title = (first as Heading).children;
    body = rest;
  } else title = [{ type: 'text', value: NAMES[kind] }];
  const details = collapse === 'true' || collapse === 'false';
  const titleNode: CalloutTitleNode = { type: 'calloutTitle', children: title, data: { hName: details ? 'summary' : 'p', hProperties: { className: ['callout-title'] } } };
  const node: CalloutNode = {
    type: 'callout',
    kind,
    children: [titleNode, ...body],
    data: {
      hName: details ? 'details' : 'div',
      hProperties: { ...properties, className: ['callout', `callout-${kind}`, ...classes.filter((c) => !c.startsWith('callout'))], ...(details ? (collapse === 'false' ? { open: true } : {}) : { role: 'note' }) },
    },
  };
  if (id && Object.values(CALLOUT_LABEL).some((prefix) => id.startsWith(`${prefix}-`))) node.label = id;
  if (div.position) node.position = div.position;
  return node;
}

export default function remarkQuartoBlocks() {
  return (tree: Root) => {
    const visit = (parent: Parent) => {
      parent.children = (parent.children as Nodes[]).flatMap((child): Nodes[] => {
        if ('children' in child) visit(child as Parent);
        if ((child.type as string) !== 'fencedDiv') return [child];
        const div = child as unknown as FencedDivNode;
        const classes = classesOf(div);
        const shown = shownInHtml(classes, div.data?.hProperties ?? {});
        if (shown === false) return [];
        const kindClass = classes.find((c) => /^callout(-\w+)?$/.test(c));
        if (kindClass) {
          const kind = (CALLOUT_KINDS as readonly string[]).includes(kindClass.slice('callout-'.length)) ? (kindClass.slice('callout-'.length) as CalloutKind) : 'note';
          return [callout(div, kind, classes) as unknown as Nodes];
        }
        if (classes.includes('column-margin') || classes.includes('aside')) {
          (div as unknown as { data: { hName: string; hProperties: Properties } }).data = { ...div.data, hName: 'aside', hProperties: { ...(div.data?.hProperties ?? {}), className: ['margin-content'] } };
        }
        return [child];
      }) as Parent['children'];
    };
    visit(tree);
  };
}
