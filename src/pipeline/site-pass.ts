/**
 * A build's one pass over the site: every essay read, checked and rendered in a single pass on the
 * render pool (one worker per core but one, this thread taking tasks too), or taken from the build
 * cache when nothing it depends on changed. Then the checks across essays. Any error, and no page
 * is made: the build stops before Astro renders. Otherwise the pages take the essays rendered, and
 * the Works cited list is formatted on the pool while Vite bundles the pages.
 *
 * The content layer makes this pass (src/collection/site-sync.ts) and puts what the pages need in
 * its collections; `npm run check` makes it to judge the sources.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { SiteConfig } from '../schemas/site-config.ts';
import type { ProjectPaths } from '../sources/paths.ts';
import { loadSources } from '../sources/load.ts';
import type { EssaySource } from '../sources/essay-source.ts';
import { cacheKindOf, completedPass, essayRenderInput, taskKey } from '../render/cached-render.ts';
import type { EssayPage } from '../search/passages.ts';
import { RenderPool, type PoolResults, type PoolTask, type TakenTask } from '../render/render-pool.ts';
import { type EssayPass, type RenderedEssay, type RenderInput } from '../render/render.ts';
import { essayStyle } from '../render/render-input.ts';
import type { EssayCheck } from '../checks/essay-checks.ts';
import { runTask } from '../render/render-tasks.ts';
import { bibliographyUnreadable, checkEssayOnly, newestFirst, type CheckedEssay, type CheckedSite } from '../checks/checked-site.ts';
import type { CitingPlace } from '../publishing/citing-places.ts';
import type { CslStyle } from '../citeproc/engine.ts';
import { essayCslItem } from '../publishing/essay-citation.ts';
import { assembleWorksCited, collectCitedWorks, worksToFormat, type CitedWork } from '../publishing/works-cited.ts';
import type { BuildCache } from '../lib/build-cache.ts';
import { hasErrors, type Diagnostic } from '../lib/diagnostics.ts';
import { citedDuplicates, duplicateWorks, uncitedEntries } from '../checks/site-checks.ts';

export interface Prerendered {
  /** The base path the essays were rendered for. */
  readonly base: string;
  /** An essay, rendered. */
  essay(slug: string): Promise<RenderedEssay> | undefined;
  /** An essay's search passages. */
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

/** A task for this thread alone (a build on one thread): done when first asked for. */
function hereTask<T>(task: PoolTask): SharedTask<T> {
  let settle!: { resolve: (value: T) => void; reject: (error: unknown) => void };
  const result = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  let started = false;
  return {
    result,
    now() {
      if (!started) {
        started = true;
        (runTask(task) as Promise<T>).then(settle.resolve, settle.reject);
      }
      return result;
    },
  };
}

/** A task and, when the build cache has its result, the result; the key to file a new one under. */
interface LookedUp<K extends PoolTask['kind']> {
  readonly task: Extract<PoolTask, { kind: K }>;
  readonly key: string | undefined;
  readonly hit: PoolResults[K] | undefined;
}

function lookUp<K extends PoolTask['kind']>(cache: BuildCache | undefined, task: Extract<PoolTask, { kind: K }>): LookedUp<K> {
  const key = cache && taskKey(cache, task);
  return { task, key, hit: key ? cache!.read<PoolResults[K]>(cacheKindOf(task), key) : undefined };
}

/**
 * The task's result from the cache, or else the task on the pool or, with no pool, on this thread;
 * its result filed in the cache once done.
 */
function scheduled<K extends PoolTask['kind']>(cache: BuildCache | undefined, pool: (() => RenderPool) | undefined, looked: LookedUp<K>): SharedTask<PoolResults[K]> {
  if (looked.hit) return doneTask(looked.hit);
  const shared = pool ? sharedTask<K>(pool(), looked.task) : hereTask<PoolResults[K]>(looked.task);
  if (looked.key) shared.result.then((value) => cache!.write(cacheKindOf(looked.task), looked.key!, value), () => {});
  return shared;
}

/**
 * Below this many essays to render, workers are not worth starting: each loads the code and
 * compiles its styles before its first essay (about a second and a half), the time this thread
 * takes to render a few essays itself.
 */
const FEWEST_FOR_WORKERS = 4;

function doHere(taken: TakenTask): Promise<void> {
  return runTask(taken.task).then(taken.resolve, taken.reject);
}

export interface SitePassOptions {
  readonly includeDrafts: boolean;
  /** The base path the pages are made for. */
  readonly base: string;
  /** The render worker's entry (render/render-worker.ts); without it, all is done on this thread. */
  readonly workerFile?: string;
  readonly threads?: number;
  readonly cache?: BuildCache | undefined;
  /** Start formatting the Works cited list (default true); without it, `worksCited()` fails. */
  readonly worksCited?: boolean;
  /** Remember the sources between passes by their files' stamps (the dev server's passes). */
  readonly remember?: boolean;
  /** The site's address: with it, each essay's "Cite this essay" is formatted in its pass. */
  readonly siteUrl?: string;
}

export interface SitePass {
  /** The checked site: every diagnostic of the sources, the essays with their citations and links. */
  readonly site: CheckedSite;
  /** The pages' essays and Works cited list; undefined when the sources have errors. */
  readonly prerendered: Prerendered | undefined;
}

/**
 * Reads the sources, then checks and renders every essay in one pass, then checks across essays.
 * When there is no error, starts formatting the Works cited list.
 */
export async function passSite(paths: ProjectPaths, config: SiteConfig, options: SitePassOptions): Promise<SitePass> {
  const loaded = loadSources(paths, config, { includeDrafts: options.includeDrafts, ...(options.remember ? { remember: true } : {}) });
  const threads = options.workerFile ? (options.threads ?? renderThreads()) : 1;
  const { cache } = options;
  // One copy of each style's XML for all the essays that use it, not one per essay.
  const styles = new Map<string, CslStyle>();
  const styleOf = (essay: EssaySource) => {
    const key = `${essay.style.file}\0${essay.locale.file}`;
    const style = styles.get(key) ?? essayStyle(essay);
    styles.set(key, style);
    return style;
  };
  // In the order Astro makes the pages, so that this thread and the workers take essays from the two ends.
  const inOrder = newestFirst(loaded.essays);
  type Entry = { readonly essay: EssaySource; readonly check: EssayCheck } | { readonly essay: EssaySource; readonly input: RenderInput; readonly looked: LookedUp<'essay'> };
  const looked = inOrder.map((essay): Entry => {
    // Against a bibliography that could not be read, every key would look unknown; without its
    // style or locale, an essay cannot be formatted. Either way the build stops on that error: the
    // essay is checked without rendering (and without judging its keys).
    const unreadable = bibliographyUnreadable(loaded.diagnostics, essay);
    if (unreadable || !existsSync(essay.style.file) || !existsSync(essay.locale.file)) {
      return { essay, check: checkEssayOnly(essay, unreadable) };
    }
    const url = options.siteUrl && new URL(`${options.base.replace(/\/$/, '')}/${essay.slug}/`, options.siteUrl).href;
    const citeThis = url ? essayCslItem({ slug: essay.slug, frontmatter: essay.frontmatter, url, lang: essay.lang }, config.title) : undefined;
    const input = essayRenderInput(essay, { base: options.base, style: styleOf(essay), ...(citeThis ? { citeThis } : {}) });
    return { essay, input, looked: lookUp(cache, { kind: 'essay', input }) };
  });
  const toRender = looked.filter((entry) => 'looked' in entry && !entry.looked.hit).length;
  const counts = { rendered: toRender, cached: looked.filter((entry) => 'looked' in entry && entry.looked.hit).length };
  let started: RenderPool | undefined;
  const workers = Math.min(threads - 1, toRender);
  const pool = threads >= 2 && toRender >= FEWEST_FOR_WORKERS ? () => (started ??= new RenderPool(options.workerFile!, workers)) : undefined;
  const tasks = looked.map((entry) => ('looked' in entry ? { ...entry, task: scheduled(cache, pool, entry.looked) } : entry));
  // This thread takes tasks too, until every essay is done.
  for (const entry of tasks) if ('task' in entry) await entry.task.now().catch(() => undefined);
  const passes = await Promise.all(
    tasks.map(async (entry): Promise<{ essay: EssaySource; pass: EssayPass }> => {
      if (!('task' in entry)) return { essay: entry.essay, pass: { check: entry.check } };
      return { essay: entry.essay, pass: await completedPass(entry.essay, entry.input, await entry.task.result) };
    }),
  ).catch(async (error: unknown) => {
    await started?.close();
    throw error;
  });

  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const essays: CheckedEssay[] = [];
  const rendered = new Map<string, RenderedEssay>();
  for (const { essay, pass } of passes) {
    diagnostics.push(...pass.check.diagnostics);
    essays.push({ ...essay, citations: pass.check.citations, links: pass.check.links });
    if (pass.rendered) rendered.set(essay.slug, pass.rendered);
  }
  diagnostics.push(...citedDuplicates(essays), ...duplicateWorks(essays), ...uncitedEntries(essays));
  const site: CheckedSite = { essays, diagnostics };
  if (hasErrors(diagnostics)) {
    await started?.close();
    return { site, prerendered: undefined };
  }
  if (options.worksCited === false) await started?.close();

  // The Works cited list is the longest single task, and the last page to want it: a worker starts
  // on it while this thread bundles the pages.
  const works = collectCitedWorks(essays);
  const toFormat = worksToFormat(works, paths, { name: config.defaultStyle, locale: config.defaultLocale });
  const formatted = options.worksCited === false ? undefined : scheduled(cache, pool, lookUp(cache, { kind: 'works', works: toFormat }));
  void formatted?.result.then(
    () => started?.close(),
    () => started?.close(),
  );
  const citingPlaces = new Map<string, ReadonlyMap<string, readonly CitingPlace[]>>([...rendered].map(([slug, essay]) => [slug, essay.citingPlaces]));
  // The pages and the search index need each essay once each: it is let go when both have it.
  const wanted = new Map([...rendered.keys()].map((slug) => [slug, 2]));
  const handOut = (slug: string) => {
    const essay = rendered.get(slug);
    const left = (wanted.get(slug) ?? 0) - 1;
    wanted.set(slug, left);
    if (left <= 0) rendered.delete(slug);
    return essay && Promise.resolve(essay);
  };
  const prerendered: Prerendered = {
    base: options.base,
    counts,
    essay: (slug) => handOut(slug),
    searchPage: (slug) => handOut(slug)?.then((essay) => essay.search!),
    async worksCited() {
      if (!formatted) throw new Error('This pass was made without the Works cited list.');
      return assembleWorksCited(works, await formatted.now(), citingPlaces);
    },
  };
  return { site, prerendered };
}
