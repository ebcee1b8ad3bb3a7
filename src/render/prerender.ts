/**
 * A build renders every essay, and formats the Works cited list, on the render pool as soon as the
 * sources are checked, while Vite bundles the pages; the pages then take what is ready, and render
 * what no worker has started. Handed from the integration to the pages (which Astro runs in the same
 * process) as the checked site is.
 */
import { availableParallelism } from 'node:os';
import type { SiteConfig } from '../schemas/site-config.ts';
import type { ProjectPaths } from '../sources/paths.ts';
import { cacheKindOf, essayRenderInput, taskKey } from './cached-render.ts';
import type { EssayPage } from '../search/passages.ts';
import { RenderPool, type PoolResults, type PoolTask, type TakenTask } from './render-pool.ts';
import { essayStyle, type RenderedEssay } from './render.ts';
import { runTask } from './render-tasks.ts';
import { newestFirst, type CheckedEssay, type CheckedSite } from '../pipeline/checked-site.ts';
import type { CitingPlace } from './citing-places.ts';
import type { CslStyle } from './citeproc/engine.ts';
import { assembleWorksCited, collectCitedWorks, worksToFormat, type CitedWork } from '../publishing/works-cited.ts';
import type { BuildCache } from '../pipeline/build-cache.ts';

export interface Prerendered {
  /** The base path the essays were rendered for. */
  readonly base: string;
  /** An essay, rendered: here and now if no worker has started on it, else by its worker. */
  essay(slug: string): Promise<RenderedEssay> | undefined;
  /** An essay's search passages, once some thread has rendered it (this does not render it here). */
  searchPage(slug: string): Promise<EssayPage> | undefined;
  worksCited(): Promise<CitedWork[]>;
  /** Essays rendered by this build, and those taken from the build cache. */
  readonly counts: { rendered: number; cached: number };
}

/** Threads to render on, this one included: APPARATUS_THREADS, or one per core. */
export function renderThreads(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number.parseInt(env['APPARATUS_THREADS'] ?? '', 10);
  return Number.isFinite(asked) && asked >= 1 ? asked : availableParallelism();
}

/** A task on the pool that the thread asking for it may take back and do itself. */
interface SharedTask<T> {
  /** Settles when the task is done, by whichever thread. */
  readonly result: Promise<T>;
  /**
   * The result, doing the task here if no worker has started it. While a worker has it, this thread
   * does the last tasks no worker has started, rather than wait: Astro makes one page at a time, so
   * the pages and the workers take essays from the two ends of the queue.
   */
  now(): Promise<T>;
}

function sharedTask<K extends PoolTask['kind']>(pool: RenderPool, task: Extract<PoolTask, { kind: K }>): SharedTask<PoolResults[K]> {
  const job = pool.submit<K>(task);
  let done = false;
  // Also marks a failure as handled: it reaches the page that awaits it.
  job.result.then(
    () => (done = true),
    () => (done = true),
  );
  return {
    result: job.result,
    async now() {
      const mine = job.take();
      if (mine) await doHere(mine);
      while (!done) {
        // Let the workers' answers in first (they come as events): each answer sends a worker its next task.
        await new Promise((resolve) => setImmediate(resolve));
        const stolen = done ? undefined : pool.takeLast();
        if (!stolen) break;
        await doHere(stolen);
      }
      return job.result;
    },
  };
}

/** A task's result from the build cache, as a task already done. */
function doneTask<T>(value: T): SharedTask<T> {
  const result = Promise.resolve(value);
  return { result, now: () => result };
}

/**
 * The task's result from the cache, or else the task on the pool (made when first needed: a build
 * whose every essay is cached starts no worker), its result filed in the cache once done.
 */
function cachedTask<K extends PoolTask['kind']>(
  cache: BuildCache | undefined,
  pool: () => RenderPool,
  task: Extract<PoolTask, { kind: K }>,
  counts: { rendered: number; cached: number },
): SharedTask<PoolResults[K]> {
  const key = cache && taskKey(cache, task);
  const hit = key ? cache!.read<PoolResults[K]>(cacheKindOf(task), key) : undefined;
  if (task.kind === 'essay') counts[hit ? 'cached' : 'rendered'] += 1;
  if (hit) return doneTask(hit);
  const shared = sharedTask<K>(pool(), task);
  if (key) shared.result.then((value) => cache!.write(cacheKindOf(task), key, value), () => {});
  return shared;
}

function doHere(taken: TakenTask): Promise<void> {
  return runTask(taken.task).then(taken.resolve, taken.reject);
}

/**
 * Starts rendering every essay, and formatting the Works cited list, on worker threads (one fewer
 * than the threads to use: this thread renders too, whatever the pages ask for before a worker has
 * it). Undefined when there is only this thread.
 */
export function startPrerendering(
  site: CheckedSite,
  paths: ProjectPaths,
  config: SiteConfig,
  base: string,
  workerFile: string,
  threads = renderThreads(),
  cache?: BuildCache,
): Prerendered | undefined {
  if (threads < 2 || site.essays.length === 0) return undefined;
  let started: RenderPool | undefined;
  const pool = () => (started ??= new RenderPool(workerFile, Math.min(threads - 1, site.essays.length)));
  // The pages list essays newest first, and so does the Works cited list under each work.
  const essaysInOrder = newestFirst(site.essays);
  const works = collectCitedWorks(essaysInOrder);
  // The Works cited list is the longest single task, and the last page to want it: a worker starts
  // on it while this thread is still busy bundling the pages.
  const toFormat = worksToFormat(works, paths, { name: config.defaultStyle, locale: config.defaultLocale });
  const counts = { rendered: 0, cached: 0 };
  const formatted = cachedTask(cache, pool, { kind: 'works', works: toFormat }, counts);
  // One copy of each style's XML for all the essays that use it, not one per essay.
  const styles = new Map<string, CslStyle>();
  const styleOf = (essay: CheckedEssay) => {
    const key = `${essay.style.file}\0${essay.locale.file}`;
    const style = styles.get(key) ?? essayStyle(essay);
    styles.set(key, style);
    return style;
  };
  // In the order Astro makes the pages, so that the pages and the workers take essays from one end.
  const essays = new Map(
    essaysInOrder.map((essay) => {
      return [essay.slug, cachedTask(cache, pool, { kind: 'essay', input: essayRenderInput(essay, { base, style: styleOf(essay) }) }, counts)] as const;
    }),
  );
  // The Works cited list needs only where each essay cites each work; the pages and the search index
  // need the rest, once each: an essay is let go when both have it, so a large site is never held whole.
  const citingPlaces = new Map<string, ReadonlyMap<string, readonly CitingPlace[]>>();
  const wanted = new Map([...essays.keys()].map((slug) => [slug, 2]));
  const handOut = (slug: string) => {
    const task = essays.get(slug);
    const left = (wanted.get(slug) ?? 0) - 1;
    wanted.set(slug, left);
    if (left <= 0) essays.delete(slug);
    return task;
  };
  const rendered = [...essays].map(([slug, task]) => task.result.then((essay) => void citingPlaces.set(slug, essay.citingPlaces)));
  const allRendered = Promise.all(rendered);
  allRendered.catch(() => {});
  void Promise.allSettled([formatted.result.then(() => undefined), ...rendered]).then(() => started?.close());
  return {
    base,
    counts,
    essay: (slug) => handOut(slug)?.now(),
    searchPage: (slug) => handOut(slug)?.result.then((essay) => essay.search!),
    async worksCited() {
      const list = await formatted.now();
      await allRendered;
      return assembleWorksCited(works, list, citingPlaces);
    },
  };
}

const PRERENDERED = Symbol.for('apparatus.prerendered');

export function sharePrerendered(root: string, prerendered: Prerendered | undefined): void {
  (globalThis as Record<symbol, unknown>)[PRERENDERED] = prerendered && { root, prerendered };
}

/** What the build in progress rendered for this project and base path, if anything. */
export function sharedPrerendered(root: string, base: string): Prerendered | undefined {
  const shared = (globalThis as Record<symbol, unknown>)[PRERENDERED] as { root: string; prerendered: Prerendered } | undefined;
  return shared?.root === root && shared.prerendered.base === base ? shared.prerendered : undefined;
}
