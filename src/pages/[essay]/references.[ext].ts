/** `references.bib`, `references.ris` and `references.json` beside each essay: the works it cites. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { EXPORT_EXTENSIONS, EXPORT_FORMATS, EXPORT_MEDIA_TYPES, exportEntries, type ExportFormat } from '../../lib/exports.ts';
import { citedEntries, type CheckedEssay } from '../../pipeline/site.ts';
import { getEssays } from '../../site-data.ts';

export const getStaticPaths = (() =>
  getEssays().flatMap((essay) => EXPORT_FORMATS.map((format) => ({ params: { essay: essay.slug, ext: EXPORT_EXTENSIONS[format] }, props: { essay, format } })))) satisfies GetStaticPaths;

export const GET: APIRoute<{ essay: CheckedEssay; format: ExportFormat }> = ({ props }) =>
  new Response(exportEntries(citedEntries(props.essay), props.format), { headers: { 'Content-Type': `${EXPORT_MEDIA_TYPES[props.format]}; charset=utf-8` } });
