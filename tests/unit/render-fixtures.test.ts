/**
 * The render pass (src/render/render.ts passEssay: the Markdown read once, its checks, citeproc-js and
 * the rehype plugins) against fixture folders, as remark-gfm tests itself: each
 * tests/fixtures/render/<case>/ holds input.md (an essay in one file, after an optional `---` block
 * of `style:` and `base:`; the files beside it are the essay folder's), output.html (the pass's HTML, reviewed by hand) and, when the checks
 * report something, messages.json. The works cited come from tests/fixtures/render/refs.json.
 * Run with UPDATE_FIXTURES=1 to write output.html and messages.json anew.
 */
import { DEFAULT_CROSSREF_OPTIONS } from '../../src/markdown/crossref-options.ts';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBibliography } from '../../src/bibliography/bibliography.ts';
import { passEssay } from '../../src/render/render.ts';
import { renderInput } from '../../src/render/render-input.ts';
import { essayFrontmatterSchema } from '../../src/schemas/essay.ts';
import { assembleEssay } from '../../src/sources/assemble.ts';
import type { EssaySource } from '../../src/sources/essay-source.ts';
import { ROOT } from '../support/project.ts';

const root = join(import.meta.dirname, '../fixtures/render');
const update = process.env['UPDATE_FIXTURES'] === '1';
const bibliography = readBibliography([{ file: 'refs.json', text: readFileSync(join(root, 'refs.json'), 'utf8') }]);

/** The case's options (`key: value` lines between `---`) and its Markdown, on the lines it has in input.md. */
function readCase(text: string): { options: Map<string, string>; markdown: string; bodyLine: number } {
  const head = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!head) return { options: new Map(), markdown: text, bodyLine: 1 };
  const options = new Map(head[1]!.split('\n').map((line) => line.split(/:\s*/, 2) as [string, string]));
  return { options, markdown: text.slice(head[0].length), bodyLine: head[0].split('\n').length };
}

/** The files beside a case's input.md that its Markdown may show (images). */
const CASE_FILES = new Set(['input.md', 'output.html', 'messages.json']);

async function pass(text: string, dir: string) {
  const { options, markdown, bodyLine } = readCase(text);
  const style = options.get('style') ?? 'chicago-author-date';
  const essay: EssaySource = {
    slug: 'case',
    indexFile: 'input.md',
    frontmatter: essayFrontmatterSchema.parse({ title: 'Case', date: '2026-11-30' }),
    assembled: assembleEssay({ file: 'input.md', body: markdown, bodyLine }, []),
    bibliography,
    bibliographyFiles: ['refs.json'],
    style: { name: style, file: join(ROOT, 'bibliography/styles', `${style}.csl`) },
    locale: { name: 'en-US', file: join(ROOT, 'bibliography/locales/locales-en-US.xml') },
    lang: 'en-US',
    nocite: [],
    citationOptions: { linkCitations: true, linkBibliography: true, suppressBibliography: false, referenceSectionTitle: undefined, citationLocation: 'document' },
    crossref: DEFAULT_CROSSREF_OPTIONS,
    metadataText: new Map(),
    files: readdirSync(dir).filter((name) => !CASE_FILES.has(name)).sort(),
  };
  const result = await passEssay(renderInput(essay, { base: options.get('base') ?? '/' }));
  const messages = result.check.diagnostics.map(({ line, column, severity, rule, message }) => ({ line, column, severity, rule, message }));
  return { html: result.rendered ? `${result.rendered.html.trim()}\n` : undefined, messages };
}

describe('render pass fixtures', () => {
  const cases = readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory()).sort();

  it('cover every rehype plugin of the pass and its checks', () => {
    expect(cases).toEqual(expect.arrayContaining(['base-links', 'citations-author-date', 'citations-note-style', 'endnotes', 'essay-checks', 'margin-notes', 'references', 'safe-html', 'sections']));
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = join(root, name);
      const { html, messages } = await pass(readFileSync(join(dir, 'input.md'), 'utf8'), dir);
      if (update) {
        if (html) writeFileSync(join(dir, 'output.html'), html);
        else rmSync(join(dir, 'output.html'), { force: true });
        if (messages.length > 0) writeFileSync(join(dir, 'messages.json'), `${JSON.stringify(messages, null, 2)}\n`);
        else rmSync(join(dir, 'messages.json'), { force: true });
      }
      // An essay in error has no page.
      expect(html).toBe(existsSync(join(dir, 'output.html')) ? readFileSync(join(dir, 'output.html'), 'utf8') : undefined);
      expect(messages).toEqual(existsSync(join(dir, 'messages.json')) ? JSON.parse(readFileSync(join(dir, 'messages.json'), 'utf8')) : []);
    });
  }
});
