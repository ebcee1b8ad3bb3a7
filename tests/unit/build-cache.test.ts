import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BuildCache, buildCache, digestOf } from '../../src/lib/build-cache.ts';
import { ROOT } from '../support/project.ts';

const made: string[] = [];
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'apparatus-cache-'));
  made.push(root);
  cpSync(join(ROOT, 'src/pipeline'), join(root, 'src/pipeline'), { recursive: true });
  return root;
}
afterEach(() => {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('the build cache', () => {
  test('a digest separates its parts: ("ab", "c") is not ("a", "bc")', () => {
    expect(digestOf('ab', 'c')).not.toBe(digestOf('a', 'bc'));
    expect(digestOf('a', 'b')).toBe(digestOf('a', 'b'));
  });

  test('gives back what was filed, Maps as Maps, and makes it only once', () => {
    const root = project();
    const cache = new BuildCache(join(root, '.apparatus/cache'), root);
    const key = cache.key('render', 'essay text');
    let makes = 0;
    const make = () => {
      makes += 1;
      return { html: '<p>x</p>', places: new Map([['bib-a', [{ href: '#p1', label: '¶1' }]]]) };
    };
    const first = cache.memo('render', key, make);
    const second = new BuildCache(join(root, '.apparatus/cache'), root).memo('render', key, make);
    expect(makes).toBe(1);
    expect(second).toEqual(first);
    expect(second.places).toBeInstanceOf(Map);
  });

  test('another input, or another version of the code, is another key', () => {
    const root = project();
    const before = new BuildCache(join(root, '.apparatus/cache'), root);
    expect(before.key('check', 'a')).not.toBe(before.key('check', 'b'));
    expect(before.key('check', 'a')).not.toBe(before.key('render', 'a'));
    writeFileSync(join(root, 'src/pipeline/build-cache.ts'), '// edited\n', { flag: 'a' });
    const after = new BuildCache(join(root, '.apparatus/cache'), root);
    expect(after.key('check', 'a')).not.toBe(before.key('check', 'a'));
  });

  test('a file cut short is a miss, not an error; prune removes what was not used since', () => {
    const root = project();
    const cache = new BuildCache(join(root, '.apparatus/cache'), root);
    cache.write('works', 'cut', 'whole');
    writeFileSync(join(root, '.apparatus/cache/works/cut.json'), '"who');
    expect(cache.read('works', 'cut')).toBeUndefined();
    cache.write('works', 'old', 'old');
    cache.write('works', 'used', 'used');
    const past = new Date(Date.now() - 60_000);
    for (const name of ['old', 'used', 'cut']) utimesSync(join(root, `.apparatus/cache/works/${name}.json`), past, past);
    const since = Date.now() - 1000;
    expect(cache.read('works', 'used')).toBe('used'); // reading marks it used
    expect(cache.prune(since)).toBe(2);
    expect(readdirSync(join(root, '.apparatus/cache/works'))).toEqual(['used.json']);
  });

  test('APPARATUS_CACHE=off turns it off', () => {
    const root = project();
    expect(buildCache(root, { APPARATUS_CACHE: 'off' })).toBeUndefined();
    expect(buildCache(root, {})).toBeInstanceOf(BuildCache);
  });
});
