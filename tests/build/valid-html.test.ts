/**
 * Every page of the built site passes the Nu HTML Checker (the W3C validator, npm `vnu-jar`, run on
 * the machine's Java) with no error.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { htmlFiles } from '../support/html.ts';
import { DIST } from '../support/project.ts';

const vnu = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

describe('the Nu HTML Checker', () => {
  it('finds no error on any page', () => {
    const pages = htmlFiles(DIST).map((page) => join(DIST, page));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    const result = spawnSync('java', ['-jar', vnu, '--errors-only', '--format', 'gnu', ...pages], { encoding: 'utf8' });
    if (result.error) throw new Error(`The Nu HTML Checker needs Java (apt-get install -y default-jre-headless): ${result.error.message}`);
    expect(result.stderr.trim().split('\n').filter(Boolean)).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('does report an error where there is one', () => {
    const bad = join(DIST, '..', '.vnu-probe.html');
    writeFileSync(bad, '<!doctype html><html lang="en"><head><title>x</title></head><body><p><div>bad nesting</p></body></html>');
    try {
      const result = spawnSync('java', ['-jar', vnu, '--errors-only', '--format', 'gnu', bad], { encoding: 'utf8' });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/error/);
    } finally {
      rmSync(bad, { force: true });
    }
  });
});
