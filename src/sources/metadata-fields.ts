/**
 * The YAML mappings metadata is read as, and how a message names a place in them: shared by the
 * readers of a frontmatter written for Pandoc, so that their messages name fields alike.
 */
import type { Position } from '../lib/diagnostics.ts';

export type Locate = (path: readonly PropertyKey[]) => Position;
export type Fields = Record<string, unknown>;

export const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
export const pathText = (path: readonly PropertyKey[]) =>
  path.reduce<string>((out, step) => (typeof step === 'number' ? `${out}[${step}]` : out ? `${out}.${String(step)}` : String(step)), '');
export const listOf = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
