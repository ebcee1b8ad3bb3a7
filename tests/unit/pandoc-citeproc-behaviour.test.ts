/**
 * Issue 22: citations of real bibliographies printed as Pandoc prints them. Each expectation is
 * what Debian's Pandoc 2.17 prints for the same CSL-JSON with the same style file
 * (`pandoc --citeproc --csl bibliography/styles/<style>.csl -t plain`).
 */
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { renderSnippet } from '../support/render-snippet.ts';

const WORKS = [
  {
    "id": "dh",
    "type": "book",
    "title": "Digital humanities: knowledge and critique",
    "language": "English",
    "author": [
      {
        "family": "Berry",
        "given": "David"
      }
    ],
    "issued": {
      "date-parts": [
        [
          2017
        ]
      ]
    },
    "publisher": "Polity"
  },
  {
    "id": "dh2",
    "type": "book",
    "title": "Digital humanities: knowledge and critique",
    "language": "en",
    "author": [
      {
        "family": "Berry",
        "given": "Dave"
      }
    ],
    "issued": {
      "date-parts": [
        [
          2017
        ]
      ]
    },
    "publisher": "Polity"
  },
  {
    "id": "fin",
    "type": "book",
    "title": "fin de siècle about the van life",
    "author": [
      {
        "family": "Hanssen",
        "given": "Jens"
      }
    ],
    "issued": {
      "date-parts": [
        [
          2005
        ]
      ]
    },
    "publisher": "Clarendon"
  },
  {
    "id": "short",
    "type": "article-journal",
    "title": "Fitna",
    "container-title": "Studia",
    "DOI": "10/c77s26",
    "volume": "15",
    "issue": "7-8",
    "page": "435-455",
    "author": [
      {
        "family": "Ayalon",
        "given": "Ami"
      }
    ],
    "issued": {
      "date-parts": [
        [
          1987
        ]
      ]
    }
  },
  {
    "id": "vil",
    "type": "book",
    "title": "Optimal transport",
    "author": [
      {
        "family": "Villani",
        "given": "Cédric"
      },
      {
        "literal": "others"
      }
    ],
    "issued": {
      "date-parts": [
        [
          2009
        ]
      ]
    },
    "publisher": "Springer"
  },
  {
    "id": "news",
    "type": "article-newspaper",
    "container-title": "Thamarāt al-Funūn",
    "issued": {
      "date-parts": [
        [
          1886,
          3,
          22
        ]
      ]
    }
  },
  {
    "id": "tic",
    "type": "article-journal",
    "title": "Metadata",
    "collection-title": "Technology and Learning",
    "issue": "7",
    "page": "225-243",
    "author": [
      {
        "family": "Barker",
        "given": "Phil"
      }
    ],
    "issued": {
      "date-parts": [
        [
          2010
        ]
      ]
    }
  }
];

/** The reference list's entries as a reader reads them, without the page's own links. */
function entries(html: string): string[] {
  const doc = parse(html);
  for (const node of doc.querySelectorAll('.cited-by, .entry-downloads')) node.remove();
  return doc.querySelectorAll('#references li.csl-entry').map((e) => e.textContent.replace(/\s+/g, ' ').trim());
}

describe('Chicago author-date, as Pandoc prints it', () => {
  it('prints each work as Pandoc does', async () => {
    const { html, diagnostics } = await renderSnippet('Works [@dh; @dh2; @fin; @short; @vil; @tic].\n', WORKS);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(entries(html)).toEqual([
      // A ShortDOI without its "10/"; the issue's hyphen kept, the pages' made an en dash.
      'Ayalon, Ami. 1987. “Fitna.” Studia 15 (7-8): 435–55. https://doi.org/c77s26.',
      // The collection title's ", " suffix and the ", " prefix print one comma.
      'Barker, Phil. 2010. “Metadata,” Technology and Learning, no. 7: 225–43.',
      // Title case for a work in English ("en")…
      'Berry, Dave. 2017. Digital Humanities: Knowledge and Critique. Polity.',
      // …and none where the language is written out ("English" is not a language code to Pandoc).
      'Berry, David. 2017. Digital humanities: knowledge and critique. Polity.',
      // Pandoc's words that title case leaves alone: de, about, van.
      'Hanssen, Jens. 2005. Fin de Siècle about the van Life. Clarendon.',
      // A list ending in "others" (BibTeX's "and others") is shortened with "et al.".
      'Villani, Cédric et al. 2009. Optimal Transport. Springer.',
    ]);
  });

  it('shortens a citation of a list ending in "others" with "et al."', async () => {
    const { html } = await renderSnippet('See [@vil].\n', WORKS);
    expect(parse(html).querySelector('.citation')?.textContent).toBe('(Villani et al. 2009)');
  });
});

describe('Chicago notes and bibliography, as Pandoc prints it', () => {
  it('puts a work whose sort macro prints nothing (no author, no title) first', async () => {
    const { html } = await renderSnippet('Works.[^1]\n\n[^1]: See [@news; @short; @tic].\n', WORKS, 'chicago-note-bibliography');
    expect(entries(html).slice(0, 2)).toEqual(['Thamarāt al-Funūn, March 22, 1886.', 'Ayalon, Ami. “Fitna.” Studia 15, no. 7-8 (1987): 435–55. https://doi.org/c77s26.']);
  });
});
