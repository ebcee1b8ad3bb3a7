/** `references.bib`, `references.ris` and `references.json` beside each essay: the works it cites. */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { CslEntry } from '../../bibliography/csl.ts';
import { EXPORT_EXTENSIONS, EXPORT_FORMATS, EXPORT_MEDIA_TYPES, exportEntries, type ExportFormat } from '../../bibliography/exports.ts';
import { citedEntries, type CheckedEssay } from '../../pipeline/checked-site.ts';
import { exportCached, getEssays } from '../../page-data.ts';

export const getStaticPaths = (() =>
  getEssays().flatMap((essay) => EXPORT_FORMATS.map((format) => ({ params: { essay: essay.slug, ext: EXPORT_EXTENSIONS[format] }, props: { essay, format } })))) satisfies GetStaticPaths;

/**
 * The essay's works in one file. Should the exporter fail, the error names the work it failed on
 * and its bibliography file (found by writing the works one by one), not just the essay.
 */
function exportEssayEntries(essay: CheckedEssay, format: ExportFormat): string {
  const entries = citedEntries(essay);
  try {
    return exportCached(entries, format);
  } catch (error) {
    const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
    const culprit = entries.map((entry): [CslEntry, unknown] => [entry, failureOf(() => exportEntries([entry], format))]).find(([, e]) => e !== undefined);
    if (!culprit) throw new Error(`Could not write ${essay.slug}/references.${EXPORT_EXTENSIONS[format]}: ${message(error)}`, { cause: error });
    const [entry, cause] = culprit;
    const file = essay.bibliography.entries.get(entry.id)?.file ?? 'its bibliography';
    throw new Error(`Could not write ${essay.slug}/references.${EXPORT_EXTENSIONS[format]}: "@${entry.id}" of ${file}: ${message(cause)}`, { cause });
  }
}

function failureOf(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return error ?? new Error('unknown error');
  }
}

export const GET: APIRoute<{ essay: CheckedEssay; format: ExportFormat }> = ({ props }) =>
  new Response(exportEssayEntries(props.essay, props.format), { headers: { 'Content-Type': `${EXPORT_MEDIA_TYPES[props.format]}; charset=utf-8` } });
