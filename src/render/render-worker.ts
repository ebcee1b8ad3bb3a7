/**
 * A render-pool worker (see render-pool.ts): renders essays and formats the Works cited list.
 */
import { parentPort } from 'node:worker_threads';
import type { PoolAnswer, PoolTask } from './render-pool.ts';
import { runTask, type SeenWorks } from './render-tasks.ts';

const seen = { essays: new Map() as SeenWorks, works: new Map() as SeenWorks };

// One task at a time, in the order they came: the pool sends the next before this one is done.
let previous: Promise<unknown> = Promise.resolve();
parentPort?.on('message', ({ id, task }: { id: number; task: PoolTask }) => {
  previous = previous.then(() => runTask(task, seen)).then(
    (value) => parentPort?.postMessage({ id, ok: true, value } satisfies PoolAnswer),
    (error: unknown) => {
      const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
      parentPort?.postMessage({ id, ok: false, error: { name, message, ...(stack ? { stack } : {}) } } satisfies PoolAnswer);
    },
  );
});
