/**
 * Nothing is dropped silently: over every Markdown fixture of the project (Pandoc's own citation
 * tests, real papers, the parity essay, the seed essay, the Markdown fixtures, the bad inputs), every
 * `@` that stands where a citation can start either became a citation or was reported with a message
 * at its place. The `@`s are found in the source text by a scan of its own, independent of the
 * parser: an `@` after a letter or digit (an e-mail address), an escaped `\@`, and `@`s in code, raw
 * HTML, link addresses, raw LaTeX environments and CriticMarkup deletions (both left out of the page
 * with a warning) are not citations.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Nodes, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { citeNodesOf } from '../../src/markdown/citation-nodes.ts';
import { parseEssayMarkdown } from '../../src/checks/essay-reading.ts';
import { scanPandocSource } from '../../src/markdown/source-scan.ts';
import { ROOT } from '../support/project.ts';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return /\.q?md$/.test(name) && !/^(README|SOURCE)\.md$/.test(name) ? [path] : [];
  });
}

const FIXTURES = [
  ...markdownFiles(join(ROOT, 'tests/fixtures')),
  ...markdownFiles(join(ROOT, 'content')),
].sort();

/** The body of a Markdown file, with its frontmatter blanked (so offsets and lines stay the file's). */
function body(text: string): string {
  const match = /^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)\r?\n/.exec(text);
  return match ? match[0].replace(/[^\n]/g, ' ') + text.slice(match[0].length) : text;
}

/** Source ranges that cannot hold a citation: code, raw HTML, link addresses and autolinks. */
function excludedRanges(tree: Root): [number, number][] {
  const ranges: [number, number][] = [];
  const visit = (node: Nodes) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) {
      if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || (node.type as string) === 'math' || (node.type as string) === 'inlineMath') {
        ranges.push([start, end]);
        return;
      }
      if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
        const text = node.type === 'link' ? node.children.map((c) => ('value' in c ? c.value : '')).join('') : '';
        if (node.type === 'link' && node.url.endsWith(text)) {
          ranges.push([start, end]); // an autolink: its text is its address
          return;
        }
        // The address part: after the last child (or the whole of a definition).
        const last = 'children' in node ? node.children[node.children.length - 1]?.position?.end.offset : undefined;
        ranges.push([node.type === 'image' ? start + (node.alt?.length ?? 0) + 2 : (last ?? start), end]);
      }
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return ranges;
}

/** Offsets of every `@` that starts a would-be citation, found in the text itself. */
function citationLikeAts(source: string): number[] {
  const found: number[] = [];
  for (const match of source.matchAll(/@(?=[\p{L}\p{N}_{])/gu)) {
    const at = match.index;
    const before = source[at - 1] ?? '';
    if (/[\p{L}\p{N}\\]/u.test(before)) continue;
    found.push(at);
  }
  return found;
}

describe('every citation-like @ in every fixture is a citation or a reported problem', () => {
  it('finds fixtures to check', () => {
    expect(FIXTURES.length).toBeGreaterThan(60);
  });

  it.each(FIXTURES.map((file) => relative(ROOT, file)))('%s', (file) => {
    const source = body(readFileSync(join(ROOT, file), 'utf8'));
    const { tree, file: vfile } = parseEssayMarkdown(source);
    // What the page leaves out whole, reported once: raw LaTeX environments, CriticMarkup's deletions and comments.
    const excluded = [...excludedRanges(tree), ...scanPandocSource(source).environments.map((e): [number, number] => [e.start, e.end])];
    const cited = new Set<number>();
    for (const cite of citeNodesOf(tree)) {
      for (const item of cite.children) {
        const offset = item.position?.start.offset;
        // A suppressed author's cite starts at its "-".
        if (offset !== undefined) cited.add(source[offset] === '-' ? offset + 1 : offset);
      }
    }
    // A reference to a figure, table, equation or section (@fig-map) is a link now, placed where its key was.
    const walk = (node: { type: string; position?: { start: { offset?: number } }; data?: { hProperties?: { className?: unknown } }; children?: unknown[] }) => {
      const offset = node.position?.start.offset;
      if (node.type === 'link' && [node.data?.hProperties?.className].flat().includes('cross-ref') && offset !== undefined) cited.add(source[offset] === '-' ? offset + 1 : offset);
      for (const child of node.children ?? []) walk(child as never);
    };
    walk(tree as never);
    const reported = vfile.messages.map((m) => m.place && ('start' in m.place ? m.place.start.offset : m.place.offset)).filter((o): o is number => o !== undefined);
    const dropped = citationLikeAts(source)
      .filter((at) => !excluded.some(([start, end]) => at >= start && at < end))
      .filter((at) => !cited.has(at) && !reported.some((offset) => Math.abs(offset - at) <= 2))
      .map((at) => {
        const line = source.slice(0, at).split('\n').length;
        return `${file}:${line}: ${source.slice(Math.max(0, at - 20), at + 30).replace(/\n/g, '⏎')}`;
      });
    expect(dropped).toEqual([]);
  });
});
