/** A folder's files by path, each with the SHA-256 of its bytes: to compare two builds' output. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export function treeDigests(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
    else out.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
  };
  walk(dir);
  return out;
}
