/**
 * Raw TeX in an image's description. The alt text is a plain string, not nodes, so the commands
 * are found in the description as written (escapes and code spans counted as Markdown counts them)
 * and taken out of that string, where raw-tex.ts cuts inline nodes instead.
 */
import type { Image } from 'mdast';
import { LABEL_COMMAND, LETTER, mathRanges, rawTexEnd, type RawTexCommand, type RawTexReport, type RunChar } from './raw-tex-scan.ts';
import type { Source } from './source.ts';
import { ASCII_PUNCTUATION } from './text-alignment.ts';

/** Removes the commands in an image's description from its alt text. */
export function removeRawTexFromAlt(image: Image, source: Source, report: RawTexReport = () => {}): RawTexCommand[] {
  const text = source.text;
  const start = image.position?.start.offset;
  const end = image.position?.end.offset;
  if (!image.alt || start === undefined || end === undefined || text.slice(start, start + 2) !== '![') return [];
  // The description as written, with escapes and code spans marked so that neither counts.
  const run: (RunChar | undefined)[] = [];
  const candidates: number[] = [];
  let depth = 0;
  let labelEnd = -1;
  for (let i = start + 1; i < end; i++) {
    const char = text[i]!;
    if (char === '\\' && ASCII_PUNCTUATION.test(text[i + 1] ?? '')) {
      if (depth > 0) run.push({ char: text[i + 1]!, escaped: true, offset: i });
      i += 1;
    } else if (char === '`') {
      const ticks = /^`+/.exec(text.slice(i))![0];
      const close = text.indexOf(ticks, i + ticks.length);
      run.push(undefined);
      if (close !== -1 && close < end) i = close + ticks.length - 1;
      else i += ticks.length - 1;
    } else if (char === '[') {
      depth += 1;
      if (depth > 1) run.push({ char, escaped: false, offset: i });
    } else if (char === ']') {
      if (--depth === 0) {
        labelEnd = i;
        break;
      }
      run.push({ char, escaped: false, offset: i });
    } else {
      if (char === '\\' && LETTER.test(text[i + 1] ?? '')) candidates.push(i);
      run.push({ char, escaped: false, offset: i });
    }
  }
  if (labelEnd === -1 || candidates.length === 0) return [];
  const math = mathRanges(run);
  const commands: RawTexCommand[] = [];
  let after = -1;
  let alt = image.alt;
  let cursor = 0;
  for (const at of candidates) {
    if (at < after || math.some(([from, to]) => at >= from && at < to)) continue;
    const commandEnd = rawTexEnd(text, at, labelEnd);
    if (commandEnd === undefined) continue;
    const written = text.slice(at, commandEnd);
    // The alt text is the description's plain text: the command is in it as written, unless
    // Markdown inside its braces changed it (then its name and braces still are).
    const found = alt.indexOf(written.trimEnd(), cursor);
    if (found === -1) continue;
    const before = alt.slice(0, found);
    const rest = alt.slice(found + written.trimEnd().length);
    alt = /\s$/.test(before) || before === '' ? before + rest.replace(/^\s+/, '') : before + rest;
    cursor = before.length;
    const command = { start: at, end: commandEnd, text: written };
    commands.push(command);
    if (!LABEL_COMMAND.test(written)) report(command);
    after = commandEnd;
  }
  image.alt = alt.trim();
  return commands;
}
