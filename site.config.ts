import { defineSiteConfig } from './src/schemas/define-site-config.ts';

/** The publication's settings. Every field is documented in src/schemas/site-config.ts. */
export default defineSiteConfig({
  title: 'Apparatus',
  description: 'Scholarly essays with their notes and sources one click away.',
  site: 'http://localhost:4321',
  lang: 'en',
  defaultStyle: 'apa-6th-edition',
  defaultLocale: 'en-US',
});
