/**
 * Pandoc's YAML metadata blocks after the frontmatter (its yaml_metadata_block extension): found in
 * a file's body by Pandoc's rule, their fields merged as Pandoc merges them, and their lines blanked
 * out of the body so that every other line keeps its number.
 *
 * Pandoc's rule, as pandoc 2.17 applies it (see tests/unit/metadata-blocks.test.ts):
 * - the block opens with a line `---` (trailing spaces allowed, nothing before it) where a block can
 *   start: at the start of the body, after a blank line, or right after the closing line of a code
 *   fence, a fenced div (`:::`) or another metadata block. After a paragraph line `---` is a setext
 *   heading's underline; after a list item it belongs to the item;
 * - the line after the opening `---` is not blank (`---` then a blank line is a thematic break);
 * - it closes at the next line `---` or `...`; without one it is no block;
 * - its YAML is a mapping, or empty (comments only). Other YAML (a sequence, plain text) makes it no
 *   block: Pandoc reads the lines as Markdown. YAML that does not parse stops Pandoc with an error;
 * - nothing inside a code fence or an HTML comment is a block.
 * A later block's field replaces the same field of an earlier block (or of the frontmatter) as a
 * whole: a mapping is not merged key by key.
 *
 * Blocks inside block quotes and list items, which Pandoc also reads, are not looked for.
 */
import { parseYaml } from './frontmatter.ts';
import type { Position } from '../lib/diagnostics.ts';

export interface MetadataBlock {
  /** File line of the opening `---`. */
  readonly line: number;
  /** File line of the closing `---` or `...`. */
  readonly endLine: number;
  /** The block's fields; undefined when its YAML does not parse, or when it holds comments only. */
  readonly data: Record<string, unknown> | undefined;
  readonly locate: (path: readonly PropertyKey[]) => Position;
  readonly syntaxErrors: readonly { message: string; position: Position }[];
}

export interface BodyMetadata {
  readonly blocks: readonly MetadataBlock[];
  /** The body with each line of each block replaced by an empty line. */
  readonly body: string;
}

const OPENING = /^---[ \t]*\r?$/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*\r?$/;
const BLANK = /^[ \t]*\r?$/;
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DIV_FENCE = /^ {0,3}:{3,}/;

/** The metadata blocks of a body whose first line is file line `bodyLine`. */
export function findMetadataBlocks(body: string, bodyLine: number): BodyMetadata {
  const lines = body.split('\n');
  const blocks: MetadataBlock[] = [];
  let fence: string | undefined;
  let inComment = false;
  // Whether a block may start on line i: the body's first line can.
  let blockStart = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const canStart = blockStart;
    blockStart = BLANK.test(line);
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const marker = CODE_FENCE.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) {
        fence = undefined;
        blockStart = true;
      }
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    if (DIV_FENCE.test(line)) {
      blockStart = true;
      continue;
    }
    const commentStart = line.lastIndexOf('<!--');
    if (commentStart >= 0 && !line.includes('-->', commentStart + 4)) {
      inComment = true;
      continue;
    }
    if (!canStart || !OPENING.test(line) || i + 1 >= lines.length || BLANK.test(lines[i + 1]!)) continue;
    let end = i + 1;
    while (end < lines.length && !CLOSING.test(lines[end]!)) end++;
    if (end >= lines.length) continue;
    const yaml = parseYaml(lines.slice(i + 1, end).map((l) => l.replace(/\r$/, '')).join('\n'), bodyLine + i);
    // Valid YAML that is not a mapping is Markdown to Pandoc (a table, a thematic break…).
    if (yaml.syntaxErrors.length === 0 && !yaml.isMapping && yaml.data !== undefined) continue;
    blocks.push({
      line: bodyLine + i,
      endLine: bodyLine + end,
      data: yaml.isMapping && yaml.syntaxErrors.length === 0 ? (yaml.data as Record<string, unknown>) : undefined,
      locate: yaml.locate,
      syntaxErrors: yaml.syntaxErrors,
    });
    for (let j = i; j <= end; j++) lines[j] = '';
    i = end;
    blockStart = true;
  }
  return { blocks, body: lines.join('\n') };
}

export interface MergedMetadata {
  /** The fields of the frontmatter and every block, a later one replacing an earlier one. */
  readonly data: Record<string, unknown>;
  /** Where a key path stands: in the block (or frontmatter) whose field was taken. */
  readonly locate: (path: readonly PropertyKey[]) => Position;
}

/** Merges the frontmatter's fields and the blocks', as Pandoc does: the last definition of a field wins. */
export function mergeMetadata(
  frontmatter: { readonly data: unknown; readonly locate: (path: readonly PropertyKey[]) => Position } | undefined,
  blocks: readonly MetadataBlock[],
): MergedMetadata {
  const data: Record<string, unknown> = {};
  const from = new Map<string, (path: readonly PropertyKey[]) => Position>();
  const sources = [
    ...(frontmatter && frontmatter.data !== undefined ? [{ data: frontmatter.data as Record<string, unknown>, locate: frontmatter.locate }] : []),
    ...blocks.filter((b) => b.data !== undefined).map((b) => ({ data: b.data!, locate: b.locate })),
  ];
  for (const source of sources) {
    for (const [key, value] of Object.entries(source.data)) {
      data[key] = value;
      from.set(key, source.locate);
    }
  }
  // A field that is nowhere (a missing one) is reported at the frontmatter, else at the first block.
  const fallback = frontmatter && frontmatter.data !== undefined ? frontmatter.locate : (blocks[0]?.locate ?? frontmatter?.locate ?? (() => ({ line: 1, column: 1 })));
  return {
    data,
    locate: (path) => {
      const key = path[0];
      const locate = typeof key === 'string' ? from.get(key) : undefined;
      return (locate ?? fallback)(path);
    },
  };
}
