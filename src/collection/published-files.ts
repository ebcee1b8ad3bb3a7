/**
 * Files the site publishes beside its pages that no page makes: each essay's bibliography downloads
 * (`references.bib|ris|json`), each cited work's (`works/<file>/<key>.bib|ris`), and the files of an
 * essay's folder its Markdown links to (`content/<essay>/data.csv` at `/<essay>/data.csv`).
 *
 * The pass makes the downloads' text (publishing/essay-downloads.ts); here each is kept once in
 * `.apparatus/files/`, named by the digest of its bytes, and the build links it into the site (a
 * hard link, or a copy where the file system has none). A thousand essays' ten thousand downloads
 * then cost the build a link each, not a page each; a rebuild writes none of them again. An
 * essay's own file is copied, not linked: an editor's save may rewrite it in place.
 *
 * In `npm run dev` the same table is served by a middleware (integrations/apparatus.ts).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProjectPaths } from '../sources/paths.ts';

export interface PublishedFile {
  /** Its path in the site, from the root, without the base path (`great-leap-forward/references.bib`). */
  readonly path: string;
  /** The file whose bytes it has. */
  readonly source: string;
  /** True for a source of the project (content/), which is copied rather than linked. */
  readonly copy?: true;
}

const storeOf = (paths: ProjectPaths) => join(paths.root, '.apparatus', 'files');

/** The stored file with this text, written now if no build wrote it before. */
export function storedText(paths: ProjectPaths, text: string): string {
  const digest = createHash('sha256').update(text).digest('hex');
  const file = join(storeOf(paths), digest.slice(0, 2), digest);
  if (existsSync(file)) return file;
  mkdirSync(dirname(file), { recursive: true });
  // Whole or not at all: a file of the store is never seen half written, and never changes after.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, text);
  renameSync(partial, file);
  return file;
}

/** Puts the files into the site's output folder. */
export function publishFiles(outDir: string, files: readonly PublishedFile[]): void {
  const made = new Set<string>();
  for (const { path, source, copy } of files) {
    const target = join(outDir, path);
    const folder = dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    rmSync(target, { force: true });
    if (copy) copyFileSync(source, target);
    else linkOrCopy(source, target);
  }
}

function linkOrCopy(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch {
    // Another device, or a file system without hard links.
    copyFileSync(source, target);
  }
}

/** Removes the stored files no published file uses any more, made before `before` (ms). */
export function pruneStore(paths: ProjectPaths, used: readonly PublishedFile[], before: number): void {
  const store = storeOf(paths);
  if (!existsSync(store)) return;
  const kept = new Set(used.map((file) => file.source));
  for (const folder of readdirSync(store)) {
    for (const name of readdirSync(join(store, folder))) {
      const file = join(store, folder, name);
      if (!kept.has(file) && statSync(file).mtimeMs < before) rmSync(file, { force: true });
    }
  }
}
