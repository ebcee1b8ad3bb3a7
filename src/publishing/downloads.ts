/**
 * Where the bibliography downloads live, relative to an essay's page (so they work under any base
 * path): the essay's works at `references.bib|ris|json` beside the page, and each work on its own
 * at `../works/<bibliography file>/<key>.bib|ris`, once per bibliography file however many essays
 * cite it. Both parts are safeFileName's, so any key Pandoc reads gives a path every static host
 * serves, and no two works share one.
 */
import { safeFileName } from '../bibliography/anchors.ts';

/**
 * The folder of a bibliography file's works: its path in bibliography/ without `.json`
 * (`great-leap-forward`, `sources/tides`). Any other extension stays, its dot escaped
 * (`tides.bib` → `tides_2e_bib`): `tides.json` and `tides.bib` may both be bibliographies, and
 * safeFileName never escapes an inner dot itself, so no `.json` file's folder can be named so.
 */
export function bibliographyFolder(file: string): string {
  const path = file.replace(/^bibliography\//, '');
  const json = /\.json$/.exec(path);
  if (json) return safeFileName(path.slice(0, json.index));
  const extension = /\.([^./]+)$/.exec(path);
  if (!extension) return safeFileName(path);
  return `${safeFileName(path.slice(0, extension.index))}_2e_${safeFileName(extension[1]!)}`;
}

/** A work's downloads, without extension, as a path from the site root: `works/<folder>/<key>`. */
export function workDownloadPath(file: string, key: string): string {
  return `works/${bibliographyFolder(file)}/${safeFileName(key)}`;
}
