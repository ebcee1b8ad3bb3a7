/**
 * What the sanitizer will remove, the editor hears of, by the same policy (lib/url-policy.ts); and the
 * images the pass hands to Astro's image pipeline (render/rehype-astro-images.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element, Properties, Root } from 'hast';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { checkEssayMarkdown } from '../../src/checks/check-markdown.ts';
import { locatorTermsFromLocale } from '../../src/markdown/citation-locator.ts';
import rehypeAstroImages from '../../src/render/rehype-astro-images.ts';
import { assembleEssay } from '../../src/sources/assemble.ts';
import { ROOT } from '../support/project.ts';

const terms = locatorTermsFromLocale(readFileSync(join(ROOT, 'bibliography/locales/locales-en-US.xml'), 'utf8'));
const unsafe = (body: string) =>
  checkEssayMarkdown(assembleEssay(undefined, [{ file: 'content/e/01.md', slug: 's', title: 'S', titleLine: 2, body, bodyLine: 4 }]), new Set(), terms)
    .diagnostics.filter((d) => d.rule === 'content/unsafe-html')
    .map((d) => d.message);

describe('raw HTML with an address the page may not hold', () => {
  it('is reported however the attribute is quoted, with the scheme the sanitizer removes', () => {
    expect(unsafe('<a href="javascript:alert(1)">x</a>\n')).toEqual([expect.stringContaining('a javascript: or data: address')]);
    expect(unsafe("<a href='file:///etc/passwd'>x</a>\n")).toEqual([expect.stringContaining('a file: address')]);
    expect(unsafe('<img src=vbscript:x alt="">\n')).toEqual([expect.stringContaining('a vbscript: address')]);
    // A colon written as a character reference is still a scheme to a browser.
    expect(unsafe('<a href="javascript&#x3a;alert(1)">x</a>\n')).toEqual([expect.stringContaining('javascript:')]);
  });

  it('is not reported for web, mail and relative addresses', () => {
    expect(unsafe('<a href="https://example.org">x</a> <a href=\'mailto:a@b.org\'>m</a> <a href=data.csv>d</a>\n')).toEqual([]);
  });
});

describe('rehypeAstroImages', () => {
  const img = (properties: Properties): Element => ({ type: 'element', tagName: 'img', properties, children: [] });
  const run = (tree: Root, files: string[]) => {
    const into: string[] = [];
    rehypeAstroImages({ imagesOf: () => ({ folder: { path: 'content/e', files: new Set(files) }, into }) })(tree, new VFile());
    return into;
  };

  it('hands each image file of the essay to Astro, numbering the uses of one file, with the size in pixels the writer gave', () => {
    const tree: Root = {
      type: 'root',
      children: [
        img({ src: 'map.png', alt: 'A map', width: '420' }),
        img({ src: './map.png', alt: 'Again', width: '50%' }),
        img({ src: 'chart', alt: 'No extension' }),
        img({ src: 'figure.pdf', alt: 'A PDF' }),
        img({ src: 'https://example.org/x.png', alt: 'Remote' }),
        img({ src: 'missing.png', alt: 'Missing' }),
      ],
    };
    expect(run(tree, ['map.png', 'chart.svg', 'figure.pdf'])).toEqual(['./map.png', './chart.svg']);
    const [first, second, third, pdf, remote, missing] = tree.children as Element[];
    expect(JSON.parse(String(first!.properties['__ASTRO_IMAGE_']))).toEqual({ src: './map.png', index: 0, width: '420' });
    expect(first!.properties).toMatchObject({ alt: 'A map' });
    expect(first!.properties['src']).toBeUndefined();
    // A size that is not in pixels stays the writer's attribute.
    expect(JSON.parse(String(second!.properties['__ASTRO_IMAGE_']))).toEqual({ src: './map.png', index: 1 });
    expect(second!.properties['width']).toBe('50%');
    expect(JSON.parse(String(third!.properties['__ASTRO_IMAGE_']))).toEqual({ src: './chart.svg', index: 0 });
    for (const kept of [pdf, remote, missing]) expect(kept!.properties['__ASTRO_IMAGE_']).toBeUndefined();
    expect(pdf!.properties['src']).toBe('figure.pdf');
  });

  it('leaves the tree as it is when the essay has no folder to find files in', () => {
    const tree: Root = { type: 'root', children: [img({ src: 'map.png', alt: '' })] };
    rehypeAstroImages({ imagesOf: () => undefined })(tree, new VFile());
    expect((tree.children[0] as Element).properties['src']).toBe('map.png');
  });
});
