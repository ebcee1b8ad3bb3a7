import { readFileSync } from 'node:fs';

/**
 * A source file's text as Pandoc reads it: UTF-8, without the byte-order mark that some Windows
 * editors write first (with it, the `---` of a metadata block would not open the file).
 */
export function readTextFile(path: string): string {
  const text = readFileSync(path, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
