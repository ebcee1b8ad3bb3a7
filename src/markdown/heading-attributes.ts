/**
 * Pandoc's heading attributes: `# Heading {#id .class key=val}`, `{-}` and `{.unnumbered}`, on ATX
 * and setext headings. The attribute text leaves the heading; the id, classes and other attributes
 * go to the heading element (`data.hProperties`). Astro's rehypeHeadingIds and our
 * rehype-essay-sections only give ids to headings that have none, so an explicit id stays, except
 * on a section's own `## ` heading, whose id is always the section's.
 *
 * Run after setext-numbered-headings (so `1. Introduction {#intro}` underlined counts) and before
 * implicit-heading-links (which reads the heading text without its attributes).
 */
import type { Heading, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { attributeProperties, parseAttributes } from './attributes.ts';
import { sourceOf } from './source.ts';

export default function remarkHeadingAttributes() {
  return (tree: Root, file: VFile) => {
    const source = sourceOf(file);
    visit(tree, 'heading', (heading: Heading) => {
      const last = heading.children.at(-1);
      if (last?.type !== 'text' || last.position?.start.offset === undefined || last.position.end.offset === undefined) return;
      const start = last.position.start.offset;
      const raw = source.text.slice(start, last.position.end.offset);
      // The attributes are judged in the source (an escaped `\{` is text, quotes are as written);
      // the node's value may differ (smartypants has curled its quotes) but ends the same way.
      const written = /\{[^{}\n]*\}[ \t]*$/.exec(raw);
      if (!written || isEscaped(raw, written.index)) return;
      const attributes = parseAttributes(written[0].trimEnd(), true);
      if (!attributes) return;
      const inValue = /\{[^{}\n]*\}[ \t]*$/.exec(last.value);
      if (!inValue) return;
      const isAtx = /^ {0,3}#/.test(source.text.slice(source.lineStart(heading.position?.start.line ?? 1)));
      const trim = (text: string) => {
        const kept = text.replace(/[ \t]+$/, '');
        // `# Title ## {#id}`: Pandoc drops the closing hashes before the attributes too.
        return isAtx ? kept.replace(/(^|[ \t]+)#+$/, '') : kept;
      };
      last.value = trim(last.value.slice(0, inValue.index));
      const end = start + trim(raw.slice(0, written.index)).length;
      last.position = source.span(start, end);
      if (last.value === '') heading.children.pop();
      dropTrailingSpace(heading);
      heading.data ??= {};
      heading.data.hProperties = { ...heading.data.hProperties, ...attributeProperties(attributes) };
    });
  };
}

function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** `# `code` {#id}` leaves the code span last, with nothing after it. */
function dropTrailingSpace(heading: Heading): void {
  const last = heading.children.at(-1) as Text | undefined;
  if (last?.type === 'text' && last.value.trim() === '' && heading.children.length > 1) heading.children.pop();
}
