/**
 * What a build works out per essay (its checks, its rendered page and search passages) and per
 * bibliography (the Works cited list, the downloads), kept on disk between builds in
 * `.apparatus/cache/`, so that a rebuild does again only what an edit changed.
 *
 * Content-addressed, so never stale: each result is filed under a digest of everything it was made
 * from, the code's own version included (every file of `src/`, the site config, the lock file). An
 * edited input has another digest, and misses. Nothing is ever invalidated; results the last good
 * build did not use are pruned at its end.
 *
 * A file-backed store rather than a module's memory: Astro bundles the pages apart from the
 * integration, so each has its own copy of this module, and both find the same results on disk.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export type CacheKind = 'check' | 'render' | 'works';

/** A digest of strings, each length-prefixed so that ("ab", "c") and ("a", "bc") differ. */
export function digestOf(...parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest('hex');
}

/** What results depend on besides their inputs: the code that made them, and its dependencies. */
function codeVersion(root: string): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  // The project's own code; a project without one (a test's throwaway folder) runs this repository's.
  walk(existsSync(join(root, 'src')) ? join(root, 'src') : fileURLToPath(new URL('..', import.meta.url)));
  for (const name of ['package-lock.json', 'astro.config.mjs', 'site.config.ts']) if (existsSync(join(root, name))) files.push(join(root, name));
  const hash = createHash('sha256').update(process.version);
  for (const file of files) hash.update(`${relative(root, file)}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** JSON that keeps Maps (results hold them), and gives them back as Maps. */
const MAP_TAG = '\u0000Map';
const replacer = (_key: string, value: unknown) => (value instanceof Map ? { [MAP_TAG]: [...value] } : value);
const reviver = (_key: string, value: unknown) =>
  value && typeof value === 'object' && MAP_TAG in value ? new Map((value as Record<string, [unknown, unknown][]>)[MAP_TAG]) : value;

export class BuildCache {
  /** The digest of the code results depend on (codeVersion). */
  readonly version: string;

  readonly dir: string;

  constructor(dir: string, root: string) {
    this.dir = dir;
    this.version = codeVersion(root);
  }

  /** The digest a result made from these inputs is filed under. */
  key(kind: CacheKind, ...inputs: readonly string[]): string {
    return digestOf(kind, this.version, ...inputs);
  }

  private file(kind: CacheKind, key: string): string {
    return join(this.dir, kind, `${key}.json`);
  }

  read<T>(kind: CacheKind, key: string): T | undefined {
    const file = this.file(kind, key);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const value = JSON.parse(text, reviver) as T;
      // Marks it as used by this build, so that the prune at its end keeps it.
      const now = new Date();
      utimesSync(file, now, now);
      return value;
    } catch {
      return undefined; // a file cut short (a build killed while writing): made again
    }
  }

  write(kind: CacheKind, key: string, value: unknown): void {
    const file = this.file(kind, key);
    mkdirSync(join(this.dir, kind), { recursive: true });
    // Whole or not at all: a build stopped midway never leaves half a result to be read.
    const partial = `${file}.${process.pid}.${process.hrtime.bigint()}.tmp`;
    writeFileSync(partial, JSON.stringify(value, replacer));
    renameSync(partial, file);
  }

  /** The result filed under `key`, or `make`'s, filed there. */
  memo<T>(kind: CacheKind, key: string, make: () => T): T {
    const cached = this.read<T>(kind, key);
    if (cached !== undefined) return cached;
    const made = make();
    this.write(kind, key, made);
    return made;
  }

  /** Removes what no build has used since `since` (ms since the epoch): the results of edited inputs. */
  prune(since: number): number {
    let removed = 0;
    if (!existsSync(this.dir)) return removed;
    for (const kind of readdirSync(this.dir)) {
      const folder = join(this.dir, kind);
      for (const name of readdirSync(folder)) {
        const file = join(folder, name);
        if (statSync(file).mtimeMs < since) {
          rmSync(file, { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}

const caches = new Map<string, BuildCache>();

/**
 * The project's build cache, or undefined when `APPARATUS_CACHE=off` (a build from scratch, as the
 * tests that compare against one make).
 */
export function buildCache(root: string, env: NodeJS.ProcessEnv = process.env): BuildCache | undefined {
  if (env['APPARATUS_CACHE'] === 'off') return undefined;
  let cache = caches.get(root);
  if (!cache) {
    cache = new BuildCache(join(root, '.apparatus', 'cache'), root);
    caches.set(root, cache);
  }
  return cache;
}
