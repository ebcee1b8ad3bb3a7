/**
 * Pandoc's implicit heading references: `[Heading text]`, `[Heading text][]` and
 * `[link text][Heading text]` link to the heading when no link definition has that label.
 *
 * micromark only makes link references for defined labels, so the others stay text; they are
 * found in the tree's text, with brackets judged in the source (an escaped `\[` is text). As in
 * Pandoc, a label matches the heading's text as written (case and runs of white space aside):
 * `[Other *one*]` matches `## Other *one*`, `[Other one]` does not; when several headings have
 * the same text, the last one wins (pandoc 2.17).
 *
 * The heading's id is only known once the page gives it (rehype-essay-sections gives a section's
 * heading the section's id and the headings under it prefixed ids, Astro's rehypeHeadingIds the
 * rest), so the remark plugin marks the link and its heading, and rehypeImplicitHeadingLinks,
 * placed after rehype-essay-sections, points the link at the id the heading has by then, giving
 * it the id Astro would if it has none yet.
 *
 * Run after heading-attributes (the label is the heading's text without its attributes) and
 * before remark-citations (which splits text nodes without keeping their positions).
 *
 * Rule ids: `apparatus:content/heading-link-ambiguous` (warning): the label matches several headings.
 */
import type { Element, Root as HastRoot } from 'hast';
import type { Heading, Link, Parent, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import { SKIP, visit } from 'unist-util-visit';
import { sourceOf, type Source } from './source.ts';

const LINK_MARK = 'dataApparatusHeadingLink';
const TARGET_MARK = 'dataApparatusHeadingTarget';

/** As micromark compares labels: case and runs of white space aside. */
function labelKey(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase().toUpperCase();
}

interface Bracket {
  readonly char: '[' | ']';
  /** Index of the text node among its parent's children. */
  readonly child: number;
  /** Index in the node's value. */
  readonly index: number;
  /** Offset in the source. */
  readonly offset: number;
}

/** The unescaped brackets of a text node, each with its place in the value and in the source. */
function brackets(source: Source, node: Text, child: number): Bracket[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  const raw = source.text.slice(start, end);
  const written: { char: '[' | ']'; offset: number; escaped: boolean }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i]!;
    if (char === '\\' && i + 1 < raw.length && /[!-/:-@[-`{-~]/.test(raw[i + 1]!)) {
      if (raw[i + 1] === '[' || raw[i + 1] === ']') written.push({ char: raw[i + 1] as '[' | ']', offset: start + i + 1, escaped: true });
      i++;
    } else if (char === '&') {
      // A bracket written as a character reference is text, like an escaped one.
      const reference = /^&(?:#(?:91|93)|#x5[bd]|lsqb|rsqb|lbrack|rbrack);/i.exec(raw.slice(i))?.[0];
      if (reference) {
        written.push({ char: /91|5b|lsqb|lbrack/i.test(reference) ? '[' : ']', offset: start + i, escaped: true });
        i += reference.length - 1;
      }
    } else if (char === '[' || char === ']') {
      written.push({ char, offset: start + i, escaped: false });
    }
  }
  const inValue: number[] = [];
  for (let i = 0; i < node.value.length; i++) if (node.value[i] === '[' || node.value[i] === ']') inValue.push(i);
  // Typography never adds or removes a bracket, so the n-th in the value is the n-th written;
  // if the counts disagree, leave the node alone.
  if (inValue.length !== written.length) return [];
  return written.flatMap((w, n) => (w.escaped ? [] : [{ char: w.char, child, index: inValue[n]!, offset: w.offset }]));
}

export default function remarkImplicitHeadingLinks() {
  return (tree: Root, file: VFile) => {
    const source = sourceOf(file);
    const headings = new Map<string, Heading[]>();
    const defined = new Set<string>();
    visit(tree, (node) => {
      if (node.type === 'definition') defined.add(labelKey(node.label ?? node.identifier));
      if (node.type !== 'heading' || node.children.length === 0) return;
      const start = node.children[0]!.position?.start.offset;
      const end = node.children.at(-1)!.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const key = labelKey(source.text.slice(start, end));
      headings.set(key, [...(headings.get(key) ?? []), node]);
    });
    if (headings.size === 0) return;
    const targets = new Map<Heading, number>();
    const warned = new Set<string>();

    const targetOf = (label: string, place: Link): number | undefined => {
      const key = labelKey(label);
      if (defined.has(key)) return undefined;
      const found = headings.get(key);
      if (!found) return undefined;
      if (found.length > 1 && !warned.has(key)) {
        warned.add(key);
        file.message(`[${label.trim()}] matches ${found.length} headings; it links to the last, as in Pandoc.`, {
          place: place.position,
          ruleId: 'content/heading-link-ambiguous',
          source: 'apparatus',
        });
      }
      const heading = found.at(-1)!;
      if (!targets.has(heading)) targets.set(heading, targets.size + 1);
      return targets.get(heading);
    };

    visit(tree, (node) => {
      if (node.type === 'link' || node.type === 'linkReference' || node.type === 'code' || node.type === 'html') return SKIP;
      if (!('children' in node) || node.children.length === 0 || !node.children.some((child) => child.type === 'text')) return undefined;
      // A link made here may end just before another candidate: scan again until nothing changes.
      while (linkOnce(source, node as Parent, targetOf));
      return undefined;
    });

    for (const [heading, n] of targets) {
      heading.data ??= {};
      heading.data.hProperties = { ...heading.data.hProperties, [TARGET_MARK]: n };
    }
  };
}

/** Makes the first implicit heading link of a parent's children; whether it made one. */
function linkOnce(source: Source, parent: Parent, targetOf: (label: string, place: Link) => number | undefined): boolean {
  const children = parent.children as PhrasingContent[];
  const all = children.flatMap((child, i) => (child.type === 'text' ? brackets(source, child, i) : []));
  const open: Bracket[] = [];
  for (let b = 0; b < all.length; b++) {
    const closer = all[b]!;
    if (closer.char === '[') {
      open.push(closer);
      continue;
    }
    const opener = open.pop();
    if (!opener) continue;
    const openText = children[opener.child] as Text;
    const closeText = children[closer.child] as Text;
    // `![…]` would be an image, `[^…]` a note, `[@…]` a citation.
    if (opener.index > 0 && openText.value[opener.index - 1] === '!') continue;
    const inner = source.text.slice(opener.offset + 1, closer.offset);
    if (/^[\^@]/.test(inner) || inner.trim() === '') continue;
    const between = children.slice(opener.child + 1, closer.child);
    if (between.some((child) => child.type === 'link' || child.type === 'linkReference' || child.type === 'footnoteReference')) continue;

    // What follows the closing bracket in the same text: `[]` or `[label]`.
    const after = closeText.value.slice(closer.index + 1);
    const following = all[b + 1];
    let label = inner;
    let end = closer; // the last bracket of the whole reference
    if (after.startsWith('[]') && following?.child === closer.child) {
      end = all[b + 2] ?? closer;
      if (end === closer) continue;
    } else if (after.startsWith('[') && following?.child === closer.child && all[b + 2]?.char === ']' && all[b + 2]!.child === closer.child) {
      const labelEnd = all[b + 2]!;
      label = source.text.slice(following.offset + 1, labelEnd.offset);
      end = labelEnd;
    } else if (after.startsWith('[') || after.startsWith('(') || after.startsWith('{')) {
      // An inline link GFM did not take, a reference to another label, or a bracketed span.
      continue;
    }
    const link: Link = { type: 'link', url: '#', children: [], position: source.span(opener.offset, end.offset + 1) };
    const target = targetOf(label, link);
    if (target === undefined) continue;

    const piece = (node: Text, from: number, to: number, startOffset: number, endOffset: number): Text[] =>
      from < to ? [{ type: 'text', value: node.value.slice(from, to), position: source.span(startOffset, endOffset) }] : [];
    const openStart = openText.position!.start.offset!;
    const closeEnd = closeText.position!.end.offset!;
    link.children =
      opener.child === closer.child
        ? piece(openText, opener.index + 1, closer.index, opener.offset + 1, closer.offset)
        : [
            ...piece(openText, opener.index + 1, openText.value.length, opener.offset + 1, openText.position!.end.offset!),
            ...between,
            ...piece(closeText, 0, closer.index, closeText.position!.start.offset!, closer.offset),
          ];
    link.data = { hProperties: { [LINK_MARK]: target } };
    const endIndexInValue = end.index;
    children.splice(
      opener.child,
      closer.child - opener.child + 1,
      ...piece(openText, 0, opener.index, openStart, opener.offset),
      link,
      ...piece(closeText, endIndexInValue + 1, closeText.value.length, end.offset + 1, closeEnd),
    );
    return true;
  }
  return false;
}

/**
 * Points each implicit heading link at its heading's id. Place it after rehype-essay-sections,
 * which gives sections' headings and the headings under them their ids; a heading still without
 * one gets the id Astro's rehypeHeadingIds would give it (the same function, run early: it leaves
 * headings that have an id alone, so the later run changes nothing).
 */
export function rehypeImplicitHeadingLinks() {
  return (tree: HastRoot, file: VFile) => {
    const links: Element[] = [];
    const headings = new Map<unknown, Element>();
    visit(tree, 'element', (node: Element) => {
      if (node.properties[LINK_MARK] !== undefined) links.push(node);
      if (node.properties[TARGET_MARK] !== undefined) headings.set(String(node.properties[TARGET_MARK]), node);
    });
    if (links.length === 0 && headings.size === 0) return;
    if ([...headings.values()].some((heading) => typeof heading.properties['id'] !== 'string')) {
      (rehypeHeadingIds() as (tree: HastRoot, file: VFile) => void)(tree, file);
    }
    for (const link of links) {
      const heading = headings.get(String(link.properties[LINK_MARK]));
      delete link.properties[LINK_MARK];
      const id = heading?.properties['id'];
      if (typeof id === 'string') link.properties['href'] = `#${id}`;
    }
    for (const heading of headings.values()) delete heading.properties[TARGET_MARK];
  };
}
