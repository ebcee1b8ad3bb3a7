/**
 * YAML metadata blocks after the frontmatter, read by Pandoc's rule (src/sources/metadata-blocks.ts).
 * Each case of PANDOC_CASES was run through pandoc 2.17 (`pandoc -s -t native`): `meta` is the
 * metadata Pandoc read from the body, undefined when it read none and kept the lines as Markdown.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/lib/diagnostics.ts';
import { findMetadataBlocks, mergeMetadata } from '../../src/sources/metadata-blocks.ts';
import { parseFrontmatter } from '../../src/sources/frontmatter.ts';
import { loadSources } from '../../src/sources/load.ts';
import { projectPaths } from '../../src/sources/paths.ts';
import type { SiteConfig } from '../../src/schemas/site-config.ts';
import { writeTempProject } from '../support/temp-project.ts';

const PANDOC_CASES: readonly { readonly name: string; readonly body: string; readonly meta: Record<string, unknown> | undefined }[] = [
  { name: 'a block between paragraphs, closed by ...', body: 'Para one.\n\n---\ntitle: Later\n...\n\nPara two.\n', meta: { title: 'Later' } },
  { name: 'a --- followed by a blank line is a thematic break', body: 'Para.\n\n---\n\ntitle: X\n---\n', meta: undefined },
  { name: 'a --- right after a paragraph line is a setext underline', body: 'Para.\n---\ntitle: X\n---\n', meta: undefined },
  { name: 'a --- right after a heading line is a setext underline too', body: '# Head\n---\ntitle: X\n---\n', meta: undefined },
  { name: 'a --- right after a list item belongs to the item', body: 'Para.\n\n- a\n---\ntitle: X\n---\n', meta: undefined },
  { name: 'a --- right after a thematic break is a setext underline', body: 'T.\n\n***\n---\ntitle: X\n---\n', meta: undefined },
  { name: 'a block right after a code fence closes', body: '```\ncode\n```\n---\ntitle: X\n---\n', meta: { title: 'X' } },
  { name: 'a block right after a fenced div closes', body: '::: d\nT.\n:::\n---\ntitle: X\n---\n', meta: { title: 'X' } },
  { name: 'a block inside a fenced div', body: '::: d\nT.\n\n---\ntitle: X\n---\n\n:::\n', meta: { title: 'X' } },
  { name: 'a block at the very start of the body (right after the frontmatter)', body: '---\ndate: D\n---\n', meta: { date: 'D' } },
  { name: 'an indented --- is no block', body: 'Text.\n\n ---\ntitle: X\n ---\n', meta: undefined },
  { name: 'YAML that is not a mapping (plain text) is Markdown', body: 'Para.\n\n---\nNext part starts here.\n\nMore.\n\n---\n', meta: undefined },
  { name: 'YAML that is a sequence is Markdown', body: 'T.\n\n---\n- a\n- b\n---\n\nU.\n', meta: undefined },
  { name: 'a block of comments only is an empty block, taken out of the text', body: 'Text.\n\n---\n# just a comment\n---\n\nEnd.\n', meta: {} },
  { name: 'a block inside an HTML comment is no block', body: 'T.\n\n<!--\n\n---\ntitle: X\n---\n\n-->\n\nU.\n', meta: undefined },
  { name: 'a block inside a code fence is no block', body: 'T.\n\n```yaml\n---\ntitle: X\n...\n```\n', meta: undefined },
  { name: 'trailing spaces after the fences', body: 'T.\n\n---  \ntitle: X\n...  \n\nU.\n', meta: { title: 'X' } },
  { name: 'CRLF line ends', body: 'T.\r\n\r\n---\r\ntitle: X\r\n---\r\n\r\nU.\r\n', meta: { title: 'X' } },
  { name: 'a --- never closed is no block', body: 'T.\n\n---\ntitle: X\n', meta: undefined },
];

describe('findMetadataBlocks, against pandoc 2.17', () => {
  it.each(PANDOC_CASES)('$name', ({ body, meta }) => {
    const found = findMetadataBlocks(body, 1);
    expect(found.blocks.length > 0 ? mergeMetadata(undefined, found.blocks).data : undefined).toEqual(meta);
    // The body keeps its lines; only those of a block are emptied.
    expect(found.body.split('\n')).toHaveLength(body.split('\n').length);
    if (!meta) expect(found.body).toBe(body);
  });

  it('blanks the block\'s lines and nothing else, and gives file lines', () => {
    const parsed = parseFrontmatter('---\ntitle: A\n---\n\nText.\n\n---\ndate: 2020-01-01\nabstract: X\n...\n\nMore.\n');
    const found = findMetadataBlocks(parsed.body, parsed.bodyLine);
    expect(found.body).toBe('\nText.\n\n\n\n\n\n\nMore.\n');
    expect(found.blocks.map((b) => [b.line, b.endLine])).toEqual([[7, 10]]);
    expect(found.blocks[0]!.locate(['abstract'])).toEqual({ line: 9, column: 1 });
  });

  it('reports YAML that does not parse at its file line (Pandoc stops on it too)', () => {
    const found = findMetadataBlocks('Text.\n\n---\ntitle: [unclosed\n---\n', 10);
    expect(found.blocks).toHaveLength(1);
    expect(found.blocks[0]!.data).toBeUndefined();
    expect(found.blocks[0]!.syntaxErrors[0]!.position.line).toBeGreaterThanOrEqual(13);
  });
});

describe('mergeMetadata', () => {
  it('takes the last definition of a field, whole, as Pandoc does, and locates it there', () => {
    const top = parseFrontmatter('---\ntitle: A\ndate: 1\nm:\n  x: 1\n  y: 2\n---\n\nT.\n\n---\ntitle: B\nm:\n  z: 3\n---\n\nU.\n\n---\ntitle: C\n---\n');
    const found = findMetadataBlocks(top.body, top.bodyLine);
    const merged = mergeMetadata(top, found.blocks);
    expect(merged.data).toEqual({ title: 'C', date: 1, m: { z: 3 } });
    expect(merged.locate(['title'])).toEqual({ line: 20, column: 1 });
    expect(merged.locate(['m', 'z'])).toEqual({ line: 14, column: 3 });
    expect(merged.locate(['date'])).toEqual({ line: 3, column: 1 });
    expect(merged.locate(['missing'])).toEqual({ line: 2, column: 1 });
  });
});

describe('an essay with a metadata block after its text', () => {
  const SITE = { defaultStyle: 'apa', defaultLocale: 'en-US' } as SiteConfig;
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  function load(files: Record<string, string>) {
    const root = writeTempProject(files, 'apparatus-meta-blocks-');
    roots.push(root);
    return loadSources(projectPaths(root), SITE, { includeDrafts: true });
  }
  const errors = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error').map((d) => [d.file, d.line, d.rule, d.message]);
  const REFERENCES = 'references:\n- id: a\n  type: book\n  title: A\n  author: [{family: Doe, given: J.}]\n  issued: 2001\n  publisher: P';

  it('reads its fields into the essay\'s and leaves blank lines in their place', () => {
    const { essays, diagnostics } = load({ 'content/e/index.md': `---\ntitle: T\n---\n\nText [@a].\n\n---\ndate: 2017-02-10\n${REFERENCES}\n...\n\nMore.\n` });
    expect(errors(diagnostics)).toEqual([]);
    expect(essays[0]?.frontmatter.date.toISOString()).toBe('2017-02-10T00:00:00.000Z');
    expect([...essays[0]!.bibliography.entries.keys()]).toEqual(['a']);
    // The block, lines 7–16, is blank lines of the body: "More." keeps its line 18.
    const markdown = essays[0]!.assembled.markdown;
    expect(markdown.split('\n').slice(0, 17)).toEqual(['', 'Text [@a].', ...Array<string>(12).fill(''), 'More.', '']);
    const more = markdown.split('\n').indexOf('More.') + 1;
    expect(essays[0]!.assembled.locate(more)).toEqual({ file: 'content/e/index.md', line: 18 });
  });

  it('reads an essay whose only metadata is a block after the text', () => {
    const { essays, diagnostics } = load({ 'content/e/index.md': `Text [@a].\n\n---\ntitle: T\ndate: 2017-02-10\n${REFERENCES}\n...\n` });
    expect(errors(diagnostics)).toEqual([]);
    expect(essays[0]?.frontmatter.title).toBe('T');
  });

  it('names the file and the line of a YAML error in the block', () => {
    const { diagnostics } = load({ 'content/e/index.md': '---\ntitle: T\ndate: 2017-02-10\n---\n\nText.\n\n---\nabstract: [unclosed\nlang: en\n---\n' });
    // The YAML parser stops on the line after the unclosed [, as for the frontmatter (the hint says to look at the line before).
    expect(errors(diagnostics)).toEqual([
      ['content/e/index.md', 10, 'frontmatter/syntax', 'The YAML metadata block of lines 8–11 is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ]);
  });

  it('names the file and the line of a typo in the block, with "did you mean"', () => {
    const { diagnostics } = load({ 'content/e/index.md': '---\ntitle: T\ndate: 2017-02-10\n---\n\nText.\n\n---\nabstract: A\ndescripton: D\n---\n' });
    expect(errors(diagnostics)).toEqual([['content/e/index.md', 10, 'frontmatter/unknown-field', 'Unknown field "descripton" in the essay frontmatter.']]);
  });

  it('keeps a thematic break followed by a blank line', () => {
    const { essays, diagnostics } = load({ 'content/e/index.md': '---\ntitle: T\ndate: 2017-02-10\n---\n\nText.\n\n---\n\nMore.\n' });
    expect(errors(diagnostics)).toEqual([]);
    expect(essays[0]?.assembled.markdown).toBe('\nText.\n\n---\n\nMore.\n');
  });

  it('refuses a block in a section file, at its line', () => {
    const { diagnostics } = load({
      'content/e/index.md': '---\ntitle: T\ndate: 2017-02-10\n---\n',
      'content/e/01-intro.md': '---\ntitle: Intro\n---\n\nText.\n\n---\nabstract: A\n---\n',
    });
    expect(errors(diagnostics)).toEqual([
      ['content/e/01-intro.md', 7, 'frontmatter/metadata-block-in-section', 'Lines 7–9 are a YAML metadata block, which Pandoc would read as the essay\'s metadata; a section file holds its title only.'],
    ]);
  });
});
