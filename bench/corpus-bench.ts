/**
 * The corpus benchmark: for each size, a synthetic corpus (bench/corpus.ts) is built in a temporary
 * copy of the project with the real `npm run build`, and rendered by Debian's `pandoc --citeproc`
 * (one run per essay, two at a time), in the same run. Reports the medians of the runs: wall time,
 * CPU time, peak memory, milliseconds per essay, Pagefind's index size, and the Apparatus/Pandoc ratio.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCorpus, type Corpus } from './corpus.ts';

export interface Measure {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly peakMemoryMB: number;
}

export interface SizeResult {
  readonly essays: number;
  readonly corpus: Corpus;
  readonly runs: number;
  readonly apparatus: Measure & { readonly msPerEssay: number; readonly pagefindBytes: number };
  /** A second build with nothing changed, with the build cache the first one left. */
  readonly rebuild: Measure;
  /** A build after one section of one essay was edited, with the cache. */
  readonly edited: Measure;
  readonly pandoc: Measure & { readonly msPerEssay: number };
  /** Apparatus wall time over Pandoc's. */
  readonly ratio: number;
}

const COPIED = ['package.json', 'tsconfig.json', 'astro.config.mjs', 'site.config.ts', 'src', 'public'];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function folderBytes(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  return info.isDirectory() ? readdirSync(path).reduce((sum, name) => sum + folderBytes(join(path, name)), 0) : info.size;
}

/** Runs a command under GNU time: wall and CPU seconds (children included) and the largest process's peak memory. */
function timed(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Measure {
  const report = join(cwd, '.time-report');
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', report, command, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stderr.slice(-2000)}`);
  const [wall, user, system, maxKb] = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wallSeconds: wall!, cpuSeconds: user! + system!, peakMemoryMB: maxKb! / 1024 };
}

function prepare(root: string, essays: number): { dir: string; corpus: Corpus } {
  const dir = mkdtempSync(join(tmpdir(), `apparatus-bench-${essays}-`));
  for (const name of COPIED) cpSync(join(root, name), join(dir, name), { recursive: true });
  mkdirSync(join(dir, 'bibliography'), { recursive: true });
  for (const name of ['styles', 'locales']) cpSync(join(root, 'bibliography', name), join(dir, 'bibliography', name), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const corpus = writeCorpus(dir, essays);
  return { dir, corpus };
}

export function benchSize(root: string, essays: number, runs: number, log: (line: string) => void): SizeResult {
  const { dir, corpus } = prepare(root, essays);
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, APPARATUS_LOG_LEVEL: 'silent', ASTRO_TELEMETRY_DISABLED: '1' };
    delete env['NODE_ENV'];
    const apparatus: Measure[] = [];
    const rebuild: Measure[] = [];
    const edited: Measure[] = [];
    const pandoc: Measure[] = [];
    // One section of the first essay: the edit an editor makes between two builds.
    const firstEssay = join(dir, 'content', readdirSync(join(dir, 'content')).sort()[0]!);
    const section = join(firstEssay, readdirSync(firstEssay).filter((name) => name.endsWith('.md') && name !== 'index.md').sort()[0]!);
    const original = readFileSync(section, 'utf8');
    let pagefindBytes = 0;
    // Pandoc as a scholar would run it: one document per essay, two at a time on these two cores.
    const script = join(dir, 'pandoc-all.sh');
    writeFileSync(
      script,
      `#!/bin/sh\nmkdir -p "${dir}/pandoc-out"\nls "${dir}/pandoc"/*.md | xargs -P 2 -I{} sh -c 'pandoc --citeproc --csl "${dir}/bibliography/styles/apa-6th-edition.csl" --bibliography "${dir}/bibliography/corpus.json" -s "{}" -o "${dir}/pandoc-out/$(basename "{}" .md).html" 2>/dev/null'\n`,
      { mode: 0o755 },
    );
    for (let run = 1; run <= runs; run++) {
      rmSync(join(dir, 'dist'), { recursive: true, force: true });
      // A build from scratch: no cache left by the run before.
      rmSync(join(dir, '.apparatus'), { recursive: true, force: true });
      const a = timed('npm', ['run', 'build'], dir, env);
      apparatus.push(a);
      pagefindBytes = folderBytes(join(dir, 'dist', 'pagefind'));
      const again = timed('npm', ['run', 'build'], dir, env);
      rebuild.push(again);
      writeFileSync(section, `${original.trimEnd()}\n\nA sentence added between two builds, run ${run}.\n`);
      const edit = timed('npm', ['run', 'build'], dir, env);
      edited.push(edit);
      writeFileSync(section, original);
      const p = timed('sh', [script], dir);
      pandoc.push(p);
      log(`  ${essays} essays, run ${run}/${runs}: Apparatus ${a.wallSeconds.toFixed(1)} s (rebuild ${again.wallSeconds.toFixed(1)} s, one section edited ${edit.wallSeconds.toFixed(1)} s), Pandoc ${p.wallSeconds.toFixed(1)} s`);
    }
    const summary = (list: Measure[]) => ({
      wallSeconds: median(list.map((m) => m.wallSeconds)),
      cpuSeconds: median(list.map((m) => m.cpuSeconds)),
      peakMemoryMB: median(list.map((m) => m.peakMemoryMB)),
    });
    const a = summary(apparatus);
    const p = summary(pandoc);
    return {
      essays,
      corpus,
      runs,
      apparatus: { ...a, msPerEssay: (a.wallSeconds * 1000) / essays, pagefindBytes },
      rebuild: summary(rebuild),
      edited: summary(edited),
      pandoc: { ...p, msPerEssay: (p.wallSeconds * 1000) / essays },
      ratio: a.wallSeconds / p.wallSeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function machineDescription(): string {
  const cpu = cpus();
  const pandoc = execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, ${pandoc}`;
}

export function corpusTable(results: readonly SizeResult[]): string {
  const n = (value: number, digits = 1) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const rows = results.map((r) =>
    [
      r.essays,
      r.runs,
      n(r.apparatus.wallSeconds),
      n(r.apparatus.cpuSeconds),
      n(r.apparatus.cpuSeconds / r.apparatus.wallSeconds, 2),
      n(r.apparatus.peakMemoryMB, 0),
      n(r.apparatus.msPerEssay, 0),
      n(r.apparatus.pagefindBytes / 1024, 0),
      n(r.pandoc.wallSeconds),
      n(r.pandoc.cpuSeconds),
      n(r.pandoc.cpuSeconds / r.pandoc.wallSeconds, 2),
      n(r.pandoc.msPerEssay, 0),
      n(r.ratio, 2),
      n(r.rebuild.wallSeconds),
      n(r.edited.wallSeconds),
      n(Math.max(r.rebuild.peakMemoryMB, r.edited.peakMemoryMB), 0),
    ].join(' | '),
  );
  return [
    // CPU over wall time: how many cores were busy on average.
    '| essays | runs | Apparatus wall s | CPU s | cores busy | peak MB | ms/essay | Pagefind KB | Pandoc wall s | Pandoc CPU s | Pandoc cores busy | Pandoc ms/essay | Apparatus/Pandoc | rebuild, nothing changed, s | rebuild, one section edited, s | rebuild peak MB |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}
