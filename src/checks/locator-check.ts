/**
 * A citation's suffix that reads as a locator with a label the essay's locale does not know
 * ("pg. 4"): the renderer prints it as plain text, so the editor is told before it is published.
 */
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { splitLocator, unparsedLocatorLabel, type LocatorTerms } from '../markdown/citation-locator.ts';
import type { CiteItemNode } from '../markdown/citation-nodes.ts';
import { didYouMean } from '../lib/suggest.ts';
import { capitalized } from '../lib/diagnostics.ts';
import { report } from './findings.ts';

function suffixText(item: CiteItemNode): string {
  const textOf = (node: { type: string; value?: unknown; children?: unknown[] }): string =>
    typeof node.value === 'string' ? node.value : (node.children ?? []).map((c) => textOf(c as never)).join('');
  return textOf(item.children[1] as never);
}

export function checkLocator(file: VFile, terms: LocatorTerms, key: string, item: CiteItemNode, at: Position | undefined): void {
  const suffix = suffixText(item);
  const split = splitLocator([...suffix].map((char) => ({ kind: 'char' as const, char })), terms);
  const word = split.locator === undefined ? unparsedLocatorLabel(suffix, terms) : undefined;
  if (!word) return;
  // Only labels with the same initial: "pg" means p., not §.
  const initial = word[0]!.toLowerCase();
  const suggestion = didYouMean(word.toLowerCase(), [...terms.keys()].filter((term) => term[0] === initial && term !== word.toLowerCase()));
  const written = suffix.replace(/^\s*,\s*/, '').trim();
  report(
    file,
    'warning',
    'citation/unparsed-locator',
    `In the citation of @${key}, "${suffix.trim()}" looks like a locator, but "${word}" is not a locator label: it will print as plain text.`,
    at,
    `${suggestion ? `${capitalized(suggestion)} ` : ''}Use a label such as p., pp., chap., sec. or para., or write the locator in braces: [@${key}, {${written}}].`,
  );
}
