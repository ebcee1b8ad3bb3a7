/**
 * remark plugin: the checks of one essay's Markdown, in the pass that renders it. Every citation key
 * must name a work, every note call must have a definition, every definition must be called, no note
 * label may be defined twice, and each section's heading must still be a heading. GFM and citeproc
 * are silent on all of these.
 *
 * It reports with `file.message(reason, node, 'apparatus:rule')` like the Markdown plugins before it,
 * then hands on, as plain data, everything reported so far in the file (theirs and its own) as
 * diagnostics, with the citations and the links within the site it found, each placed through the
 * essay's line map at the section file, line and column the editor wrote. Data rather than the file,
 * so that a check made on a worker, or kept in the build cache, is the same as one made here.
 *
 * Wiring: after remark-gfm and the Pandoc plugins (markdown/parse.ts), which make the citation nodes
 * it reads. In the render pass, an essay in error goes no further: the plugin empties its tree, so
 * that citeproc-js never meets an unknown key and no page is made from it. (Not by throwing: Astro's
 * Markdown processor prints a stack trace for whatever a plugin throws.)
 */
import { posix } from 'node:path';
import type { Code, FootnoteDefinition, Html, Nodes, Root } from 'mdast';
import type { Point, Position } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { splitLocator, unparsedLocatorLabel, type LocatorTerms } from '../markdown/citation-locator.ts';
import { citeNodesOf, type CiteItemNode } from '../markdown/citations.ts';
import { resolveCitedKey } from '../markdown/cito.ts';
import { CROSS_REFERENCE_KEY } from '../markdown/cross-references.ts';
import { findLiteralNoteCalls, normalizeNoteLabel } from '../markdown/note-syntax.ts';
import { ORIGIN, sourceOf } from '../markdown/source.ts';
import { pdfConverterProblem } from '../sources/pdf-figures.ts';
import { didYouMean } from '../lib/suggest.ts';
import type { Diagnostic, Severity } from '../lib/diagnostics.ts';

/** What the checks know of an essay beyond its Markdown. */
export interface EssayCheckContext {
  /**
   * Whether a key names a work of the essay's bibliography; undefined when the bibliography could
   * not be read, so that keys are collected but not judged (every key would look unknown).
   */
  readonly isKnownKey: ((key: string) => boolean) | undefined;
  /** "Did you mean …?" for an unknown key, when a likely one exists. */
  readonly suggestKey: (key: string) => string | undefined;
  /** The locator terms of the essay's locale, to tell a locator from a suffix as the renderer will. */
  readonly terms: LocatorTerms;
  /** Each section's id, title and file, and the line of its heading in the joined Markdown. */
  readonly sections: readonly { readonly slug: string; readonly title: string; readonly file: string; readonly headingLine: number }[];
  /** Where an offset into the joined Markdown was written (through the essay's line map). */
  readonly place: (offset: number) => Place;
  /** Levels the essay's headings are set down by (sources/assemble.ts `headingShift`). */
  readonly headingShift?: number;
  /** The essay's metadata and variables as text, for Quarto's `meta` and `var` shortcodes. */
  readonly metadataText?: ReadonlyMap<string, string>;
  /**
   * The essay folder (`content/great-leap-forward`) and its other files, relative to it: what an
   * image may show. Without it, images are not looked for.
   */
  readonly folder?: { readonly path: string; readonly files: ReadonlySet<string> };
}

export interface Place {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A citation key used in the essay, with the place of its `@`. */
export interface CitationUse extends Place {
  readonly key: string;
}

/** A link the essay makes within the site (`#anchor`, `/essay/#anchor`, `../essay/`), with its place. */
export interface InternalLink extends Place {
  readonly url: string;
}

/** An essay's check, as plain data. */
export interface EssayCheck {
  readonly diagnostics: readonly Diagnostic[];
  /** Every citation of a known work, in reading order. */
  readonly citations: readonly CitationUse[];
  /** Citations of keys that name no work (each also an error). */
  readonly unknownCitations: readonly CitationUse[];
  readonly links: readonly InternalLink[];
}

export interface Options {
  /** The context of the file being checked; a file without one is not checked. */
  readonly contextOf: (file: VFile) => EssayCheckContext | undefined;
  /** Receives the file's check. */
  readonly done: (file: VFile, check: EssayCheck) => void;
  /** Empty the tree when the check found an error, so that the plugins after it make nothing of it. */
  readonly stopOnError?: boolean;
}

/** What in a piece of raw HTML would run, or undefined. */
function unsafeHtml(html: string): string | undefined {
  const element = /<\s*(script|style|iframe|frame|object|embed|applet|form|input|button|textarea|select|link|meta|base|template|svg|math)\b/i.exec(html)?.[1];
  if (element) return `a <${element.toLowerCase()}> element`;
  const handler = /\s(on[a-z]+)\s*=/i.exec(html)?.[1];
  if (handler) return `an ${handler.toLowerCase()} attribute`;
  if (/\s(?:href|src|action)\s*=\s*["']?\s*(?:javascript|data|vbscript):/i.test(html)) return 'a javascript: or data: address';
  if (/\sstyle\s*=/i.test(html)) return 'a style attribute';
  return undefined;
}

/** A URL with a scheme (https:, mailto:) or protocol-relative (//host) leaves the site. */
/** `<a … href="…">` in raw HTML: the address, double- or single-quoted. */
const HTML_LINK = /<a\s(?:[^>"']|"[^"]*"|'[^']*')*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

function isInternal(url: string): boolean {
  return url !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//');
}

const capitalized = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/** Reports a finding of this plugin. */
function report(file: VFile, severity: Severity, rule: string, reason: string, place: Point | Position | undefined, hint?: string): void {
  const message = file.message(reason, place, `${ORIGIN}:${rule}`);
  message.fatal = severity === 'error';
  if (hint) message.note = hint;
}

function offsetOf(message: VFileMessage): number {
  const place = message.place;
  if (!place) return 0;
  return ('start' in place ? place.start.offset : place.offset) ?? 0;
}

/** The messages of the file so far, as diagnostics. */
function diagnosticsOf(file: VFile, place: EssayCheckContext['place']): Diagnostic[] {
  return file.messages.map((message) => ({
    ...place(offsetOf(message)),
    severity: message.fatal ? 'error' : 'warning',
    rule: (message.ruleId ?? 'markdown').replace(/^apparatus:/, ''),
    message: message.reason,
    ...(message.note ? { hint: message.note } : {}),
  }));
}

function suffixText(item: CiteItemNode): string {
  const textOf = (node: { type: string; value?: unknown; children?: unknown[] }): string =>
    typeof node.value === 'string' ? node.value : (node.children ?? []).map((c) => textOf(c as never)).join('');
  return textOf(item.children[1] as never);
}

export default function remarkEssayChecks(options: Options) {
  return (tree: Root, file: VFile) => {
    const context = options.contextOf(file);
    if (!context) return;
    const markdown = String(file.value);
    const { place } = context;
    const citations: CitationUse[] = [];
    const unknownCitations: CitationUse[] = [];
    const links: InternalLink[] = [];
    const references = new Set<string>();
    const definitions = new Map<string, FootnoteDefinition>();
    const literalCalls: { offset: number; label: string }[] = [];
    const headingLines = new Set<number>();
    /** Code and HTML blocks: an unclosed one swallows the headings after it. */
    const blocks: (Code | Html)[] = [];

    visit(tree, (node: Nodes) => {
      if (node.type === 'image' || (node.type as string) === 'citedImage') checkImage(file, context, node);
      if (node.type === 'link' && isInternal(node.url)) links.push({ url: node.url, ...place(node.position?.start.offset ?? 0) });
      if ((node.type === 'code' || node.type === 'html') && node.position) blocks.push(node);
      if (node.type === 'html') {
        // A link of the writer's HTML is checked as a Markdown link is (`<a href="#results">`).
        const start = node.position?.start.offset ?? 0;
        for (const match of node.value.matchAll(HTML_LINK)) {
          const url = (match[1] ?? match[2] ?? '').replace(/&amp;/g, '&');
          if (isInternal(url)) links.push({ url, ...place(start + match.index) });
        }
        const unsafe = unsafeHtml(node.value);
        if (unsafe) {
          report(file, 'warning', 'content/unsafe-html', `This HTML holds ${unsafe}, which the page leaves out: an essay's HTML may format text but not run anything.`, node.position, 'Remove it; for a figure, a table or a note, use Markdown or plain HTML elements.');
        }
      }
      // Code is never a citation or a note, whatever it holds; nor is a link's text (an address like
      // https://example.social/@name), as Pandoc has no citations inside links.
      if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') return SKIP;
      if (node.type === 'heading') headingLines.add(node.position?.start.line ?? -1);
      if (node.type === 'footnoteReference') references.add(normalizeNoteLabel(node.identifier));
      if (node.type === 'footnoteDefinition') {
        const id = normalizeNoteLabel(node.identifier);
        const first = definitions.get(id);
        if (first) {
          const at = place(first.position?.start.offset ?? 0);
          report(
            file,
            'error',
            'note/duplicate-label',
            `The note label [^${node.label ?? node.identifier}] is defined twice; the first definition is at ${at.file}:${at.line}.`,
            node.position,
            'Give each note its own label: GFM keeps only the first definition and drops this one.',
          );
        } else definitions.set(id, node);
      }
      if (node.type === 'text' && node.position) {
        const start = node.position.start.offset ?? 0;
        const raw = markdown.slice(start, node.position.end.offset ?? start);
        for (const call of findLiteralNoteCalls(raw)) literalCalls.push({ offset: start + call.start, label: call.label });
      }
      return undefined;
    });

    // In reading order: an inline note's definition is appended to the tree, but read where it is called.
    const cites = citeNodesOf(tree).sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0));
    for (const cite of cites) {
      for (const item of cite.children) {
        const written = String(item.data.hProperties['dataKey'] ?? item.data.hProperties['key']);
        // `@fig-map` left in a bracket with citations: markdown/cross-references.ts reported it.
        if (CROSS_REFERENCE_KEY.test(written)) continue;
        const isKnownKey = context.isKnownKey;
        const resolved = isKnownKey ? resolveCitedKey(written, isKnownKey) : { key: written };
        // pandoc-scholar's `@method:key`: the page cites the work, and keeps why as an attribute.
        if (resolved.cito) Object.assign(item.data.hProperties, { dataKey: resolved.key, dataCito: resolved.cito });
        const key = resolved.key;
        const known = isKnownKey?.(key) ?? true;
        const use = { key, ...place(item.position?.start.offset ?? 0) };
        if (known) citations.push(use);
        else {
          unknownCitations.push(use);
          const suggestion = context.suggestKey(key);
          report(
            file,
            'error',
            'citation/unknown-key',
            `Unknown citation key "@${key}": no entry of the essay's bibliography has that id.`,
            item.position,
            suggestion ? capitalized(suggestion) : 'Add the work to the bibliography, or fix the key. To write a literal @, escape it as \\@.',
          );
        }
        checkLocator(file, context.terms, key, item, cite.position);
      }
    }

    context.sections.forEach((section) => {
      if (headingLines.has(section.headingLine)) return;
      // The block the heading fell into: the code fence or HTML block left open before it.
      const swallower = blocks.find((block) => block.position!.start.line < section.headingLine && block.position!.end.line >= section.headingLine);
      report(
        file,
        'error',
        'content/swallowed-section',
        `The section "${section.title}" (${section.file}) is swallowed by what comes before it.`,
        swallower?.position?.start ?? pointAt(sourceOf(file).lineStart(section.headingLine)),
        swallower ? (swallower.type === 'html' ? 'Close this HTML block, or end it with a blank line.' : 'Close this code block (```).') : 'Close the code block or HTML block left open before it.',
      );
    });

    const labels = [...definitions.values()].map((d) => d.label ?? d.identifier);
    for (const call of literalCalls) {
      const suggestion = didYouMean(call.label, labels);
      const add = `add a line "[^${call.label}]: the note's text" to this section`;
      report(file, 'error', 'note/undefined', `The note [^${call.label}] has no definition.`, pointAt(call.offset), suggestion ? `${capitalized(suggestion)} Otherwise ${add}.` : `${capitalized(add)}.`);
    }

    for (const [id, definition] of definitions) {
      if (references.has(id)) continue;
      const label = definition.label ?? definition.identifier;
      // A warning, not an error: nothing that was written is lost from what Pandoc would print (it
      // drops such a note silently), and real documents hold notes called only from code output.
      report(file, 'warning', 'note/unreferenced', `The note [^${label}] is defined but never called, so it does not appear on the page (as in Pandoc).`, definition.position, `Call it with [^${label}] where it belongs in the text, or delete the definition.`);
    }

    const diagnostics = diagnosticsOf(file, place);
    options.done(file, { diagnostics, citations, unknownCitations, links });
    if (options.stopOnError && diagnostics.some((d) => d.severity === 'error')) tree.children = [];
  };
}

/** What browsers show and the image pipeline reads (src/essay-images.ts), and PDF, whose first page the build shows. */
const IMAGE_EXTENSION = /^(png|jpe?g|gif|webp|avif|svg|pdf)$/i;
const IMAGE_FILE = /\.(png|jpe?g|gif|webp|avif|svg|pdf)$/i;
const PDF_FILE = /\.pdf$/i;

/**
 * An image must have alt text, and the file it names must be one the build can show: in the essay
 * folder, or elsewhere in content/ (a folder that holds no essay may keep the figures several essays
 * share), never outside content/. A path without an extension takes the one image file it matches,
 * as LaTeX does (`Figures/fig_1` → `Figures/fig_1.png`). A PDF is shown as its first page, converted
 * at build time (publishing/pdf-to-png.ts), when the converter can be loaded here. A build would
 * otherwise publish a broken image, or one a reader who cannot see it gets nothing from.
 */
function checkImage(file: VFile, context: EssayCheckContext, node: Nodes): void {
  const image = node.type === 'image' ? { url: node.url, alt: node.alt ?? '' } : citedImageOf(node);
  const written = image.url;
  if (image.alt.trim() === '') {
    // Published as Pandoc publishes it, so that a paper drops in; the editor still learns what to fix.
    report(
      file,
      'warning',
      'image/no-alt',
      `Accessibility: the image "${written}" has no alt text. It is published with an empty one (alt=""), as Pandoc writes it, so a screen reader passes it by and a reader who cannot see it is told nothing.`,
      node.position,
      `Describe it between the brackets: ![A map of the communes in 1959](${written}). An image alone in its paragraph also takes that text as its caption.`,
    );
  }
  const path = folderFileOf(written);
  if (!context.folder || path === undefined) return;
  const folder = context.folder;
  const found = lookUpImage(folder.path, path, folder.files);
  const where = (name: string) => posix.join(folder.path, name);
  switch (found.kind) {
    case 'outside-content':
      report(
        file,
        'error',
        'image/outside-content',
        `The image "${written}" is outside content/ (${found.file}): a build publishes only what content/ holds.`,
        node.position,
        `Copy it into ${folder.path}/, or into a folder of content/ that holds no essay, and name it from there.`,
      );
      return;
    case 'ambiguous':
      report(
        file,
        'error',
        'image/ambiguous',
        `The image "${written}" has no extension, and ${found.candidates.length} files could be it: ${found.candidates.map(where).join(', ')}.`,
        node.position,
        `Write the one you mean with its extension, for example ${found.candidates[0]!}.`,
      );
      return;
    case 'missing': {
      const inFolder = !found.file.startsWith('../');
      const suggestion = didYouMean(found.file, [...folder.files].filter((name) => IMAGE_FILE.test(name)));
      const place = inFolder ? `${folder.path}/` : `${posix.dirname(where(found.file))}/`;
      report(
        file,
        'error',
        'image/missing',
        `The image "${written}" is not in ${place}: the page would show a broken image.`,
        node.position,
        suggestion
          ? capitalized(suggestion)
          : inFolder
            ? `Put ${path.split('/').at(-1)} in ${folder.path}/, beside the essay's Markdown, or fix the path (it is read from that folder).`
            : `Put ${path.split('/').at(-1)} in ${place}, or fix the path (it is read from ${folder.path}/).`,
      );
      return;
    }
    case 'found':
      break;
  }
  if (!IMAGE_FILE.test(found.file)) {
    report(file, 'error', 'image/unsupported-format', `"${written}" is not an image a browser shows.`, node.position, 'Convert it to PNG, JPEG, WebP, AVIF, GIF or SVG (or PDF, which the build converts); the build makes the sizes a reader needs.');
    return;
  }
  if (found.extensionAdded) {
    report(
      file,
      'warning',
      'image/extension-added',
      `The image "${written}" has no extension; the page shows ${where(found.file)}, the one image file of that name.`,
      node.position,
      `Write ${written}${found.file.slice(found.file.lastIndexOf('.'))} to name it exactly, as a browser and Pandoc's HTML need.`,
    );
  }
  if (PDF_FILE.test(found.file)) {
    const problem = pdfConverterProblem();
    if (problem) {
      report(
        file,
        'error',
        'image/pdf-not-converted',
        `The figure "${written}" is a PDF, which the build shows by converting its first page to PNG, but ${problem}.`,
        node.position,
        'Convert the figure to PNG or SVG (for example `pdftocairo -png -singlefile -r 200 figure.pdf figure`, or `pdftocairo -svg figure.pdf figure.svg`) and name that file, or build on a platform @napi-rs/canvas supports (Linux, macOS, Windows; x64 or arm64) with optional dependencies installed (`npm ci`).',
      );
    }
  }
}

/** What an image's path names among the files an essay may show (`lookUpImage`). */
export type ImageLookup =
  /** `file` is relative to the essay folder; `extensionAdded` when the path had none and `file` is its one match. */
  | { readonly kind: 'found'; readonly file: string; readonly extensionAdded: boolean }
  | { readonly kind: 'missing'; readonly file: string }
  /** A path without an extension that several image files match (`candidates`, relative to the folder). */
  | { readonly kind: 'ambiguous'; readonly file: string; readonly candidates: readonly string[] }
  /** `file` is the path resolved from the project's root (or the content folder's parent). */
  | { readonly kind: 'outside-content'; readonly file: string };

/**
 * The file an image's path (`folderFileOf`) names, among the files an essay may show: `files`,
 * relative to the essay folder `folder` (`content/on-tides`), those elsewhere in content/ written
 * as the essay reaches them (`../figures/map.png`). The content folder is the essay folder's
 * parent; a path that leaves it names nothing. A path whose file is not there and that has no image
 * extension takes the one image file that adds one (`Figures/fig_1` → `Figures/fig_1.png`). The check
 * and the page (src/essay-images.ts) find images alike.
 */
export function lookUpImage(folder: string, path: string, files: ReadonlySet<string>): ImageLookup {
  const full = posix.normalize(posix.join(folder, path));
  const content = posix.dirname(folder);
  const fromContent = posix.relative(content, full);
  if (fromContent === '..' || fromContent.startsWith('../') || posix.isAbsolute(fromContent)) return { kind: 'outside-content', file: full };
  const file = posix.relative(folder, full);
  if (files.has(file)) return { kind: 'found', file, extensionAdded: false };
  if (!IMAGE_FILE.test(file)) {
    const candidates = [...files].filter((name) => name.startsWith(`${file}.`) && IMAGE_EXTENSION.test(name.slice(file.length + 1))).sort();
    if (candidates.length === 1) return { kind: 'found', file: candidates[0]!, extensionAdded: true };
    if (candidates.length > 1) return { kind: 'ambiguous', file, candidates };
  }
  return { kind: 'missing', file };
}

/**
 * The file an address names, relative to the essay folder (`map.png`, `./figures/a%20b.svg` →
 * `figures/a b.svg`, `../shared/map.png`), or undefined for an address elsewhere (a web address, a
 * path of the site, an anchor). The check and the page (src/essay-images.ts) read addresses alike.
 */
export function folderFileOf(address: string): string | undefined {
  if (!isInternal(address) || address.startsWith('/') || address.startsWith('#')) return undefined;
  const path = address.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(path).replace(/^\.\//, '');
  } catch {
    return path.replace(/^\.\//, '');
  }
}

/** An image whose description held citations (markdown/citations.ts): its address and description. */
function citedImageOf(node: Nodes): { url: string; alt: string } {
  const properties = (node.data as { hProperties?: Record<string, unknown> } | undefined)?.hProperties ?? {};
  return { url: String(properties['src'] ?? ''), alt: String(properties['alt'] ?? '') };
}

/** A point that carries only its offset: the caller maps offsets to places. */
function pointAt(offset: number): Point {
  return { line: 0, column: 0, offset };
}

function checkLocator(file: VFile, terms: LocatorTerms, key: string, item: CiteItemNode, at: Position | undefined): void {
  const suffix = suffixText(item);
  const split = splitLocator([...suffix].map((char) => ({ kind: 'char' as const, char })), terms);
  const word = split.locator === undefined ? unparsedLocatorLabel(suffix, terms) : undefined;
  if (!word) return;
  // Only labels with the same initial: "pg" means p., not §.
  const initial = word[0]!.toLowerCase();
  const suggestion = didYouMean(word.toLowerCase(), [...terms.keys()].filter((term) => term[0] === initial && term !== word.toLowerCase()));
  const written = suffix.replace(/^\s*,\s*/, '').trim();
  report(
    file,
    'warning',
    'citation/unparsed-locator',
    `In the citation of @${key}, "${suffix.trim()}" looks like a locator, but "${word}" is not a locator label: it will print as plain text.`,
    at,
    `${suggestion ? `${capitalized(suggestion)} ` : ''}Use a label such as p., pp., chap., sec. or para., or write the locator in braces: [@${key}, {${written}}].`,
  );
}
