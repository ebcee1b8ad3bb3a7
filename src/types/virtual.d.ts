declare module 'virtual:apparatus/config' {
  import type { SiteConfig } from '../schemas/site-config.ts';
  /** Absolute path of the project root. */
  export const root: string;
  export const site: SiteConfig;
  /**
   * True under `astro dev`. Not import.meta.env.DEV, which follows NODE_ENV: a shell with
   * NODE_ENV=development (or a test runner's NODE_ENV=test) would otherwise publish drafts.
   */
  export const serving: boolean;
}
