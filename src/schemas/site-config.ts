import { z } from 'zod';

/** The site-wide configuration in `site.config.ts`. */
export const siteConfigSchema = z
  .object({
    /** Name of the publication, shown in the header and the page titles. */
    title: z.string().min(1),
    /** One sentence about the publication, for the home page and feeds. */
    description: z.string().default(''),
    /** Absolute URL where the site is published, used for canonical links. */
    site: z.url().default('http://localhost:4321'),
    /**
     * The path the site is served under (`/`, or `/essays/` for https://example.org/essays/). The
     * APPARATUS_BASE environment variable overrides it for one build.
     */
    base: z
      .string()
      .regex(/^\/([\w.-]+\/)*$/, 'Write the base path with a slash at each end, such as /essays/.')
      .default('/'),
    /** Language of the site's own text (navigation, labels). */
    lang: z.string().default('en-US'),
    /** Default CSL style of essays that name none (official CSL file name, kept in bibliography/styles/). */
    defaultStyle: z.string().default('apa-6th-edition'),
    /** Default CSL locale of essays that name no `lang`. */
    defaultLocale: z.string().default('en-US'),
    /** The licence of essays that state none: an SPDX id (`CC-BY-4.0`) or a URL. */
    license: z.string().trim().min(1).optional(),
  })
  .strict();

export type SiteConfig = z.output<typeof siteConfigSchema>;
export type SiteConfigInput = z.input<typeof siteConfigSchema>;
