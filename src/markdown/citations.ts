/**
 * remark plugin: reads Pandoc citations (`[see @a, p. 3]`, `@a [p. 4]`, `-@a`) and inline notes
 * (`^[…]`) in the Markdown tree, in the pass that renders, as Pandoc's reader does.
 *
 * Each run of inline content (a paragraph, a heading, a table cell, emphasis, link text…) is read as
 * tokens: the characters of its text, each knowing whether the writer escaped it (from the source),
 * and its other inline nodes whole. A cluster's prefix and suffix keep their nodes (emphasis, code,
 * links), so that smart punctuation, which runs after this plugin, reaches them too.
 *
 * Output: `cite` nodes (rendered as `<apparatus-citation>`) holding one `citeItem` per work, each with
 * a `citePrefix` and a `citeSuffix`; rehype-citations formats them. Every `@` that looked like a
 * citation but is not one is reported with `file.message`, never dropped.
 *
 * The tokens are made and unmade by citation-tree-tokens.ts, the cite nodes built by
 * citation-nodes.ts; this module walks the tree and decides what each finding becomes.
 */
import type { FootnoteDefinition, FootnoteReference, Image, Nodes, Paragraph, Parent, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { ALT_FROM_CONTENT, imageLabel, parseLabel } from './figures.ts';
import { htmlRuns } from './html-text.ts';
import { scanInline, type InlineFinding } from './citation-syntax.ts';
import type { InlineToken } from './citation-tokens.ts';
import { nodesOf, pointAt, pointOfOffset, positionOf, tokensOf } from './citation-tree-tokens.ts';
import { citeNode } from './citation-nodes.ts';

export interface Options {
  /**
   * Label prefix for notes made from `^[…]`; the plugin adds a number and skips labels the document
   * already uses. Default `inline-`.
   */
  readonly inlineNoteLabel?: string;
}

/** What each problem says, and the fix (the message's note, printed on the line below it). */
const PROBLEM_TEXT: Record<Extract<InlineFinding, { kind: 'problem' }>['rule'], (text: string) => { reason: string; fix: string }> = {
  'citation/bad-key': (text) => ({
    reason: `"${text}" is not a citation key: a braced key needs its closing brace, with no space inside.`,
    fix: 'Write the key as @{key}, or escape the @ as \\@ for a literal one.',
  }),
  'citation/key-in-suffix': (text) => ({
    reason: `${text} stands in the suffix of another citation, where it prints as text.`,
    fix: 'Separate the works with ";" ([@a, p. 3; @b]), or escape the @ as \\@.',
  }),
  'citation/comma-separated': (text) => ({
    reason: `${text} follows another work of this citation after a comma: it is read as a work of the citation, as meant (Pandoc would garble it as text in the other's suffix).`,
    fix: 'Separate the works with ";" ([e.g., @a; @b; @c]), as Pandoc reads them.',
  }),
  'citation/not-a-cluster': () => ({
    reason: 'These brackets hold a citation, but a part between ";" has no key, so they are not one citation: each key in them is read as the author in the text.',
    fix: 'Give every part a key ([@a; @b, p. 5], not [@a; p. 5]), or escape the brackets as \\[ and \\].',
  }),
};

function hasPhrasingChildren(node: Nodes): node is Extract<Nodes, { children: PhrasingContent[] }> {
  return (
    node.type === 'paragraph' ||
    node.type === 'heading' ||
    node.type === 'tableCell' ||
    node.type === 'emphasis' ||
    node.type === 'strong' ||
    node.type === 'delete' ||
    node.type === 'link' ||
    node.type === 'linkReference' ||
    (node.type as string) === 'bracketedSpan' ||
    (node.type as string) === 'figcaption' ||
    (node.type as string) === 'floatCaption' ||
    (node.type as string) === 'calloutTitle' ||
    (node.type as string) === 'tableCaption'
  );
}

/** The address of a link GFM made from a bare URL, which may stand inside a braced key. */
function autolinkText(node: PhrasingContent): { keyText?: string } {
  if (node.type !== 'link' || node.children.length !== 1 || node.children[0]!.type !== 'text') return {};
  const text = node.children[0]!.value;
  return node.url === text || node.url.endsWith(text) ? { keyText: text } : {};
}

/** Whether a run of children may hold a citation or an inline note at all (most do not). */
function mayHoldCitation(children: readonly PhrasingContent[]): boolean {
  return children.some((child) => child.type === 'text' && (child.value.includes('@') || child.value.includes('^[')));
}

export default function remarkPandocCitations(options: Options = {}) {
  const labelPrefix = options.inlineNoteLabel ?? 'inline-';
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const usedLabels = new Set<string>();
    const collect = (node: Nodes) => {
      if (node.type === 'footnoteDefinition' || node.type === 'footnoteReference') usedLabels.add(node.identifier.toLowerCase());
      if ('children' in node) for (const child of node.children) collect(child as Nodes);
    };
    collect(tree);
    let noteCount = 0;
    const nextLabel = () => {
      let label: string;
      do label = `${labelPrefix}${++noteCount}`;
      while (usedLabels.has(label));
      usedLabels.add(label);
      return label;
    };
    const newNotes: FootnoteDefinition[] = [];

    const readRun = (parent: Parent & { children: PhrasingContent[] }, inLink: boolean) => {
      if (!mayHoldCitation(parent.children)) return;
      const tokens = tokensOf(parent, source);
      const scanTokens: InlineToken[] = tokens.map((t) => (t.kind === 'char' ? { kind: 'char', char: t.char, escaped: t.escaped } : { kind: 'node', ...autolinkText(t.node) }));
      const findings = scanInline(scanTokens);
      if (findings.length === 0) return;
      const children: PhrasingContent[] = [];
      let cursor = 0;
      for (const finding of findings) {
        if (finding.kind === 'problem') {
          const place = pointAt(tokens[finding.at], source, false) ?? parent.position?.start;
          const { reason, fix } = PROBLEM_TEXT[finding.rule](finding.text);
          const message = file.message(reason, place, `apparatus:${finding.rule}`);
          message.note = fix;
          message.fatal = finding.rule === 'citation/bad-key';
          continue;
        }
        children.push(...nodesOf(tokens, { from: cursor, to: finding.range.from }, source));
        cursor = finding.range.to;
        if (finding.kind === 'cluster') {
          children.push(citeNode(tokens, finding.range, finding.cites, source, inLink) as unknown as PhrasingContent);
        } else {
          const label = nextLabel();
          const paragraph: Paragraph = { type: 'paragraph', children: nodesOf(tokens, finding.content, source) };
          const contentPosition = positionOf(tokens, finding.content, source);
          if (contentPosition) paragraph.position = contentPosition;
          readRun(paragraph, false);
          const definition: FootnoteDefinition = { type: 'footnoteDefinition', identifier: label, label, children: [paragraph] };
          const reference: FootnoteReference = { type: 'footnoteReference', identifier: label, label };
          const position = positionOf(tokens, finding.range, source);
          if (position) reference.position = definition.position = position;
          newNotes.push(definition);
          children.push(reference);
        }
      }
      children.push(...nodesOf(tokens, { from: cursor, to: tokens.length }, source));
      parent.children = children;
    };

    const walk = (node: Nodes, inLink: boolean) => {
      if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || (node.type as string) === 'math' || (node.type as string) === 'inlineMath') return;
      const linkHere = inLink || node.type === 'link' || node.type === 'linkReference';
      if ('children' in node) {
        node.children.forEach((child, index) => {
          if (child.type === 'image') (node.children as Nodes[])[index] = readAlt(child);
          else walk(child as Nodes, linkHere);
        });
      }
      // An autolink's text is its address: no citation there (https://example.social/@name).
      if (node.type === 'link' && node.children.length === 1 && node.children[0]!.type === 'text' && node.url.endsWith(node.children[0]!.value)) return;
      if (hasPhrasingChildren(node)) readRun(node, linkHere);
    };

    /**
     * Citations in an image's description print in its alt text, as in Pandoc. (A figure's image is
     * left alone: its caption, made by remarkImplicitFigures, holds the citations.)
     */
    const readAlt = (image: Image): Nodes => {
      if (!image.alt?.includes('@') || image.data?.hProperties?.[ALT_FROM_CONTENT]) return image;
      const label = imageLabel(source, image);
      const holder: Paragraph = { type: 'paragraph', children: label ? parseLabel(source, label) : [{ type: 'text', value: image.alt }] };
      readRun(holder, false);
      if (!holder.children.some((c) => (c.type as string) === 'cite')) return image;
      const cited = {
        type: 'citedImage',
        data: { hName: 'img', hProperties: { ...(image.data?.hProperties ?? {}), src: image.url, alt: image.alt, title: image.title ?? undefined } },
        children: holder.children,
        ...(image.position ? { position: image.position } : {}),
      };
      return cited as unknown as Nodes;
    };

    /**
     * A raw HTML block's text, read as Pandoc reads it: a run between tags that holds a citation
     * becomes text among the block's markup, with its citations read (hast-util-raw puts them back
     * inside the tags when the page's HTML is parsed). A run the source does not hold as written
     * (an HTML block inside a list or quote, an entity) is left as HTML, and a citation in it is
     * named in a warning, never dropped silently.
     */
    const readHtmlBlocks = (parent: Parent) => {
      parent.children = (parent.children as Nodes[]).flatMap((child): Nodes[] => {
        if (child.type !== 'html') {
          if ('children' in child && child.type !== 'paragraph' && child.type !== 'heading') readHtmlBlocks(child as Parent);
          return [child];
        }
        const start = child.position?.start.offset;
        if (!child.value.includes('@')) return [child];
        const exact = start !== undefined && source.slice(start, child.position!.end.offset) === child.value;
        const pieces: Nodes[] = [];
        let pending = '';
        let pendingFrom = 0;
        const flushHtml = (to: number) => {
          if (pending === '') return;
          const html: Nodes = { type: 'html', value: pending };
          if (exact) html.position = { start: pointOfOffset(source, start + pendingFrom), end: pointOfOffset(source, start + to) };
          pieces.push(html);
          pending = '';
        };
        let read = false;
        for (const run of htmlRuns(child.value)) {
          const text = child.value.slice(run.from, run.to);
          const holder: Paragraph = { type: 'paragraph', children: [] };
          if (run.kind === 'text' && text.includes('@') && exact && !text.includes('&')) {
            const node: Text = { type: 'text', value: text, position: { start: pointOfOffset(source, start + run.from), end: pointOfOffset(source, start + run.to) } };
            holder.children = [node];
            holder.position = node.position!;
            readRun(holder, false);
          }
          if (holder.children.some((c) => (c.type as string) === 'cite')) {
            flushHtml(run.from);
            pieces.push(...(holder.children as Nodes[]));
            read = true;
          } else {
            if (run.kind === 'text' && text.includes('@')) warnUnread(text, child, run.from);
            if (pending === '') pendingFrom = run.from;
            pending += text;
          }
        }
        flushHtml(child.value.length);
        return read ? pieces : [child];
      }) as Parent['children'];
    };

    /** A citation in HTML text that is not read: named in a warning at the block. */
    const warnUnread = (text: string, block: Nodes, from: number) => {
      const findings = scanInline([...text].map((char): InlineToken => ({ kind: 'char', char, escaped: false })));
      for (const finding of findings) {
        if (finding.kind !== 'cluster') continue;
        for (const cite of finding.cites) {
          const start = block.position?.start.offset;
          const place = start !== undefined && source.slice(start, block.position!.end.offset) === (block as { value: string }).value ? pointOfOffset(source, start + from + cite.at) : block.position?.start;
          const message = file.message(`The citation @${cite.key} is inside raw HTML that Apparatus leaves as written: it is printed as text.`, place, 'apparatus:citation/in-raw-html');
          message.note = 'Write the HTML block at the margin, without entities in its text, or write the table in Markdown.';
        }
      }
    };

    readHtmlBlocks(tree);
    walk(tree, false);
    tree.children.push(...newNotes);
  };
}
