/**
 * The site's content collections: `essays`, every essay checked and rendered (one pass per essay,
 * src/collection/), and `works`, the Works cited list. A page of a site's own reads them as any
 * Astro page reads a collection: `getCollection('essays')`, `render(entry)`.
 */
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import site from '../site.config.ts';
import { essaysLoader, worksLoader, type EssayEntryData, type EssayProblems, type WorkEntryData } from './collection/loaders.ts';

export const collections = {
  // The pass checked every field (src/schemas/): these schemas only give the data its type.
  essays: defineCollection({ loader: essaysLoader(site), schema: z.custom<EssayEntryData | EssayProblems>() }),
  works: defineCollection({ loader: worksLoader(site), schema: z.custom<WorkEntryData>() }),
};
