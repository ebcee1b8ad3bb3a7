/**
 * The bad-input fixtures of tests/fixtures/bad-inputs/: each folder breaks one thing in a copy of the
 * project (edits to the seed in case.json, and whole files under files/) and says what the editor
 * must be told: the rule, the place (file:line:col) and words of the message and of the fix.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { join } from 'node:path';
import { ROOT } from './project.ts';
import type { Sandbox } from './sandbox.ts';

export const BAD_INPUTS = join(ROOT, 'tests', 'fixtures', 'bad-inputs');

export interface BadInput {
  readonly name: string;
  readonly what: string;
  readonly edits: readonly { file: string; from: string; to: string }[];
  readonly expect: { rule: string; location: string; message: string; hint?: string };
}

export function badInputs(): BadInput[] {
  return readdirSync(BAD_INPUTS)
    .filter((name) => existsSync(join(BAD_INPUTS, name, 'case.json')))
    .sort()
    .map((name) => {
      const input = JSON.parse(readFileSync(join(BAD_INPUTS, name, 'case.json'), 'utf8')) as Omit<BadInput, 'name' | 'edits'> & { edits?: BadInput['edits'] };
      return { ...input, name, edits: input.edits ?? [] };
    });
}

export function applyBadInput(sandbox: Sandbox, input: BadInput): void {
  const files = join(BAD_INPUTS, input.name, 'files');
  if (existsSync(files)) cpSync(files, sandbox.dir, { recursive: true });
  for (const edit of input.edits) sandbox.edit(edit.file, edit.from, edit.to);
}

/** As applyBadInput, in a folder holding a copy of the project's sources. */
export function applyBadInputIn(dir: string, input: BadInput): void {
  const files = join(BAD_INPUTS, input.name, 'files');
  if (existsSync(files)) cpSync(files, dir, { recursive: true });
  for (const edit of input.edits) {
    const path = join(dir, edit.file);
    const text = readFileSync(path, 'utf8');
    const count = text.split(edit.from).length - 1;
    if (count !== 1) throw new Error(`Expected one "${edit.from}" in ${edit.file}, found ${count}.`);
    writeFileSync(path, text.replace(edit.from, () => edit.to));
  }
}

/**
 * The report names the place first, then says it is an error, gives the fix on the line below
 * (and the words the fixture expects), and shows no stack trace.
 */
export function expectReported(output: string, input: BadInput): void {
  const report = findReport(output, input);
  expect(report, `no [${input.expect.rule}] report containing "${input.expect.message}" in:\n${output}`).toBeDefined();
  expect(report!.line.startsWith(`${input.expect.location}  error  `), report!.line).toBe(true);
  expect(report!.hint).toMatch(/^ {4}\S/);
  if (input.expect.hint) expect(report!.hint).toContain(input.expect.hint);
  expect(output).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
}

/** The report's line for this problem (`file:line:col  error  message  [rule]`) and the fix below it. */
export function findReport(output: string, input: BadInput): { line: string; hint: string } | undefined {
  const lines = output.split('\n');
  const at = lines.findIndex((line) => line.includes(`[${input.expect.rule}]`) && line.includes(input.expect.message));
  return at === -1 ? undefined : { line: lines[at]!, hint: lines[at + 1] ?? '' };
}
