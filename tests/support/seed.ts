/**
 * The seed essay as its author wrote it (tests/fixtures/seed/, a copy of the text published here),
 * split into what the tests compare: body paragraphs, notes and references.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './project.ts';

export interface Seed {
  readonly title: string;
  /** Body paragraphs, with the [n] note markers removed. */
  readonly paragraphs: readonly string[];
  /** The five notes' texts, in order. */
  readonly notes: readonly string[];
  /** The reference list, one entry a line. */
  readonly references: readonly string[];
  /** The headings the seed prints (it prints only the first three). */
  readonly headings: readonly string[];
}

export function readSeed(): Seed {
  const text = readFileSync(join(ROOT, 'tests/fixtures/seed/great-leap-forward.txt'), 'utf8');
  const blocks = text.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  const [title, ...rest] = blocks;
  const headings = ['The Soviet heritage', 'Politics: contradictions, disenchantment with the Soviets and radicalisation'];
  const notes = rest.filter((b) => /^\[\d\]/.test(b)).map((b) => b.replace(/^\[\d\]\s*/, ''));
  const references = rest.filter((b) => /^[A-Z][A-Za-z]+, [A-Z]\.( [A-Z]\.)? \(\d{4}\)/.test(b));
  const paragraphs = rest
    .filter((b) => !headings.includes(b) && !notes.some((n) => b.endsWith(n)) && !references.includes(b))
    .map((b) => b.replace(/\[\d\]/g, ''));
  return { title: title ?? '', paragraphs, notes, references, headings };
}
