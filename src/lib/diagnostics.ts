/**
 * Diagnostics: what a check found, where, and what to do about it.
 *
 * Every check in Apparatus reports through this one shape so that the build, `npm run check` and the
 * dev server print the same `file:line:col  severity  message` lines, and so that every problem in a
 * run is reported at once instead of only the first.
 */

export type Severity = 'error' | 'warning';

/** A place in a source file, as the YAML and Markdown readers find it. */
export interface Position {
  readonly line: number;
  readonly column: number;
  /** The file, when it is not the one being read (a field taken from `_metadata.yml`). */
  readonly file?: string;
}

export interface Diagnostic {
  /** Path of the source file, relative to the project root (forward slashes). */
  readonly file: string;
  /** 1-based line, when the problem has a place inside the file. */
  readonly line?: number;
  /** 1-based column, when known. */
  readonly column?: number;
  readonly severity: Severity;
  /** What is wrong, in a sentence an editor can act on. */
  readonly message: string;
  /** What to do about it: a fix, or the likely intended value. */
  readonly hint?: string;
  /** Stable identifier of the check, e.g. `citation/unknown-key`. */
  readonly rule: string;
}

export function formatLocation(d: Pick<Diagnostic, 'file' | 'line' | 'column'>): string {
  if (d.line === undefined) return d.file;
  return d.column === undefined ? `${d.file}:${d.line}` : `${d.file}:${d.line}:${d.column}`;
}

/** One line per diagnostic (two when there is a hint), in the `file:line:col  message` form. */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${formatLocation(d)}  ${d.severity}  ${d.message}  [${d.rule}]`;
  return d.hint ? `${head}\n    ${d.hint}` : head;
}

/** Sorts by file, then position, so output is stable whatever order the checks ran in. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.rule.localeCompare(b.rule),
  );
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

export function summarize(list: readonly Diagnostic[]): string {
  const errors = list.filter((d) => d.severity === 'error').length;
  const warnings = list.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/**
 * Thrown when sources have errors. Its message is the full report, so that whoever prints it (Astro's
 * error overlay in dev, the terminal in a build) shows every problem with its place.
 */
export class SourceError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[], options?: ErrorOptions) {
    const sorted = sortDiagnostics(diagnostics);
    super(
      `Apparatus found problems in the sources (${summarize(sorted)}):\n\n` +
        sorted.map(formatDiagnostic).join('\n') +
        '\n',
      options,
    );
    this.name = 'SourceError';
    this.diagnostics = sorted;
    // The problem is in the sources, not in our code: a stack trace would only bury the report.
    this.stack = '';
  }
}

/** A message begun with a capital, when it opens with a name or a phrase written in lower case. */
export const capitalized = (text: string): string => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/** What is wrong and what to do, before it is placed at a file and line. */
export interface Problem {
  readonly message: string;
  readonly hint: string;
}
