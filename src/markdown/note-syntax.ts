/**
 * Note calls that the Markdown parser left as text.
 *
 * GFM parses `[^label]` as a note reference only when a definition with that label exists; otherwise
 * it stays literal text on the page, and the editor is never told. Finding `[^label]` in text that has
 * already been parsed therefore finds exactly the calls whose definition is missing.
 */

export interface NoteCallToken {
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

export function findLiteralNoteCalls(text: string): NoteCallToken[] {
  const tokens: NoteCallToken[] = [];
  for (const match of text.matchAll(/\[\^([^\]\s]+)\](?!:)/g)) {
    const start = match.index ?? 0;
    if (start > 0 && text[start - 1] === '\\') continue;
    tokens.push({ label: match[1] ?? '', start, end: start + match[0].length });
  }
  return tokens;
}

/** GFM matches labels case-insensitively, with runs of white space folded. */
export function normalizeNoteLabel(label: string): string {
  return label.replace(/\s+/g, ' ').trim().toLowerCase();
}
