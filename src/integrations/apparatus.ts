/**
 * The Apparatus integration: checks every source before a build (Astro alone would log a broken
 * citation and still exit 0), exposes the project root and site config to pages, reloads the dev
 * server when a section, bibliography or style changes, and indexes the output with Pagefind.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { formatDiagnostic, hasErrors, SourceError, summarize } from '../lib/diagnostics.ts';
import { checkSite } from '../pipeline/site.ts';
import type { SiteConfig } from '../schemas/site.ts';
import { projectPaths, type ProjectPaths } from '../sources/paths.ts';
import { indexSite } from './pagefind.ts';

const VIRTUAL_CONFIG = 'virtual:apparatus/config';

export default function apparatus(site: SiteConfig): AstroIntegration {
  return {
    name: 'apparatus',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig, logger }) => {
        const paths = projectPaths(fileURLToPath(config.root));
        if (command === 'build') {
          const checked = checkSite(paths, site, { includeDrafts: false });
          const warnings = checked.diagnostics.filter((d) => d.severity === 'warning');
          for (const warning of warnings) logger.warn(formatDiagnostic(warning));
          if (hasErrors(checked.diagnostics)) throw new SourceError(checked.diagnostics);
          logger.info(`Sources checked: ${checked.essays.length} essay${checked.essays.length === 1 ? '' : 's'}, ${summarize(checked.diagnostics)}.`);
        }
        updateConfig({ vite: { plugins: [virtualConfig(paths, site), reloadOnSourceChange(paths)] } });
      },
      'astro:build:done': async ({ dir, logger }) => {
        await indexSite(dir, logger);
      },
    },
  };
}

/** `virtual:apparatus/config`: the project root and validated site config, for pages. */
function virtualConfig(paths: ProjectPaths, site: SiteConfig): Plugin {
  const resolved = `\0${VIRTUAL_CONFIG}`;
  return {
    name: 'apparatus:config',
    resolveId: (id) => (id === VIRTUAL_CONFIG ? resolved : undefined),
    load: (id) => (id === resolved ? `export const root = ${JSON.stringify(paths.root)};\nexport const site = ${JSON.stringify(site)};\n` : undefined),
  };
}

/**
 * Pages read content/ and bibliography/ themselves (they are not Vite modules), so Vite must be told
 * to watch them and to reload the page when they change.
 */
function reloadOnSourceChange(paths: ProjectPaths): Plugin {
  return {
    name: 'apparatus:reload-on-source-change',
    configureServer(server) {
      server.watcher.add([paths.content, paths.bibliography]);
      const reload = (file: string) => {
        if (file.startsWith(paths.content) || file.startsWith(paths.bibliography)) server.ws.send({ type: 'full-reload', path: '*' });
      };
      server.watcher.on('change', reload);
      server.watcher.on('add', reload);
      server.watcher.on('unlink', reload);
    },
  };
}
