/**
 * A throwaway copy of the project (sources and code, with node_modules linked) in which a test may
 * break a source and run the real build, without touching the repository.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ROOT } from './project.ts';

const COPIED = ['package.json', 'tsconfig.json', 'astro.config.mjs', 'site.config.ts', 'src', 'content', 'bibliography', 'public'];

export interface Sandbox {
  readonly dir: string;
  read(path: string): string;
  write(path: string, text: string): void;
  /** Replaces exactly one occurrence of `from`, so a fixture edit cannot silently miss. */
  edit(path: string, from: string, to: string): void;
  run(command: string, args: readonly string[]): { status: number | null; output: string };
  /** As run, without blocking the test runner, so that cases can run side by side. */
  runAsync(command: string, args: readonly string[]): Promise<{ status: number | null; output: string }>;
  /** A digest of every file under the given folders, to prove a build did not write to them. */
  digest(...folders: string[]): string;
  remove(): void;
}

/**
 * The environment of a command run as an editor would run it: without the test runner's NODE_ENV=test,
 * VITEST and import.meta.env variables, which change how Vite and Astro behave (Astro's dev server
 * sends no reloads; a leaked BASE_URL overrides the site's base path).
 */
export function editorEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
  // Vitest also copies import.meta.env (BASE_URL, MODE, DEV, PROD, SSR) into process.env, where
  // Astro's server code would read them.
  for (const name of Object.keys(env)) if (['NODE_ENV', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR'].includes(name) || name.startsWith('VITEST')) delete env[name];
  return env;
}

export function createSandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'apparatus-test-'));
  for (const name of COPIED) if (existsSync(join(ROOT, name))) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return {
    dir,
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    write: (path, text) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    },
    edit(path, from, to) {
      const text = readFileSync(join(dir, path), 'utf8');
      const count = text.split(from).length - 1;
      if (count !== 1) throw new Error(`Expected one "${from}" in ${path}, found ${count}.`);
      writeFileSync(join(dir, path), text.replace(from, () => to));
    },
    run(command, args) {
      const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env: editorEnv() });
      return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
    },
    runAsync(command, args) {
      return new Promise((resolve) => {
        const child = spawn(command, args, { cwd: dir, env: editorEnv() });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('close', (status) => resolve({ status, output }));
      });
    },
    digest(...folders) {
      const hash = createHash('sha256');
      const walk = (path: string) => {
        if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
        else hash.update(relative(dir, path)).update(readFileSync(path));
      };
      for (const folder of folders) walk(join(dir, folder));
      return hash.digest('hex');
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
