/**
 * Issue 22, Quarto essays: an index.qmd reads as an index.md, and Quarto's features that mean
 * something on a reading page work (callouts, margin content, citation and reference locations,
 * cross-reference options, shortcodes, code cells shown as code, conditional content), each as
 * Quarto's own documentation writes it. tests/unit/real-documents.test.ts builds real Quarto
 * documents whole.
 */
import { describe, expect, it } from 'vitest';
import { bodyLineOffset, buildEssay, errorsOf, warningsOf } from '../support/build-essay.ts';
import { pngImage } from '../support/images.ts';

const qmd = { entry: 'index.qmd' } as const;

describe('callouts', () => {
  it('prints a callout as a note with its title, and its citations as citations', async () => {
    const { diagnostics, doc } = await buildEssay('::: {.callout-note}\n## Before you start\n\nRead the data [@a2005].\n:::\n', qmd);
    expect(errorsOf(diagnostics)).toEqual([]);
    const callout = doc!.querySelector('.callout')!;
    expect(callout.classList.contains('callout-note')).toBe(true);
    expect(callout.getAttribute('role')).toBe('note');
    expect(callout.querySelector('.callout-title')?.textContent).toBe('Before you start');
    expect(callout.querySelector('.citation')?.textContent).toBe('(Doe 2005)');
  });

  it('numbers a labelled callout, which a reference reaches, and folds a collapsed one without a script', async () => {
    const { diagnostics, doc } = await buildEssay('::: {#tip-wash .callout-tip collapse="true"}\n## Wash first\nHidden until opened.\n:::\n\nSee @tip-wash.\n', qmd);
    expect(errorsOf(diagnostics)).toEqual([]);
    const folded = doc!.querySelector('details.callout')!;
    expect(folded.getAttribute('id')).toBe('tip-wash');
    expect(folded.querySelector('summary')?.textContent).toBe('Tip 1: Wash first');
    expect(doc!.querySelector('a.cross-ref')?.textContent).toBe('Tip 1');
    expect(doc!.querySelector('a.cross-ref')?.getAttribute('href')).toBe('#tip-wash');
  });
});

describe('margin content', () => {
  it('sets .column-margin blocks and .aside spans in the margin', async () => {
    const { doc } = await buildEssay('::: {.column-margin}\nA remark in the margin.\n:::\n\nText with [an aside]{.aside}.\n', qmd);
    expect(doc!.querySelector('aside.margin-content')?.textContent.trim()).toBe('A remark in the margin.');
    expect(doc!.querySelector('span.aside')?.textContent).toBe('an aside');
  });

  it('sets citations in the margin with citation-location: margin', async () => {
    const { doc } = await buildEssay('Frogs sing [@a2005].\n', { ...qmd, frontmatter: 'citation-location: margin\n' });
    const text = doc!.querySelector('p')!;
    const margin = doc!.querySelectorAll('.margin-reference, .margin-citation, aside');
    expect(margin.length, text.toString()).toBeGreaterThan(0);
    expect(margin.map((m) => m.textContent).join(' ')).toContain('Doe, John. 2005. A. P.');
  });
});

describe('cross-reference options', () => {
  it('takes the prefixes and titles of the crossref field', async () => {
    const body = '![Frogs at night.](frog.png){#fig-frog}\n\nSee @fig-frog.\n';
    const { diagnostics, doc } = await buildEssay(body, { ...qmd, frontmatter: 'crossref:\n  fig-prefix: Fig.\n  fig-title: Plate\n', files: { 'frog.png': pngImage(40, 30) } });
    expect(errorsOf(diagnostics)).toEqual([]);
    expect(doc!.querySelector('figcaption .caption-label')?.textContent).toBe('Plate 1:');
    expect(doc!.querySelector('a.cross-ref')?.textContent).toBe('Fig. 1');
  });

  it('puts a figure\'s caption above it with fig-cap-location: top', async () => {
    const { doc } = await buildEssay('![Frogs.](frog.png){#fig-frog}\n', { ...qmd, frontmatter: 'fig-cap-location: top\n', files: { 'frog.png': pngImage(40, 30) } });
    const figure = doc!.querySelector('figure')!;
    expect(figure.childNodes.filter((n) => n.nodeType === 1).map((n) => (n as unknown as { tagName: string }).tagName)).toEqual(['FIGCAPTION', 'IMG']);
  });

  it('prints a prefix written in the brackets in place of the default one', async () => {
    const { doc } = await buildEssay('![Frogs.](frog.png){#fig-frog}\n\nSee [Plate @fig-frog].\n', { ...qmd, files: { 'frog.png': pngImage(40, 30) } });
    expect(doc!.querySelector('a.cross-ref')?.textContent).toBe('Plate\u00a01');
  });

  it('prints a reference to a section of another chapter "Section ??", with a warning at its line', async () => {
    const { diagnostics, doc } = await buildEssay('As shown in @sec-methods.\n', qmd);
    expect(errorsOf(diagnostics)).toEqual([]);
    expect(doc!.querySelector('p')?.textContent).toBe('As shown in Section ??.');
    expect(warningsOf(diagnostics)).toContain(`crossref/unknown-label ${1 + bodyLineOffset()}`);
  });
});

describe('shortcodes', () => {
  it('makes a page break of {{< pagebreak >}}, fills {{< meta >}}, and names a shortcode it cannot print', async () => {
    const body = 'Title: {{< meta title >}}.\n\n{{< pagebreak >}}\n\n{{< include _part.qmd >}}\n';
    const { diagnostics, doc } = await buildEssay(body, qmd);
    expect(errorsOf(diagnostics)).toEqual([]);
    expect(doc!.querySelector('p')?.textContent).toBe('Title: T.');
    expect(doc!.querySelector('.page-break')).not.toBeNull();
    expect(diagnostics.filter((d) => d.rule === 'quarto/shortcode').map((d) => [d.line, d.message])).toEqual([
      [5 + bodyLineOffset(), expect.stringContaining('include')],
    ]);
    expect(doc!.toString()).not.toContain('{{<');
  });
});

describe('code cells', () => {
  it('shows a cell as code in its language, with a warning that it was not run', async () => {
    const { diagnostics, html } = await buildEssay('```{r}\n#| label: fig-plot\nplot(x)\n```\n\nAfter.\n', qmd);
    expect(errorsOf(diagnostics)).toEqual([]);
    // The cell's options (`#|`) are Quarto's, not the code's.
    expect(html).toMatch(/<pre><code class="language-r">plot\(x\)\n<\/code><\/pre>/);
    expect(warningsOf(diagnostics)).toContain(`quarto/code-not-run ${1 + bodyLineOffset()}`);
  });
});

describe('conditional content', () => {
  it('keeps what is visible in HTML and leaves out what is for other formats', async () => {
    const body = '::: {.content-visible when-format="html"}\nOn the web.\n:::\n\n::: {.content-visible when-format="pdf"}\nOn paper.\n:::\n\n::: {.content-hidden when-format="html"}\nNot on the web.\n:::\n';
    const { doc } = await buildEssay(body, qmd);
    expect(doc!.querySelectorAll('p').map((p) => p.textContent)).toEqual(['On the web.']);
  });
});

describe('Pandoc syntax Quarto documents use', () => {
  it('keeps a fancy list\'s markers, a bracketed span\'s class, and CriticMarkup read as accepted', async () => {
    const body = 'a) one\nb) two\n\nSome [small capitals]{.smallcaps}.\n\nKeep {++this++} and drop {--that--}.\n';
    const { diagnostics, doc } = await buildEssay(body, qmd);
    expect(doc!.querySelector('ol')?.getAttribute('type')).toBe('a');
    expect(doc!.querySelector('span.smallcaps')?.textContent).toBe('small capitals');
    expect(doc!.querySelectorAll('p')[1]?.textContent).toBe('Keep this and drop .');
    expect(warningsOf(diagnostics)).toContain(`content/critic-markup ${6 + bodyLineOffset()}`);
  });
});

describe('inline code', () => {
  it('shows code Quarto would run inline as code, with one warning', async () => {
    const body = '```{r}\nx <- 1\n```\n\nThe share is `r scales::percent(x)` and `{python} len(y)` items; `r` alone is code.\n';
    const { diagnostics } = await buildEssay(body, qmd);
    const inline = diagnostics.filter((d) => d.rule === 'quarto/code-not-run' && d.message.includes('inline'));
    expect(inline.map((d) => [d.line, d.message])).toEqual([[5 + bodyLineOffset(), expect.stringContaining('2 inline code spans')]]);
  });
});
