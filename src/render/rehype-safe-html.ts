/**
 * Raw HTML in an essay's Markdown is kept for what writers use it for (a <sup>, a <figure>, a
 * <details>), but nothing that runs: scripts, frames, plugins and forms are dropped, and so are
 * event-handler and style attributes and any URL that is not a web address, mail address or a path
 * of the site (`javascript:`, `data:`). It runs last, over everything, so nothing escapes it.
 * `npm run check` warns of what it removes (content/unsafe-html).
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { isSafeUrl } from '../lib/url-policy.ts';
import { raw } from 'hast-util-raw';

/** Elements dropped with everything inside them. */
export const UNSAFE_ELEMENTS: ReadonlySet<string> = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'textarea',
  'select', 'option', 'link', 'meta', 'base', 'template', 'svg', 'math', 'portal', 'noscript',
]);

/** Attributes (hast property names) that hold a URL. */
const URL_PROPERTIES = ['href', 'src', 'action', 'cite', 'poster', 'background', 'longDesc', 'srcSet', 'xLinkHref', 'formAction', 'ping'];

/** The elements of HTML (WHATWG), less those dropped as unsafe: any other name is not HTML. */
const HTML_ELEMENTS: ReadonlySet<string> = new Set(
  ('a abbr address area article aside audio b bdi bdo blockquote br canvas caption cite code col colgroup data datalist dd del ' +
    'details dfn dialog div dl dt em fieldset figcaption figure footer h1 h2 h3 h4 h5 h6 header hgroup hr i img ins kbd label ' +
    'legend li main map mark menu meter nav ol optgroup output p picture pre progress q rp rt ruby s samp search section slot ' +
    'small source span strong sub summary sup table tbody td tfoot th thead time tr track u ul var video wbr').split(' '),
);

/** Obsolete elements writers still paste (`<center>`, `<tt>`), as the HTML that means the same. */
const OBSOLETE: Readonly<Record<string, string>> = { center: 'div', tt: 'code', strike: 's', acronym: 'abbr', big: 'span', font: 'span', nobr: 'span' };

/**
 * An element HTML does not have (TEI's `<persName>`, `<placeName>` in a paper that marks names) is
 * kept as a `<span>` with its name as a class, so that the text stays and a stylesheet can still
 * reach it; Pandoc passes such markup through, and a browser would show it as an unknown inline
 * element anyway. Names with a hyphen are custom elements, which HTML allows.
 */
function asHtml(node: Element): void {
  const name = node.tagName.toLowerCase();
  if (HTML_ELEMENTS.has(name) || name.includes('-')) return;
  const className = [node.properties['className'] ?? []].flat().map(String);
  node.properties['className'] = [...className, name];
  node.tagName = OBSOLETE[name] ?? 'span';
}

/** Code points HTML forbids in a page (controls other than whitespace, noncharacters): a stray one from a word processor is dropped. */
const FORBIDDEN_CODE_POINTS = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]/g;

function clean(node: Element): void {
  asHtml(node);
  // Pandoc 3 writes its endnotes as <aside role="doc-endnotes">, which HTML does not allow; pasted
  // into an essay, the list keeps its meaning by its class.
  if (node.properties['role'] === 'doc-endnotes' && node.tagName !== 'section') delete node.properties['role'];
  // An image of the writer's HTML without a text alternative is shown as decorative, as Pandoc
  // would write an image with no description (alt=""), so that the page is valid HTML.
  if (node.tagName === 'img' && node.properties['alt'] === undefined) node.properties['alt'] = '';
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
    if (child.type === 'text') {
      const value = child.value.replace(FORBIDDEN_CODE_POINTS, '');
      return [value === child.value ? child : { ...child, value }];
    }
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
