/**
 * An essay rendered on this thread, with its search passages, or taken from the build cache when
 * nothing it depends on changed. The task is the one the build's render pool gets (same input, same
 * key), so a build, the dev server's pages and its search index share each other's results.
 */
import { authorLine } from '../lib/format.ts';
import type { BuildCache } from '../pipeline/build-cache.ts';
import type { EssaySource } from '../sources/load.ts';
import { digestOf } from '../pipeline/build-cache.ts';
import type { CslStyle } from './citeproc/engine.ts';
import type { PoolTask } from './render-pool.ts';
import { renderFromInput, renderInput, type RenderedEssay, type RenderInput } from './render.ts';

/** What an essay's render task is given: its render input, with the header its search passages are cut under. */
export function essayRenderInput(essay: EssaySource & { readonly citations?: readonly { readonly key: string }[] }, options: Parameters<typeof renderInput>[1]): RenderInput {
  return { ...renderInput(essay, options), searchHeader: { title: essay.frontmatter.title, authors: authorLine(essay.frontmatter.authors) } };
}

export async function renderWithCache(input: RenderInput, cache: BuildCache | undefined): Promise<RenderedEssay> {
  if (!cache) return renderFromInput(input);
  const key = taskKey(cache, { kind: 'essay', input });
  const hit = cache.read<RenderedEssay>('render', key);
  if (hit) return hit;
  const made = await renderFromInput(input);
  cache.write('render', key, made);
  return made;
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
