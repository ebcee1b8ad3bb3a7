/**
 * The files an essay links to from its own folder (`[the data](synthetic_data.csv)`), published
 * beside its page, as Quarto and Pandoc's HTML publish them (src/sources/linked-files.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import type { CheckedEssay } from '../../pipeline/checked-site.ts';
import { linkedFiles } from '../../sources/linked-files.ts';
import { getEssays, projectRoot } from '../../page-data.ts';

/** Addresses the site's own routes give the essay's folder: a file there would never be served. */
const TAKEN = /^(index\.html|references\.(bib|ris|json))$/;

export const getStaticPaths = (() =>
  getEssays().flatMap((essay) =>
    linkedFiles(essay)
      .filter(({ file }) => !TAKEN.test(file))
      .map(({ file }) => ({ params: { essay: essay.slug, file }, props: { essay, file } })),
  )) satisfies GetStaticPaths;

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  pdf: 'application/pdf',
  zip: 'application/zip',
};

export const GET: APIRoute<{ essay: CheckedEssay; file: string }> = ({ props }) => {
  const bytes = readFileSync(join(projectRoot(), dirname(props.essay.indexFile), props.file));
  const type = MEDIA_TYPES[props.file.replace(/^.*\./, '').toLowerCase()] ?? 'application/octet-stream';
  return new Response(bytes, { headers: { 'Content-Type': type } });
};
