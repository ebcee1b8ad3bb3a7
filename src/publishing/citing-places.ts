/**
 * Where an essay cites a work, as its reference list's "Cited in" links give it
 * (render/rehype-references.ts hands them on while it writes them). The Works cited page lists them
 * under every work, so that the two pages always agree.
 */
export interface CitingPlace {
  /** `#citation--bachman1991--5` */
  readonly fragment: string;
  /** "§3 ¶1", "n. 5" */
  readonly label: string;
  /** "Section 3, Politics…, paragraph 1" */
  readonly description: string;
}
