/**
 * Pandoc's superscripts and subscripts: `2^10^`, `H~2~O`, `$k$^th^`. What stands between the
 * two marks is one run of text without a space (a space written `\ ` is kept, as a no-break
 * space) and without a line break; `~~…~~` stays strikethrough (GFM reads it first).
 *
 * Runs over text nodes after the citation plugin, so a key with a tilde (`@a~b`) is read whole.
 * A text node whose value cannot be placed in the source character by character (alignText) is
 * left as it is, rather than cut in the wrong place.
 */
import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { alignText } from './text-alignment.ts';
import { sourceOf, type Source } from './source.ts';

interface ScriptNode {
  type: 'superscript' | 'subscript';
  children: Text[];
  data: { hName: 'sup' | 'sub' };
}

type Char = NonNullable<ReturnType<typeof alignText>>[number];

/** The runs of a text node's characters that are scripts: [open mark, close mark, kind]. */
function findScripts(chars: readonly Char[]): { open: number; close: number; kind: ScriptNode['type'] }[] {
  const found: { open: number; close: number; kind: ScriptNode['type'] }[] = [];
  let i = 0;
  while (i < chars.length) {
    const mark = chars[i]!;
    const kind = mark.escaped ? undefined : mark.char === '^' ? 'superscript' : mark.char === '~' ? 'subscript' : undefined;
    if (!kind) {
      i += 1;
      continue;
    }
    let j = i + 1;
    while (j < chars.length) {
      const c = chars[j]!;
      if (c.char === mark.char && !c.escaped) break;
      // A space only as `\ `; nothing that ends a line.
      if (/\s/.test(c.char) && !(c.char === ' ' && chars[j - 1]?.char === '\\')) break;
      j += 1;
    }
    if (j < chars.length && chars[j]!.char === mark.char && !chars[j]!.escaped && j > i + 1) {
      found.push({ open: i, close: j, kind });
      i = j + 1;
    } else i += 1;
  }
  return found;
}

function textOf(chars: readonly Char[], source: Source): Text {
  const last = chars[chars.length - 1]!;
  return { type: 'text', value: chars.map((c) => c.char).join(''), position: source.span(chars[0]!.offset, last.offset + Math.max(last.width, 1)) };
}

/** The script's text: `\ ` is a no-break space, as in Pandoc. */
function scriptText(chars: readonly Char[], source: Source): Text {
  const kept = chars.filter((c, k) => !(c.char === '\\' && chars[k + 1]?.char === ' '));
  const text = textOf(chars, source);
  text.value = kept.map((c) => (c.char === ' ' ? '\u00a0' : c.char)).join('');
  return text;
}

export default function remarkSuperscripts() {
  return (tree: Root, file: VFile) => {
    const source = sourceOf(file);
    visit(tree, 'text', (node: Text, index, parent: Parent | undefined) => {
      if (!parent || index === undefined || !/[\^~]/.test(node.value)) return undefined;
      const chars = alignText(node, source.text);
      if (!chars) return undefined;
      const scripts = findScripts(chars);
      if (scripts.length === 0) return undefined;
      const pieces: PhrasingContent[] = [];
      let from = 0;
      for (const { open, close, kind } of scripts) {
        if (open > from) pieces.push(textOf(chars.slice(from, open), source));
        const script: ScriptNode = { type: kind, children: [scriptText(chars.slice(open + 1, close), source)], data: { hName: kind === 'superscript' ? 'sup' : 'sub' } };
        Object.assign(script, { position: source.span(chars[open]!.offset, chars[close]!.offset + chars[close]!.width) });
        pieces.push(script as unknown as PhrasingContent);
        from = close + 1;
      }
      if (from < chars.length) pieces.push(textOf(chars.slice(from), source));
      parent.children.splice(index, 1, ...(pieces as never[]));
      return [SKIP, index + pieces.length];
    });
  };
}
