/**
 * Rendering on worker threads (src/render/render-pool.ts, prerender.ts) must give, byte for byte,
 * what rendering on the build's own thread gives, whichever thread takes which essay.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeCorpus } from '../../bench/corpus.ts';
import { startPrerendering } from '../../src/render/prerender.ts';
import { RenderPool, type PoolTask } from '../../src/render/render-pool.ts';
import { sameObjects, type SeenWorks } from '../../src/render/render-tasks.ts';
import { renderEssay, renderFromInput, renderInput } from '../../src/render/render.ts';
import { checkSite, newestFirst, type CheckedSite } from '../../src/pipeline/checked-site.ts';
import { authorLine } from '../../src/lib/format.ts';
import { essayPassages } from '../../src/search/passages.ts';
import { escapeHtml } from '../../src/search/landing.ts';
import { worksCited } from '../../src/publishing/works-cited.ts';
import { siteConfigSchema } from '../../src/schemas/site-config.ts';
import { projectPaths, type ProjectPaths } from '../../src/sources/paths.ts';
import { ROOT } from '../support/project.ts';

const WORKER = join(ROOT, 'src/render/render-worker.mjs');
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
  writeCorpus(dir, 24, 7, 150);
  paths = projectPaths(dir);
  const all = checkSite(paths, config, { includeDrafts: false });
  expect(all.essays).toHaveLength(24);
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
          site.essays.map(
            (essay) =>
              pool.submit({
                kind: 'essay',
                input: renderInput(essay, { base: '/j/' }),
              }).result,
          ),
        );
        for (const [i, essay] of site.essays.entries()) {
          const here = await renderEssay(essay, { base: '/j/' });
          expect(onWorkers[i]!.html).toBe(here.html);
          expect(onWorkers[i]!.sections).toEqual(here.sections);
          expect(onWorkers[i]!.citingPlaces).toEqual(here.citingPlaces);
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
        const missing = [...input.entries.keys()][0]!;
        const entries = new Map(input.entries);
        entries.delete(missing);
        await expect(pool.submit({ kind: 'essay', input: { ...input, entries } }).result).rejects.toThrow(`No bibliography entry "${missing}"`);
        // The worker carries on with the next task.
        await expect(pool.submit({ kind: 'essay', input }).result).resolves.toMatchObject({
          html: expect.stringContaining('doc-biblioref'),
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
        taken!.resolve({ html: 'taken back', sections: [], citingPlaces: new Map() });
        await expect(jobs[4]!.result).resolves.toMatchObject({ html: 'taken back' });
        const last = pool.takeLast();
        expect(markdownOf(last?.task)).toBe(site.essays[5]!.assembled.markdown);
        last!.resolve({
          html: 'done here',
          sections: [],
          citingPlaces: new Map(),
        });
        await expect(jobs[5]!.result).resolves.toMatchObject({
          html: 'done here',
        });
        expect(markdownOf(pool.takeLast()?.task)).toBe(site.essays[3]!.assembled.markdown);
        expect(pool.takeLast()).toBeUndefined();
        await Promise.all(jobs.slice(0, 3).map((job) => job.result));
      }),
    60_000,
  );
});

describe('citeproc engines kept between essays', () => {
  test('format each essay as a new engine would: nothing of the essays before it stays ("P. Roberts" for one Roberts)', async () => {
    const inputs = everyEssay.map((essay) => renderInput(essay));
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

describe('prerendering a build', () => {
  test('gives the pages the essays and the Works cited list that this thread would make', async () => {
    const prerendered = startPrerendering(site, paths, config, '/', WORKER, 2)!;
    expect(prerendered).toBeDefined();
    const places = new Map<string, ReadonlyMap<string, readonly unknown[]>>();
    for (const essay of site.essays) {
      const shared = await prerendered.essay(essay.slug)!;
      const here = await renderEssay(essay, { base: '/' });
      expect(shared.html).toBe(here.html);
      // Search passages come from the render's tree, and are those of the page that will hold it.
      const header = `<header class="essay-header"><h1>${escapeHtml(essay.frontmatter.title)}</h1><p><span class="authors">${escapeHtml(authorLine(essay.frontmatter.authors))}</span></p></header>`;
      expect(await prerendered.searchPage(essay.slug)).toEqual(essayPassages(`<article>${header}<div class="essay-body">${here.html}</div></article>`));
      places.set(essay.slug, here.citingPlaces);
    }
    const list = await prerendered.worksCited();
    // As the page makes it on one thread: essays newest first, under each work too.
    expect(list).toEqual(
      worksCited(newestFirst(site.essays), places as never, paths, {
        name: config.defaultStyle,
        locale: config.defaultLocale,
      }),
    );
    expect(list.length).toBeGreaterThan(60);
    expect(list.some((work) => work.citedIn.length > 1)).toBe(true);
  }, 60_000);

  test('is left to the pages when there is one thread', () => {
    expect(startPrerendering(site, paths, config, '/', WORKER, 1)).toBeUndefined();
  });
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
