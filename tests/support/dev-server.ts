/**
 * `astro dev` in a sandbox copy of the project, on a free port, for tests of what editors see while
 * they revise: live reload and search that keeps up with the sources.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { editorEnv, type Sandbox } from './sandbox.ts';

export interface DevServer {
  readonly origin: string;
  /** Everything the server printed so far. */
  output(): string;
  /** Resolves when `pattern` has been printed `times` times in all. */
  waitFor(pattern: RegExp, times?: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startDevServer(sandbox: Sandbox): Promise<DevServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(join(sandbox.dir, 'node_modules', '.bin', 'astro'), ['dev', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: sandbox.dir,
    env: editorEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const server: DevServer = {
    origin: `http://127.0.0.1:${port}`,
    output: () => log,
    async waitFor(pattern, times = 1, timeoutMs = 60_000) {
      const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
      const deadline = Date.now() + timeoutMs;
      while ((log.match(global)?.length ?? 0) < times) {
        if (child.exitCode !== null) throw new Error(`astro dev exited (${child.exitCode}):\n${log}`);
        if (Date.now() > deadline) throw new Error(`astro dev did not print ${pattern} ${times} time(s) within ${timeoutMs} ms:\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
  await server.waitFor(/ready in/);
  return server;
}
