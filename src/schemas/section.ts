import { z } from 'zod';

/** The frontmatter of a section file (`01-introduction.md`). */
export const sectionFrontmatterSchema = z
  .object({
    /** The section's heading, shown on the page and in the table of contents. */
    title: z.string().trim().min(1, 'The section title is empty.'),
  })
  .strict();

export type SectionFrontmatter = z.output<typeof sectionFrontmatterSchema>;
