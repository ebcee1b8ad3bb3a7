/**
 * The text the parser is given in place of the source: what source-scan.ts found, replaced by
 * stand-ins of the same length, so that every offset, line and column stays the writer's. Apart from
 * the scan because the plugins that give the stand-ins back (tex-environments.ts, the table
 * plugins) need the characters, not the scan.
 */
import type { SourceScan, TexEnvironment } from './source-scan.ts';

/** Stands in, to the parser, for each character of an environment: text that is no Markdown. */
export const TEX_PLACEHOLDER = '\uE000';
/** Stands in for a `|` in math, which the tree gets back (restoreStandIns). */
export const PIPE_PLACEHOLDER = '\uE001';
/** Stands in for a space in a link's destination, which the tree gets back as `%20`. */
export const SPACE_PLACEHOLDER = '\uE002';

/** The text the parser is given: environments, pipes in math and spaced destinations replaced. */
export function hideFromParser(text: string, scan: SourceScan): string {
  let hidden = hideTexEnvironments(text, scan.environments);
  if (scan.mathPipes.length === 0 && scan.destinationSpaces.length === 0) return hidden;
  const chars = hidden.split('');
  for (const at of scan.mathPipes) if (chars[at] === '|') chars[at] = PIPE_PLACEHOLDER;
  for (const at of scan.destinationSpaces) if (chars[at] === ' ') chars[at] = SPACE_PLACEHOLDER;
  hidden = chars.join('');
  return hidden;
}

/**
 * The text with each environment's characters replaced by placeholders, so that the parser reads
 * it as one run of plain text, blank lines included: an empty line inside it takes a placeholder
 * from the line above (every line of the document keeps its number, every offset its place), and
 * an environment with more empty lines than it has characters to lend is left as it is.
 */
export function hideTexEnvironments(text: string, environments: readonly TexEnvironment[]): string {
  if (environments.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const environment of environments) {
    const written = text.slice(environment.start, environment.end);
    const lines = written.split('\n');
    // Each line's length stays, but an empty line borrows one character of the line before it.
    const lengths = lines.map((line) => line.length);
    let ok = true;
    for (let k = 1; k < lengths.length; k++) {
      if (lengths[k]! > 0 || k === lengths.length - 1) continue;
      let lender = k - 1;
      while (lender >= 0 && lengths[lender]! < 2) lender -= 1;
      if (lender < 0) {
        ok = false;
        break;
      }
      // Moving a line ending one place to the left: the lender's line is one shorter, each line
      // between it and the empty one keeps its length, and the empty one gets one character.
      lengths[lender] = lengths[lender]! - 1;
      lengths[k] = 1;
    }
    out += text.slice(cursor, environment.start) + (ok ? lengths.map((n) => TEX_PLACEHOLDER.repeat(n)).join('\n') : written);
    cursor = environment.end;
  }
  return out + text.slice(cursor);
}
