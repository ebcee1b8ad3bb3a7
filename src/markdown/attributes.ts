/**
 * Pandoc's attribute syntax (`{#id .class key=val key2="a value"}`), shared by heading attributes
 * and fenced divs, and how an attribute set becomes HTML properties on our page.
 */
import type { Properties } from 'hast';

export interface PandocAttributes {
  readonly id?: string;
  readonly classes: readonly string[];
  readonly pairs: readonly (readonly [string, string])[];
}

// Pandoc's identifiers and class names allow letters, digits and -_:. (`{#x:y}` is an id).
const NAME = /^[\p{L}\p{N}_][\p{L}\p{N}_:.-]*/u;
const KEY = /^[\p{L}_][\p{L}\p{N}_:.-]*/u;

/**
 * The attributes between `{` and `}` (both included in `text`), or undefined when the braces hold
 * anything Pandoc would not read as attributes: then they are plain text, as in Pandoc.
 *
 * @param allowUnnumbered whether `-` alone counts (headings: Pandoc's `{-}` for `.unnumbered`).
 */
export function parseAttributes(text: string, allowUnnumbered = false): PandocAttributes | undefined {
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  let rest = text.slice(1, -1);
  let id: string | undefined;
  const classes: string[] = [];
  const pairs: [string, string][] = [];
  let unnumbered = false;
  for (;;) {
    rest = rest.replace(/^\s+/, '');
    if (rest === '') break;
    if (rest[0] === '#' || rest[0] === '.') {
      const name = NAME.exec(rest.slice(1))?.[0];
      if (!name) return undefined;
      if (rest[0] === '#') id = name;
      else classes.push(name);
      rest = rest.slice(1 + name.length);
    } else if (allowUnnumbered && /^-(?=\s|$)/.test(rest)) {
      unnumbered = true;
      rest = rest.slice(1);
    } else {
      const key = KEY.exec(rest)?.[0];
      if (!key || rest[key.length] !== '=') return undefined;
      rest = rest.slice(key.length + 1);
      let value: string;
      const quote = rest[0];
      if (quote === '"' || quote === "'") {
        const match = new RegExp(`^${quote}((?:\\\\.|[^\\\\${quote}])*)${quote}`).exec(rest);
        if (!match) return undefined;
        value = match[1]!.replace(/\\(.)/g, '$1');
        rest = rest.slice(match[0].length);
      } else {
        value = /^[^\s]*/.exec(rest)![0];
        rest = rest.slice(value.length);
      }
      // Pandoc reads `id=` and `class=` as the id and the classes.
      if (key === 'id') id = value;
      else if (key === 'class') classes.push(...value.split(/\s+/).filter(Boolean));
      else pairs.push([key, value]);
    }
    // Items must be separated by white space: `{#a.b}` is an id "a.b", `{#a"x"}` is not attributes.
    if (rest !== '' && !/^\s/.test(rest)) return undefined;
  }
  // Pandoc puts "unnumbered" first, before the classes written.
  if (unnumbered && !classes.includes('unnumbered')) classes.unshift('unnumbered');
  return { ...(id === undefined ? {} : { id }), classes, pairs };
}

// Attributes that may stand as written: they only describe the text. Everything else becomes a
// data- attribute (as Pandoc does for unknown keys), so that no attribute written in an essay can
// run code (onclick) or restyle the page (style): rehype-safe-html only sees raw HTML.
const PLAIN_ATTRIBUTES = new Set(['lang', 'dir', 'title']);

/** The HTML properties of an attribute set, for `data.hProperties`. */
export function attributeProperties(attributes: PandocAttributes): Properties {
  const properties: Properties = {};
  if (attributes.id !== undefined && attributes.id !== '') properties['id'] = attributes.id;
  if (attributes.classes.length > 0) properties['className'] = [...attributes.classes];
  for (const [key, value] of attributes.pairs) {
    const name = key.toLowerCase();
    if (PLAIN_ATTRIBUTES.has(name)) properties[name] = value;
    else if (/^[a-z_][a-z0-9_.:-]*$/.test(name)) properties[name.startsWith('data-') ? name : `data-${name}`] = value;
  }
  return properties;
}
