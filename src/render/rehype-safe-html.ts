/**
 * Raw HTML in an essay's Markdown is kept for what writers use it for (a <sup>, a <figure>, a
 * <details>), but nothing that runs: scripts, frames, plugins and forms are dropped, and so are
 * event-handler and style attributes and any URL that is not a web address, mail address or a path
 * of the site (`javascript:`, `data:`). It runs last, over everything, so nothing escapes it.
 * `npm run check` warns of what it removes (content/unsafe-html).
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { raw } from 'hast-util-raw';

/** Elements dropped with everything inside them. */
export const UNSAFE_ELEMENTS: ReadonlySet<string> = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'textarea',
  'select', 'option', 'link', 'meta', 'base', 'template', 'svg', 'math', 'portal', 'noscript',
]);

/** Attributes (hast property names) that hold a URL. */
const URL_PROPERTIES = ['href', 'src', 'action', 'cite', 'poster', 'background', 'longDesc', 'srcSet', 'xLinkHref', 'formAction', 'ping'];

/** A web or mail address, an anchor, or a path of the site: nothing that runs or embeds data. */
export function isSafeUrl(url: string): boolean {
  const trimmed = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

function clean(node: Element): void {
  for (const name of Object.keys(node.properties)) {
    const value = node.properties[name];
    if (/^on/i.test(name) || name === 'style' || name === 'srcDoc' || name === 'is') delete node.properties[name];
    else if (URL_PROPERTIES.includes(name) && [value].flat().some((v) => typeof v === 'string' && !isSafeUrl(v))) delete node.properties[name];
  }
  node.children = keepSafe(node.children) as ElementContent[];
}

function keepSafe(children: readonly (RootContent | ElementContent)[]): (RootContent | ElementContent)[] {
  return children.flatMap((child): (RootContent | ElementContent)[] => {
    // Anything still raw could not be parsed: dropped rather than printed as markup.
    if (child.type === 'raw') return [];
    if (child.type !== 'element') return [child];
    if (UNSAFE_ELEMENTS.has(child.tagName.toLowerCase())) return [];
    clean(child);
    return [child];
  });
}

export default function rehypeSafeHtml() {
  return (tree: Root): Root => {
    // The Markdown's raw HTML, parsed as a browser would parse it, so that what is judged is what runs.
    const parsed = raw(tree) as Root;
    parsed.children = keepSafe(parsed.children) as RootContent[];
    return parsed;
  };
}
