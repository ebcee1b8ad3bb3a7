/**
 * Real documents drop in (issue 22). Every document of tests/fixtures/real-papers/ (Pandoc papers
 * and chapters, Quarto articles and posts, each from a public repository: see its SOURCE.md) is
 * built as a site builds it (tests/support/real-documents.ts), and:
 *
 * - it builds as written, with nothing added but what the README requires of every essay (a date,
 *   and a title where it has none), or it stops on an error listed below with the defect in the
 *   document that causes it, and builds once the editor makes the change the message asks for;
 * - every citation Pandoc makes is a citation of the page, or is named in a warning (the scan of
 *   every `@` of the source is no-silent-drop.test.ts's);
 * - of Pandoc's blocks (paragraphs, headings, list items, table rows, notes, reference entries),
 *   at least 95 % are printed identically, and every other is listed in the document's
 *   differences.json with one of the reasons below; a listed difference that has gone is reported
 *   too, so that the list stays the truth.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/lib/diagnostics.ts';
import {
  apparatusDocumentBlocks,
  buildRealDocument,
  compareBlocks,
  pandocDocumentBlocks,
  realDocuments,
  type BlockDifference,
  type BuiltDocument,
  type RealDocument,
} from '../support/real-documents.ts';
import { EXPECTED_ERRORS, editorFixes } from '../support/real-document-errors.ts';

/** Why a block prints otherwise than in Pandoc's HTML: what each side does, and why Apparatus does its part. */
const REASONS: Readonly<Record<string, string>> = {
  'tex-reference-resolved':
    'A `\\ref`/`\\eqref` to a figure or equation the page has: Pandoc writes it as math for MathJax, which has no such label in Pandoc\'s HTML and prints "(???)", or drops it; Apparatus prints the number ("Figure 1", "(3)") as LaTeX does.',
  'tex-reference-unresolved':
    'A `\\ref` to a float that no format of the web page has (a raw LaTeX table or figure, which both leave out): Pandoc drops the command ("listed in .") or hands it to MathJax ("(???)"); Apparatus prints "??" as LaTeX does and names the label in a warning.',
  'crossref-other-chapter':
    'A pandoc-crossref reference to a section of another chapter of the thesis: Pandoc prints the unresolved citation "(Section sec:x?)"; Apparatus prints "Section ??" with a warning, as LaTeX prints a reference it cannot resolve.',
  'markdown-blocks-in-raw-html':
    'A raw HTML table whose cells hold lines starting "- ": Pandoc reads Markdown blocks in raw HTML (markdown_in_html_blocks) and makes lists of them; Apparatus reads citations there, and leaves the rest of the HTML as written.',
  'title-case-word-parts':
    'Title case of the parts of a word: Pandoc capitalises after a hyphen or soft hyphen ("Al-Ṣiḥāfa", "Small-World") and lowers "3D" to "3d"; citeproc-js capitalises after a period ("Schema.Org") and a one-letter first part ("B-Values"). The CSL specification leaves word parts open.',
  'pandoc-title-case-entity': 'Pandoc title-cases the escaped "&amp;" of a CSL-JSON title into "&Amp;"; Apparatus prints "&amp;" as written.',
  'particle-ending-in-hyphen': 'A name particle ending in a hyphen ("al-"): Pandoc puts a space after it ("al- Khayyāṭ"); citeproc-js joins a particle that ends in a hyphen or apostrophe to the name ("al-Khayyāṭ"), as Arabic names are written.',
  'name-affixes-on-an-institution':
    'The style\'s `<name suffix=".">` after a name written as one literal (an organisation, "others"): Pandoc applies it; citeproc-js applies name affixes to personal names only.',
  'serial-comma-before-an-institution': 'A literal name after a personal name: Pandoc puts the serial comma before "and"; citeproc-js joins personal and literal names without it.',
  'quotes-inside-a-title': 'Straight double quotes inside a title: Pandoc prints them straight; citeproc-js makes them the inner quotation marks (single) and moves the comma inside them, as the style\'s locale asks.',
  'locale-newer-than-pandoc': 'Pandoc 2.17 formats with the CSL locales it was built with, which have no "online" term; Apparatus uses the current official locales (bibliography/locales/), where IEEE prints "[Online]".',
  'subsequent-author-substitute-for-a-title': 'Pandoc applies subsequent-author-substitute ("———") to a repeated title that stands in for an author; citeproc-js only to repeated names.',
  'short-form-without-author-or-title': 'A later citation of a newspaper issue with no author and no title: Pandoc prints the locator alone ("(3)"); citeproc-js prints the issue\'s date with it ("(7 April 1910, 3)"), which tells the reader which issue is meant.',
  'pandoc-period-before-semicolon': 'A note citation followed by a semicolon in the text: Pandoc keeps the citation\'s closing period before it ("1995).;"); Apparatus drops it, as the period ends a sentence that goes on.',
  'forbidden-code-point': 'A control character (U+0013) a word processor left in the text: Pandoc writes it into the page, which HTML forbids; Apparatus leaves it out.',
  'bibtex-textregistered': 'BibTeX `{\\textregistered}`: Pandoc\'s BibTeX reader drops the command; Apparatus prints "®".',
  'pandoc-bibtex-em-dash-lost': 'BibTeX `\\textemdash{}`: Pandoc 2.17\'s BibTeX reader drops the command ("Publicationthe"); Apparatus prints "—".',
  'non-numeric-page-range': 'A page range of words ("n/a-n/a"): Pandoc makes its hyphen an en dash; citeproc-js formats numeric ranges only.',
  'quote-before-emphasis-mark': "A straight quote before `*` (`'D*'`): Pandoc's smart quotes are cut by the emphasis parser and print ’D*’; Apparatus pairs the quotes, ‘D*’.",
  'pandoc-citation-before-note-read-as-link':
    "`[@key][^note]`: Pandoc tries the two brackets as a reference link and then prints the first as text around an in-text citation, \"[Hagenaars (2019)]\"; Apparatus reads the citation the author wrote, \"(Hagenaars 2019)\".",
  'comma-separated-keys':
    '`[@a, @b, @c]`: Pandoc reads the keys after the first as the first one\'s locator and prints one citation; Apparatus reads the list as the author meant it, three citations, and says so in a warning (citation/comma-separated).',
};

interface ListedDifference {
  readonly block: string;
  readonly reason: string | readonly string[];
  readonly pandoc?: string;
  readonly apparatus?: string;
}

function listedDifferences(document: RealDocument): ListedDifference[] {
  const file = join(document.folder, 'differences.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ListedDifference[]) : [];
}

/** Whether a listed difference is this one: the same block, each listed fragment in its side's text. */
function describes(listed: ListedDifference, difference: BlockDifference): boolean {
  return (
    listed.block === `${difference.kind} ${difference.index}` &&
    (listed.pandoc === undefined || difference.pandoc.includes(listed.pandoc)) &&
    (listed.apparatus === undefined || difference.apparatus.includes(listed.apparatus))
  );
}

const documents = realDocuments();
const measured = { identical: 0, total: 0 };

it('gathers at least 20 real documents, each with its source, commit and licence', () => {
  expect(documents.length).toBeGreaterThanOrEqual(20);
  for (const document of documents) {
    expect(document.repository, document.name).toMatch(/^https:\/\/github\.com\//);
    expect(document.commit, document.name).toMatch(/^[0-9a-f]{40}$/);
    expect(document.licence, document.name).not.toBe('');
    expect(existsSync(join(document.folder, 'SOURCE.md')), document.name).toBe(true);
    if (document.kind === 'pandoc') expect(existsSync(join(document.folder, 'pandoc.html')), document.name).toBe(true);
  }
  expect(documents.filter((d) => d.kind === 'quarto').length).toBeGreaterThan(0);
});

describe.each(documents)('the real document $name', (document) => {
  let built: BuiltDocument;
  /** The page compared with Pandoc's: as written, or once the editor made the change an error asked for. */
  let page: string | undefined;
  const expected = EXPECTED_ERRORS[document.name] ?? [];

  it('builds as written, with nothing added but what the README requires', async () => {
    built = await buildRealDocument(document);
    // A date always (Apparatus lists and cites essays by it), a title only where the document has none.
    for (const field of Object.keys(built.added)) expect(['date', 'title'], `${document.name} needed ${field}`).toContain(field);
    const errors = built.diagnostics.filter((d) => d.severity === 'error');
    const wanted = expected.filter((e) => !e.onceFixed).map((e) => `${e.rule} ${e.at}`);
    const got = errors.map((d) => `${d.rule} ${d.file.split('/').slice(2).join('/')}:${d.line}`);
    expect(got, errors.map((d) => formatDiagnostic(d)).join('\n')).toEqual(wanted);
    expect(built.html !== undefined, built.problems).toBe(expected.length === 0);
    page = built.html;
  }, 60_000);

  it.runIf(expected.length > 0)('builds once the editor makes the change the error asks for', async () => {
    const fixed = await buildRealDocument(document, { edit: editorFixes(document.name)! });
    expect(fixed.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d))).toEqual([]);
    expect(fixed.html).toBeDefined();
    page = fixed.html;
  }, 60_000);

  it.runIf(document.kind === 'pandoc')('keeps every citation Pandoc makes, or names it in a warning', () => {
    if (!page) return;
    const pandoc = parse(readFileSync(join(document.folder, 'pandoc.html'), 'utf8'));
    const ours = parse(page);
    for (const node of ours.querySelectorAll('.sidenote')) node.remove();
    const cited = new Set(ours.querySelectorAll('[data-cites]').flatMap((e) => (e.getAttribute('data-cites') ?? '').split(' ')));
    const warned = built.diagnostics.map((d) => d.message).join('\n');
    const pandocKeys = new Set(pandoc.querySelectorAll('.citation[data-cites]').flatMap((e) => (e.getAttribute('data-cites') ?? '').split(' ').filter(Boolean)));
    // A key Pandoc could not resolve is printed "(key?)" by Pandoc: not a citation of a work.
    const missing = [...pandocKeys].filter((key) => !cited.has(key) && !warned.includes(key) && !pandoc.text.includes(`${key}?`));
    expect(missing).toEqual([]);
  });

  it.runIf(document.kind === 'pandoc')('prints Pandoc\'s blocks as Pandoc does, but for the differences listed with their reasons', () => {
    expect(page, 'the page, as written or once fixed').toBeDefined();
    const comparison = compareBlocks(pandocDocumentBlocks(readFileSync(join(document.folder, 'pandoc.html'), 'utf8')), apparatusDocumentBlocks(page!));
    measured.identical += comparison.identical;
    measured.total += comparison.total;
    const listed = listedDifferences(document);
    for (const entry of listed) for (const reason of [entry.reason].flat()) expect(Object.keys(REASONS), `${entry.block}: an unnamed reason`).toContain(reason);
    const unexplained = comparison.differences.filter((d) => !listed.some((l) => describes(l, d)));
    const stale = listed.filter((l) => !comparison.differences.some((d) => describes(l, d)));
    expect(unexplained.map((d) => `${d.kind} ${d.index}\n  Pandoc:    ${d.pandoc}\n  Apparatus: ${d.apparatus}`)).toEqual([]);
    expect(stale.map((l) => `${l.block} (${[l.reason].flat().join(', ')}) no longer differs`)).toEqual([]);
  });
});

// Last in the file, after every document's comparison: the measure over all Pandoc documents.
it('prints at least 95 % of all Pandoc documents\' blocks identically', () => {
  const share = measured.identical / measured.total;
  console.log(`Real documents: ${measured.identical} of Pandoc's ${measured.total} blocks identical (${(share * 100).toFixed(1)} %).`);
  expect(measured.total).toBeGreaterThan(1000);
  expect(share).toBeGreaterThanOrEqual(0.95);
});
