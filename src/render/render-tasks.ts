/**
 * What the render pool's tasks do, on a worker or on the thread that makes the pages.
 */
import type { CslEntry } from '../bibliography/csl.ts';
import type { PoolResults, PoolTask } from './render-pool.ts';
import { passEssay } from './render.ts';
import { formatWorks } from '../publishing/works-cited.ts';

/** A table of the entry objects a thread has seen, by id, with their JSON. */
export type SeenWorks = Map<string, { readonly json: string; readonly entry: CslEntry }>;

/**
 * A task copied to a worker brings its own copies of the works. citeproc-js engines are reused only
 * while each id still means the very same entry object (see render/citeproc/engine.ts), so a work that
 * comes back unchanged is given the object it had before; a changed one keeps its new object, and
 * gets a new engine.
 */
export function sameObjects(entries: ReadonlyMap<string, CslEntry>, seen: SeenWorks): Map<string, CslEntry> {
  const same = new Map<string, CslEntry>();
  for (const [id, entry] of entries) {
    const json = JSON.stringify(entry);
    const before = seen.get(id);
    if (before?.json === json) same.set(id, before.entry);
    else {
      seen.set(id, { json, entry });
      same.set(id, entry);
    }
  }
  return same;
}

/**
 * @param seen on a worker, the tables to keep entry objects in (essays and the Works cited list
 *   name works differently, by key and by w1, w2, …: one table each); on the thread that checked the
 *   sources, none is needed, its entries are the same objects already
 */
export async function runTask(task: PoolTask, seen?: { readonly essays: SeenWorks; readonly works: SeenWorks }): Promise<PoolResults[PoolTask['kind']]> {
  switch (task.kind) {
    case 'essay':
      return passEssay(seen ? { ...task.input, entries: sameObjects(task.input.entries, seen.essays) } : task.input);
    case 'works':
      return formatWorks(seen ? { ...task.works, entries: sameObjects(task.works.entries, seen.works) } : task.works);
  }
}
