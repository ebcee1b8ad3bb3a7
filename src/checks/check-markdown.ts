/**
 * Checks an assembled essay's Markdown before it is rendered: every citation key must be in the
 * bibliography, every note call must have a definition, every definition must be called, and no note
 * label may be defined twice. GFM and citeproc are silent on all four.
 *
 * Positions come from the parsed tree's offsets into the joined text, mapped back through the
 * assembly's line map to the section file and line the editor wrote.
 */
import type { Nodes } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';
import type { AssembledEssay } from '../sources/assemble.ts';
import { splitLocator, unparsedLocatorLabel, type LocatorTerms } from '../markdown/citation-locator.ts';
import { citeNodesOf, type CiteItemNode } from '../markdown/citations.ts';
import { parseEssayMarkdown } from '../markdown/parse.ts';
import type { Diagnostic } from './diagnostics.ts';
import { lineOf, lineStartOffsets } from '../lib/lines.ts';
import { findLiteralNoteCalls, normalizeNoteLabel } from '../markdown/note-syntax.ts';
import { didYouMean } from './suggest.ts';


/** Every citation key used in the essay, with its place, in document order. */
export interface CitationUse {
  readonly key: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A link the essay makes within the site (`#anchor`, `/essay/#anchor`, `../essay/`), with its place. */
export interface InternalLink {
  readonly url: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface MarkdownCheck {
  readonly diagnostics: readonly Diagnostic[];
  readonly citations: readonly CitationUse[];
  readonly links: readonly InternalLink[];
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
function isInternal(url: string): boolean {
  return url !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//');
}

/**
 * @param knownKeys the bibliography's ids; undefined when it could not be read, so that keys are
 *   collected but not judged.
 */
/**
 * @param terms the locator terms of the essay's locale, to tell a locator from a suffix as the
 *   renderer will.
 */
export function checkEssayMarkdown(essay: AssembledEssay, knownKeys: ReadonlySet<string> | undefined, terms: LocatorTerms): MarkdownCheck {
  const { markdown } = essay;
  const { tree, file } = parseEssayMarkdown(markdown);
  const lineStarts = lineStartOffsets(markdown);
  const place = (offset: number) => {
    const line = lineOf(lineStarts, offset);
    const source = essay.locate(line);
    return { file: source.file, line: source.line, column: offset - lineStarts[line - 1]! + 1 };
  };

  const diagnostics: Diagnostic[] = [];
  const citations: CitationUse[] = [];
  const links: InternalLink[] = [];
  const references = new Set<string>();
  const definitions = new Map<string, { offset: number; label: string }>();
  const literalCalls: { offset: number; label: string }[] = [];
  const headingLines = new Set<number>();

  visit(tree, (node: Nodes) => {
    if (node.type === 'link' && isInternal(node.url)) links.push({ url: node.url, ...place(node.position?.start.offset ?? 0) });
    if (node.type === 'html') {
      const unsafe = unsafeHtml(node.value);
      if (unsafe) {
        diagnostics.push({
          ...place(node.position?.start.offset ?? 0),
          severity: 'warning',
          rule: 'content/unsafe-html',
          message: `This HTML holds ${unsafe}, which the page leaves out: an essay's HTML may format text but not run anything.`,
          hint: 'Remove it; for a figure, a table or a note, use Markdown or plain HTML elements.',
        });
      }
    }
    // Code is never a citation or a note, whatever it holds; nor is a link's text (an address like
    // https://example.social/@name), as Pandoc has no citations inside links.
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') return SKIP;
    if (node.type === 'heading') headingLines.add(node.position?.start.line ?? -1);
    if (node.type === 'footnoteReference') {
      references.add(normalizeNoteLabel(node.identifier));
      return undefined;
    }
    if (node.type === 'footnoteDefinition') {
      const id = normalizeNoteLabel(node.identifier);
      const offset = node.position?.start.offset ?? 0;
      const first = definitions.get(id);
      if (first) {
        const firstPlace = place(first.offset);
        diagnostics.push({
          ...place(offset),
          severity: 'error',
          rule: 'note/duplicate-label',
          message: `The note label [^${node.label ?? node.identifier}] is defined twice; the first definition is at ${firstPlace.file}:${firstPlace.line}.`,
          hint: 'Give each note its own label: GFM keeps only the first definition and drops this one.',
        });
      } else {
        definitions.set(id, { offset, label: node.label ?? node.identifier });
      }
      return undefined;
    }
    if (node.type !== 'text' || !node.position) return undefined;
    const start = node.position.start.offset ?? 0;
    const raw = markdown.slice(start, node.position.end.offset ?? start);
    for (const call of findLiteralNoteCalls(raw)) literalCalls.push({ offset: start + call.start, label: call.label });
    return undefined;
  });

  for (const message of file.messages) {
    const offset = message.place && 'offset' in message.place ? message.place.offset : message.place && 'start' in message.place ? message.place.start.offset : undefined;
    diagnostics.push({
      ...place(offset ?? 0),
      severity: message.fatal ? 'error' : 'warning',
      rule: (message.ruleId ?? 'markdown').replace(/^apparatus:/, ''),
      message: message.reason,
      ...(message.note ? { hint: message.note } : {}),
    });
  }

  // In reading order: an inline note's definition is appended to the tree, but read where it is called.
  const cites = citeNodesOf(tree).sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0));
  for (const cite of cites) {
    for (const item of cite.children) {
      const { key } = item.data.hProperties as { key?: string; dataKey: string };
      checkCitedKey(String(item.data.hProperties['dataKey'] ?? key), item, knownKeys, place, citations, diagnostics);
      const suffix = suffixText(item);
      const split = splitLocator([...suffix].map((char) => ({ kind: 'char' as const, char })), terms);
      const word = split.locator === undefined ? unparsedLocatorLabel(suffix, terms) : undefined;
      if (!word) continue;
      // Only labels with the same initial: "pg" means p., not §.
      const initial = word[0]!.toLowerCase();
      const suggestion = didYouMean(word.toLowerCase(), [...terms.keys()].filter((term) => term[0] === initial && term !== word.toLowerCase()));
      const written = suffix.replace(/^\s*,\s*/, '').trim();
      diagnostics.push({
        ...place(cite.position?.start.offset ?? 0),
        severity: 'warning',
        rule: 'citation/unparsed-locator',
        message: `In the citation of @${String(item.data.hProperties['dataKey'])}, "${suffix.trim()}" looks like a locator, but "${word}" is not a locator label: it will print as plain text.`,
        hint: `${suggestion ? `${suggestion[0]!.toUpperCase()}${suggestion.slice(1)} ` : ''}Use a label such as p., pp., chap., sec. or para., or write the locator in braces: [@${String(item.data.hProperties['dataKey'])}, {${written}}].`,
      });
    }
  }

  // Each section's heading must still be a heading: an unclosed code fence or HTML block at the end
  // of the section before would swallow it, and the section would silently vanish.
  essay.sections.forEach((section, i) => {
    if (headingLines.has(section.headingLine)) return;
    const previous = essay.sections[i - 1];
    diagnostics.push({
      file: previous?.file ?? section.file,
      ...(previous ? {} : { line: 1 }),
      severity: 'error',
      rule: 'content/swallowed-section',
      message: `The section "${section.title}" (${section.file}) is swallowed by what comes before it.`,
      hint: previous ? `Close the code block (\`\`\`) or HTML block left open in ${previous.file}.` : 'Close the code block or HTML block left open before it.',
    });
  });

  const labels = [...definitions.values()].map((d) => d.label);
  for (const call of literalCalls) {
    const suggestion = didYouMean(call.label, labels);
    const add = `add a line "[^${call.label}]: the note's text" to this section`;
    diagnostics.push({
      ...place(call.offset),
      severity: 'error',
      rule: 'note/undefined',
      message: `The note [^${call.label}] has no definition.`,
      hint: suggestion ? `${suggestion[0]!.toUpperCase()}${suggestion.slice(1)} Otherwise ${add}.` : `${add[0]!.toUpperCase()}${add.slice(1)}.`,
    });
  }

  for (const [id, definition] of definitions) {
    if (references.has(id)) continue;
    diagnostics.push({
      ...place(definition.offset),
      severity: 'error',
      rule: 'note/unreferenced',
      message: `The note [^${definition.label}] is defined but never called, so it would not appear on the page.`,
      hint: `Call it with [^${definition.label}] where it belongs in the text, or delete the definition.`,
    });
  }

  return { diagnostics, citations, links };
}


function suffixText(item: CiteItemNode): string {
  const textOf = (node: { type: string; value?: unknown; children?: unknown[] }): string =>
    typeof node.value === 'string' ? node.value : (node.children ?? []).map((c) => textOf(c as never)).join('');
  return textOf(item.children[1] as never);
}

function checkCitedKey(
  key: string,
  item: CiteItemNode,
  knownKeys: ReadonlySet<string> | undefined,
  place: (offset: number) => { file: string; line: number; column: number },
  citations: CitationUse[],
  diagnostics: Diagnostic[],
): void {
  const at = place(item.position?.start.offset ?? 0);
  if (!knownKeys || knownKeys.has(key)) {
    citations.push({ key, ...at });
    return;
  }
  const suggestion = didYouMean(key, knownKeys);
  diagnostics.push({
    ...at,
    severity: 'error',
    rule: 'citation/unknown-key',
    message: `Unknown citation key "@${key}": no entry of the essay's bibliography has that id.`,
    hint: suggestion ? `${suggestion[0]!.toUpperCase()}${suggestion.slice(1)}` : 'Add the work to the bibliography, or fix the key. To write a literal @, escape it as \\@.',
  });
}
