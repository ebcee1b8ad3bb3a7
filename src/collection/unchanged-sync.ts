/**
 * A build whose sources did not change since the last good one need not pass the site again: Astro
 * keeps the collections' entries between builds, and the last pass's downloads and search index are
 * still on disk. What "did not change" means is a digest of every file the last pass read (each
 * essay's folder, the bibliography, style and locale files it named, the folder metadata of
 * content/, the listings of content/ and of the styles and locales), with the code and the settings.
 * Recorded after a good pass in `.apparatus/unchanged-sync.json`; any difference, a missing file, or
 * no record at all makes the full pass, which is always right.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CheckedEssay } from '../checks/checked-site.ts';
import type { Diagnostic } from '../lib/diagnostics.ts';
import { FOLDER_METADATA_FILES } from '../sources/folder-metadata.ts';
import type { ProjectPaths } from '../sources/paths.ts';
import type { Handoff } from './handoff.ts';

/** What the last good pass read, and what it told, for a build that finds nothing changed. */
export interface SyncRecord {
  /** The settings and the code's digest the pass was made with. */
  readonly key: string;
  /** The files and folders (absolute) whose contents the digest covers. */
  readonly files: readonly string[];
  readonly folders: readonly string[];
  readonly digest: string;
  /** The warnings the pass reported, told again. */
  readonly diagnostics: readonly Diagnostic[];
  /** The entries each collection held, and the passages of the search index. */
  readonly entries: { readonly essays: number; readonly works: number };
  readonly passages: number;
  /** What the pass handed to the integration: written again as it was (a dev server may have written its own since). */
  readonly handoff: Handoff;
}

const recordFile = (paths: ProjectPaths) => join(paths.root, '.apparatus', 'unchanged-sync.json');

/** Folders whose listing decides what is read: a new essay, or a style that now matches a name. */
const listed = (paths: ProjectPaths) => [paths.content, join(paths.bibliography, 'styles'), join(paths.bibliography, 'locales')];

function digestOfInputs(paths: ProjectPaths, key: string, files: readonly string[], folders: readonly string[]): string | undefined {
  const hash = createHash('sha256').update(key);
  const add = (file: string) => hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else add(path);
    }
  };
  try {
    for (const dir of listed(paths)) hash.update(`${dir}\0${existsSync(dir) ? readdirSync(dir).sort().join('\0') : ''}\0`);
    for (const folder of folders) walk(folder);
    for (const file of files) add(file);
  } catch {
    // A file the last pass read is gone: the sources changed.
    return undefined;
  }
  return hash.digest('hex');
}

/** The record of a good pass over these essays. */
export function recordSync(paths: ProjectPaths, key: string, essays: readonly CheckedEssay[], outcome: Pick<SyncRecord, 'diagnostics' | 'entries' | 'passages' | 'handoff'>): void {
  const folders = [...new Set(essays.map((essay) => resolve(paths.root, essay.indexFile, '..')))].sort();
  const shared = FOLDER_METADATA_FILES.map((name) => join(paths.content, name)).filter((file) => existsSync(file));
  const named = essays.flatMap((essay) => [...essay.bibliographyFiles, essay.style.file, essay.locale.file, join(essay.locale.file, '..', 'locales-en-US.xml')]);
  const files = [...new Set([...shared, ...named].map((file) => resolve(paths.root, file)))].filter((file) => existsSync(file)).sort();
  const digest = digestOfInputs(paths, key, files, folders);
  if (!digest) return;
  const record: SyncRecord = { key, files, folders, digest, ...outcome };
  const file = recordFile(paths);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(`${file}.${process.pid}`, JSON.stringify(record));
  renameSync(`${file}.${process.pid}`, file);
}

/** The last good pass's record, when nothing it read has changed since. */
export function unchangedSync(paths: ProjectPaths, key: string): SyncRecord | undefined {
  const file = recordFile(paths);
  if (!existsSync(file)) return undefined;
  let record: SyncRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as SyncRecord;
  } catch {
    return undefined;
  }
  if (record.key !== key) return undefined;
  return digestOfInputs(paths, key, record.files, record.folders) === record.digest ? record : undefined;
}
