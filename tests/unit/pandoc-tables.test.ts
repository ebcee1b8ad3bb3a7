/**
 * Pandoc's simple, multiline and grid tables (src/markdown/pandoc-tables.ts, pandoc-table-scan.ts)
 * against Pandoc 2.17 itself. Each tests/fixtures/markdown/pandoc-tables/cases/<name>.md is a table
 * copied from Pandoc's MANUAL or from a real paper of tests/fixtures/real-papers/, and
 * <name>.pandoc.html what `pandoc -f markdown -t html --wrap=none --mathjax` makes of it (with
 * --mathjax, Pandoc keeps the TeX of math, which our MathML carries as its annotation).
 * UPDATE_FIXTURES=1 writes the .pandoc.html files anew where pandoc is installed.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Nodes, Root } from 'mdast';
import { parse, type HTMLElement } from 'node-html-parser';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { citeNodesOf } from '../../src/markdown/citation-nodes.ts';
import { rehypeMathml } from '../../src/markdown/math.ts';
import { findPandocTables } from '../../src/markdown/pandoc-table-scan.ts';
import { pandocMarkdownPlugins } from '../../src/markdown/pandoc-markdown.ts';
import { gfmOptions, parseEssayMarkdown } from '../../src/checks/essay-reading.ts';

const CASES = join(import.meta.dirname, '../fixtures/markdown/pandoc-tables/cases');
const update = process.env['UPDATE_FIXTURES'] === '1';

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm, gfmOptions)
  .use(pandocMarkdownPlugins)
  .use(remarkRehype)
  .use(rehypeMathml)
  .use(rehypeStringify);

interface Cell {
  readonly tag: string;
  readonly align: string | null;
  readonly text: string;
}

interface TableShape {
  readonly caption: string;
  readonly rows: readonly (readonly Cell[])[];
}

/** Text as both print it: Pandoc's smart punctuation undone (the page's comes later, from remark-smartypants). */
const normalize = (text: string) =>
  text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/—/g, '---').replace(/–/g, '--').replace(/…/g, '...').replace(/\s+/g, ' ').trim();

/** Math as `\(tex\)`: Pandoc's --mathjax text, or our MathML's TeX annotation. */
function mathAsTex(root: HTMLElement): void {
  for (const math of root.querySelectorAll('span.math')) {
    const annotation = math.querySelector('annotation');
    if (annotation) math.replaceWith(`\\(${annotation.textContent}\\)`);
  }
}

function tables(html: string): TableShape[] {
  const root = parse(html);
  mathAsTex(root);
  return root.querySelectorAll('table').map((table) => ({
    // Pandoc 2.17 prints the caption's attributes; we give them to the table (table-captions.ts).
    caption: normalize(table.querySelector('caption')?.textContent.replace(/\{#[^{}]*\}\s*$/, '') ?? ''),
    rows: table.querySelectorAll('tr').map((tr) =>
      tr.querySelectorAll('th, td').map((cell) => ({
        tag: cell.tagName.toLowerCase(),
        align: cell.getAttribute('align') ?? /text-align: (\w+)/.exec(cell.getAttribute('style') ?? '')?.[1] ?? null,
        text: normalize(cell.textContent),
      })),
    ),
  }));
}

function render(markdown: string): string {
  return String(processor.processSync(new VFile({ value: markdown })));
}

const names = readdirSync(CASES)
  .filter((name) => name.endsWith('.md'))
  .map((name) => name.slice(0, -3))
  .sort();

describe('tables read as Pandoc 2.17 reads them', () => {
  it('has cases', () => expect(names.length).toBeGreaterThanOrEqual(10));

  it.each(names)('%s', (name) => {
    const markdown = readFileSync(join(CASES, `${name}.md`), 'utf8');
    const expectedFile = join(CASES, `${name}.pandoc.html`);
    if (update) writeFileSync(expectedFile, execFileSync('pandoc', ['-f', 'markdown', '-t', 'html', '--wrap=none', '--mathjax'], { input: markdown, encoding: 'utf8' }));
    const expected = tables(readFileSync(expectedFile, 'utf8'));
    const actual = tables(render(markdown));
    expect(actual.length).toBe(expected.length);
    expected.forEach((table, t) => {
      const ours = actual[t]!;
      expect(ours.caption).toBe(table.caption);
      const headless = table.rows[0]!.every((cell) => cell.tag === 'td');
      // A captioned table without a header: table-captions.ts makes its first row the header.
      const rows = headless && table.caption !== '' ? ours.rows.map((row, r) => (r === 0 ? row.map((cell) => ({ ...cell, tag: 'td' })) : row)) : ours.rows;
      expect(rows).toEqual(table.rows);
    });
  });
});

/** The rows of the tables and every node in them (a caption's "Table 1:" is cross-references.ts's, and has no place). */
function tableNodes(tree: Root): Nodes[] {
  const found: Nodes[] = [];
  const walk = (node: Nodes, inRow: boolean) => {
    const here = inRow || node.type === 'tableRow';
    if (here) found.push(node);
    if ('children' in node) for (const child of node.children) walk(child as Nodes, here);
  };
  walk(tree, false);
  return found;
}

describe('positions', () => {
  it.each(names)('every node of %s is placed exactly in the source', (name) => {
    const source = readFileSync(join(CASES, `${name}.md`), 'utf8');
    const { tree } = parseEssayMarkdown(source);
    const nodes = tableNodes(tree);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      const { start, end } = node.position ?? {};
      expect(start?.offset, `${node.type} has a position`).toBeTypeOf('number');
      for (const point of [start!, end!]) {
        const lineStart = source.lastIndexOf('\n', point.offset! - 1) + 1;
        expect([point.line, point.column]).toEqual([source.slice(0, lineStart).split('\n').length, point.offset! - lineStart + 1]);
      }
      const written = source.slice(start!.offset, end!.offset);
      if (node.type === 'text' && !/[\\&]/.test(written)) expect(written).toBe(node.value);
      if (node.type === 'inlineCode') expect(written).toMatch(/^`+[^]*`+$/);
    }
  });

  it('places a multiline cell line by line, joined by the line ending after each line', () => {
    const source = '-----------------\n Name   Notes\n------ ----------\n A      first *line\n        second* line\n-----------------\n';
    const { tree } = parseEssayMarkdown(source);
    const table = tree.children[0] as unknown as { children: { children: { children: Nodes[] }[] }[] };
    const notes = table.children[1]!.children[1]!.children;
    const written = (node: Nodes): unknown =>
      'children' in node ? { [node.type]: node.children.map(written) } : [(node as { value: string }).value, source.slice(node.position!.start.offset, node.position!.end.offset)];
    expect(notes.map(written)).toEqual([['first ', 'first '], { emphasis: [['line', 'line'], ['\n', '\n'], ['second', 'second']] }, [' line', ' line']]);
  });
});

describe('citations, math and code in cells', () => {
  const source = [
    'Name      Source',
    '-------   ---------------------------',
    '`a|b`     [@smith2020, p. 3]',
    '$x^2$     see @jones2019 and *this*',
    '',
    'Table: Sources, after [@doe2021]. {#tbl:sources}',
    '',
    '+--------+---------------------+',
    '| Item   | Notes               |',
    '+========+=====================+',
    '| one    | - first [@smith2020]|',
    '|        | - second            |',
    '+--------+---------------------+',
    '',
    ': Grid. {#tbl-grid}',
    '',
  ].join('\n');

  it('finds every citation where it was written', () => {
    const { tree } = parseEssayMarkdown(source);
    const cites = citeNodesOf(tree).map((cite) => source.slice(cite.position!.start.offset, cite.position!.end.offset));
    expect(cites).toEqual(['[@doe2021]', '[@smith2020, p. 3]', '@jones2019', '[@smith2020]']);
  });

  it('numbers the captioned tables under their labels', () => {
    const html = render(source);
    expect(html).toContain('<table id="tbl:sources">');
    expect(html).toContain('<table id="tbl-grid">');
    const [simple, grid] = tables(html);
    expect(simple!.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['Name', 'Source'],
      ['a|b', '[@smith2020, p. 3]'],
      ['\\(x^2\\)', 'see @jones2019 and this'],
    ]);
    expect(grid!.caption).toBe('Grid.');
    expect(html).toMatch(/<td><ul>\s*<li>first \[@smith2020\]<\/li>\s*<li>second<\/li>\s*<\/ul><\/td>/);
  });
});

describe('findPandocTables', () => {
  it('leaves what is not a table to the blocks Pandoc reads first', () => {
    const find = (text: string) => findPandocTables(text).map((t) => `${t.syntax}:${text.slice(t.start, t.end).split('\n').length}`);
    // A setext heading; a pipe table; a paragraph the table would interrupt; code; a comment.
    expect(find('Foo\n---\nbar\n')).toEqual([]);
    expect(find('a | b\n--|--\n1 | 2\n')).toEqual([]);
    expect(find('text\na   b\n--- ---\n1   2\n')).toEqual([]);
    expect(find('```\na   b\n--- ---\n1   2\n```\n')).toEqual([]);
    expect(find('<!--\n\na   b\n--- ---\n1   2\n-->\n')).toEqual([]);
    expect(find('- a   b\n--- ---\n1   2\n')).toEqual([]);
    // After a heading, and a table that ends on a dashed line with text right after it.
    expect(find('# H\na   b\n--- ---\n1   2\n--- ---\ntext\n')).toEqual(['simple:4']);
    // A one-line multiline table that has no blank line under its row is a simple table without header.
    expect(find('-------- --------\nfirst    row\n-------- --------\n')).toEqual(['simple:3']);
  });

  it('counts columns as Pandoc does: tabs every 4 columns, wide characters 2', () => {
    const cells = (text: string) => {
      const [table] = findPandocTables(text);
      return table!.rows.map((row) => row.cells.map((cell) => cell.lines.map((p) => text.slice(p.start, p.end)).join('/')));
    };
    expect(cells('漢字  b\n----  ---\n漢字x 2\n')).toEqual([['漢字x', '2']]);
    expect(cells('a\tb\n---\t---\n1\t2\n')).toEqual([['1', '2']]);
    expect(cells('a    b\r\n---  ---\r\n1    2\r\n')).toEqual([['1', '2']]);
  });
});
