/**
 * The errors real documents must stop on (tests/fixtures/real-papers/), for tests/unit/real-documents.test.ts
 * and the site build of tests/build/real-documents-site.test.ts: each a defect of the document that
 * Pandoc or Quarto passes over, with the change an editor makes on being told.
 */

/** An editor's fix for a link to another page of the author's site, which this one-essay site does not have: the link's text kept, the link taken out. */
const unlink = (url: string) => (text: string) => text.replace(new RegExp(`\\[([^\\]]*)\\]\\(${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`, 'g'), '$1');
const OTHER_PAGE = 'A link to another chapter or post of the author\'s site, which a site of this document alone does not have (Pandoc checks no link; Apparatus stops on a link that leads nowhere).';

export interface ExpectedError {
  readonly rule: string;
  /** `file:line`, the file relative to the essay's folder. */
  readonly at: string;
  readonly defect: string;
  /** The file the fix edits, and the edit. */
  readonly file: string;
  readonly fix: (text: string) => string;
  /** Reported only once the errors before it are fixed: the check stops before the page is made, and links are judged on the page. */
  readonly onceFixed?: true;
}

/**
 * Errors that come from a defect in the document, which the build must report and Pandoc (or
 * Quarto) passes over; each with the change the message asks for, after which the document builds.
 */
export const EXPECTED_ERRORS: Readonly<Record<string, readonly ExpectedError[]>> = {
  'kim-kompendium-metadaten-de': [
    { rule: 'link/missing-anchor', at: 'index.md:98', defect: OTHER_PAGE, file: 'index.md', fix: unlink('#wie-werden-metadaten-ausgetauscht---der-etl-prozess') },
    { rule: 'link/missing-anchor', at: 'index.md:247', defect: OTHER_PAGE, file: 'index.md', fix: unlink('#_3.2_Was_sind') },
    { rule: 'link/missing-anchor', at: 'index.md:872', defect: OTHER_PAGE, file: 'index.md', fix: (text) => text },
    {
      rule: 'link/missing-anchor',
      at: 'index.md:925',
      defect: 'A link of a raw HTML table (a Google Docs export) to a bookmark the export did not keep: Pandoc passes it through, leading nowhere.',
      file: 'index.md',
      fix: (text) => text.replace(/<a\s+href="#_m1x6n2do6gdh">([^<]*)<\/a>/, '$1'),
    },
    { rule: 'link/broken', at: 'index.md:1166', defect: OTHER_PAGE, file: 'index.md', fix: unlink('3_technische_grundlagen?id=_35-wie-gelingt-der-datenaustausch-in-einer-vernetzten-bildungslandschaft') },
  ],
  'quarto-lsj-bayesian': [
    {
      rule: 'link/broken',
      at: 'index.qmd:395',
      defect: 'A link to a section written as the section\'s title, `[…](Why be a Bayesian?)`: Pandoc and Quarto make a link to a file of that name, which does not exist.',
      file: 'index.qmd',
      fix: (text) => text.replace('(Why be a Bayesian?)', '(#why-be-a-bayesian)'),
    },
  ],
  'quarto-rwds-curated-data': [
    { rule: 'link/broken', at: 'index.qmd:263', defect: OTHER_PAGE, file: 'index.qmd', fix: unlink('/applied-insights/case-studies/posts/2024/11/01/policy-problem.qmd') },
    { rule: 'link/broken', at: 'index.qmd:269', defect: OTHER_PAGE, file: 'index.qmd', fix: unlink('/applied-insights/case-studies/posts/2024/11/19/use-case-2.qmd') },
  ],
  'quarto-vuorre-workflow': [
    { rule: 'link/broken', at: 'index.qmd:60', defect: OTHER_PAGE, file: 'index.qmd', fix: unlink('../open-peer-review/') },
    { rule: 'link/broken', at: 'index.qmd:115', defect: OTHER_PAGE, file: 'index.qmd', fix: unlink('../zotero-positron-vscode/') },
  ],
  'quarto-computo-tsne': [
    {
      rule: 'note/undefined',
      at: 'index.qmd:117',
      defect: 'The note [^dataset] is called but never defined; Quarto prints "[^dataset]" as text.',
      file: 'index.qmd',
      // The hint's other option ("or remove the call"), since the note's text is nowhere to be had.
      fix: (text) => text.replace('dimensions[^dataset]', 'dimensions'),
    },
    ...['sec-comparison', 'sec-weakness'].map(
      (label): ExpectedError => ({
        rule: 'link/broken',
        at: 'index.qmd:295',
        defect: `A link to a section written without its "#", \`[…](${label})\`: Quarto makes a link to a page of that name, which does not exist.`,
        file: 'index.qmd',
        fix: (text) => text.replace(`](${label})`, `](#${label})`),
        onceFixed: true,
      }),
    ),
  ],
};


/** The editor's changes to a document's Markdown files, for all the errors it stops on. */
export function editorFixes(name: string): ((file: string, text: string) => string) | undefined {
  const expected = EXPECTED_ERRORS[name] ?? [];
  if (expected.length === 0) return undefined;
  return (file, text) => expected.filter((e) => file.endsWith(e.file)).reduce((t, e) => e.fix(t), text);
}
