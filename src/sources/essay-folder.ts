/**
 * Which files an essay folder holds and which it may name: its index and sections are found by
 * name, its other files are what its Markdown may show, and nothing outside the project is read
 * (a build, `npm run check` and the dev server must all see the same files).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { ProjectPaths } from './paths.ts';

/** An essay's index file: Pandoc Markdown, or a Quarto document, read the same way. */
export const INDEX_FILES: readonly string[] = ['index.md', 'index.qmd'];

/** Markdown an essay is written in: `.md`, or Quarto's `.qmd`. */
export function isMarkdownFile(name: string): boolean {
  return /\.q?md$/i.test(name);
}

/** The files of an essay folder that are not its Markdown or a bibliography, relative to it. */
export function essayFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => name.split(sep).join('/'))
    .filter((name) => !/\.(q?md|json|bib|yaml|yml)$/i.test(name) && !name.split('/').some((part) => part.startsWith('.')) && statSync(join(dir, name)).isFile())
    .sort();
}

/**
 * The files of content/'s folders that hold no essay (`figures/map.png`, relative to content/):
 * what essays may name by relative path (`../figures/map.png`), as a thesis's chapters share them.
 */
export function sharedFiles(content: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(content).sort()) {
    const folder = join(content, name);
    if (name.startsWith('.') || !statSync(folder).isDirectory() || readdirSync(folder).some(isMarkdownFile)) continue;
    for (const file of essayFiles(folder)) out.push(`${name}/${file}`);
  }
  return out;
}

/** A file inside the project: what a build, `npm run check` and the dev server all see. */
export function insideProject(paths: ProjectPaths, file: string): boolean {
  const path = relative(paths.root, file);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}

export function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}
