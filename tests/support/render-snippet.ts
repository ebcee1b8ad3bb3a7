/**
 * Renders a Markdown snippet with a CSL-JSON bibliography in a bundled style, as one essay: for tests
 * that look at how a citation or note prints, without a project on disk.
 */
import { DEFAULT_CROSSREF_OPTIONS } from '../../src/markdown/crossref-options.ts';
import { join } from 'node:path';
import { assembleEssay } from '../../src/sources/assemble.ts';
import { readBibliography } from '../../src/bibliography/bibliography.ts';
import { passEssay } from '../../src/render/render.ts';
import { renderInput } from '../../src/render/render-input.ts';
import { essayFrontmatterSchema } from '../../src/schemas/essay.ts';
import type { EssaySource } from '../../src/sources/essay-source.ts';
import { ROOT } from './project.ts';

export async function renderSnippet(markdown: string, entries: readonly object[], style = 'chicago-author-date', lang = 'en-US', options: Partial<EssaySource['citationOptions']> = {}) {
  const assembled = assembleEssay({ file: 'snippet.md', body: markdown, bodyLine: 1 }, []);
  const bibliography = readBibliography([{ file: 'refs.json', text: JSON.stringify(entries) }]);
  const essay: EssaySource = {
    slug: 'snippet',
    indexFile: 'snippet.md',
    frontmatter: essayFrontmatterSchema.parse({ title: 'Snippet', date: '2026-11-29' }),
    assembled,
    bibliography,
    bibliographyFiles: [],
    style: { name: style, file: join(ROOT, 'bibliography/styles', `${style}.csl`) },
    locale: { name: lang, file: join(ROOT, 'bibliography/locales', `locales-${lang}.xml`) },
    lang,
    nocite: [],
    citationOptions: { linkCitations: true, linkBibliography: true, suppressBibliography: false, referenceSectionTitle: undefined, citationLocation: 'document', ...options },
    crossref: DEFAULT_CROSSREF_OPTIONS,
    metadataText: new Map(),
    files: [],
  };
  // One pass, as a build makes it: the check, then the page if the check found no error.
  const pass = await passEssay(renderInput(essay));
  return { html: pass.rendered?.html ?? '', diagnostics: pass.check.diagnostics };
}
