/**
 * "Ibid." as Pandoc's citeproc decides it. citeproc-js and Pandoc read CSL's positions differently
 * where a note holds several citations: Pandoc gives "ibid." only after a note that cites one work
 * (two works cited in one note leave neither "alone", citation-style-language/documentation#121),
 * however many times it cites it; citeproc-js counts the citations of the note instead, and within
 * one note looks only at the citation before. Here every cite's position is worked out as Pandoc
 * does, and the clusters where citeproc-js decided otherwise are formatted again with Pandoc's.
 */
import type { CiteprocEngine } from './engine-cache.ts';

/** citeproc-js's numbers for CSL's positions. */
const FIRST = 0;
const SUBSEQUENT = 1;
const IBID = 2;
const IBID_WITH_LOCATOR = 3;
const CONTAINER_SUBSEQUENT = 4;

/** What the position of a cite depends on. */
export interface PositionedCite {
  readonly id: string;
  readonly locator?: string | undefined;
  readonly label?: string | undefined;
}

export interface PositionedCitation {
  readonly noteIndex: number;
  /** The cluster begins with the author named in the text (Pandoc's author-only cite comes first). */
  readonly narrative: boolean;
  readonly items: readonly PositionedCite[];
}

export interface PandocPosition {
  /** citeproc-js's number for it: FIRST, SUBSEQUENT, IBID or IBID_WITH_LOCATOR. */
  readonly position: number;
  readonly nearNote: boolean;
}

interface LastCited {
  readonly group: number;
  readonly note: number;
  readonly at: number;
  readonly aloneInGroup: boolean;
  readonly label: string | undefined;
  readonly locator: string | undefined;
}

/** Each cite's position, as Pandoc's citeproc (0.6) works it out for a note style. */
export function pandocPositions(citations: readonly PositionedCitation[], nearNoteDistance: number): PandocPosition[][] {
  const lastCited = new Map<string, LastCited>();
  const idsInNote = new Map<number, Set<string>>();
  const noteIds = (note: number) => idsInNote.get(note) ?? idsInNote.set(note, new Set()).get(note)!;
  return citations.map((citation, index) => {
    const group = index + 1;
    const note = citation.noteIndex;
    // Pandoc cites a narrative citation's work twice: its author alone (at 0), then the rest.
    if (citation.narrative && citation.items[0]) noteIds(note).add(citation.items[0].id);
    const aloneInGroup = citation.items.length === 1;
    return citation.items.map((item, i) => {
      const at = i + 1;
      const previous = lastCited.get(item.id);
      let found: PandocPosition = { position: FIRST, nearNote: false };
      if (previous) {
        const aloneInNote = (idsInNote.get(previous.note)?.size ?? 0) <= 1;
        const follows =
          (group === previous.group && at === previous.at + 1) ||
          (group === previous.group + 1 && note - previous.note <= 1 && at === 1 && previous.aloneInGroup && aloneInNote);
        let position: number = SUBSEQUENT;
        if (follows) {
          if (previous.locator === undefined) position = item.locator === undefined ? IBID : IBID_WITH_LOCATOR;
          else if (item.locator !== undefined) position = item.locator === previous.locator && item.label === previous.label ? IBID : IBID_WITH_LOCATOR;
        }
        found = { position, nearNote: note - previous.note < nearNoteDistance };
      }
      noteIds(note).add(item.id);
      lastCited.set(item.id, { group, note, at, aloneInGroup, label: item.label, locator: item.locator });
      return found;
    });
  });
}

type RegisteredItem = Record<string, unknown> & { position?: number; 'near-note'?: boolean };

/**
 * The cites of a registered citation with Pandoc's positions where citeproc-js decided otherwise,
 * or undefined where it agrees. (citeproc-js's "container-subsequent" is a subsequent cite.)
 */
export function withPandocPositions(engine: CiteprocEngine, citation: { readonly citationID: string; readonly citationItems: readonly { readonly id: string }[] }, wanted: readonly PandocPosition[], readsNearNote: boolean): RegisteredItem[] | undefined {
  const registry = (engine as unknown as { registry: { citationreg: { citationById: Record<string, { sortedItems: [unknown, RegisteredItem][] } | undefined> } } }).registry;
  const items = registry.citationreg.citationById[citation.citationID]?.sortedItems.map(([, item]) => item);
  // (Cites the style sorted into another order are left as citeproc-js placed them.)
  if (!items || items.length !== wanted.length || items.some((item, i) => item['id'] !== citation.citationItems[i]?.id)) return undefined;
  const normal = (position: number | undefined) => (position === CONTAINER_SUBSEQUENT ? SUBSEQUENT : (position ?? FIRST));
  const differs = items.some((item, i) => normal(item.position) !== wanted[i]!.position || (readsNearNote && Boolean(item['near-note']) !== wanted[i]!.nearNote));
  if (!differs) return undefined;
  return items.map((item, i) => ({ ...item, position: wanted[i]!.position, 'near-note': wanted[i]!.nearNote }));
}
