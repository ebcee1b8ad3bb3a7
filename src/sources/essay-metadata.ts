/**
 * An essay's metadata gathered from every YAML file Pandoc and Quarto would read for it: index.md's
 * frontmatter and later metadata blocks, the folders' `_quarto.yml` and `_metadata.yml`,
 * pandoc-crossref's own file and Quarto's `_variables.yml`.
 */
import { join, resolve } from 'node:path';
import type { EssayFrontmatter } from '../schemas/essay.ts';
import { type Diagnostic, type Position } from '../lib/diagnostics.ts';
import { parseFrontmatter, parseYaml } from './frontmatter.ts';
import { findMetadataBlocks, mergeMetadata } from './metadata-blocks.ts';
import type { FolderMetadata } from './folder-metadata.ts';
import { insideProject, isFile } from './essay-folder.ts';
import { displayPath, type ProjectPaths } from './paths.ts';
import { readTextFile } from '../lib/text-file.ts';

/** What usually breaks frontmatter YAML. */
export const YAML_HINT = 'Check that line and the one before it: close every [ and quote, indent lists under their field, and put a value holding ": " in quotes.';

/**
 * index.md's metadata as Pandoc reads it: the frontmatter, and the YAML metadata blocks further down
 * (see metadata-blocks.ts), merged, their lines blanked out of the body.
 */
export function readIndex(text: string) {
  const top = parseFrontmatter(text);
  const closed = top.syntaxErrors.length === 0 || top.bodyLine > 1;
  const later = closed ? findMetadataBlocks(top.body, top.bodyLine) : { blocks: [], body: top.body };
  const merged = mergeMetadata(top.syntaxErrors.length === 0 ? top : undefined, later.blocks);
  return {
    data: merged.data,
    locate: merged.locate,
    body: later.body,
    bodyLine: top.bodyLine,
    syntaxErrors: [
      ...top.syntaxErrors.map((error) => ({ ...error, where: 'The frontmatter' })),
      ...later.blocks.flatMap((block) => block.syntaxErrors.map((error) => ({ ...error, where: `The YAML metadata block of lines ${block.line}–${block.endLine}` }))),
    ],
  };
}

type IndexMetadata = ReturnType<typeof readIndex>;

/**
 * The essay's metadata with what the folders give it (`_quarto.yml`, `_metadata.yml`): a field of
 * the essay's own replaces theirs, and each field is placed in the file it was taken from.
 */
export function withFolderMetadata(index: IndexMetadata, folder: FolderMetadata): IndexMetadata {
  if (folder.files.length === 0) return index;
  const own = (index.data ?? {}) as Record<string, unknown>;
  return {
    ...index,
    data: { ...folder.data, ...own },
    locate: (path) => (typeof path[0] === 'string' && !(path[0] in own) ? folder.locate(path) : undefined) ?? index.locate(path),
  };
}

/**
 * pandoc-crossref's options kept in a YAML file of their own: the one `crossrefYaml` names, or
 * `pandoc-crossref.yaml` beside the essay, as pandoc-crossref looks for it.
 */
export function readCrossrefYaml(
  paths: ProjectPaths,
  dir: string,
  frontmatter: EssayFrontmatter,
  indexFile: string,
  locate: (path: readonly PropertyKey[]) => Position,
  diagnostics: Diagnostic[],
): Record<string, unknown> {
  const named = frontmatter.crossrefYaml;
  const file = resolve(dir, named ?? 'pandoc-crossref.yaml');
  if (!isFile(file) || !insideProject(paths, file)) {
    if (named) {
      diagnostics.push({
        file: indexFile,
        ...locate(['crossrefYaml']),
        severity: 'warning',
        rule: 'frontmatter/missing-file',
        message: `The crossrefYaml file "${named}" is not beside the essay: figures, tables and equations are named as pandoc-crossref names them by default.`,
        hint: 'Put the file in the essay folder, or delete the field.',
      });
    }
    return {};
  }
  const yaml = parseYaml(readTextFile(file), 0);
  for (const error of yaml.syntaxErrors) diagnostics.push({ file: displayPath(paths, file), ...error.position, severity: 'error', rule: 'frontmatter/syntax', message: `${displayPath(paths, file)} is not valid YAML: ${error.message}`, hint: YAML_HINT });
  return typeof yaml.data === 'object' && yaml.data !== null && !Array.isArray(yaml.data) ? (yaml.data as Record<string, unknown>) : {};
}

/** Quarto's `_variables.yml`, beside the essay or in content/ (the nearer one's keys win). */
export function readVariables(paths: ProjectPaths, dir: string): unknown {
  const read = (folder: string) => {
    const file = join(folder, '_variables.yml');
    if (!isFile(file)) return {};
    const yaml = parseYaml(readTextFile(file), 0);
    return typeof yaml.data === 'object' && yaml.data !== null ? (yaml.data as Record<string, unknown>) : {};
  };
  return { ...read(paths.content), ...read(dir) };
}

/** Text values of metadata by dotted key (`citation.url`); variables under `var:`. */
export function metadataText(metadata: unknown, variables: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.set(key, String(value));
    else if (value instanceof Date) out.set(key, value.toISOString().slice(0, 10));
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, key === '' || key.endsWith(':') ? `${key}${k}` : `${key}.${k}`);
    }
  };
  walk(metadata, '');
  walk(variables, 'var:');
  return out;
}
