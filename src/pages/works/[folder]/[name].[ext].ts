/**
 * Each cited work on its own, as BibTeX and RIS, once per bibliography file however many essays
 * cite it (`/works/<file>/<key>.bib`), for the download links of every reference list. Folder and
 * name are workDownloadPath's, the same the pages link to.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { CslEntry } from '../../../bibliography/csl.ts';
import { workDownloadPath } from '../../../publishing/downloads.ts';
import { EXPORT_MEDIA_TYPES } from '../../../bibliography/exports.ts';
import { citedWorks } from '../../../pipeline/checked-site.ts';
import { exportCached, getEssays } from '../../../page-data.ts';

const FORMATS = { bib: 'bibtex', ris: 'ris' } as const;

interface Work {
  /** The bibliography file, as messages name it: `bibliography/great-leap-forward.json`. */
  readonly file: string;
  readonly key: string;
  readonly entry: CslEntry;
}

export const getStaticPaths = (() => {
  const works = new Map<string, Work>();
  for (const essay of getEssays()) {
    // Every work the reference list shows gets download links: nocite works too.
    for (const key of citedWorks(essay).keys()) {
      const sourced = essay.bibliography.entries.get(key);
      if (!sourced) continue;
      const path = workDownloadPath(sourced.file, key);
      const other = works.get(path);
      // Names are one-to-one, so this is a bug here, not the editor's: say which works met.
      if (other && (other.file !== sourced.file || other.key !== key)) {
        throw new Error(`Two works would be downloaded from one address, /${path}.bib: "@${other.key}" of ${other.file} and "@${key}" of ${sourced.file}.`);
      }
      works.set(path, { file: sourced.file, key, entry: sourced.entry });
    }
  }
  return [...works].flatMap(([path, work]) => {
    const [, folder = '', name = ''] = path.split('/');
    return Object.entries(FORMATS).map(([ext, format]) => ({ params: { folder, name, ext }, props: { ...work, format } }));
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute<Work & { format: (typeof FORMATS)[keyof typeof FORMATS] }> = ({ props }) => {
  let text: string;
  try {
    text = exportCached([props.entry], props.format);
  } catch (error) {
    throw new Error(`Could not write the ${props.format === 'bibtex' ? 'BibTeX' : 'RIS'} download of "@${props.key}" of ${props.file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return new Response(text, { headers: { 'Content-Type': `${EXPORT_MEDIA_TYPES[props.format]}; charset=utf-8` } });
};
