/**
 * A CSL-JSON bibliography file read into entries, each with the line of its "id": JSON.parse knows
 * no lines, and citation-js says nothing of where an entry it cannot read was written.
 */
import { withPandocDefaultType } from './default-type.ts';
import type { Diagnostic } from '../lib/diagnostics.ts';
import { cite } from './citation-js.ts';
import type { CslEntry } from './csl.ts';
import { lineFinder } from '../lib/lines.ts';
import type { BibliographyFile, SourcedEntry } from './bibliography.ts';

export function parseCslJson(source: BibliographyFile): { entries: SourcedEntry[]; diagnostics: Diagnostic[] } {
  const unreadable = (message: string, line?: number, column?: number, hint?: string): Diagnostic => ({
    file: source.file,
    ...(line === undefined ? {} : { line }),
    ...(column === undefined ? {} : { column }),
    severity: 'error',
    rule: 'bibliography/unreadable',
    message,
    hint: hint ?? 'A CSL-JSON bibliography is a JSON array of entries, each with an "id" and a "type".',
  });
  let data: unknown;
  try {
    data = JSON.parse(source.text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const at = jsonErrorPosition(source.text, reason);
    return {
      entries: [],
      diagnostics: [
        unreadable(
          `The bibliography is not valid JSON: ${reason.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '')}.`,
          at?.line,
          at?.column,
          'Fix the JSON syntax at that place (a missing comma or quote is the usual cause).',
        ),
      ],
    };
  }
  if (!Array.isArray(data)) {
    return { entries: [], diagnostics: [unreadable('The bibliography is JSON but not an array of CSL entries.', 1, 1)] };
  }
  const entries: SourcedEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const idLines = lineIndexOfJsonIds(source.text);
  data.forEach((item: unknown, index) => {
    const id = isRecord(item) ? item['id'] : undefined;
    if (!isRecord(item) || (typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') {
      diagnostics.push(unreadable(`Entry ${index + 1} of the bibliography has no "id".`, undefined, undefined, 'Give every entry a unique "id": that is the key the essay cites it by.'));
      return;
    }
    const key = String(id);
    const line = idLines.get(key)?.shift() ?? 1;
    entries.push({ entry: { ...item, id: key } as CslEntry, file: source.file, line });
  });
  // An entry without a type is read as Pandoc reads it, with a warning, before the checks see it.
  const typed = withPandocDefaultType(entries);
  diagnostics.push(...typed.diagnostics);
  entries.splice(0, entries.length, ...typed.entries);
  // citation-js normalises what it reads (names, dates); use its view so that checks see what citeproc sees.
  // All entries in one call (a call per entry costs 200 times more on a large file); only if that
  // fails, entry by entry, to name the one it cannot read.
  let normalised: Record<string, unknown>[] | undefined;
  try {
    normalised = cite(entries.map((sourced) => sourced.entry), { generateGraph: false }).data;
  } catch {
    normalised = undefined;
  }
  if (normalised && normalised.length === entries.length) {
    // citation-js makes a "book" with a "version" a CSL 1.0.2 "software"; Pandoc keeps the type
    // written, and a style written before 1.0.2 would print such an entry as it prints no type.
    entries.forEach((sourced, i) => Object.assign(sourced.entry, normalised![i], { id: sourced.entry.id, type: sourced.entry.type }));
    return { entries, diagnostics };
  }
  for (const sourced of entries) {
    try {
      const [one] = cite([sourced.entry], { generateGraph: false }).data;
      if (one) Object.assign(sourced.entry, one, { id: sourced.entry.id, type: sourced.entry.type });
    } catch (error) {
      diagnostics.push(unreadable(`Entry "${sourced.entry.id}" could not be read: ${String(error)}.`, sourced.line));
    }
  }
  return { entries, diagnostics };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineAt(text: string, offset: number): number {
  return lineFinder(text)(offset);
}

/** Lines of each `"id": "…"` in a JSON text, in order, so duplicates get their own lines. */
function lineIndexOfJsonIds(text: string): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  const lineOf = lineFinder(text);
  for (const match of text.matchAll(/"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)/g)) {
    const raw = match[1] ?? '';
    const key = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    const list = lines.get(key) ?? [];
    list.push(lineOf(match.index ?? 0));
    lines.set(key, list);
  }
  return lines;
}

/** Where JSON.parse stopped, from its message (V8 names an offset, newer ones also a line and column). */
function jsonErrorPosition(text: string, message: string): { line: number; column: number } | undefined {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /at position (\d+)/.exec(message);
  if (position) {
    const offset = Number(position[1]);
    const before = text.slice(0, offset);
    const line = lineAt(text, offset);
    return { line, column: offset - before.lastIndexOf('\n') };
  }
  if (/Unexpected end of JSON input/.test(message)) {
    const line = lineAt(text, text.length);
    return { line, column: text.length - text.lastIndexOf('\n') };
  }
  return undefined;
}
