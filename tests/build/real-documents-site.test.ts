/**
 * Every real document of tests/fixtures/real-papers/ published as an essay of one site by the real
 * `npm run build`, as an editor would publish it (tests/support/real-documents.ts places each: the
 * command line's metadata in `_metadata.yml`, a date or title where the README asks for one, and
 * the changes an error asked for where the document stops on a defect of its own). The site is then
 * checked as a reader meets it: every page built, every internal link, anchor, image and contents
 * entry leading somewhere, valid HTML, no citation syntax left as text, and the files a document
 * links to in its folder published beside it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPage } from '../support/html.ts';
import { editorFixes } from '../support/real-document-errors.ts';
import { buildRealDocument, placeRealDocument, realDocuments } from '../support/real-documents.ts';
import { createSandbox, type Sandbox } from '../support/sandbox.ts';

const documents = realDocuments();

describe('the real documents, built as one site', () => {
  let sandbox: Sandbox;
  const slugs = new Map<string, string>();
  let status: number | null;
  let output: string;

  beforeAll(async () => {
    sandbox = createSandbox();
    for (const document of documents) {
      const edit = editorFixes(document.name);
      // What the README asks of the document (a date, a title), learnt from a build of it alone.
      const alone = await buildRealDocument(document, edit ? { edit } : {});
      const placed = placeRealDocument(document, join(sandbox.dir, 'content'), edit ? { edit } : {});
      placed.writeMetadata(alone.added as Record<string, unknown>);
      slugs.set(document.name, placed.essayName);
    }
    ({ status, output } = await sandbox.runAsync('node_modules/.bin/node', ['src/cli/build.ts']));
  }, 600_000);

  // KEEP_SANDBOX=1 keeps the site for a look (its folder is printed).
  afterAll(() => (process.env['KEEP_SANDBOX'] ? console.log(`The site: ${sandbox.dir}`) : sandbox?.remove()));

  it('builds, with warnings only', () => {
    expect(output).not.toMatch(/\berror\b.*\[[a-z-]+\/[a-z-]+\]/);
    expect(status, output).toBe(0);
  });

  it('gives every document its page, with no citation syntax left as text', () => {
    for (const [name, slug] of slugs) {
      const file = join(sandbox.dir, 'dist', slug, 'index.html');
      expect(existsSync(file), name).toBe(true);
      const body = loadPage(file).querySelector('.essay-body')!;
      for (const code of body.querySelectorAll('code, pre, math, script')) code.remove();
      expect(body.textContent, name).not.toMatch(/\[-?@[\w{]|\^\[/);
    }
  });

  it('has no broken internal link, anchor, image or contents entry anywhere', () => {
    const result = sandbox.run('node_modules/.bin/node', ['src/cli/check-links.ts']);
    expect(result.output).toMatch(/ 0 broken;/);
    expect(result.status, result.output).toBe(0);
  });

  it('publishes the files a document links to in its own folder', () => {
    const slug = slugs.get('quarto-heiss-ipums-cps')!;
    expect(existsSync(join(sandbox.dir, 'dist', slug, 'synthetic_data.csv'))).toBe(true);
    expect(loadPage(join(sandbox.dir, 'dist', slug, 'index.html')).querySelector(`a[href="/${slug}/synthetic_data.csv"]`)).not.toBeNull();
  });

  it('gives pages the Nu HTML Checker finds no error in', () => {
    const pages = [...slugs.values()].map((slug) => join(sandbox.dir, 'dist', slug, 'index.html'));
    const result = spawnSync('java', ['-jar', createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar'), '--errors-only', '--format', 'gnu', ...pages], { encoding: 'utf8' });
    if (result.error) throw new Error(`The Nu HTML Checker needs Java (apt-get install -y default-jre-headless): ${result.error.message}`);
    expect(result.stderr.trim().split('\n').filter(Boolean)).toEqual([]);
  });
});
