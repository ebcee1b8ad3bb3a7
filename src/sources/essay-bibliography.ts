/**
 * The bibliography files an essay names, found where Pandoc would find them, and its `nocite` keys
 * checked against what they hold: a missing file or key is reported where the essay names it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EssayFrontmatter } from '../schemas/essay.ts';
import type { Bibliography } from '../bibliography/bibliography.ts';
import { type Diagnostic, capitalized, type Problem } from '../lib/diagnostics.ts';
import { didYouMean } from '../lib/suggest.ts';
import { insideProject, isFile } from './essay-folder.ts';
import type { ProjectPaths } from './paths.ts';

/**
 * A bibliography named in the frontmatter: beside index.md (or relative to it), as Pandoc run from
 * the essay's folder finds it, else relative to content/ (as Pandoc run from a book's root finds
 * it), else in bibliography/, where Apparatus keeps shared files.
 */
export function findBibliography(paths: ProjectPaths, dir: string, name: string): { file?: string; problem: Problem } {
  // content/ too: a book or thesis names its shared files from its root, where Pandoc was run.
  const candidates = [resolve(dir, name), resolve(paths.content, name), resolve(paths.bibliography, name)];
  const file = candidates.find(isFile);
  if (file && insideProject(paths, file)) return { file, problem: { message: '', hint: '' } };
  if (file) {
    return {
      problem: {
        message: `The bibliography "${name}" is outside the project.`,
        hint: 'Copy it into bibliography/ or beside index.md, so that every build and the dev server read the same file.',
      },
    };
  }
  const isBibliography = (f: string) => /\.(json|bib|bibtex)$/i.test(f);
  const shared = existsSync(paths.bibliography) ? readdirSync(paths.bibliography).filter(isBibliography) : [];
  const beside = readdirSync(dir).filter(isBibliography);
  const suggestion = didYouMean(name, [...shared, ...beside]);
  return {
    problem: {
      message: `The bibliography "${name}" does not exist in bibliography/ or beside index.md.`,
      hint: suggestion ? capitalized(suggestion) : `Name a file in bibliography/ (${shared.join(', ') || 'there is none yet'}) or beside index.md.`,
    },
  };
}

/** The nocite keys, each checked against the bibliography like a citation. */
export function nociteOf(
  frontmatter: EssayFrontmatter,
  bibliography: Bibliography,
  file: string,
  locate: (path: readonly PropertyKey[]) => { line: number; column: number },
  diagnostics: Diagnostic[],
): readonly string[] | 'all' {
  const keys = frontmatter.nocite ?? [];
  if (keys.includes('*')) return 'all';
  for (const key of keys) {
    if (bibliography.entries.has(key)) continue;
    const suggestion = didYouMean(key, bibliography.entries.keys());
    diagnostics.push({
      file,
      ...locate(['nocite']),
      severity: 'error',
      rule: 'citation/unknown-key',
      message: `Unknown citation key "@${key}" in nocite: no entry of the essay's bibliography has that id.`,
      hint: suggestion ? `${suggestion[0]!.toUpperCase()}${suggestion.slice(1)}` : 'Add the work to the bibliography, or remove the key from nocite.',
    });
  }
  return keys.filter((key) => bibliography.entries.has(key));
}
