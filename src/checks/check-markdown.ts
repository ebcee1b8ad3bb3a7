/**
 * Checks an assembled essay's Markdown without rendering it: the same reading and the same checks
 * (checks/essay-checks.ts) as the render pass, for the command line and the dev server, which judge
 * the sources before any page is asked for. A build checks each essay in the pass that renders it.
 */
import { placeFinder, type AssembledEssay } from '../sources/assemble.ts';
import type { LocatorTerms } from '../markdown/citation-locator.ts';
import { parseEssayMarkdown } from './essay-reading.ts';
import type { EssayCheck, EssayCheckContext } from './essay-checks.ts';
import { didYouMean } from '../lib/suggest.ts';

export type { CitationUse, InternalLink } from './essay-checks.ts';
export type MarkdownCheck = EssayCheck;

/**
 * @param knownKeys the bibliography's ids; undefined when it could not be read, so that keys are
 *   collected but not judged.
 * @param terms the locator terms of the essay's locale.
 * @param folder the essay folder and its other files, for the images the Markdown shows.
 */
export function checkEssayMarkdown(
  essay: AssembledEssay,
  knownKeys: ReadonlySet<string> | undefined,
  terms: LocatorTerms,
  folder?: { readonly path: string; readonly files: readonly string[] },
  metadataText?: ReadonlyMap<string, string>,
): MarkdownCheck {
  const context: EssayCheckContext = {
    isKnownKey: knownKeys && ((key) => knownKeys.has(key)),
    suggestKey: (key) => (knownKeys ? didYouMean(key, knownKeys) : undefined),
    terms,
    sections: essay.sections,
    place: placeFinder(essay.markdown, essay.lineMap),
    headingShift: essay.headingShift,
    ...(metadataText ? { metadataText } : {}),
    ...(folder ? { folder: { path: folder.path, files: new Set(folder.files) } } : {}),
  };
  return parseEssayMarkdown(essay.markdown, context).check!;
}
