/**
 * Bad sources stop the build with a message that names the file, the line and the fix, and leave
 * the previous dist/ exactly as it was. Each case breaks one thing in a copy of the project and runs
 * the real `npm run build` there.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../support/sandbox.ts';

const ESSAY = 'content/great-leap-forward';
const BIB = 'bibliography/great-leap-forward.json';

interface BadInput {
  readonly name: string;
  readonly breakIt: (sandbox: Sandbox) => void;
  /** Lines the report must contain, exactly. */
  readonly expected: readonly (string | RegExp)[];
}

const cases: readonly BadInput[] = [
  {
    name: 'an unknown citation key',
    breakIt: (s) => s.edit(`${ESSAY}/03-politics.md`, 'As @zhu2012 suggests', 'As @zhu2021 suggests'),
    expected: [
      `${ESSAY}/03-politics.md:9:4  error  Unknown citation key "@zhu2021": no entry of the essay's bibliography has that id.  [citation/unknown-key]`,
      '    Did you mean zhu2012?',
    ],
  },
  {
    name: 'several unknown keys, all reported in one run',
    breakIt: (s) => {
      s.edit(`${ESSAY}/01-introduction.md`, 'according to @yang2008,', 'according to @yang2009,');
      s.edit(`${ESSAY}/04-institutions.md`, 'According to @bachman1991, the GLF', 'According to @bachmann1991, the GLF');
    },
    expected: [
      /content\/great-leap-forward\/01-introduction\.md:5:406 {2}error {2}Unknown citation key "@yang2009"/,
      /Did you mean yang2008\?/,
      /content\/great-leap-forward\/04-institutions\.md:8:24 {2}error {2}Unknown citation key "@bachmann1991"/,
      /Did you mean bachman1991\?/,
    ],
  },
  {
    name: 'a note call without a definition',
    breakIt: (s) => s.edit(`${ESSAY}/04-institutions.md`, '[^trade]: According to', 'According to'),
    expected: [/content\/great-leap-forward\/04-institutions\.md:6:2232 {2}error {2}The note \[\^trade\] has no definition\. {2}\[note\/undefined\]/, /Add a line "\[\^trade\]: the note's text"/],
  },
  {
    name: 'a malformed bibliography',
    breakIt: (s) => s.edit(BIB, '"publisher": "MIT Press",', '"publisher": "MIT Press"'),
    expected: [/bibliography\/great-leap-forward\.json:50:5 {2}error {2}The bibliography is not valid JSON/, /Fix the JSON syntax at that place/, /\(1 error, 0 warnings\)/],
  },
  {
    name: 'a bibliography file that does not exist',
    breakIt: (s) => s.edit(`${ESSAY}/index.md`, 'bibliography: great-leap-forward.json', 'bibliography: great-leap-foward.json'),
    expected: [/content\/great-leap-forward\/index\.md:11:1 {2}error {2}The bibliography "great-leap-foward\.json" does not exist/, /Did you mean great-leap-forward\.json\?/],
  },
];

describe.each(cases)('the build with $name', ({ breakIt, expected }) => {
  let sandbox: Sandbox;
  let result: { status: number | null; output: string };
  let sourcesBefore: string;

  beforeAll(() => {
    sandbox = createSandbox();
    breakIt(sandbox);
    // A previously published site, which the failed build must leave alone.
    mkdirSync(join(sandbox.dir, 'dist'), { recursive: true });
    sandbox.write('dist/index.html', '<p>the previous good site</p>');
    sourcesBefore = sandbox.digest('content', 'bibliography');
    result = sandbox.run('npm', ['run', 'build']);
  });
  afterAll(() => sandbox.remove());

  it('fails with a non-zero exit', () => {
    expect(result.status).not.toBe(0);
  });

  it('names the file, the line and the fix', () => {
    for (const line of expected) {
      if (typeof line === 'string') expect(result.output.split('\n')).toContain(line);
      else expect(result.output).toMatch(line);
    }
    expect(result.output).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m); // no stack trace
  });

  it('leaves the previous dist/ and the sources as they were', () => {
    expect(sandbox.read('dist/index.html')).toBe('<p>the previous good site</p>');
    expect(sandbox.digest('content', 'bibliography')).toBe(sourcesBefore);
  });
});

describe('plain `astro build`, without our wrapper', () => {
  it('also fails on an unknown key (Astro alone would exit 0)', () => {
    const sandbox = createSandbox();
    try {
      sandbox.edit(`${ESSAY}/05-conclusion.md`, 'In the late 1950s, China', 'In the late 1950s [@nobody2000], China');
      const result = sandbox.run('npx', ['astro', 'build']);
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/05-conclusion\.md:5:20 {2}error {2}Unknown citation key "@nobody2000"/);
    } finally {
      sandbox.remove();
    }
  });
});
