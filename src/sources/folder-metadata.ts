/**
 * Metadata an essay takes from files beside and above it, as Quarto gives it to the documents of a
 * project: `_quarto.yml` (a project's options) and `_metadata.yml` (the metadata of a folder's
 * documents), in the essay's folder and in each folder above it, up to `content/`. A nearer file's
 * field replaces a farther one's; the essay's own frontmatter replaces them all (Quarto's order).
 *
 * This is also where what a Pandoc command line gave (`--metadata-file`, `-M`, `--csl`,
 * `--bibliography`) goes, since Apparatus has no command line: the document stays as written.
 *
 * A file's `bibliography` and `csl` are relative to the folder of the file that names them, as in
 * Quarto; they are given back relative to the essay's folder. Quarto's project settings (`project`,
 * `website`, `book`, `execute`…) are not a document's metadata and are left out; `format: html:`
 * options are read as the document's own (its `reference-location`, `toc`…) where the document does
 * not set them.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseYaml } from './frontmatter.ts';
import type { Position } from '../lib/diagnostics.ts';
import { readTextFile } from '../lib/text-file.ts';

export const FOLDER_METADATA_FILES = ['_quarto.yml', '_metadata.yml'] as const;

/** Keys of `_quarto.yml` that configure a Quarto project or its renderer, not a document. */
const PROJECT_SETTINGS = new Set([
  'project', 'website', 'book', 'manuscript', 'execute', 'freeze', 'filters', 'engine', 'jupyter', 'knitr', 'profile', 'editor', 'resources',
  'render', 'pre-render', 'post-render', 'output-dir', 'lang-file', 'shortcodes', 'metadata-files', 'site-url', 'repo-url', 'repo-actions',
]);

/** Fields naming files, which are relative to the folder of the file that holds them. */
const PATH_FIELDS = ['bibliography', 'csl'] as const;

export interface FolderMetadataFile {
  /** Path relative to the project root, for messages. */
  readonly file: string;
  readonly data: Record<string, unknown>;
  readonly locate: (path: readonly PropertyKey[]) => Position;
  readonly syntaxErrors: readonly { readonly message: string; readonly position: Position }[];
}

export interface FolderMetadata {
  /** The fields, farther files first replaced by nearer ones. */
  readonly data: Record<string, unknown>;
  /** Where a field was taken from: its file, line and column. */
  readonly locate: (path: readonly PropertyKey[]) => Position | undefined;
  readonly files: readonly FolderMetadataFile[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The folders from `content/` down to the essay's, in that order. */
function foldersDownTo(contentDir: string, essayDir: string): string[] {
  const folders: string[] = [];
  for (let dir = essayDir; ; dir = dirname(dir)) {
    folders.unshift(dir);
    if (dir === contentDir || dir === dirname(dir) || !`${dir}${sep}`.startsWith(`${contentDir}${sep}`)) break;
  }
  return folders;
}

/** A path field's value, from the folder of the file that names it to the essay's folder. */
function relocated(value: unknown, from: string, essayDir: string): unknown {
  const move = (path: unknown) => (typeof path === 'string' && !/^[a-z]+:\/\//i.test(path) ? relative(essayDir, resolve(from, path)).split(sep).join('/') : path);
  return Array.isArray(value) ? value.map(move) : move(value);
}

/** The document-level fields of one file: project settings out, `format: html:` options in. */
function documentFields(data: Record<string, unknown>, isProject: boolean): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const html = isRecord(data['format']) && isRecord(data['format']['html']) ? data['format']['html'] : undefined;
  for (const [key, value] of Object.entries(html ?? {})) fields[key] = value;
  for (const [key, value] of Object.entries(data)) {
    if (key === 'format' || (isProject && PROJECT_SETTINGS.has(key))) continue;
    fields[key] = value;
  }
  return fields;
}

export function readFolderMetadata(root: string, contentDir: string, essayDir: string): FolderMetadata {
  const files: FolderMetadataFile[] = [];
  const data: Record<string, unknown> = {};
  const from = new Map<string, FolderMetadataFile>();
  for (const folder of foldersDownTo(contentDir, essayDir)) {
    for (const name of FOLDER_METADATA_FILES) {
      const path = join(folder, name);
      if (!existsSync(path)) continue;
      const display = relative(root, path).split(sep).join('/');
      const yaml = parseYaml(readTextFile(path), 0);
      const own = isRecord(yaml.data) ? documentFields(yaml.data, name === '_quarto.yml') : {};
      for (const field of PATH_FIELDS) if (own[field] !== undefined) own[field] = relocated(own[field], folder, essayDir);
      const file: FolderMetadataFile = { file: display, data: own, locate: (p) => ({ ...yaml.locate(p), file: display }), syntaxErrors: yaml.syntaxErrors };
      files.push(file);
      for (const [key, value] of Object.entries(own)) {
        data[key] = value;
        from.set(key, file);
      }
    }
  }
  return {
    data,
    locate: (path) => {
      const key = path[0];
      const file = typeof key === 'string' ? from.get(key) : undefined;
      return file?.locate(path);
    },
    files,
  };
}
