/**
 * What the content collections hold: plain data the pages read, made from an essay's pass. An
 * essay's entry carries everything its page and its downloads print, so that no page reads the
 * sources, formats a citation or reads HTML back.
 */
import type { CslEntry } from '../bibliography/csl.ts';
import { citedWorks, type CheckedEssay } from '../checks/checked-site.ts';
import type { EssayCitations } from '../publishing/essay-citation.ts';
import type { CitedWork } from '../publishing/works-cited.ts';
import type { RenderedEssay } from '../render/render.ts';
import type { EssayFrontmatter } from '../schemas/essay.ts';
import { readingMinutes } from '../publishing/format.ts';

/** A work an essay cites (or lists in nocite), with the bibliography file it comes from. */
export interface EssayWork {
  readonly key: string;
  /** The bibliography file, as messages name it (`bibliography/great-leap-forward.json`). */
  readonly file: string;
  readonly entry: CslEntry;
}

export interface EssayEntryData {
  readonly slug: string;
  /** `content/<slug>/index.md` */
  readonly indexFile: string;
  readonly lang: string;
  readonly frontmatter: EssayFrontmatter;
  /** The sections the page lists in its contents, in the order written. */
  readonly sections: RenderedEssay['sections'];
  readonly figures: RenderedEssay['figures'];
  readonly readingMinutes: number;
  readonly hasNotes: boolean;
  readonly hasReferences: boolean;
  /** The works its reference list shows, in the order first cited. */
  readonly works: readonly EssayWork[];
  /** "Cite this essay", formatted in the essay's style. */
  readonly citeThis: EssayCitations;
}

export function essayEntryData(essay: CheckedEssay, rendered: RenderedEssay): EssayEntryData {
  if (!rendered.citeThis) throw new Error(`The pass of ${essay.indexFile} was made without "Cite this essay" (no site address).`);
  const works = [...citedWorks(essay)].map(([key, entry]) => ({ key, entry, file: essay.bibliography.entries.get(key)?.file ?? '' }));
  return {
    slug: essay.slug,
    indexFile: essay.indexFile,
    lang: essay.lang,
    frontmatter: essay.frontmatter,
    sections: rendered.sections,
    figures: rendered.figures,
    // The text as written: notes count once, references and links' markup not at all.
    readingMinutes: readingMinutes(essay.assembled.markdown),
    hasNotes: rendered.hasNotes,
    hasReferences: rendered.hasReferences,
    works,
    citeThis: rendered.citeThis,
  };
}

/** A work of the Works cited list, as its collection holds it (`works`). */
export type WorkEntryData = CitedWork & {
  /** Its place in the list (the style's order). */
  readonly position: number;
};
