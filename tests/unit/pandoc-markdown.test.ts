/**
 * The Pandoc Markdown plugins (src/markdown/) against fixture folders, as remark-gfm tests itself:
 * each tests/fixtures/markdown/<case>/ holds input.md, output.html (what the pipeline below
 * gives, reviewed against pandoc.html, which `pandoc -f markdown -t html --wrap=none` gives for the
 * same input) and, where a plugin reports something, messages.json.
 *
 * The pipeline is the page's, less our other plugins: GFM, these plugins, remark-rehype with the
 * page's note options, the heading-link resolver and Astro's heading ids.
 * Run with UPDATE_FIXTURES=1 to write output.html and messages.json anew.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import type { Root } from 'mdast';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { findFencedDivs } from '../../src/markdown/fenced-divs.ts';
import { parseAttributes } from '../../src/markdown/attributes.ts';
import { pandocMarkdownPlugins, preparePandocMarkdown, rehypeImplicitHeadingLinks } from '../../src/markdown/pandoc-markdown.ts';

const root = join(import.meta.dirname, '../fixtures/markdown');
const update = process.env['UPDATE_FIXTURES'] === '1';

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(pandocMarkdownPlugins)
  .use(remarkRehype, { clobberPrefix: '', footnoteLabel: 'Notes', footnoteLabelTagName: 'h2' })
  .use(rehypeImplicitHeadingLinks)
  .use(rehypeHeadingIds)
  .use(rehypeStringify);

function render(markdown: string) {
  const file = new VFile({ value: markdown });
  const html = String(processor.processSync(file)).trim() + '\n';
  const messages = file.messages.map((m) => ({ rule: `${m.source}:${m.ruleId}`, line: m.line, column: m.column, reason: m.reason }));
  return { html, messages };
}

describe('Pandoc Markdown fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      const dir = join(root, name);
      const { html, messages } = render(readFileSync(join(dir, 'input.md'), 'utf8'));
      if (update) {
        writeFileSync(join(dir, 'output.html'), html);
        if (messages.length > 0) writeFileSync(join(dir, 'messages.json'), JSON.stringify(messages, null, 2) + '\n');
      }
      expect(html).toBe(readFileSync(join(dir, 'output.html'), 'utf8'));
      const expected = existsSync(join(dir, 'messages.json')) ? JSON.parse(readFileSync(join(dir, 'messages.json'), 'utf8')) : [];
      expect(messages).toEqual(expected);
    });
  }
});

describe('preparePandocMarkdown', () => {
  it('keeps the length and the lines, and blanks only the fences of complete divs', () => {
    const source = '::: note\r\nText.\n:::\n\n```\n:::\n```\n\n::: open\nnever closed\n';
    const { markdown, fencedDivs } = preparePandocMarkdown(source);
    expect(markdown.length).toBe(source.length);
    expect(markdown.split('\n').length).toBe(source.split('\n').length);
    expect(markdown.startsWith('        \r\nText.\n   \n')).toBe(true);
    expect(markdown.slice(markdown.indexOf('```'))).toBe(source.slice(source.indexOf('```')));
    expect(fencedDivs.divs.map((d) => [d.open.line, d.close.line])).toEqual([[1, 3]]);
    expect(fencedDivs.unclosed.map((f) => f.line)).toEqual([9]);
  });

  it('reads a div never closed as Pandoc does: its opening line is text, and so is what it held', () => {
    const scan = findFencedDivs('::: a\n::: b\nx\n:::\n');
    expect(scan.divs).toEqual([]);
    expect(scan.unclosed.map((f) => f.line)).toEqual([1]);
    expect(scan.unopened.map((f) => f.line)).toEqual([4]);
  });

  it('keeps every position in the tree a position in the source', () => {
    const source = '::: {.a}\nSee [Intro].\n:::\n\n# Intro {#i}\n';
    const file = new VFile({ value: source });
    const remark = unified().use(remarkParse).use(remarkGfm).use(pandocMarkdownPlugins);
    const tree = remark.runSync(remark.parse(file), file) as Root;
    const spans: string[] = [];
    visit(tree, (node) => {
      if (node.type === 'link' || node.type === 'heading' || node.type === 'paragraph' || node.type === 'text') {
        spans.push(`${node.type}:${source.slice(node.position!.start.offset, node.position!.end.offset)}`);
      }
    });
    expect(spans).toEqual(['paragraph:See [Intro].', 'text:See ', 'link:[Intro]', 'text:Intro', 'text:.', 'heading:# Intro {#i}', 'text:Intro']);
  });
});

describe('parseAttributes', () => {
  it('reads ids, classes, key=value pairs and {-}', () => {
    expect(parseAttributes('{#x:y .a-b k=v t="a \\"b\\""}')).toEqual({ id: 'x:y', classes: ['a-b'], pairs: [['k', 'v'], ['t', 'a "b"']] });
    expect(parseAttributes('{- .c}', true)).toEqual({ classes: ['unnumbered', 'c'], pairs: [] });
    expect(parseAttributes('{attr}')).toBeUndefined();
    expect(parseAttributes('{-}')).toBeUndefined();
  });
});
