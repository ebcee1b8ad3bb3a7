/**
 * CiTO annotations on citation keys, as pandoc-scholar writes them: `@method:towbin_1979` cites
 * towbin_1979 and says why (it uses a method described there). The convention comes from the
 * Citation Typing Ontology (http://purl.org/spar/cito) and is read by the `cito` Lua filter of
 * pandoc/lua-filters, which papers written for pandoc-scholar rely on.
 */

/** Each CiTO property the convention knows, with the short names authors may write for it. */
const PROPERTY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  agrees_with: ['agree_with'],
  citation: [],
  cites: [],
  cites_as_authority: ['as_authority', 'authority'],
  cites_as_data_source: ['as_data_source', 'data_source'],
  cites_as_evidence: ['as_evidence', 'evidence'],
  cites_as_metadata_document: ['as_metadata_document', 'metadata_document', 'metadata'],
  cites_as_recommended_reading: ['as_recommended_reading', 'recommended_reading'],
  disagrees_with: ['disagree', 'disagrees'],
  disputes: [],
  documents: [],
  extends: [],
  includes_excerpt_from: ['excerpt', 'excerpt_from'],
  includes_quotation_from: ['quotation', 'quotation_from'],
  obtains_background_from: ['background', 'background_from'],
  refutes: [],
  replies_to: [],
  updates: [],
  uses_data_from: ['data', 'data_from'],
  uses_method_in: ['method', 'method_in'],
};

const PROPERTY_BY_NAME = new Map<string, string>(
  Object.entries(PROPERTY_ALIASES).flatMap(([property, aliases]) => [property, ...aliases].map((name): [string, string] => [name, property])),
);

export interface CitoCitation {
  /** The CiTO property, spelled out (`uses_method_in` for `method`). */
  readonly property: string;
  /** The key of the work cited. */
  readonly key: string;
}

/**
 * Splits `method:towbin_1979` into its CiTO property and key; undefined when the part before the
 * first colon names no CiTO property. Callers try this only for a key the bibliography lacks, so a
 * real key with a colon in it (`doi:10.1000/1`, `bib:smith`) is never split.
 */
export function splitCitoKey(key: string): CitoCitation | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) return undefined;
  const property = PROPERTY_BY_NAME.get(key.slice(0, colon));
  return property ? { property, key: key.slice(colon + 1) } : undefined;
}

/** The key a citation names: the written key when the bibliography has it, else the key a CiTO annotation wraps. */
export function resolveCitedKey(key: string, isKnown: (key: string) => boolean): { readonly key: string; readonly cito?: string } {
  if (isKnown(key)) return { key };
  const cito = splitCitoKey(key);
  return cito && isKnown(cito.key) ? { key: cito.key, cito: cito.property } : { key };
}
