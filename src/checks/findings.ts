/**
 * How the essay's checks report: as vfile messages, like the Markdown plugins before them, so that
 * every finding of the file is read back the same way, as diagnostics placed through the line map.
 */
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { ORIGIN } from '../markdown/source.ts';
import type { Diagnostic, Severity } from '../lib/diagnostics.ts';
import type { EssayCheckContext } from './essay-checks.ts';

/** Reports a finding of the essay's checks. */
export function report(file: VFile, severity: Severity, rule: string, reason: string, place: Point | Position | undefined, hint?: string): void {
  const message = file.message(reason, place, `${ORIGIN}:${rule}`);
  message.fatal = severity === 'error';
  if (hint) message.note = hint;
}

function offsetOf(message: VFileMessage): number {
  const place = message.place;
  if (!place) return 0;
  return ('start' in place ? place.start.offset : place.offset) ?? 0;
}

/** The messages of the file so far, as diagnostics. */
export function diagnosticsOf(file: VFile, place: EssayCheckContext['place']): Diagnostic[] {
  return file.messages.map((message) => ({
    ...place(offsetOf(message)),
    severity: message.fatal ? 'error' : 'warning',
    rule: (message.ruleId ?? 'markdown').replace(/^apparatus:/, ''),
    message: message.reason,
    ...(message.note ? { hint: message.note } : {}),
  }));
}

/** A point that carries only its offset: the caller maps offsets to places. */
export function pointAt(offset: number): Point {
  return { line: 0, column: 0, offset };
}
