/**
 * Splits a Markdown file into its YAML frontmatter and body, keeping what is needed to point at a
 * line: where the body starts, and where each frontmatter key stands.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { Position } from '../lib/diagnostics.ts';

export interface ParsedFrontmatter {
  /** The YAML data, or undefined when the file has no frontmatter. */
  readonly data: unknown;
  readonly body: string;
  /** 1-based line of the file on which `body` starts. */
  readonly bodyLine: number;
  /** Where a key path (`['authors', 0, 'orcid']`) stands in the file; the frontmatter's start when unknown. */
  readonly locate: (path: readonly PropertyKey[]) => Position;
  /** YAML syntax errors, with their place in the file. */
  readonly syntaxErrors: readonly { message: string; position: Position }[];
}

const FENCE = /^---[ \t]*\r?\n/;
const CLOSING_FENCE = /^(?:---|\.\.\.)[ \t]*$/m;

export function parseFrontmatter(text: string): ParsedFrontmatter {
  const opening = FENCE.exec(text);
  if (!opening) {
    return { data: undefined, body: text, bodyLine: 1, locate: () => ({ line: 1, column: 1 }), syntaxErrors: [] };
  }
  const yamlStart = opening[0].length;
  const rest = text.slice(yamlStart);
  const closing = CLOSING_FENCE.exec(rest);
  if (!closing) {
    return {
      data: undefined,
      body: text,
      bodyLine: 1,
      locate: () => ({ line: 1, column: 1 }),
      syntaxErrors: [
        {
          message: 'The frontmatter opened with --- on line 1 is never closed: end it with a line of ---.',
          position: { line: 1, column: 1 },
        },
      ],
    };
  }
  const yamlText = rest.slice(0, closing.index);
  const afterFence = yamlStart + closing.index + closing[0].length;
  const bodyStart = text[afterFence] === '\r' ? afterFence + 2 : text[afterFence] === '\n' ? afterFence + 1 : afterFence;
  const bodyLine = countLines(text.slice(0, bodyStart)) + 1;

  // Line 1 is the opening fence, so YAML line n is file line n + 1.
  const yaml = parseYaml(yamlText, 1);
  return {
    data: yaml.syntaxErrors.length > 0 ? undefined : (yaml.data ?? {}),
    body: text.slice(bodyStart),
    bodyLine,
    locate: yaml.locate,
    syntaxErrors: yaml.syntaxErrors,
  };
}

export interface ParsedYaml {
  /** The YAML's value: undefined for an empty block or one of comments only. */
  readonly data: unknown;
  /** Whether the YAML is a mapping (`key: value` lines), the only kind of metadata block. */
  readonly isMapping: boolean;
  readonly locate: (path: readonly PropertyKey[]) => Position;
  readonly syntaxErrors: readonly { message: string; position: Position }[];
}

/**
 * YAML that Pandoc's reader takes and the YAML library refuses, each repaired without moving a line
 * (so every line number stays where it was):
 * - a line indented with TABs (a continuation line of a plain scalar, as editors that indent with
 *   TAB write `abstract:` and its paragraph): each leading TAB is read as one space;
 * - a quoted scalar whose continuation lines start at the margin, under the key or dash that opens
 *   it (`- "Hoy, A.R. (2014).` then `Optimization of …"` at column 1): those lines are indented
 *   past it. A quoted scalar folds its line breaks and drops their indentation, so its value is
 *   the same either way.
 */
const REPAIRS: readonly ((yaml: string) => string)[] = [
  (yaml) => yaml.replace(/^\t+/gm, (tabs) => ' '.repeat(tabs.length)),
  indentQuotedContinuations,
];

function parseDocumentAsPandoc(yamlText: string) {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length === 0) return { doc, counter };
  let repaired = yamlText;
  for (const repair of REPAIRS) {
    repaired = repair(repaired);
    if (repaired === yamlText) continue;
    const repairedCounter = new LineCounter();
    const retried = parseDocument(repaired, { lineCounter: repairedCounter, prettyErrors: false, uniqueKeys: true });
    if (retried.errors.length === 0) return { doc: retried, counter: repairedCounter };
  }
  return { doc, counter };
}

/** Indents the continuation lines of a quoted scalar that start no deeper than the line that opens it. */
function indentQuotedContinuations(yaml: string): string {
  const lines = yaml.split('\n');
  let open: { quote: '"' | "'"; indent: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (open) {
      const indent = /^ */.exec(line)![0].length;
      if (line.trim() !== '' && indent <= open.indent) lines[i] = ' '.repeat(open.indent + 2 - indent) + line;
      if (closesQuote(line, 0, open.quote) !== undefined) open = undefined;
      continue;
    }
    // A value that opens with a quote: after `key: `, after `- `, or after both.
    const start = /^( *)(?:- +)?(?:[^\s#'"][^:#]*: +)?(?:- +)?(["'])/.exec(line);
    if (!start) continue;
    const quote = start[2] as '"' | "'";
    if (closesQuote(line, start[0].length, quote) === undefined) open = { quote, indent: start[1]!.length };
  }
  return lines.join('\n');
}

/** Where on the line a quoted scalar that is open at `from` closes, or undefined if it runs on. */
function closesQuote(line: string, from: number, quote: '"' | "'"): number | undefined {
  for (let i = from; i < line.length; i++) {
    const char = line[i];
    if (quote === '"' && char === '\\') i++;
    else if (char === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i;
    }
  }
  return undefined;
}

/** Parses the YAML between two fences, the opening one standing on file line `fenceLine`. */
export function parseYaml(yamlText: string, fenceLine: number): ParsedYaml {
  const { doc, counter } = parseDocumentAsPandoc(yamlText);
  const toPosition = (offset: number): Position => {
    const { line, col } = counter.linePos(offset);
    return { line: line + fenceLine, column: col };
  };
  const syntaxErrors = doc.errors.map((error) => ({
    message: error.message.split('\n')[0] ?? error.message,
    position: toPosition(error.pos[0]),
  }));
  return {
    data: syntaxErrors.length > 0 ? undefined : (doc.toJS() ?? undefined),
    isMapping: isMap(doc.contents),
    locate: (path) => toPosition(offsetOf(doc, path)),
    syntaxErrors,
  };
}

function countLines(text: string): number {
  let count = 0;
  for (const char of text) if (char === '\n') count++;
  return count;
}

/** Offset of the deepest node on `path` that exists: its key when it is a map entry. */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number {
  let node: unknown = doc.contents;
  let offset = 0;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === step);
      if (!pair) break;
      offset = (isScalar(pair.key) && pair.key.range?.[0]) || offset;
      node = pair.value;
    } else if (node && typeof node === 'object' && 'items' in node && Array.isArray(node.items) && typeof step === 'number') {
      const item: unknown = node.items[step];
      if (!item) break;
      const range = (item as { range?: [number, number, number] }).range;
      offset = range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}
