/**
 * The Pandoc parity fixture (tests/fixtures/pandoc/): renders its essay with Apparatus in a given
 * style and bibliography, and reads both that output and Pandoc's committed output into the same
 * shape: the citations' text in reading order (in a note style, the notes' text) and the entries.
 */
import { DEFAULT_CROSSREF_OPTIONS } from '../../src/markdown/crossref-options.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { assembleEssay } from '../../src/sources/assemble.ts';
import { readBibliography } from '../../src/bibliography/bibliography.ts';
import { renderEssay } from './render-essay.ts';
import { essayFrontmatterSchema } from '../../src/schemas/essay.ts';
import type { EssaySource } from '../../src/sources/essay-source.ts';
import { normalizeText } from './html.ts';
import { ROOT } from './project.ts';

export const FIXTURE = join(ROOT, 'tests/fixtures/pandoc');
export const STYLES = ['apa', 'apa-6th-edition', 'chicago-author-date', 'chicago-note-bibliography', 'modern-language-association', 'harvard-cite-them-right', 'vancouver', 'ieee'] as const;
export type BibliographyKind = 'json' | 'bib';

export interface Rendering {
  /** In-text styles: each citation's text. Note styles: each note's text. In reading order. */
  readonly citations: readonly string[];
  readonly entries: readonly string[];
}

function texts(elements: readonly HTMLElement[]): string[] {
  return elements.map((e) => normalizeText(e.textContent.replace(/↩\uFE0E?/g, '')));
}

export function readPandoc(kind: BibliographyKind, style: string): Rendering {
  const doc = parse(readFileSync(join(FIXTURE, 'expected', kind, `${style}.html`), 'utf8'));
  const noteStyle = style === 'chicago-note-bibliography';
  return {
    citations: noteStyle ? texts(doc.querySelectorAll('section.footnotes li')) : texts(doc.querySelectorAll('span.citation')),
    entries: texts(doc.querySelectorAll('#refs .csl-entry')),
  };
}

export async function renderApparatus(kind: BibliographyKind, style: string): Promise<Rendering> {
  const file = `bibliography.${kind}`;
  const essay: EssaySource = {
    slug: 'pandoc',
    indexFile: 'tests/fixtures/pandoc/index.md',
    frontmatter: essayFrontmatterSchema.parse({ title: 'Pandoc parity', date: '2026-11-29' }),
    assembled: assembleEssay({ file: 'tests/fixtures/pandoc/essay.md', body: readFileSync(join(FIXTURE, 'essay.md'), 'utf8'), bodyLine: 1 }, []),
    bibliography: readBibliography([{ file, text: readFileSync(join(FIXTURE, file), 'utf8') }]),
    bibliographyFiles: [join(FIXTURE, file)],
    style: { name: style, file: join(ROOT, 'bibliography/styles', `${style}.csl`) },
    locale: { name: 'en-US', file: join(ROOT, 'bibliography/locales/locales-en-US.xml') },
    lang: 'en-US',
    nocite: ['yang2008'],
    citationOptions: { linkCitations: true, linkBibliography: true, suppressBibliography: false, referenceSectionTitle: undefined, citationLocation: 'document' },
    crossref: DEFAULT_CROSSREF_OPTIONS,
    metadataText: new Map(),
    files: [],
  };
  const doc = parse((await renderEssay(essay)).html);
  for (const node of doc.querySelectorAll('.cited-by, .entry-downloads, a[role="doc-backlink"], .sidenote, .permalink')) node.remove();
  const noteStyle = style === 'chicago-note-bibliography';
  return {
    citations: noteStyle ? texts(doc.querySelectorAll('#notes li')) : texts(doc.querySelectorAll('span.citation')),
    entries: texts(doc.querySelectorAll('#references li')),
  };
}
