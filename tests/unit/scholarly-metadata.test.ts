/**
 * The head's metadata for Google Scholar (Highwire `citation_*`), reference managers, schema.org and
 * social cards, from an essay's frontmatter and the works it cites (src/publishing/scholarly-metadata.ts).
 */
import { describe, expect, it } from 'vitest';
import type { CslEntry } from '../../src/bibliography/csl.ts';
import { essayFrontmatterSchema } from '../../src/schemas/essay.ts';
import { highwireReference, highwireTags, jsonForScript, openGraphTags, scholarlyArticle, type EssayMetadataInput } from '../../src/publishing/scholarly-metadata.ts';

const frontmatter = essayFrontmatterSchema.parse({
  title: 'On tides',
  date: '2026-11-29',
  revised: '2027-01-10',
  authors: [{ name: 'Ada Writer', affiliation: 'University of Somewhere', orcid: '0000-0002-1825-0097', url: 'https://example.org/ada' }, { name: 'Bo Reader' }],
  abstract: 'Tides, read anew.',
  keywords: ['tides', 'moon'],
  license: 'CC-BY-4.0',
});
const works: CslEntry[] = [
  { id: 'a', type: 'article-journal', title: 'Grain; and the state', author: [{ family: 'Roe', given: 'Richard' }], issued: { 'date-parts': [[2003]] }, 'container-title': 'Journal of Agrarian Studies', volume: '12', issue: 3, page: '211-240', DOI: 'https://doi.org/10.1000/jas.12' },
  { id: 'b', type: 'chapter', title: 'Plans', editor: [{ literal: 'Planning Office' }], issued: { literal: 'n.d.' }, 'container-title': 'A Book', publisher: 'Harbour Press', ISBN: '978-0-00-000000-0' },
  { id: 'c', type: 'webpage', title: 'A page', URL: 'https://example.org/page' },
];
const input: EssayMetadataInput = { frontmatter, url: 'https://journal.example/on-tides/', lang: 'en-GB', siteTitle: 'Journal', works };
const value = (tags: readonly (readonly [string, string, string])[], key: string) => tags.filter(([, k]) => k === key).map(([, , v]) => v);

describe('Highwire tags, as Google Scholar reads them', () => {
  it('name the article, its authors with institution and ORCID, its dates, language and publisher', () => {
    const tags = highwireTags(input);
    expect(value(tags, 'citation_title')).toEqual(['On tides']);
    expect(value(tags, 'citation_author')).toEqual(['Ada Writer', 'Bo Reader']);
    expect(value(tags, 'citation_author_institution')).toEqual(['University of Somewhere']);
    expect(value(tags, 'citation_author_orcid')).toEqual(['https://orcid.org/0000-0002-1825-0097']);
    expect(value(tags, 'citation_publication_date')).toEqual(['2026/11/29']);
    expect(value(tags, 'citation_online_date')).toEqual(['2027/01/10']);
    expect(value(tags, 'citation_language')).toEqual(['en']);
    expect(value(tags, 'citation_keywords')).toEqual(['tides; moon']);
    expect(value(tags, 'citation_reference')).toHaveLength(3);
  });

  it('cite each work with the fields it has, a ";" in a value never ending a field early', () => {
    expect(highwireReference(works[0]!)).toBe(
      'citation_title=Grain, and the state; citation_author=Richard Roe; citation_publication_date=2003; citation_journal_title=Journal of Agrarian Studies; citation_volume=12; citation_issue=3; citation_firstpage=211; citation_doi=10.1000/jas.12',
    );
    expect(highwireReference(works[1]!)).toBe('citation_title=Plans; citation_author=Planning Office; citation_publication_date=n.d.; citation_inbook_title=A Book; citation_publisher=Harbour Press; citation_isbn=978-0-00-000000-0');
    expect(highwireReference(works[2]!)).toBe('citation_title=A page');
  });
});

describe('schema.org and social cards', () => {
  it('describe the article with its people, dates, licence and the works it cites, typed', () => {
    const article = scholarlyArticle(input) as { author: unknown[]; citation: Record<string, unknown>[]; license: string; dateModified: string; abstract: string };
    expect(article.author[0]).toEqual({ '@type': 'Person', name: 'Ada Writer', affiliation: { '@type': 'Organization', name: 'University of Somewhere' }, sameAs: ['https://orcid.org/0000-0002-1825-0097', 'https://example.org/ada'] });
    expect(article.author[1]).toEqual({ '@type': 'Person', name: 'Bo Reader' });
    expect(article).toMatchObject({ license: 'https://creativecommons.org/licenses/by/4.0/', dateModified: '2027-01-10', abstract: 'Tides, read anew.', keywords: ['tides', 'moon'] });
    expect(article.citation.map((w) => w['@type'])).toEqual(['ScholarlyArticle', 'Chapter', 'CreativeWork']);
    expect(article.citation[0]).toMatchObject({ identifier: { propertyID: 'DOI', value: '10.1000/jas.12' }, sameAs: 'https://doi.org/10.1000/jas.12', isPartOf: { '@type': 'Periodical' } });
    expect(article.citation[1]).toMatchObject({ author: [{ '@type': 'Organization', name: 'Planning Office' }], isPartOf: { '@type': 'Book' }, publisher: { name: 'Harbour Press' } });
    expect(article.citation[2]).toMatchObject({ url: 'https://example.org/page' });
    expect(article.citation[2]).not.toHaveProperty('datePublished');
  });

  it('give the description (the abstract, when there is none), the locale and the tags', () => {
    const tags = openGraphTags(input);
    expect(value(tags, 'og:description')).toEqual(['Tides, read anew.']);
    expect(value(tags, 'og:locale')).toEqual(['en_GB']);
    expect(value(tags, 'article:modified_time')).toEqual(['2027-01-10']);
    expect(value(tags, 'article:tag')).toEqual(['tides', 'moon']);
    const bare = openGraphTags({ ...input, frontmatter: essayFrontmatterSchema.parse({ title: 'Plain', date: '2026-11-29', authors: [] }) });
    expect(value(bare, 'og:description')).toEqual([]);
    expect(value(bare, 'article:modified_time')).toEqual([]);
  });

  it('put JSON-LD in a script that no value can close', () => {
    expect(jsonForScript({ title: '</script><!-- & -->' })).toBe('{"title":"\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e"}');
  });
});
