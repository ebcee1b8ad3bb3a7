/**
 * Hostile data renders as text, everywhere a build writes it: bibliography titles and names holding
 * <script> or <img onerror>, notes holding markup, and URL and DOI fields holding javascript: URLs.
 * Checked on the built pages, the head's metadata, the downloads and the search index.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordTables } from '../../src/search/landing.ts';
import { loadPage } from '../support/html.ts';
import { createSandbox, type Sandbox } from '../support/sandbox.ts';

const SCRIPT = '<script>alert("title")</script>';
const IMG = '<img src=x onerror=alert("name")>';
let sandbox: Sandbox;
let output = '';

beforeAll(async () => {
  sandbox = createSandbox();
  const bibliography = JSON.parse(sandbox.read('bibliography/great-leap-forward.json')) as Record<string, unknown>[];
  bibliography.push(
    { id: 'evil1', type: 'article-journal', title: `${SCRIPT} and <b onclick="x()">bold</b>`, author: [{ family: IMG, given: 'Eve' }], 'container-title': '<iframe src="https://evil.example">', issued: { 'date-parts': [[2020]] }, URL: 'javascript:alert("url")' },
    { id: 'evil2', type: 'book', title: 'Plain title', author: [{ family: 'Mallory', given: 'M.' }], publisher: 'Press', issued: { 'date-parts': [[2021]] }, DOI: 'javascript:alert("doi")' },
  );
  sandbox.write('bibliography/great-leap-forward.json', JSON.stringify(bibliography, null, 2));
  sandbox.edit(
    'content/great-leap-forward/05-conclusion.md',
    'In the late 1950s, China',
    'In the late 1950s [@evil1; @evil2],[^evil] China',
  );
  sandbox.write(
    'content/great-leap-forward/05-conclusion.md',
    `${sandbox.read('content/great-leap-forward/05-conclusion.md')}\n[^evil]: A note <script>alert("note")</script> with <img src="x" onerror="alert('note')"> and [a link](javascript:alert('link')).\n`,
  );
  const built = await sandbox.runAsync('node_modules/.bin/node', ['src/cli/build.ts']);
  output = built.output;
  expect(built.status, built.output).toBe(0);
}, 180_000);
afterAll(() => sandbox?.remove());

describe('hostile data', () => {
  it('is printed as text on the page, never as markup, and no javascript: URL becomes a link', () => {
    const page = loadPage(join(sandbox.dir, 'dist/great-leap-forward/index.html'));
    const scripts = page.querySelectorAll('script');
    // Only the site's own: external modules, the theme script, and the JSON-LD data block.
    for (const script of scripts) expect(script.getAttribute('src') ?? script.getAttribute('type')).toMatch(/^(\/_astro\/|\/theme-init\.js$|module$|application\/ld\+json$)/);
    expect(scripts.filter((s) => !s.getAttribute('src') && s.getAttribute('type') !== 'application/ld+json').every((s) => s.text.trim() === '')).toBe(true);
    for (const element of page.querySelectorAll('*')) {
      // The note's <img> stays an image, without its handler; nothing frames another page.
      expect(['iframe', 'object', 'embed']).not.toContain(element.tagName.toLowerCase());
      for (const [name, value] of Object.entries(element.attributes)) {
        expect(name).not.toMatch(/^on/i);
        expect(value).not.toMatch(/^\s*javascript:/i);
      }
    }
    const entry = page.querySelector('#bib-evil1')!.text;
    expect(entry).toContain('<script>alert(“title”)</script>');
    expect(entry).toContain('<img src=x onerror=alert(“name”)>');
    expect(page.querySelector('#bib-evil2')!.text).toContain('Mallory');
    expect(page.querySelector('#fn-evil')!.text.trim()).toMatch(/^A note\s+with\s+and a link\./);
    // The editor is told what was left out of the note, with its place.
    expect(output).toMatch(/content\/great-leap-forward\/05-conclusion\.md:\d+:\d+ {2}warning {2}This HTML holds a <script> element.*\[content\/unsafe-html\]/);
  });

  it('stays data in the head: metadata attributes and JSON-LD that cannot end their script', () => {
    const page = loadPage(join(sandbox.dir, 'dist/great-leap-forward/index.html'));
    // The head holds only what the template puts there: the data's markup stays inside attribute values.
    expect(new Set(page.querySelector('head')!.childNodes.filter((n) => n.nodeType === 1).map((n) => (n as unknown as { tagName: string }).tagName.toLowerCase()))).toEqual(
      new Set(['meta', 'title', 'link', 'script']),
    );
    const data = JSON.parse(page.querySelector('script[type="application/ld+json"]')!.text) as { citation: { name: string }[] };
    expect(data.citation.map((c) => c.name)).toContain(`${SCRIPT} and <b onclick="x()">bold</b>`);
    expect(page.querySelectorAll('meta[name="citation_reference"]').some((m) => (m.getAttribute('content') ?? '').includes(SCRIPT))).toBe(true);
  });

  it('stays text in the downloads', () => {
    const json = JSON.parse(readFileSync(join(sandbox.dir, 'dist/great-leap-forward/references.json'), 'utf8')) as { id: string; title: string }[];
    expect(json.find((e) => e.id === 'evil1')?.title).toBe(`${SCRIPT} and <b onclick="x()">bold</b>`);
    expect(readFileSync(join(sandbox.dir, 'dist/works/great-leap-forward/evil1.ris'), 'utf8')).toContain(`TI  - ${SCRIPT}`);
  });

  it('is text in the search index, which the search page prints escaped', () => {
    const dir = join(sandbox.dir, 'dist/pagefind/fragment');
    const fragments = readdirSync(dir).map((name) => JSON.parse(gunzipSync(readFileSync(join(dir, name))).toString('utf8').replace(/^pagefind_dcd/, '')) as { url: string; content: string; meta: Record<string, string> });
    // One record per essay: each passage's words are found by the record's table (search/records.ts).
    const passageText = (anchor: string) => {
      const record = fragments.find((f) => recordTables(f.meta)?.passages.some((row) => row[1] === anchor))!;
      const rows = recordTables(record.meta)!.passages;
      const at = rows.findIndex((row) => row[1] === anchor);
      return record.content.split(/[\r\n\s]+/g).slice(rows[at]![0], rows[at + 1]?.[0]).join(' ');
    };
    // Quotes curled by the style; the markup is the text of the entry.
    expect(passageText('bib-evil1')).toMatch(/<script>alert\(“title”\)<\/script> and <b onclick="x\(\)">bold<\/b>/);
    expect(passageText('fn-evil')).not.toMatch(/alert|<img/);
  });
});
