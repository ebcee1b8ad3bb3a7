declare module 'virtual:apparatus/config' {
  import type { SiteConfig } from '../schemas/site.ts';
  /** Absolute path of the project root. */
  export const root: string;
  export const site: SiteConfig;
}
