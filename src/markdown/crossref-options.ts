/**
 * How numbered figures, tables, equations and sections are named, in their captions and in the
 * references to them, as the two syntaxes Pandoc documents use name them:
 *
 * - Quarto (`{#fig-map}`, `@fig-map`): "Figure 1" in the caption and in the text, set by the
 *   document's `crossref:` (`fig-title`, `fig-prefix`, `title-delim`, `fig-labels`…);
 * - pandoc-crossref (`{#fig:map}`, `@fig:map`): "Figure 1:" in the caption, "fig. 1" in the text
 *   ("figs. 1, 2" for several, "Fig. 1" for `@Fig:map`), set by its metadata (`figPrefix`,
 *   `figureTitle`, `titleDelim`…), in the document or in its `crossrefYaml` file.
 *
 * Plain data, made from the frontmatter when an essay is read and carried to its render.
 */
import type { TargetKind } from './crossref-targets.ts';

export type Numbering = 'arabic' | 'roman' | 'Roman' | 'alpha' | 'Alpha';

export interface KindNames {
  /** The name in the caption: "Figure" in "Figure 1: A map." */
  readonly title: string;
  /** Before the number in a reference: "Figure" (Quarto), "fig." (pandoc-crossref), or nothing. */
  readonly prefix: string;
  /** Before the numbers of several targets of one kind: "figs." (pandoc-crossref). */
  readonly plural: string;
}

export interface CrossrefOptions {
  /** Names of `fig-`, `tbl-`, `eq-`, `sec-` targets (Quarto's syntax). */
  readonly quarto: Readonly<Record<TargetKind, KindNames>>;
  /** Names of `fig:`, `tbl:`, `eq:`, `sec:` targets (pandoc-crossref's syntax). */
  readonly pandocCrossref: Readonly<Record<TargetKind, KindNames>>;
  /** After the caption's name and number: ":" in "Figure 1: A map.". */
  readonly titleDelim: string;
  readonly figureNumbering: Numbering;
  readonly tableNumbering: Numbering;
  /** Where a figure's and a table's caption stands (Quarto's `fig-cap-location`, `tbl-cap-location`). */
  readonly figureCaption: 'top' | 'bottom' | 'margin';
  readonly tableCaption: 'top' | 'bottom' | 'margin';
}

const named = (name: string): KindNames => ({ title: name, prefix: name, plural: name });

const QUARTO: Record<TargetKind, KindNames> = {
  fig: named('Figure'),
  tbl: named('Table'),
  eq: named('Equation'),
  sec: named('Section'),
  lst: named('Listing'),
  algo: named('Algorithm'),
  nte: named('Note'),
  tip: named('Tip'),
  wrn: named('Warning'),
  imp: named('Important'),
  cau: named('Caution'),
};

const PANDOC_CROSSREF: Record<TargetKind, KindNames> = {
  ...QUARTO,
  fig: { title: 'Figure', prefix: 'fig.', plural: 'figs.' },
  tbl: { title: 'Table', prefix: 'tbl.', plural: 'tbls.' },
  eq: { title: 'Equation', prefix: 'eq.', plural: 'eqns.' },
  sec: { title: 'Section', prefix: 'sec.', plural: 'secs.' },
  lst: { title: 'Listing', prefix: 'lst.', plural: 'lsts.' },
};

export const DEFAULT_CROSSREF_OPTIONS: CrossrefOptions = {
  quarto: QUARTO,
  pandocCrossref: PANDOC_CROSSREF,
  titleDelim: ':',
  figureNumbering: 'arabic',
  tableNumbering: 'arabic',
  figureCaption: 'bottom',
  tableCaption: 'top',
};

type Fields = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

/** pandoc-crossref's prefix: one string, or a list (singular, plural). */
function prefixes(value: unknown): { prefix: string; plural: string } | undefined {
  if (Array.isArray(value)) {
    const [one, many] = value.map(text);
    return one === undefined ? undefined : { prefix: one, plural: many ?? one };
  }
  const one = text(value);
  return one === undefined ? undefined : { prefix: one, plural: one };
}

function numbering(value: unknown): Numbering | undefined {
  const written = text(value)?.trim();
  if (written === 'arabic') return 'arabic';
  if (written === 'roman' || written === 'roman i') return 'roman';
  if (written === 'Roman' || written === 'roman I') return 'Roman';
  if (written === 'alpha a' || written === 'alpha') return 'alpha';
  if (written === 'alpha A' || written === 'Alpha') return 'Alpha';
  return undefined;
}

function location<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((option) => option === value);
}

/**
 * The options an essay's metadata sets: Quarto's `crossref:` map and caption locations, and
 * pandoc-crossref's fields (the document's own over those of its `crossrefYaml` file).
 */
export function crossrefOptions(metadata: Fields): CrossrefOptions {
  const quartoCrossref = (typeof metadata['crossref'] === 'object' && metadata['crossref'] !== null ? metadata['crossref'] : {}) as Fields;
  const quarto = Object.fromEntries(
    (Object.keys(QUARTO) as TargetKind[]).map((kind) => {
      const title = text(quartoCrossref[`${kind}-title`]) ?? QUARTO[kind].title;
      const prefix = text(quartoCrossref[`${kind}-prefix`]) ?? QUARTO[kind].prefix;
      return [kind, { title, prefix, plural: prefix }];
    }),
  ) as Record<TargetKind, KindNames>;
  const fields: Partial<Record<TargetKind, { prefix: string; title: string }>> = {
    fig: { prefix: 'figPrefix', title: 'figureTitle' },
    tbl: { prefix: 'tblPrefix', title: 'tableTitle' },
    eq: { prefix: 'eqnPrefix', title: 'eqnTitle' },
    sec: { prefix: 'secPrefix', title: 'secTitle' },
    lst: { prefix: 'lstPrefix', title: 'listingTitle' },
  };
  const pandocCrossref = Object.fromEntries(
    (Object.keys(PANDOC_CROSSREF) as TargetKind[]).map((kind) => {
      const field = fields[kind];
      const written = field && prefixes(metadata[field.prefix]);
      const title = (field && text(metadata[field.title])) ?? PANDOC_CROSSREF[kind].title;
      return [kind, { title, ...(written ?? { prefix: PANDOC_CROSSREF[kind].prefix, plural: PANDOC_CROSSREF[kind].plural }) }];
    }),
  ) as Record<TargetKind, KindNames>;
  return {
    quarto,
    pandocCrossref,
    titleDelim: text(quartoCrossref['title-delim']) ?? text(metadata['titleDelim']) ?? DEFAULT_CROSSREF_OPTIONS.titleDelim,
    figureNumbering: numbering(quartoCrossref['fig-labels'] ?? quartoCrossref['labels']) ?? 'arabic',
    tableNumbering: numbering(quartoCrossref['tbl-labels'] ?? quartoCrossref['labels']) ?? 'arabic',
    figureCaption: location(metadata['fig-cap-location'], ['top', 'bottom', 'margin'] as const) ?? 'bottom',
    tableCaption: location(metadata['tbl-cap-location'], ['top', 'bottom', 'margin'] as const) ?? 'top',
  };
}

const ROMAN: readonly [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];

/** The n-th label in a numbering: 3 → "3", "iii", "III", "c", "C". */
export function numberLabel(n: number, style: Numbering): string {
  if (style === 'arabic') return String(n);
  if (style === 'alpha' || style === 'Alpha') {
    let out = '';
    for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(97 + ((k - 1) % 26)) + out;
    return style === 'Alpha' ? out.toUpperCase() : out;
  }
  let rest = n;
  let out = '';
  for (const [value, letters] of ROMAN) while (rest >= value) (out += letters), (rest -= value);
  return style === 'Roman' ? out.toUpperCase() : out;
}
