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
import type { Code, FootnoteDefinition, Html, Nodes, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { LocatorTerms } from '../markdown/citation-locator.ts';
import { citeNodesOf } from '../markdown/citation-nodes.ts';
import { resolveCitedKey } from '../markdown/cito.ts';
import { CROSS_REFERENCE_KEY } from '../markdown/cross-references.ts';
import { findLiteralNoteCalls, normalizeNoteLabel } from '../markdown/note-syntax.ts';
import { sourceOf } from '../markdown/source.ts';
import { didYouMean } from '../lib/suggest.ts';
import { type Diagnostic, capitalized } from '../lib/diagnostics.ts';
import { diagnosticsOf, pointAt, report } from './findings.ts';
import { checkImage, isInternal } from './image-checks.ts';
import { unsafeScheme } from '../lib/url-policy.ts';
import { checkLocator } from './locator-check.ts';

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
  for (const [, , double, single, bare] of html.matchAll(/\s(href|src|action|formaction|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*))/gi)) {
    const scheme = unsafeScheme((double ?? single ?? bare ?? '').replace(/&#x?0*3a;?|&colon;/gi, ':'));
    // The sanitizer's policy (lib/url-policy.ts): what it will remove, the editor hears of.
    if (scheme !== undefined) return scheme === 'javascript' || scheme === 'data' ? 'a javascript: or data: address' : `a ${scheme}: address`;
  }
  if (/\sstyle\s*=/i.test(html)) return 'a style attribute';
  return undefined;
}

/** `<a … href="…">` in raw HTML: the address, double- or single-quoted. */
const HTML_LINK = /<a\s(?:[^>"']|"[^"]*"|'[^']*')*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

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
