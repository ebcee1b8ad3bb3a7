/**
 * An essay's one pass (its check and its page, with search passages), or the pass taken from the
 * build cache when nothing it depends on changed. The task is the one the build's render pool gets
 * (same input, same key), so a build, the dev server's pages and its search index share each
 * other's results.
 */
import { authorLine } from '../publishing/format.ts';
import type { BuildCache } from '../lib/build-cache.ts';
import type { EssaySource } from '../sources/essay-source.ts';
import { digestOf } from '../lib/build-cache.ts';
import { SourceError } from '../lib/diagnostics.ts';
import { didYouMean } from '../lib/suggest.ts';
import type { CslEntry } from '../bibliography/csl.ts';
import { entryId } from '../bibliography/anchors.ts';
import { workDownloadPath } from '../publishing/downloads.ts';
import type { CslStyle } from '../citeproc/engine.ts';
import type { PoolTask } from './render-pool.ts';
import { passEssay, type EssayPass, type RenderedEssay, type RenderInput } from './render.ts';
import { renderInput } from './render-input.ts';

/**
 * What an essay's render task is given: its render input, with the header its search passages are
 * cut under and, when given, the essay's own item for "Cite this essay".
 */
export function essayRenderInput(essay: EssaySource, options: Parameters<typeof renderInput>[1] & { readonly citeThis?: CslEntry }): RenderInput {
  const { citeThis, ...rest } = options;
  return { ...renderInput(essay, rest), searchHeader: { title: essay.frontmatter.title, authors: authorLine(essay.frontmatter.authors) }, ...(citeThis ? { citeThis } : {}) };
}

export async function passWithCache(input: RenderInput, cache: BuildCache | undefined): Promise<EssayPass> {
  if (!cache) return passEssay(input);
  const key = taskKey(cache, { kind: 'essay', input });
  const hit = cache.read<EssayPass>('render', key);
  if (hit) return hit;
  const made = await passEssay(input);
  cache.write('render', key, made);
  return made;
}

/** The essay's page, from the cache when it can be; an essay in error throws its diagnostics. */
export async function renderWithCache(essay: EssaySource, input: RenderInput, cache: BuildCache | undefined): Promise<RenderedEssay> {
  const pass = await completedPass(essay, input, await passWithCache(input, cache));
  if (!pass.rendered) throw new SourceError(pass.check.diagnostics);
  return pass.rendered;
}

/**
 * The pass, done again here in the rare case where the task lacked a key the essay cites: the keys
 * a task carries are read from the raw Markdown (markdown/citation-keys.ts `candidateKeys`),
 * which could miss one the parsed tree holds. Then the check reports a work of the bibliography as
 * unknown, or an unknown key without its "did you mean".
 */
export async function completedPass(essay: EssaySource, input: RenderInput, pass: EssayPass): Promise<EssayPass> {
  const all = essay.bibliography.entries;
  const missed = pass.check.unknownCitations.filter((use) => all.has(use.key) || !input.check.unknownKeyHints.has(use.key));
  if (missed.length === 0) return pass;
  const entries = new Map<string, CslEntry>(input.entries);
  const downloads = new Map(input.downloads);
  const unknownKeyHints = new Map(input.check.unknownKeyHints);
  for (const { key } of missed) {
    const sourced = all.get(key);
    if (sourced) {
      entries.set(key, sourced.entry);
      downloads.set(entryId(key), workDownloadPath(sourced.file, key));
      unknownKeyHints.delete(key);
    } else unknownKeyHints.set(key, didYouMean(key, all.keys()));
  }
  return passEssay({ ...input, entries, downloads, check: { ...input.check, unknownKeyHints } });
}

/** A style's digest, once per style object (essays that share a style share the object). */
const styleDigests = new WeakMap<CslStyle, string>();
function styleDigest(style: CslStyle): string {
  let digest = styleDigests.get(style);
  if (digest === undefined) styleDigests.set(style, (digest = digestOf(style.xml, style.lang, JSON.stringify([...style.locales]))));
  return digest;
}

/**
 * The digest a task's result is filed under in the build cache: the task is plain data, all that
 * its worker gets, so its JSON (with the style's XML as a digest) is all that the result depends on.
 */
export function taskKey(cache: BuildCache, task: PoolTask): string {
  const json = JSON.stringify(task, (key, value: unknown) => {
    if (key === 'style' && value && typeof value === 'object' && 'xml' in value) return styleDigest(value as CslStyle);
    return value instanceof Map ? [...(value as Map<unknown, unknown>)] : value;
  });
  return cache.key(cacheKindOf(task), json);
}

/** Where a task's result is filed in the build cache. */
export function cacheKindOf(task: PoolTask): 'render' | 'works' {
  return task.kind === 'essay' ? 'render' : 'works';
}
