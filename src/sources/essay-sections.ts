/**
 * An essay's section files, each read for its title alone: the essay's metadata belongs to index.md,
 * and a section's id comes from its file name, so two files must not give the same one.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sectionFrontmatterSchema } from '../schemas/section.ts';
import { issuesToDiagnostics } from '../schemas/errors.ts';
import type { Diagnostic } from '../lib/diagnostics.ts';
import { titleAndAppendix, sectionSlug, type SectionPart } from './assemble.ts';
import { parseFrontmatter } from './frontmatter.ts';
import { findMetadataBlocks } from './metadata-blocks.ts';
import { INDEX_FILES, isMarkdownFile } from './essay-folder.ts';
import { YAML_HINT } from './essay-metadata.ts';
import { displayPath, type ProjectPaths } from './paths.ts';
import { readTextFile } from '../lib/text-file.ts';

/** The sections of an essay folder in file-name order, those that could not be read left out. */
export function loadSections(paths: ProjectPaths, dir: string, diagnostics: Diagnostic[]): SectionPart[] {
  const sections: SectionPart[] = [];
  const slugs = new Map<string, string>();
  for (const fileName of readdirSync(dir).filter((f) => isMarkdownFile(f) && !INDEX_FILES.includes(f)).sort()) {
    const section = loadSection(paths, join(dir, fileName), fileName, diagnostics);
    if (!section) continue;
    const clash = slugs.get(section.slug);
    if (clash) {
      diagnostics.push({ file: section.file, line: 1, severity: 'error', rule: 'content/duplicate-section', message: `Section id "${section.slug}" is also the id of ${clash}.`, hint: 'Rename one of the two files: a section\'s id comes from its file name.' });
    }
    slugs.set(section.slug, section.file);
    sections.push(section);
  }
  return sections;
}

function loadSection(paths: ProjectPaths, path: string, fileName: string, diagnostics: Diagnostic[]): SectionPart | undefined {
  const file = displayPath(paths, path);
  const parsed = parseFrontmatter(readTextFile(path));
  for (const error of parsed.syntaxErrors) {
    diagnostics.push({ file, ...error.position, severity: 'error', rule: 'frontmatter/syntax', message: `The frontmatter is not valid YAML: ${error.message}`, hint: YAML_HINT });
  }
  if (parsed.syntaxErrors.length > 0) return undefined;
  if (parsed.data === undefined) {
    diagnostics.push({ file, line: 1, column: 1, severity: 'error', rule: 'content/untitled-section', message: 'This section has no title.', hint: 'Start the file with a frontmatter block:\n    ---\n    title: The section heading\n    ---' });
    return undefined;
  }
  const result = sectionFrontmatterSchema.safeParse(parsed.data);
  if (!result.success) {
    diagnostics.push(...issuesToDiagnostics(result.error.issues, { file, schema: sectionFrontmatterSchema, locate: parsed.locate, what: 'section frontmatter', data: parsed.data }));
    return undefined;
  }
  // Pandoc would take a metadata block in the joined essay as the essay's metadata; the essay's
  // metadata is read from index.md alone, so a block here is refused rather than rendered as text.
  const later = findMetadataBlocks(parsed.body, parsed.bodyLine);
  for (const block of later.blocks) {
    diagnostics.push({
      file,
      line: block.line,
      column: 1,
      severity: 'error',
      rule: 'frontmatter/metadata-block-in-section',
      message: `Lines ${block.line}–${block.endLine} are a YAML metadata block, which Pandoc would read as the essay's metadata; a section file holds its title only.`,
      hint: 'Move its fields to the frontmatter of index.md. For a thematic break followed by text, put a blank line after the ---.',
    });
  }
  const { title, appendix } = titleAndAppendix(result.data.title);
  return {
    file,
    slug: sectionSlug(fileName),
    title,
    titleLine: parsed.locate(['title']).line,
    ...(appendix ? { appendix } : {}),
    body: later.body,
    bodyLine: parsed.bodyLine,
  };
}
