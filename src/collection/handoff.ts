/**
 * What the content layer's pass hands to the integration's last step (`astro:build:done`) and to the
 * dev server: the search index it made and the links to check once the pages exist. A file, written
 * by the pass and read after it: the loaders run in Vite's module graph and the integration in
 * Node's, and a file is what both see, in the build and in a process started later.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InternalLink } from '../checks/essay-checks.ts';
import type { ProjectPaths } from '../sources/paths.ts';
import type { PublishedFile } from './published-files.ts';

export interface Handoff {
  /** The folder of the Pagefind index for these pages (`.apparatus/search/<digest>/`), and its passages. */
  readonly search: string;
  readonly passages: number;
  /** Essays rendered by this pass, and taken from the build cache. */
  readonly counts: { readonly rendered: number; readonly cached: number };
  /** Each essay's links within the site and the files of its folder, for the link check. */
  readonly essays: readonly { readonly slug: string; readonly indexFile: string; readonly links: readonly InternalLink[]; readonly files: readonly string[] }[];
  /** The files published beside the pages (published-files.ts). */
  readonly files: readonly PublishedFile[];
  /** No pass was made: nothing changed since the last good build (unchanged-sync.ts). */
  readonly unchanged?: boolean;
}

const handoffFile = (paths: ProjectPaths) => join(paths.root, '.apparatus', 'handoff.json');

export function writeHandoff(paths: ProjectPaths, handoff: Handoff): void {
  const file = handoffFile(paths);
  mkdirSync(join(file, '..'), { recursive: true });
  // Whole or not at all: a reader never meets half a file.
  writeFileSync(`${file}.${process.pid}`, JSON.stringify(handoff));
  renameSync(`${file}.${process.pid}`, file);
}

export function readHandoff(paths: ProjectPaths): Handoff | undefined {
  const file = handoffFile(paths);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Handoff) : undefined;
}
