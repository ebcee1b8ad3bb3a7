/**
 * A run of inline Markdown content as the tokens the citation reader scans, and back: characters
 * keep their source offsets and whether the writer escaped them, other nodes stay whole. Kept apart
 * from the plugin because recovering escapes and positions from the source (which mdast's values
 * have lost) is a job of its own, and the cite nodes are rebuilt from the same tokens.
 */
import type { PhrasingContent, Text } from 'mdast';
import type { Point, Position } from 'unist';
import { pointFinder } from '../lib/lines.ts';
import type { TokenRange } from './citation-tokens.ts';

interface CharToken {
  readonly kind: 'char';
  readonly char: string;
  readonly escaped: boolean;
  /** Offset of the character (or of its escape) in the source. */
  readonly offset: number | undefined;
  /** The text node it came from, for its position. */
  readonly from: Text;
}
interface NodeToken {
  readonly kind: 'node';
  readonly node: PhrasingContent;
}
export type Token = CharToken | NodeToken;

const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;

/**
 * The characters of a text node, each with its offset in the source and whether it was escaped
 * (`\[`, `\@`, `&#64;`): the node's value has lost that, and an escaped bracket is no bracket.
 */
function charsOf(node: Text, source: string): CharToken[] {
  const value = node.value;
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const chars: CharToken[] = [];
  if (start === undefined || end === undefined) {
    for (const char of value) chars.push({ kind: 'char', char, escaped: false, offset: undefined, from: node });
    return chars;
  }
  let s = start;
  let v = 0;
  while (v < value.length) {
    const char = value[v]!;
    const sourceChar = source[s];
    if (s < end && sourceChar === char) {
      chars.push({ kind: 'char', char, escaped: false, offset: s, from: node });
      s += 1;
      v += 1;
    } else if (s < end && sourceChar === '\\' && source[s + 1] === char && ASCII_PUNCTUATION.test(char)) {
      chars.push({ kind: 'char', char, escaped: true, offset: s, from: node });
      s += 2;
      v += 1;
    } else if (s < end && sourceChar === '&') {
      const entity = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.exec(source.slice(s, s + 40));
      if (!entity) {
        chars.push({ kind: 'char', char, escaped: false, offset: undefined, from: node });
        v += 1;
        continue;
      }
      // A character written as an entity is literal text, as an escaped one is. Its decoded form is
      // one character (or a surrogate pair) of the value.
      const width = (value.codePointAt(v) ?? 0) > 0xffff ? 2 : 1;
      for (let k = 0; k < width; k++) chars.push({ kind: 'char', char: value[v + k]!, escaped: true, offset: s, from: node });
      s += entity[0].length;
      v += width;
    } else if (s < end && (sourceChar === ' ' || sourceChar === '\t' || sourceChar === '\r' || sourceChar === '>')) {
      // Indentation and block-quote markers at the start of a continuation line are not text.
      s += 1;
    } else {
      chars.push({ kind: 'char', char, escaped: false, offset: undefined, from: node });
      v += 1;
      if (s < end) s += 1;
    }
  }
  return chars;
}

export function tokensOf(parent: { type: string; children: PhrasingContent[]; position?: Position | undefined }, source: string): Token[] {
  restorePositions(parent, source);
  const tokens: Token[] = [];
  parent.children.forEach((child) => {
    if (child.type === 'text') tokens.push(...charsOf(child, source));
    else if (child.type === 'html' && continuesKey(tokens) && /^<\/?[A-Za-z][A-Za-z0-9-]*>$/.test(child.value)) {
      // `@e<f>g` is one key to Pandoc; CommonMark took `<f>` for an HTML tag.
      const offset = child.position?.start.offset;
      const text: Text = { type: 'text', value: child.value };
      [...child.value].forEach((char, k) => tokens.push({ kind: 'char', char, escaped: false, offset: offset === undefined ? undefined : offset + k, from: text }));
    } else tokens.push({ kind: 'node', node: child });
  });
  return tokens;
}

/**
 * GFM's autolink literals split text nodes and leave the pieces, and the links they make, without
 * positions. Their places follow from their neighbours': each piece's characters are found in the
 * source from where the node before it ended, so escapes and citations in them are still read right.
 */
function restorePositions(parent: { type: string; children: PhrasingContent[]; position?: Position | undefined }, source: string): void {
  let cursor = parent.type === 'paragraph' ? parent.position?.start.offset : undefined;
  for (const child of parent.children) {
    if (child.position) {
      cursor = child.position.end.offset;
      continue;
    }
    if (cursor === undefined) continue;
    const from = cursor;
    if (child.type === 'text') {
      const probe: Text = { ...child, position: { start: pointOfOffset(source, from), end: pointOfOffset(source, source.length) } };
      const chars = charsOf(probe, source);
      const last = chars[chars.length - 1];
      if (!last || chars.some((c) => c.offset === undefined)) {
        cursor = undefined;
        continue;
      }
      cursor = last.offset! + (last.escaped ? 2 : 1);
    } else if (child.type === 'link' && child.children.length === 1 && child.children[0]!.type === 'text') {
      const text = child.children[0]!;
      if (!source.startsWith(text.value, from)) {
        cursor = undefined;
        continue;
      }
      cursor = from + text.value.length;
      text.position = { start: pointOfOffset(source, from), end: pointOfOffset(source, cursor) };
    } else {
      cursor = undefined;
      continue;
    }
    child.position = { start: pointOfOffset(source, from), end: pointOfOffset(source, cursor) };
  }
}

/** Whether the tokens end inside a citation key (`@e` of `@e<f>g`). */
function continuesKey(tokens: readonly Token[]): boolean {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (token.kind !== 'char' || token.escaped) return false;
    if (token.char === '@') {
      const before = tokens[i - 1];
      return i < tokens.length - 1 && !(before?.kind === 'char' && /^[\p{L}\p{N}]$/u.test(before.char));
    }
    if (!/^[\p{L}\p{N}_:.#$%&\-+?<>~/]$/u.test(token.char)) return false;
  }
  return false;
}

export function pointAt(token: Token | undefined, source: string, after: boolean): Point | undefined {
  if (!token) return undefined;
  if (token.kind === 'node') return after ? token.node.position?.end : token.node.position?.start;
  if (token.offset === undefined) return undefined;
  const offset = token.offset + (after ? (token.escaped ? 2 : 1) : 0);
  return pointOfOffset(source, offset);
}

/** Points by offset, for the source being read (one document at a time). */
let lastFinder: { source: string; find: (offset: number) => Point } | undefined;

export function pointOfOffset(source: string, offset: number): Point {
  if (lastFinder?.source !== source) lastFinder = { source, find: pointFinder(source) };
  return lastFinder.find(offset);
}

export function positionOf(tokens: readonly Token[], range: TokenRange, source: string): Position | undefined {
  const start = pointAt(tokens[range.from], source, false);
  const end = pointAt(tokens[range.to - 1], source, true);
  return start && end ? { start, end } : undefined;
}

/** Rebuilds nodes from a range of tokens: runs of characters become text nodes again. */
export function nodesOf(tokens: readonly Token[], range: TokenRange, source: string): PhrasingContent[] {
  const nodes: PhrasingContent[] = [];
  let run: CharToken[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const text: Text = { type: 'text', value: run.map((t) => t.char).join('') };
    const position = positionOf(run, { from: 0, to: run.length }, source);
    if (position) text.position = position;
    nodes.push(text);
    run = [];
  };
  for (let i = range.from; i < range.to; i++) {
    const token = tokens[i]!;
    if (token.kind === 'char') {
      // A new text node starts where the original one did, so positions stay exact.
      if (run.length > 0 && run[run.length - 1]!.from !== token.from && run[run.length - 1]!.offset === undefined) flush();
      run.push(token);
    } else {
      flush();
      nodes.push(token.node);
    }
  }
  flush();
  return nodes;
}
