/**
 * Where the bibliography downloads live, relative to an essay's page (so they work under any base
 * path): the essay's works at `references.bib|ris|json` beside the page, and each work on its own
 * at `../works/<bibliography file>/<key>.bib|ris`, once per bibliography file however many essays
 * cite it.
 */
import { safeIdPart } from './anchors.ts';

/** `bibliography/great-leap-forward.json` → `great-leap-forward` */
export function bibliographyStem(file: string): string {
  return (file.split('/').pop() ?? file).replace(/\.[^.]+$/, '');
}

/** A work's downloads, without extension, as a path from the site root: `works/<stem>/<key>`. */
export function workDownloadPath(file: string, key: string): string {
  return `works/${safeIdPart(bibliographyStem(file))}/${safeIdPart(key)}`;
}

/** The same, relative to an essay page (`/<slug>/`). */
export function workDownloadFromEssay(file: string, key: string): string {
  return `../${workDownloadPath(file, key)}`;
}
