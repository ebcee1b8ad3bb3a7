import { z } from 'zod';

const isoDate = z
  .union([z.string(), z.date()])
  .transform((value, ctx) => {
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime()) || (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}/.test(value))) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${String(value)}" is not a date: write it as YYYY-MM-DD.` });
      return z.NEVER;
    }
    return date;
  });

export const authorSchema = z
  .object({
    /** The name as it should be printed and cited. */
    name: z.string().trim().min(1, 'An author needs a name.'),
    affiliation: z.string().optional(),
    /** ORCID iD, 0000-0002-1825-0097. */
    orcid: z
      .string()
      .regex(/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/, 'An ORCID iD looks like 0000-0002-1825-0097.')
      .optional(),
    url: z.string().url().optional(),
  })
  .strict();

/** The frontmatter of an essay's `index.md`. */
export const essayFrontmatterSchema = z
  .object({
    title: z.string().trim().min(1, 'The title is empty.'),
    /** The essay's authors. Empty (or absent) when the essay names none: it is then shown as anonymous. */
    authors: z.array(authorSchema).default([]),
    /** Date of publication. */
    date: isoDate,
    /** Date of the last substantive revision, if any. */
    revised: isoDate.optional(),
    /** One or two sentences for listings, feeds and search engines. */
    description: z.string().trim().optional(),
    abstract: z.string().trim().optional(),
    keywords: z.array(z.string()).default([]),
    /** BCP 47 language tag of the text; also picks the CSL locale. Default: the site's. */
    lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Write a language tag such as en-US or de-DE.').optional(),
    /** CSL style, by its official file name without `.csl` (kept in bibliography/styles/). Default: the site's. */
    csl: z.string().trim().min(1).optional(),
    /** Bibliography file(s), relative to bibliography/. */
    bibliography: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .transform((value) => (Array.isArray(value) ? value : [value]))
      .optional(),
    /**
     * Works listed in the references without being cited, as Pandoc's `nocite`: "@a, @b", a list of
     * keys, or "@*" for every entry of the bibliography.
     */
    nocite: z
      .union([z.string(), z.array(z.string())])
      .transform((value) => (Array.isArray(value) ? value : value.split(/[,;\s]+/)).map((key) => key.trim().replace(/^@/, '')).filter(Boolean))
      .optional(),
    license: z.string().optional(),
    /** Drafts are built by the dev server only. */
    draft: z.boolean().default(false),
  })
  .strict();

export type EssayFrontmatter = z.output<typeof essayFrontmatterSchema>;
export type Author = z.output<typeof authorSchema>;
