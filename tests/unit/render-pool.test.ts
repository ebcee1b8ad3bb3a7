/**
 * Rendering on worker threads (src/render/render-pool.ts, pipeline/site-pass.ts) must give, byte for byte,
 * what rendering on the build's own thread gives, whichever thread takes which essay.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeCorpus } from '../../bench/corpus.ts';
import { passSite } from '../../src/pipeline/site-pass.ts';
import { RenderPool, type PoolTask } from '../../src/render/render-pool.ts';
import { sameObjects, type SeenWorks } from '../../src/render/render-tasks.ts';
import { renderEssay, renderFromInput } from '../support/render-essay.ts';
import { renderInput } from '../../src/render/render-input.ts';
import { checkSite, newestFirst, type CheckedSite } from '../../src/checks/checked-site.ts';
import { authorLine } from '../../src/publishing/format.ts';
import { essayPassages } from '../../src/search/passages.ts';
import { escapeHtml } from '../../src/search/landing.ts';
import { worksCited } from '../../src/publishing/works-cited.ts';
import { siteConfigSchema } from '../../src/schemas/site-config.ts';
import { projectPaths, type ProjectPaths } from '../../src/sources/paths.ts';
import { ROOT } from '../support/project.ts';

const WORKER = join(ROOT, 'src/render/render-worker.ts');
const config = siteConfigSchema.parse({
  title: 'Test',
  defaultStyle: 'apa-6th-edition',
  defaultLocale: 'en-US',
});
let dir: string;
let paths: ProjectPaths;
let site: CheckedSite;
let everyEssay: CheckedSite['essays'];

beforeAll(() => {
  // Essays of the benchmark's corpus, citing one shared bibliography, so that works and names recur.
  dir = mkdtempSync(join(tmpdir(), 'apparatus-pool-'));
  for (const name of ['styles', 'locales'])
    cpSync(join(ROOT, 'bibliography', name), join(dir, 'bibliography', name), {
      recursive: true,
    });
  writeCorpus(dir, 14, 7, 150);
  paths = projectPaths(dir);
  const all = checkSite(paths, config, { includeDrafts: false });
  expect(all.essays).toHaveLength(14);
  everyEssay = all.essays;
  site = { ...all, essays: all.essays.slice(0, 6) };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withPool(size: number, use: (pool: RenderPool) => Promise<void>): Promise<void> {
  const pool = new RenderPool(WORKER, size);
  try {
    await use(pool);
  } finally {
    await pool.close();
  }
}

describe('the render pool', () => {
  test(
    'renders each essay on a worker exactly as this thread does',
    () =>
      withPool(2, async (pool) => {
        const onWorkers = await Promise.all(
          site.essays.slice(0, 4).map(
            (essay) =>
              pool.submit({
                kind: 'essay',
                input: renderInput(essay, { base: '/j/' }),
              }).result,
          ),
        );
        for (const [i, essay] of site.essays.slice(0, 4).entries()) {
          const here = await renderEssay(essay, { base: '/j/' });
          const there = onWorkers[i]!.rendered!;
          expect(there.html).toBe(here.html);
          expect(there.sections).toEqual(here.sections);
          expect(there.citingPlaces).toEqual(here.citingPlaces);
          // The check made in the same pass, with the places the editor wrote.
          expect(onWorkers[i]!.check.citations).toEqual(essay.citations);
          expect(here.citingPlaces.size).toBeGreaterThan(10);
        }
      }),
    60_000,
  );

  test(
    "brings a worker's error back with its message",
    () =>
      withPool(1, async (pool) => {
        const input = renderInput(site.essays[0]!);
        const broken = { ...input, style: { ...input.style, xml: '<style' } };
        await expect(pool.submit({ kind: 'essay', input: broken }).result).rejects.toThrow(/./);
        // The worker carries on with the next task.
        await expect(pool.submit({ kind: 'essay', input }).result).resolves.toMatchObject({
          rendered: { html: expect.stringContaining('doc-biblioref') },
        });
      }),
    60_000,
  );

  test(
    'gives back a task no worker has started, once, and the last one first',
    () =>
      withPool(1, async (pool) => {
        const jobs = site.essays.map((essay) => pool.submit({ kind: 'essay', input: renderInput(essay) }));
        // The one worker holds the first three; the rest wait.
        const markdownOf = (task: PoolTask | undefined) => (task?.kind === 'essay' ? task.input.markdown : undefined);
        expect(jobs[0]!.take()).toBeUndefined();
        const taken = jobs[4]!.take();
        expect(markdownOf(taken?.task)).toBe(site.essays[4]!.assembled.markdown);
        expect(jobs[4]!.take()).toBeUndefined();
        // Whoever takes a task back settles its job.
        taken!.resolve({ html: 'taken back', sections: [], figures: [], citingPlaces: new Map() });
        await expect(jobs[4]!.result).resolves.toMatchObject({ html: 'taken back' } as never);
        const last = pool.takeLast();
        expect(markdownOf(last?.task)).toBe(site.essays[5]!.assembled.markdown);
        last!.resolve({
          html: 'done here',
          sections: [],
          citingPlaces: new Map(),
        });
        await expect(jobs[5]!.result).resolves.toMatchObject({
          html: 'done here',
        } as never);
        expect(markdownOf(pool.takeLast()?.task)).toBe(site.essays[3]!.assembled.markdown);
        expect(pool.takeLast()).toBeUndefined();
        await Promise.all(jobs.slice(0, 3).map((job) => job.result));
      }),
    60_000,
  );
});

describe('citeproc engines kept between essays', () => {
  test('format each essay as a new engine would: nothing of the essays before it stays ("P. Roberts" for one Roberts)', async () => {
    const inputs = everyEssay.slice(0, 8).map((essay) => renderInput(essay));
    const inTurn: string[] = [];
    for (const input of inputs) inTurn.push((await renderFromInput(input)).html);
    // Copied entries are new objects: the engine cache takes them for new works and makes a new engine.
    for (const [i, input] of inputs.entries())
      expect(inTurn[i]).toBe(
        (
          await renderFromInput({
            ...input,
            entries: structuredClone(input.entries),
          })
        ).html,
      );
  }, 120_000);
});

describe("a build's one pass over the site", () => {
  // A smaller corpus of its own: the pass renders every essay of a project.
  let small: string;
  let smallPaths: ProjectPaths;
  let smallEssays: CheckedSite['essays'];
  beforeAll(() => {
    small = mkdtempSync(join(tmpdir(), 'apparatus-pass-'));
    for (const name of ['styles', 'locales']) cpSync(join(ROOT, 'bibliography', name), join(small, 'bibliography', name), { recursive: true });
    writeCorpus(small, 5, 7, 150);
    smallPaths = projectPaths(small);
    smallEssays = checkSite(smallPaths, config, { includeDrafts: false }).essays;
  });
  afterAll(() => rmSync(small, { recursive: true, force: true }));

  test('checks as the check alone does, and gives the pages the essays and the Works cited list that this thread would make', async () => {
    const { site: passed, prerendered } = await passSite(smallPaths, config, { includeDrafts: false, base: '/', workerFile: WORKER, threads: 2 });
    expect(prerendered).toBeDefined();
    // The same essays, citations, links and diagnostics as checking without rendering.
    expect(passed.diagnostics).toEqual(checkSite(smallPaths, config, { includeDrafts: false }).diagnostics);
    const bySlug = new Map(passed.essays.map((essay) => [essay.slug, essay]));
    for (const essay of smallEssays) {
      expect(bySlug.get(essay.slug)!.citations).toEqual(essay.citations);
      expect(bySlug.get(essay.slug)!.links).toEqual(essay.links);
    }
    const places = new Map<string, ReadonlyMap<string, readonly unknown[]>>();
    for (const essay of smallEssays) {
      const shared = await prerendered!.essay(essay.slug)!;
      const here = await renderEssay(essay, { base: '/' });
      expect(shared.html).toBe(here.html);
      // Search passages come from the render's tree, and are those of the page that will hold it.
      const header = `<header class="essay-header"><h1>${escapeHtml(essay.frontmatter.title)}</h1><p><span class="authors">${escapeHtml(authorLine(essay.frontmatter.authors))}</span></p></header>`;
      expect(await prerendered!.searchPage(essay.slug)).toEqual(essayPassages(`<article>${header}<div class="essay-body">${here.html}</div></article>`));
      places.set(essay.slug, here.citingPlaces);
    }
    // Each essay is handed out twice (its page, its search record), then let go.
    expect(prerendered!.essay(smallEssays[0]!.slug)).toBeUndefined();
    const list = await prerendered!.worksCited();
    // As the page makes it on one thread: essays newest first, under each work too.
    expect(list).toEqual(
      worksCited(newestFirst(smallEssays), places as never, smallPaths, {
        name: config.defaultStyle,
        locale: config.defaultLocale,
      }),
    );
    expect(list.length).toBe(new Set(smallEssays.flatMap((essay) => essay.citations.map((c) => c.key))).size);
    expect(list.some((work) => work.citedIn.length > 1)).toBe(true);
  }, 120_000);

  test('stops at the checks, with every error of every essay, and renders no page', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'apparatus-pass-'));
    try {
      cpSync(small, broken, { recursive: true });
      const first = newestFirst(smallEssays)[0]!;
      const last = newestFirst(smallEssays).at(-1)!;
      for (const essay of [first, last]) {
        const file = join(broken, essay.assembled.sections[0]!.file);
        writeFileSync(file, `${readFileSync(file, 'utf8')}\nAs @nobody2020 says[^gone].\n`);
      }
      const { site: passed, prerendered } = await passSite(projectPaths(broken), config, { includeDrafts: false, base: '/', workerFile: WORKER, threads: 2 });
      expect(prerendered).toBeUndefined();
      const errors = passed.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => [d.file, d.rule])).toEqual(
        expect.arrayContaining([
          [first.assembled.sections[0]!.file, 'citation/unknown-key'],
          [first.assembled.sections[0]!.file, 'note/undefined'],
          [last.assembled.sections[0]!.file, 'citation/unknown-key'],
          [last.assembled.sections[0]!.file, 'note/undefined'],
        ]),
      );
      expect(errors).toHaveLength(4);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  }, 120_000);

  test('on one thread, gives what the pool gives', async () => {
    const one = await passSite(smallPaths, config, { includeDrafts: false, base: '/', workerFile: WORKER, threads: 1 });
    const essay = newestFirst(smallEssays)[3]!;
    expect((await one.prerendered!.essay(essay.slug))!.html).toBe((await renderEssay(essay, { base: '/' })).html);
    expect(one.site.diagnostics).toEqual(checkSite(smallPaths, config, { includeDrafts: false }).diagnostics);
  }, 120_000);
});

describe('sameObjects', () => {
  test("keeps a work's object while the work is unchanged, and takes the new one when it changes", () => {
    const seen: SeenWorks = new Map();
    const first = { id: 'a', type: 'book', title: 'One' } as const;
    expect(sameObjects(new Map([['a', first]]), seen).get('a')).toBe(first);
    expect(sameObjects(new Map([['a', { ...first }]]), seen).get('a')).toBe(first);
    const changed = { ...first, title: 'Two' };
    expect(sameObjects(new Map([['a', changed]]), seen).get('a')).toBe(changed);
  });
});
