/**
 * A citation cluster as the CSL processor takes it: one or more works cited together, in the order
 * written, each with its prefix, locator and suffix. Read from the Markdown by
 * src/markdown/citations.ts (the syntax) and rehype-citations (the locators, after smart
 * punctuation), formatted by src/render/citeproc/engine.ts.
 */
import type { CiteMode } from '../markdown/citation-syntax.ts';

export interface CitationItem {
  readonly key: string;
  /** `author-in-text` only for the first work of a cluster written `@key` in the sentence. */
  readonly mode: CiteMode;
  /** Text before the work; may hold placeholders for inline elements (see rehype-citations). */
  readonly prefix?: string;
  /** Text after the work and its locator, as it will print (a leading comma included). */
  readonly suffix?: string;
  readonly locator?: string;
  /** CSL locator label (`page`, `chapter`, …), when there is a locator. */
  readonly label?: string;
}

export interface CitationCluster {
  readonly items: readonly CitationItem[];
}

/** Whether the cluster begins with the author in the text (`@a says`, `@a [p. 4]`). */
export function isNarrative(cluster: CitationCluster): boolean {
  return cluster.items[0]?.mode === 'author-in-text';
}
