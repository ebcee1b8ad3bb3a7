import { join, relative, sep } from 'node:path';

/** Where a project keeps what editors write. All paths are absolute, resolved from the project root. */
export interface ProjectPaths {
  readonly root: string;
  /** One folder per essay. */
  readonly content: string;
  /** Bibliography files, named by essays relative to this folder. */
  readonly bibliography: string;
  /** CSL styles, `<official-name>.csl`. */
  readonly styles: string;
  /** CSL locales, `locales-<lang>.xml`. */
  readonly locales: string;
}

export function projectPaths(root: string): ProjectPaths {
  const bibliography = join(root, 'bibliography');
  return {
    root,
    content: join(root, 'content'),
    bibliography,
    styles: join(bibliography, 'styles'),
    locales: join(bibliography, 'locales'),
  };
}

/** A path relative to the root with forward slashes, as messages show it. */
export function displayPath(paths: ProjectPaths, absolute: string): string {
  return relative(paths.root, absolute).split(sep).join('/');
}
