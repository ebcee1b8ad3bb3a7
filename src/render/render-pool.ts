/**
 * Renders essays, and formats the Works cited list, on worker threads, so that a build uses every
 * core: Astro makes pages one at a time on one thread, and rendering an essay (Markdown, then
 * citeproc-js) is most of a build's work.
 *
 * Each task's input is plain data (RenderInput, WorksToFormat), copied to the worker; what comes
 * back is the essay's check and its finished HTML. A worker keeps its citeproc engines between tasks (compiling a style
 * costs more than formatting an essay), which is why it keeps one object per work (see render-worker).
 * A task that no worker has started yet can be taken back, to run on the caller's own thread: the
 * thread that makes the pages renders too, instead of waiting (see pipeline/site-pass.ts).
 */
import { Worker } from 'node:worker_threads';
import type { EssayPass, RenderInput } from './render.ts';
import type { WorksToFormat } from '../publishing/works-cited.ts';

export type PoolTask =
  | { readonly kind: 'essay'; readonly input: RenderInput }
  | { readonly kind: 'works'; readonly works: WorksToFormat };

export interface PoolResults {
  readonly essay: EssayPass;
  readonly works: { readonly id: string; readonly html: string }[];
}

/** What a worker sends back: a result, or an error as plain data (errors lose their class when copied). */
export type PoolAnswer =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: { readonly name: string; readonly message: string; readonly stack?: string } };

/** A task taken back from the pool for the caller's thread to do: settling it settles its job. */
export interface TakenTask {
  readonly task: PoolTask;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

export interface PoolJob<T> {
  /** Settles when the task is done, by a worker or by the thread that took it back. */
  readonly result: Promise<T>;
  /** Takes the task back if no worker has it yet. */
  take(): TakenTask | undefined;
}

interface Pending extends TakenTask {
  readonly id: number;
}

/**
 * Tasks a worker holds at once, so that the next is already there when it finishes one: this thread
 * sends more only between its own tasks, which take it longer than a worker takes for one.
 */
const PER_WORKER = 3;

export class RenderPool {
  private readonly held = new Map<Worker, Pending[]>();
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;

  /** @param workerFile the worker's entry (render-worker.ts) */
  constructor(workerFile: string, size: number) {
    for (let i = 0; i < size; i++) {
      // execArgv: [] — the worker loads TypeScript itself; inheriting a loader from the parent too would load it twice.
      // A larger young generation: rendering makes many short-lived trees and strings, and with V8's
      // default a worker spent a quarter of its time collecting them (measured: 224 → 177 ms an essay).
      const worker = new Worker(workerFile, { execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      worker.unref();
      worker.on('message', (answer: PoolAnswer) => this.settle(worker, answer));
      worker.on('error', (error) => this.fail(worker, error));
      this.held.set(worker, []);
    }
  }

  submit<K extends PoolTask['kind']>(task: Extract<PoolTask, { kind: K }>): PoolJob<PoolResults[K]> {
    let pending: Pending | undefined;
    const result = new Promise<PoolResults[K]>((resolve, reject) => {
      pending = { id: this.nextId++, task, resolve: resolve as (value: unknown) => void, reject };
    });
    if (this.closed) pending!.reject(new Error('The render pool is closed.'));
    else this.queue.push(pending!);
    this.dispatch();
    return {
      result,
      take: () => {
        const at = this.queue.indexOf(pending!);
        return at === -1 ? undefined : this.queue.splice(at, 1)[0];
      },
    };
  }

  /** Takes back the last task no worker has started, for this thread to do. */
  takeLast(): TakenTask | undefined {
    return this.queue.pop();
  }

  /** Stops the workers; tasks not yet finished fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of [...this.queue.splice(0), ...[...this.held.values()].flat()]) pending.reject(new Error('The render pool was closed.'));
    const workers = [...this.held.keys()];
    this.held.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    for (const [worker, held] of this.held) {
      while (held.length < PER_WORKER && this.queue.length > 0) {
        const pending = this.queue.shift()!;
        held.push(pending);
        worker.postMessage({ id: pending.id, task: pending.task });
      }
    }
  }

  private settle(worker: Worker, answer: PoolAnswer): void {
    const held = this.held.get(worker);
    const at = held?.findIndex((pending) => pending.id === answer.id) ?? -1;
    if (!held || at === -1) return;
    const [pending] = held.splice(at, 1);
    if (answer.ok) pending!.resolve(answer.value);
    else pending!.reject(Object.assign(new Error(answer.error.message), { name: answer.error.name, stack: answer.error.stack }));
    this.dispatch();
  }

  /** A worker that crashed takes its tasks with it; the others carry on with the queue. */
  private fail(worker: Worker, error: Error): void {
    for (const pending of this.held.get(worker) ?? []) pending.reject(error);
    this.held.delete(worker);
    if (this.held.size === 0) for (const waiting of this.queue.splice(0)) waiting.reject(error);
  }
}
