/**
 * Pandoc's link_attributes: `![alt](src){#fig-x .class width=50% height=200}` and
 * `[text](url){.class}`. The attribute text, written right after the closing parenthesis, leaves
 * the page; the id, classes and other attributes go to the `img` or `a` element
 * (`data.hProperties`).
 *
 * Sizes: Pandoc writes a size in pixels (`200`, `200px`) as the `width`/`height` attribute, and
 * any other (`50%`, `5cm`, `10em`) as an inline style (`style="width:50%"`). The page's
 * Content-Security-Policy forbids inline styles (style-src 'self') and HTML's `width` takes
 * pixels only, so a size in pixels becomes the attribute, as in Pandoc, and any other size stays
 * as written in `data-width`/`data-height`, which a stylesheet can act on
 * (`img[data-width="100%"] { width: 100% }`) and nothing can execute.
 *
 * Attributes that are not Pandoc's (`{ not attributes }`) stay as text, as in Pandoc. The source is
 * never changed: the text node after the image loses its first characters and its start moves.
 */
import type { Image, Link, Nodes, Parent, Root, Text } from 'mdast';
import type { Properties } from 'hast';
import type { VFile } from 'vfile';
import { attributeProperties, parseAttributes, type PandocAttributes } from './attributes.ts';
import { sourceOf, type Source } from './source.ts';

/** The attribute block starting at `start` (`{` … `}`, quotes respected), or undefined. */
export function attributeBlockAt(text: string, start: number): { text: string; attributes: PandocAttributes } | undefined {
  if (text[start] !== '{') return undefined;
  let quote: string | undefined;
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === '\\') i += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      // A quote opens a value only after `=`.
      if (text[i - 1] === '=') quote = char;
    } else if (char === '\n' && /^\n[ \t]*\n/.test(text.slice(i, i + 40))) {
      return undefined;
    } else if (char === '{') {
      return undefined;
    } else if (char === '}') {
      const written = text.slice(start, i + 1);
      const attributes = parseAttributes(written.replace(/\n[ \t>]*/g, ' '));
      return attributes ? { text: written, attributes } : undefined;
    }
  }
  return undefined;
}

const PIXELS = /^(\d+(?:\.\d+)?)(?:px)?$/;

/** HTML properties of a link's or image's attributes: pixel sizes as attributes, others as data-. */
export function linkAttributeProperties(attributes: PandocAttributes, element: 'img' | 'a'): Properties {
  const properties = attributeProperties(attributes);
  if (element !== 'img') return properties;
  for (const [key, value] of attributes.pairs) {
    const name = key.toLowerCase();
    if (name !== 'width' && name !== 'height') continue;
    const pixels = PIXELS.exec(value.trim());
    if (!pixels) continue;
    delete properties[`data-${name}`];
    properties[name] = String(Math.round(Number(pixels[1])));
  }
  return properties;
}

/** Takes `{…}` off the text node after `node` when it starts right where `node` ends. */
function takeAttributes(parent: Parent, index: number, source: Source): PandocAttributes | undefined {
  const node = parent.children[index] as Nodes;
  const next = parent.children[index + 1] as Nodes | undefined;
  const end = node.position?.end.offset;
  if (next?.type !== 'text' || end === undefined || next.position?.start.offset !== end || !next.value.startsWith('{')) return undefined;
  const block = attributeBlockAt(source.text, end);
  if (!block) return undefined;
  // The value holds the block as written (it has no escapes or entities that Markdown reads).
  const inValue = next.value.slice(0, block.text.length);
  if (inValue !== block.text) return undefined;
  const rest = next.value.slice(block.text.length);
  if (rest === '') {
    parent.children.splice(index + 1, 1);
  } else {
    (next as Text).value = rest;
    next.position = source.span(end + block.text.length, next.position.end.offset ?? end + block.text.length);
  }
  return block.attributes;
}

export default function remarkImageAttributes() {
  return (tree: Root, file: VFile) => {
    const source = sourceOf(file);
    const walk = (parent: Parent) => {
      for (let index = 0; index < parent.children.length; index++) {
        const child = parent.children[index] as Nodes;
        if (child.type === 'code' || child.type === 'inlineCode' || child.type === 'html') continue;
        if (child.type === 'image' || child.type === 'link') {
          const attributes = takeAttributes(parent, index, source);
          if (attributes) {
            const target = child as Image | Link;
            target.data ??= {};
            target.data.hProperties = { ...target.data.hProperties, ...linkAttributeProperties(attributes, child.type === 'image' ? 'img' : 'a') };
          }
        }
        if ('children' in child) walk(child as Parent);
      }
    };
    walk(tree);
  };
}
