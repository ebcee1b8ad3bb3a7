import { z } from 'zod';
import { essayDate, nociteKeys } from './pandoc-values.ts';

const isoDate = z
  .union([z.string(), z.date()])
  .transform((value, ctx) => {
    const date = essayDate(value);
    if (!date) {
      const text = value instanceof Date ? value.toISOString() : value;
      // LaTeX's \today and R Markdown's `r Sys.Date()` give the day of each build, not of publication.
      const computed = typeof value === 'string' && /\\today|`r\s|Sys\.(Date|time)\(/.test(value);
      ctx.addIssue({
        code: 'custom',
        message: computed
          ? `"${text}" is the date of each build, not of publication: write the date the essay was published, as YYYY-MM-DD.`
          : `"${text}" is not a date Apparatus can read: write it as YYYY-MM-DD.`,
      });
      return z.NEVER;
    }
    return date;
  });

/** One string or a list of them, as Pandoc's metadata allows for most list fields. */
const oneOrMany = <T extends z.ZodTypeAny>(item: T) => z.union([item, z.array(item)]).transform((value): z.output<T>[] => (Array.isArray(value) ? value : [value]));

export const authorSchema = z
  .object({
    /** The name as it should be printed and cited. */
    name: z.string().trim().min(1, 'An author needs a name.'),
    /** Pandoc templates take a list of affiliations; pages show them joined. */
    affiliation: oneOrMany(z.string().trim().min(1)).transform((list) => list.join('; ')).optional(),
    /** ORCID iD, 0000-0002-1825-0097. */
    orcid: z
      .preprocess(
        // JOSS and Quarto papers often give the iD as its address.
        (value) => (typeof value === 'string' ? value.trim().replace(/^https?:\/\/orcid\.org\//i, '') : value),
        z.string().regex(/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/, 'An ORCID iD looks like 0000-0002-1825-0097.'),
      )
      .optional(),
    url: z.url().optional(),
  })
  .strict();

/**
 * An author as Pandoc users write one: a name alone, or an object with a name (JOSS's, pandoc-scholar's
 * and Quarto's forms are put in this one by readPandocMetadata in src/sources/pandoc-metadata.ts). A preprocess rather
 * than a union, so that an error inside the object keeps its path (authors[0].orcid).
 */
const person = z.preprocess((value) => (typeof value === 'string' ? { name: value } : value), authorSchema);
/** Pandoc's `author`: one person or a list. */
const people = z.preprocess((value) => (Array.isArray(value) ? value : [value]), z.array(person));

/** The fields of an essay's `index.md`, before `author` and `authors` are made one. */
const essayFields = z
  .object({
    title: z.string().trim().min(1, 'The title is empty.'),
    subtitle: z.string().trim().min(1).optional(),
    /** The essay's authors. Empty (or absent) when the essay names none: it is then shown as anonymous. */
    authors: z.array(person).optional(),
    /** Pandoc's name for `authors`: one name, a list of names, or objects with a name. */
    author: people.optional(),
    /** Date of publication. */
    date: isoDate,
    /** Date of the last substantive revision, if any. */
    revised: isoDate.optional(),
    /** One or two sentences for listings, feeds and search engines. */
    description: z.string().trim().optional(),
    abstract: z.string().trim().optional(),
    /** A list, or (as some Pandoc templates take it) one string of comma-separated keywords. */
    keywords: z
      .union([z.string(), z.array(z.string())])
      .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((k) => k.trim()).filter(Boolean))
      .default([]),
    /** BCP 47 language tag of the text; also picks the CSL locale. Default: the site's. */
    lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Write a language tag such as en-US or de-DE.').optional(),
    /**
     * CSL style: its official name (kept in bibliography/styles/), or, as for Pandoc, a `.csl` file
     * beside index.md. Default: the site's.
     */
    csl: z.string().trim().min(1).optional(),
    /** Bibliography file(s), relative to bibliography/ or to the essay's folder. */
    bibliography: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .transform((value) => (Array.isArray(value) ? value : [value]))
      .optional(),
    /** Entries written in the frontmatter itself, in CSL-YAML, as Pandoc's `references`; checked by src/sources/inline-references.ts. */
    references: z.array(z.unknown()).optional(),
    /**
     * Works listed in the references without being cited, as Pandoc's `nocite`: "@a, @b", "[@a; @b]",
     * a list of such strings, or "@*" for every entry of the bibliography.
     */
    nocite: z.union([z.string(), z.array(z.string())]).transform(nociteKeys).optional(),
    /** Pandoc's citation options; see `citationOptionsOf` in src/sources/essay-source.ts for their defaults. */
    'link-citations': z.boolean().optional(),
    'link-bibliography': z.boolean().optional(),
    'suppress-bibliography': z.boolean().optional(),
    'reference-section-title': z.string().trim().min(1).optional(),
    /**
     * Quarto's cross-reference options (`fig-title`, `fig-prefix`, `title-delim`, `fig-labels`…) and
     * caption locations; pandoc-crossref's fields (`figPrefix`, `figureTitle`, `titleDelim`…, and a
     * `crossrefYaml` file holding them). See src/markdown/crossref-options.ts.
     */
    crossref: z.record(z.string(), z.unknown()).optional(),
    'fig-cap-location': z.enum(['top', 'bottom', 'margin']).optional(),
    'tbl-cap-location': z.enum(['top', 'bottom', 'margin']).optional(),
    figPrefix: z.union([z.string(), z.array(z.string())]).optional(),
    tblPrefix: z.union([z.string(), z.array(z.string())]).optional(),
    eqnPrefix: z.union([z.string(), z.array(z.string())]).optional(),
    secPrefix: z.union([z.string(), z.array(z.string())]).optional(),
    figureTitle: z.string().optional(),
    tableTitle: z.string().optional(),
    titleDelim: z.string().optional(),
    crossrefYaml: z.string().trim().min(1).optional(),
    /**
     * Where notes and the references of citations are shown (Quarto, Pandoc): `margin` sets each
     * citation's reference beside it; notes stand in the margin of a wide page in any case.
     */
    'reference-location': z.enum(['document', 'section', 'block', 'margin']).optional(),
    'citation-location': z.enum(['document', 'margin']).optional(),
    /** The essay's licence, as an SPDX id (`CC-BY-4.0`) or a URL. Default: the site's. */
    license: z.string().trim().min(1).optional(),
    /**
     * Changes after publication, each with its date: shown as "Updates and corrections" at the end
     * of the essay; the latest is the essay's revision date.
     */
    corrections: z
      .array(z.object({ date: isoDate, text: z.string().trim().min(1, 'A correction needs its text.') }).strict())
      .default([]),
    /** Drafts are built by the dev server only. */
    draft: z.boolean().default(false),
  })
  .strict();

/** An author's fields Apparatus reads; other details (an email, a role) are ignored with a warning. */
export const AUTHOR_FIELDS: readonly string[] = Object.keys(authorSchema.shape);

/** The frontmatter fields Apparatus reads, for "did you mean" and for telling them from fields it ignores. */
export const ESSAY_FIELDS: readonly string[] = Object.keys(essayFields.shape);

/** The frontmatter of an essay's `index.md`. */
export const essayFrontmatterSchema = essayFields
  .superRefine((value, ctx) => {
    if (value.author !== undefined && value.authors !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['author'],
        message: 'the essay names its authors twice, under "author" and "authors": keep one of the two fields.',
      });
    }
  })
  .transform(({ author, authors, ...rest }) => ({ ...rest, authors: authors ?? author ?? [] }));

export type EssayFrontmatter = z.output<typeof essayFrontmatterSchema>;
export type Author = z.output<typeof authorSchema>;
