/**
 * The bibliography downloads of an essay's page, made in its pass (on a render worker, kept in the
 * build cache with the page): its works in one file per format (`references.bib|ris|json` beside
 * the page) and each work on its own as BibTeX and RIS (`works/<bibliography file>/<key>.bib|ris`,
 * publishing/downloads.ts). They are files, published with the pages (collection/published-files.ts),
 * not pages Astro makes: at a thousand essays that is ten thousand files, each of which a route
 * would render and keep in its incremental build.
 */
import type { CslEntry } from '../bibliography/csl.ts';
import { EXPORT_EXTENSIONS, EXPORT_FORMATS, exportEntries, type ExportFormat } from '../bibliography/exports.ts';

export interface DownloadedWork {
  readonly key: string;
  /** From the site's root, without extension (`works/great-leap-forward/naughton2007`). */
  readonly path: string;
  readonly entry: CslEntry;
}

export interface EssayDownloads {
  /** The essay's works in one file per format, in the order first cited. */
  readonly list: Readonly<Record<ExportFormat, string>>;
  /** Each work on its own. */
  readonly works: readonly { readonly path: string; readonly bibtex: string; readonly ris: string }[];
}

export function essayDownloads(works: readonly DownloadedWork[]): EssayDownloads {
  const entries = works.map((work) => work.entry);
  const list = Object.fromEntries(EXPORT_FORMATS.map((format) => [format, exported(works, entries, format)])) as Record<ExportFormat, string>;
  return { list, works: works.map((work) => ({ path: work.path, bibtex: exported([work], [work.entry], 'bibtex'), ris: exported([work], [work.entry], 'ris') })) };
}

/** The works as one file; should the exporter fail, the error names the work it failed on. */
function exported(works: readonly DownloadedWork[], entries: readonly CslEntry[], format: ExportFormat): string {
  try {
    return exportEntries(entries, format);
  } catch (error) {
    const culprit = works.length === 1 ? works[0] : works.find((work) => failureOf(() => exportEntries([work.entry], format)) !== undefined);
    const what = culprit ? `the ${EXPORT_EXTENSIONS[format]} download of "@${culprit.key}"` : `a ${EXPORT_EXTENSIONS[format]} download`;
    throw new Error(`Could not write ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
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
