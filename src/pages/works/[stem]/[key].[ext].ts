/**
 * Each cited work on its own, as BibTeX and RIS, once per bibliography file however many essays
 * cite it (`/works/<file>/<key>.bib`), for the download links of every reference list.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { CslEntry } from '../../../lib/csl.ts';
import { workDownloadPath } from '../../../lib/downloads.ts';
import { EXPORT_MEDIA_TYPES, exportEntries } from '../../../lib/exports.ts';
import { getEssays } from '../../../site-data.ts';

const FORMATS = { bib: 'bibtex', ris: 'ris' } as const;

export const getStaticPaths = (() => {
  const works = new Map<string, CslEntry>();
  for (const essay of getEssays()) {
    for (const key of new Set(essay.citations.map((c) => c.key))) {
      const sourced = essay.bibliography.entries.get(key);
      if (sourced) works.set(workDownloadPath(sourced.file, key), sourced.entry);
    }
  }
  return [...works].flatMap(([path, entry]) => {
    const [, stem = '', key = ''] = path.split('/');
    return Object.entries(FORMATS).map(([ext, format]) => ({ params: { stem, key, ext }, props: { entry, format } }));
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ entry: CslEntry; format: (typeof FORMATS)[keyof typeof FORMATS] }> = ({ props }) =>
  new Response(exportEntries([props.entry], props.format), { headers: { 'Content-Type': `${EXPORT_MEDIA_TYPES[props.format]}; charset=utf-8` } });
