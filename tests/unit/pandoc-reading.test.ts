/**
 * Issue 22: what real documents showed Pandoc reads otherwise than CommonMark, each with the
 * output of Debian's Pandoc 2.17 for the same input (`pandoc -f markdown -t html`) as the expected
 * text: block starts that need a blank line, superscripts and subscripts, single quotes, YAML
 * Pandoc takes, pandoc-scholar's CiTO annotations, and citations inside raw HTML blocks.
 */
import { describe, expect, it } from 'vitest';
import { bodyLineOffset, buildEssay, errorsOf, warningsOf } from '../support/build-essay.ts';

const texts = (doc: NonNullable<Awaited<ReturnType<typeof buildEssay>>['doc']>, selector: string) =>
  doc.querySelectorAll(selector).map((e) => e.textContent.replace(/\s+/g, ' ').trim());

describe('what needs a blank line before it', () => {
  it('continues a paragraph over lines that start like a list item, a quote, a heading or a rule', async () => {
    const { doc } = await buildEssay('Para text\n- not an item\n> not a quote\n# not a heading\n* * *\n');
    // Pandoc: <p>Para text - not an item &gt; not a quote # not a heading * * *</p>
    expect(texts(doc!, 'p[id]')).toEqual(['Para text - not an item > not a quote # not a heading * * *']);
    expect(doc!.querySelectorAll('ul, blockquote, h1, hr')).toHaveLength(0);
  });

  it('keeps a formula whole when one of its lines starts with "- "', async () => {
    const { diagnostics, doc } = await buildEssay('$$F = \\frac{1}{2} \\sum_{i} s_{i}\n- (1-f)\\exp(-b)$$\n');
    expect(errorsOf(diagnostics)).toEqual([]);
    expect(doc!.querySelectorAll('ul')).toHaveLength(0);
    expect(doc!.querySelector('annotation')?.textContent).toBe('F = \\frac{1}{2} \\sum_{i} s_{i}\n- (1-f)\\exp(-b)');
  });

  it('still nests a list in a list item and starts a list\'s next item on the next line', async () => {
    const { doc } = await buildEssay('- item one\n    - nested\n- item two\n');
    expect(texts(doc!, 'ul > li > ul > li')).toEqual(['nested']);
    expect(doc!.querySelectorAll('ul')[0]!.childNodes.filter((n) => (n as unknown as { tagName?: string }).tagName === 'LI')).toHaveLength(2);
  });

  it('makes a setext heading of one line only', async () => {
    const { doc } = await buildEssay('One\nTwo\n===\n\nThree\n=====\n');
    // Pandoc: <p>One Two ===</p> <h1>Three</h1>
    expect(texts(doc!, 'p[id]')).toEqual(['One Two ===']);
    expect(texts(doc!, 'h2, h1').some((t) => t.startsWith('Three'))).toBe(true);
  });
});

describe('superscripts and subscripts', () => {
  it('reads ^…^ and ~…~, with an escaped space inside, and leaves ~~…~~ strikethrough', async () => {
    const { doc } = await buildEssay('An 2^10^ and H~2~O, x^a\\ b^, $k$^th^, and ~~gone~~.\n');
    // Pandoc: An 2<sup>10</sup> and H<sub>2</sub>O, x<sup>a b</sup>, and <del>gone</del>.
    // The escaped space is a no-break space, as in Pandoc.
    expect(doc!.querySelectorAll('sup').map((e) => e.textContent)).toEqual(['10', 'a\u00a0b', 'th']);
    expect(texts(doc!, 'sub')).toEqual(['2']);
    expect(texts(doc!, 'del')).toEqual(['gone']);
  });

  it('leaves a caret or tilde with a space after it as text', async () => {
    const { doc } = await buildEssay('x^2 + y^2 and ~50 people ~ roughly.\n');
    expect(doc!.querySelectorAll('sup, sub')).toHaveLength(0);
    expect(texts(doc!, 'p[id]')).toEqual(['x^2 + y^2 and ~50 people ~ roughly.']);
  });
});

describe('single quotes', () => {
  it('pairs them as Pandoc does', async () => {
    const body = "The '90s were loud.\n\n[The TEI](https://tei-c.org)'s guidelines.\n\nAn '@' sign.\n\nInterpreted ``pure'' Python.\n\nRock 'n' roll and 'quoted' words.\n";
    const { doc } = await buildEssay(body);
    expect(texts(doc!, 'p[id]')).toEqual(['The ’90s were loud.', 'The TEI’s guidelines.', 'An ‘@’ sign.', 'Interpreted ``pure’’ Python.', 'Rock ‘n’ roll and ‘quoted’ words.']);
  });
});

describe('YAML Pandoc reads', () => {
  it('reads a file that starts with a byte-order mark', async () => {
    const { diagnostics, doc } = await buildEssay('Text.\n', { byteOrderMark: true, frontmatter: 'subtitle: S\n' });
    expect(errorsOf(diagnostics)).toEqual([]);
    expect(texts(doc!, 'p[id]')).toEqual(['Text.']);
  });

  it('reads a quoted value whose next lines start at the margin, and keeps every line where it was', async () => {
    const frontmatter = 'reproduction:\n  - "Hoy, A.R. (2014).\nOptimization of a model.\n"\nkeywords: [a, b]\nlicense: X\n';
    const { diagnostics } = await buildEssay('Text [@a2005].\n', { frontmatter });
    expect(errorsOf(diagnostics)).toEqual([]);
    // The field after the value is found on its own line still.
    expect(diagnostics.filter((d) => d.rule === 'frontmatter/ignored-field').map((d) => d.line)).toEqual([5]);
  });
});

describe("pandoc-scholar's CiTO annotations", () => {
  it('cites the work of @method:key, keeping why as an attribute', async () => {
    const bibtex = '@book{towbin_1979, author = {Towbin, H.}, title = {Blots}, year = {1979}, publisher = {P}}\n@book{doi:10.1/x, author = {Key, A.}, title = {Colon}, year = {2000}, publisher = {P}}\n';
    const { diagnostics, doc, html } = await buildEssay('Read it [@method:towbin_1979] and [@doi:10.1/x].\n', { bibtex });
    expect(errorsOf(diagnostics)).toEqual([]);
    expect(texts(doc!, 'p[id]')).toEqual(['Read it (Towbin 1979) and (Key 2000).']);
    expect(html).toContain('data-cites="towbin_1979" data-cito="towbin_1979:uses_method_in"');
  });

  it('still stops on an unknown key with a colon that names no CiTO property', async () => {
    const { diagnostics } = await buildEssay('Read [@because:towbin_1979].\n', { bibtex: '@book{towbin_1979, author = {Towbin, H.}, title = {Blots}, year = {1979}, publisher = {P}}\n' });
    expect(errorsOf(diagnostics).map((d) => d.rule)).toEqual(['citation/unknown-key']);
  });
});

describe('citations in raw HTML blocks', () => {
  it('reads a citation in a table cell of raw HTML, as Pandoc does (markdown_in_html_blocks)', async () => {
    const { diagnostics, doc } = await buildEssay('<table>\n<tr>\n<td>Linked Data [@a2005]</td>\n</tr>\n</table>\n\nAfter.\n');
    expect(errorsOf(diagnostics)).toEqual([]);
    // Pandoc: <td>Linked Data <span class="citation" data-cites="a2005">(Doe 2005)</span></td>
    expect(texts(doc!, 'td')).toEqual(['Linked Data (Doe 2005)']);
    expect(doc!.querySelector('td .citation')?.getAttribute('data-cites')).toBe('a2005');
  });

  it('names a citation it cannot read there in a warning at its line', async () => {
    const { diagnostics } = await buildEssay('> <table><tr><td>Data &amp; more [@b2008]</td></tr></table>\n');
    expect(errorsOf(diagnostics)).toEqual([]);
    expect(warningsOf(diagnostics)).toContain(`citation/in-raw-html ${1 + bodyLineOffset()}`);
    expect(diagnostics.find((d) => d.rule === 'citation/in-raw-html')?.message).toContain('@b2008');
  });
});

describe("links to Pandoc's heading ids", () => {
  it('makes the ids Pandoc makes of headings (its manual\'s rules)', async () => {
    const { pandocIdentifier, pandocIdentifiers } = await import('../../src/render/rehype-pandoc-heading-ids.ts');
    expect(pandocIdentifier('Testing sample vs. population proportions')).toBe('testing-sample-vs.-population-proportions');
    expect(pandocIdentifier('Wie werden Metadaten ausgetauscht - der ETL-Prozess')).toBe('wie-werden-metadaten-ausgetauscht---der-etl-prozess');
    expect(pandocIdentifier('2.1 Was sind Metadaten?')).toBe('was-sind-metadaten');
    expect(pandocIdentifier('Über uns')).toBe('über-uns');
    expect(pandocIdentifiers(['Data', 'Data', '1.2', 'Data'])).toEqual(['data', 'data-1', 'section', 'data-2']);
  });

  it('reaches a heading that a link names by its Pandoc id', async () => {
    const body = '# Methods\n\n## One-sample test: volunteering\n\nText.\n\n# Results\n\nAs [before](#one-sample-test-volunteering).\n';
    const { diagnostics, doc } = await buildEssay(body);
    expect(errorsOf(diagnostics)).toEqual([]);
    const target = doc!.querySelector('#one-sample-test-volunteering');
    expect(target?.parentNode?.tagName).toMatch(/^H[3-6]$/);
    expect(target?.parentNode?.textContent).toContain('One-sample test: volunteering');
  });
});

describe('what real documents hold that HTML does not', () => {
  it('reads CriticMarkup in a figure\'s caption as accepted', async () => {
    const { pngImage } = await import('../support/images.ts');
    const body = '![Network of periodicals{-- per issue--}{>> GuG: explain the colours? <<} by {++in-++}degree.](net.png){#fig-net}\n';
    const { doc } = await buildEssay(body, { files: { 'net.png': pngImage(40, 30) } });
    expect(doc!.querySelector('figcaption')?.textContent).toBe('Figure 1: Network of periodicals by in-degree.');
    expect(doc!.querySelector('img')?.getAttribute('alt')).toBe('Network of periodicals by in-degree.');
  });

  it('keeps a heading at most one level below the one before it', async () => {
    const { doc } = await buildEssay('# Methods\n\nText.\n\n### Sampling\n\nMore.\n');
    expect(doc!.querySelectorAll('h2, h3, h4').map((h) => h.tagName)).toEqual(['H2', 'H3']);
  });

  it('keeps the writer\'s HTML valid: unknown elements as spans, obsolete ones as HTML, an image\'s alt, no control characters', async () => {
    const body = 'He met <persName>Kurd ʿAlī</persName> in <placeName>Cairo</placeName>.\n\n<center>Centred</center>\n\n<img src="https://example.org/x.png">\n\nA stray \u0013 control.\n';
    const { html } = await buildEssay(body);
    expect(html).toContain('<span class="persname">Kurd ʿAlī</span>');
    expect(html).toContain('<span class="placename">Cairo</span>');
    expect(html).toContain('<div class="center">Centred</div>');
    expect(html).toMatch(/<img src="https:\/\/example\.org\/x\.png" alt="">/);
    expect(html).not.toContain('\u0013');
  });
});
