/**
 * The Pandoc Markdown plugins (src/markdown/) against fixture folders, as remark-gfm tests itself:
 * each tests/fixtures/markdown/<case>/ holds input.md, output.html (what the pipeline below gives)
 * and, where a plugin reports something, messages.json; and pandoc.html, which
 * `pandoc -f markdown -t html --wrap=none` (Pandoc 2.17) gives for the same input, compared block by
 * block with ours (the measure of tests/unit/real-documents.test.ts).
 *
 * The pipeline reads the Markdown with the list of remark plugins the essays are read with
 * (checks/essay-reading.ts: GFM, Pandoc's syntax, citations, cross-references; checks without a
 * context), then remark-rehype with the page's note options, the heading-link resolver, Astro's
 * heading ids and the equations' MathML. Run with UPDATE_FIXTURES=1 to write output.html and
 * messages.json anew.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import type { Paragraph, Root } from 'mdast';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { blankFences, findFencedDivs } from '../../src/markdown/fenced-divs.ts';
import { parseAttributes } from '../../src/markdown/attributes.ts';
import { attributeBlockAt } from '../../src/markdown/image-attributes.ts';
import { parseEssayMarkdown } from '../../src/checks/essay-reading.ts';
import { removeRawTexFromInline } from '../../src/markdown/raw-tex.ts';
import { rawTexEnd } from '../../src/markdown/raw-tex-scan.ts';
import { sourceOf } from '../../src/markdown/source.ts';
import { pandocMarkdownPlugins } from '../../src/markdown/pandoc-markdown.ts';
import { rehypeImplicitHeadingLinks } from '../../src/markdown/implicit-heading-links.ts';
import { essayReadingPlugins } from '../../src/checks/essay-reading.ts';
import { parse } from 'node-html-parser';
import { compareBlocks, pandocDocumentBlocks } from '../support/real-documents.ts';
import { rehypeMathml } from '../../src/markdown/math.ts';

const root = join(import.meta.dirname, '../fixtures/markdown');
const update = process.env['UPDATE_FIXTURES'] === '1';

const processor = unified()
  .use(remarkParse)
  .use(essayReadingPlugins(() => undefined, () => undefined, { stopOnError: false }))
  .use(remarkRehype, { clobberPrefix: '', footnoteLabel: 'Notes', footnoteLabelTagName: 'h2' })
  .use(rehypeImplicitHeadingLinks)
  .use(rehypeHeadingIds)
  .use(rehypeMathml)
  .use(rehypeStringify);

/**
 * Where a fixture's blocks differ from Pandoc's, and why. Most are the fixture pipeline's: it
 * renders no citation (no bibliography), no smart quotes and no MathJax (Pandoc's HTML without
 * --mathjax prints a formula's text), and joins a cell's paragraphs without a space.
 */
const PANDOC_DIFFERENCES: Readonly<Record<string, { readonly blocks: number; readonly why: string }>> = {
  'implicit-heading-references-more': { blocks: 1, why: 'Pandoc reads `![Heading text]` as an image of the heading\'s link; Apparatus leaves it as text.' },
  'note-continuation': { blocks: 1, why: 'A note call whose note is indented by four spaces under a paragraph: Pandoc keeps `[^1]` as text, Apparatus calls the note.' },
  'pandoc-tables': { blocks: 5, why: 'Citations (no bibliography here), smart quotes, formulas as Pandoc prints them without MathJax, and a cell of two paragraphs.' },
  'raw-tex': { blocks: 2, why: 'References to labels the fixture does not define print "??" (as LaTeX does; Pandoc prints nothing), and formulas as Pandoc prints them without MathJax.' },
  'setext-numbered-headings': { blocks: 2, why: 'A setext underline after a list item: Pandoc makes the item a heading\'s text; Apparatus keeps the line as text.' },
};

/** The blocks a reader meets, as the real documents' measure reads Pandoc's (notes' back links left out). */
function blocksOf(html: string) {
  const doc = parse(html);
  for (const backLink of doc.querySelectorAll('[data-footnote-backref]')) backLink.remove();
  return pandocDocumentBlocks(doc.toString());
}

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
      // Pandoc's own output for the input: every block the same, but those listed with a reason.
      const comparison = compareBlocks(blocksOf(readFileSync(join(dir, 'pandoc.html'), 'utf8')), blocksOf(html));
      expect(comparison.total).toBeGreaterThan(3);
      expect({ name, differing: comparison.total - comparison.identical }).toEqual({ name, differing: PANDOC_DIFFERENCES[name]?.blocks ?? 0 });
    });
  }
});

describe('fenced divs found and blanked before parsing', () => {
  it('keeps the length and the lines, and blanks only the fences of complete divs', () => {
    const source = '::: note\r\nText.\n:::\n\n```\n:::\n```\n\n::: open\nnever closed\n';
    const fencedDivs = findFencedDivs(source);
    const markdown = blankFences(source, fencedDivs);
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

function parsed(source: string) {
  const file = new VFile({ value: source });
  const remark = unified().use(remarkParse).use(remarkGfm).use(pandocMarkdownPlugins);
  const tree = remark.runSync(remark.parse(file), file) as Root;
  return { tree, file };
}

/** Every text node whose source has no escape, entity or line break reads as written there. */
function expectTextWhereWritten(tree: Root, source: string) {
  let checked = 0;
  visit(tree, 'text', (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    expect(start, JSON.stringify(node)).toBeTypeOf('number');
    const written = source.slice(start, end);
    if (/[\\&\n]/.test(written)) return;
    expect(written).toBe(node.value);
    expect(node.position!.start.column).toBe(start! - source.lastIndexOf('\n', start! - 1));
    checked++;
  });
  expect(checked).toBeGreaterThan(0);
}

describe('raw TeX (raw-tex.ts)', () => {
  it('reads a command as Pandoc does', () => {
    const end = (text: string) => {
      const at = rawTexEnd(text, 0, text.length);
      return at === undefined ? undefined : text.slice(0, at);
    };
    expect(end('\\label{fig:a}.')).toBe('\\label{fig:a}');
    expect(end('\\foo{a}{b} c')).toBe('\\foo{a}{b}');
    expect(end('\\foo {a} c')).toBe('\\foo {a}');
    expect(end('\\foo{a} {b}')).toBe('\\foo{a}');
    expect(end('\\foo[x]{a} c')).toBe('\\foo[x]{a}');
    expect(end('\\foo[x] c')).toBe('\\foo[x] ');
    expect(end('\\S 3')).toBe('\\S ');
    expect(end('\\foo* c')).toBe('\\foo* ');
    expect(end('\\foo\n{x}')).toBe('\\foo');
    expect(end('\\foo{x')).toBeUndefined();
    expect(end('\\begin{a}\nx {y}\n\\end{a} z')).toBe('\\begin{a}\nx {y}\n\\end{a}');
  });

  it('cuts text nodes where the commands were, each piece placed exactly', () => {
    const source = '# Title \\label{sec:t}\n\nSee \\ref{a} and *this \\label{b} here*, [x \\label{c}](u).\n\n\\newpage\n\n| a \\label{d} | b |\n|---|---|\n| 1 | 2 |\n';
    const { tree, file } = parsed(source);
    expectTextWhereWritten(tree, source);
    expect(tree.children.map((n) => n.type)).toEqual(['heading', 'paragraph', 'table']);
    // A \label prints nothing in LaTeX either, and \ref is a reference (cross-references.ts
    // resolves or reports it): only the page break is reported as left out.
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId, m.fatal])).toEqual([[5, 1, 'content/raw-tex', false]]);
    const reference = (tree.children[1] as Paragraph).children.find((c) => (c.type as string) === 'texReference');
    expect(reference).toMatchObject({ command: 'ref', labels: ['a'], position: { start: { line: 3, column: 5 }, end: { line: 3, column: 12 } } });
  });

  it('can clean inline nodes built later, without reporting again', () => {
    const source = 'A caption.\\label{fig:a}\n';
    const root = unified().use(remarkParse).parse(source) as Root;
    const file = new VFile({ value: source });
    const removed = removeRawTexFromInline(root.children[0] as never, sourceOf(file));
    expect(removed.map((c) => c.text)).toEqual(['\\label{fig:a}']);
    expect(file.messages).toEqual([]);
    expect(JSON.stringify(root.children[0])).toContain('"value":"A caption."');
  });
});

describe('image and link attributes (image-attributes.ts)', () => {
  it('reads the attribute block as written, quotes and all', () => {
    expect(attributeBlockAt('x{ width=100% }y', 1)?.text).toBe('{ width=100% }');
    expect(attributeBlockAt('{data-x="a}b"} z', 0)?.attributes.pairs).toEqual([['data-x', 'a}b']]);
    expect(attributeBlockAt('{not attributes}', 0)).toBeUndefined();
  });

  it('leaves the image alone in its paragraph (an implicit figure), with the text after it placed exactly', () => {
    const source = '![Results.](r.png){ width=100% }\n\nAn ![i](i.png){.icon width=16px} in text.\n';
    const { tree } = parsed(source);
    expectTextWhereWritten(tree, source);
    const [figure, inline] = tree.children as Root['children'];
    expect(figure!.type === 'paragraph' && figure.children.map((c) => c.type)).toEqual(['image']);
    const image = figure!.type === 'paragraph' ? figure.children[0] : undefined;
    expect(image?.data?.hProperties).toEqual({ 'data-width': '100%' });
    expect(inline!.type === 'paragraph' && inline.children.map((c) => (c.type === 'text' ? c.value : c.type))).toEqual(['An ', 'image', ' in text.']);
  });
});

describe('table captions (table-captions.ts)', () => {
  it('keeps the caption\'s inline nodes, placed in the source, for the citation plugin', () => {
    const source = '| a | b |\n|---|---|\n| 1 | 2 |\n\nTable: Results after [@smith2020], *emphasised*. {#tbl-r}\n';
    const { tree } = parsed(source);
    expectTextWhereWritten(tree, source);
    const table = tree.children[0] as unknown as { type: string; data: { hProperties: object }; children: { type: string; children: { type: string }[] }[] };
    expect(table.type).toBe('captionedTable');
    expect(table.data.hProperties).toEqual({ id: 'tbl-r' });
    expect(table.children.map((c) => c.type)).toEqual(['tableCaption', 'tableHead', 'tableBody']);

    // Read in full, the caption is numbered (cross-references.ts): its label, a space, then the writer's nodes.
    const cited = parseEssayMarkdown(source).tree.children[0] as unknown as { children: { children: { type: string; value?: string }[] }[] };
    const caption = cited.children[0]!.children;
    expect(caption.slice(0, 2).map((c) => c.value)).toEqual(['Table 1:', ' ']);
    expect(caption.slice(2).map((c) => c.type)).toEqual(['text', 'cite', 'text', 'emphasis', 'text']);
  });
});
