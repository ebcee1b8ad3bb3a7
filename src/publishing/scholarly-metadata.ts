/**
 * What search engines and reference managers read in an essay's head: Highwire Press `citation_*`
 * tags (Google Scholar's inclusion guidelines), schema.org `ScholarlyArticle` as JSON-LD, and
 * OpenGraph and Twitter card tags. Pure: data in, tags and objects out.
 */
import { licenseUrl } from '../sources/license.ts';
import type { EssayFrontmatter } from '../schemas/essay.ts';
import type { CslEntry, CslName } from '../bibliography/csl.ts';
import { highwireDate } from './essay-citation.ts';
import { bareDoi, doiUrl } from '../lib/url-policy.ts';
import { isoDate } from './format.ts';

export interface EssayMetadataInput {
  readonly frontmatter: EssayFrontmatter;
  /** The essay's canonical, absolute URL. */
  readonly url: string;
  /** BCP 47 tag of the text. */
  readonly lang: string;
  readonly siteTitle: string;
  /** The works it cites, in the order it first cites them. */
  readonly works: readonly CslEntry[];
}

export type MetaTag = readonly [attribute: 'name' | 'property', key: string, content: string];

const nameOf = (n: CslName) => n.literal ?? [n.given, n.family].filter(Boolean).join(' ');
const yearOf = (entry: CslEntry) => entry.issued?.['date-parts']?.[0]?.[0] ?? entry.issued?.literal;
const doiOf = (entry: CslEntry) => (typeof entry.DOI === 'string' && entry.DOI.trim() ? bareDoi(entry.DOI) : undefined);

/** One cited work as Google Scholar reads a `citation_reference`: `citation_title=…; citation_author=…`. */
export function highwireReference(entry: CslEntry): string {
  const fields: [string, unknown][] = [
    ['citation_title', entry.title],
    ...(entry.author ?? entry.editor ?? []).map((n): [string, string] => ['citation_author', nameOf(n)]),
    ['citation_publication_date', yearOf(entry)],
    [entry.type === 'chapter' ? 'citation_inbook_title' : 'citation_journal_title', entry['container-title']],
    ['citation_volume', entry.volume],
    ['citation_issue', entry.issue],
    ['citation_firstpage', typeof entry.page === 'string' ? entry.page.split(/[-–]/)[0] : undefined],
    ['citation_publisher', entry.publisher],
    ['citation_doi', doiOf(entry)],
    ['citation_isbn', entry.ISBN],
  ];
  // A ";" inside a value would end the field early.
  return fields
    .filter(([, value]) => (typeof value === 'string' && value !== '') || typeof value === 'number')
    .map(([key, value]) => `${key}=${String(value).replace(/;/g, ',')}`)
    .join('; ');
}

export function highwireTags(input: EssayMetadataInput): MetaTag[] {
  const { frontmatter } = input;
  const tags: MetaTag[] = [['name', 'citation_title', frontmatter.title]];
  for (const author of frontmatter.authors) {
    tags.push(['name', 'citation_author', author.name]);
    if (author.affiliation) tags.push(['name', 'citation_author_institution', author.affiliation]);
    if (author.orcid) tags.push(['name', 'citation_author_orcid', `https://orcid.org/${author.orcid}`]);
  }
  tags.push(
    ['name', 'citation_publication_date', highwireDate(frontmatter.date)],
    ['name', 'citation_online_date', highwireDate(frontmatter.revised ?? frontmatter.date)],
    ['name', 'citation_language', input.lang.split('-')[0] ?? input.lang],
    ['name', 'citation_publisher', input.siteTitle],
    ['name', 'citation_fulltext_html_url', input.url],
  );
  if (frontmatter.keywords.length > 0) tags.push(['name', 'citation_keywords', frontmatter.keywords.join('; ')]);
  for (const work of input.works) tags.push(['name', 'citation_reference', highwireReference(work)]);
  return tags;
}

/**
 * Dublin Core (`DC.*`), which library catalogues and repositories read: the fields Highwire lacks,
 * the licence first among them.
 */
export function dublinCoreTags(input: EssayMetadataInput): MetaTag[] {
  const { frontmatter } = input;
  return [
    ['name', 'DC.title', frontmatter.title],
    ...frontmatter.authors.map((a): MetaTag => ['name', 'DC.creator', a.name]),
    ['name', 'DC.date', isoDate(frontmatter.date)],
    ...(frontmatter.revised ? [['name', 'DC.date.modified', isoDate(frontmatter.revised)] as MetaTag] : []),
    ['name', 'DC.language', input.lang],
    ['name', 'DC.publisher', input.siteTitle],
    ['name', 'DC.identifier', input.url],
    ...(frontmatter.license ? [['name', 'DC.rights', licenseUrl(frontmatter.license)] as MetaTag] : []),
  ];
}

export function openGraphTags(input: EssayMetadataInput): MetaTag[] {
  const { frontmatter } = input;
  const description = frontmatter.description ?? frontmatter.abstract ?? '';
  return [
    ['property', 'og:type', 'article'],
    ['property', 'og:title', frontmatter.title],
    ['property', 'og:url', input.url],
    ['property', 'og:site_name', input.siteTitle],
    ['property', 'og:locale', input.lang.replace('-', '_')],
    ...(description ? [['property', 'og:description', description] as MetaTag] : []),
    ['property', 'article:published_time', isoDate(frontmatter.date)],
    ...(frontmatter.revised ? [['property', 'article:modified_time', isoDate(frontmatter.revised)] as MetaTag] : []),
    ...frontmatter.authors.map((a): MetaTag => ['property', 'article:author', a.name]),
    ...frontmatter.keywords.map((k): MetaTag => ['property', 'article:tag', k]),
    ['name', 'twitter:card', 'summary'],
    ['name', 'twitter:title', frontmatter.title],
    ...(description ? [['name', 'twitter:description', description] as MetaTag] : []),
  ];
}

/** A cited work as schema.org sees it, with its DOI as identifier and link where known. */
function citedWork(entry: CslEntry): Record<string, unknown> {
  const type =
    entry.type === 'book' ? 'Book' : entry.type === 'chapter' ? 'Chapter' : /^article/.test(entry.type) ? 'ScholarlyArticle' : entry.type === 'thesis' ? 'Thesis' : 'CreativeWork';
  const doi = doiOf(entry);
  const year = yearOf(entry);
  return {
    '@type': type,
    name: entry.title,
    ...((entry.author ?? entry.editor)?.length ? { author: (entry.author ?? entry.editor)!.map((n) => ({ '@type': n.literal ? 'Organization' : 'Person', name: nameOf(n) })) } : {}),
    ...(year !== undefined ? { datePublished: String(year) } : {}),
    ...(entry['container-title'] ? { isPartOf: { '@type': type === 'Chapter' ? 'Book' : 'Periodical', name: entry['container-title'] } } : {}),
    ...(entry.publisher ? { publisher: { '@type': 'Organization', name: entry.publisher } } : {}),
    ...(doi ? { identifier: { '@type': 'PropertyValue', propertyID: 'DOI', value: doi }, sameAs: doiUrl(doi) } : entry.URL ? { url: entry.URL } : {}),
  };
}

export function scholarlyArticle(input: EssayMetadataInput): Record<string, unknown> {
  const { frontmatter } = input;
  return {
    '@context': 'https://schema.org',
    '@type': 'ScholarlyArticle',
    headline: frontmatter.title,
    name: frontmatter.title,
    url: input.url,
    mainEntityOfPage: input.url,
    inLanguage: input.lang,
    author: frontmatter.authors.map((a) => ({
      '@type': 'Person',
      name: a.name,
      ...(a.affiliation ? { affiliation: { '@type': 'Organization', name: a.affiliation } } : {}),
      ...(a.orcid || a.url ? { sameAs: [a.orcid ? `https://orcid.org/${a.orcid}` : undefined, a.url].filter(Boolean) } : {}),
    })),
    datePublished: isoDate(frontmatter.date),
    dateModified: isoDate(frontmatter.revised ?? frontmatter.date),
    ...(frontmatter.description ? { description: frontmatter.description } : {}),
    ...(frontmatter.abstract ? { abstract: frontmatter.abstract } : {}),
    ...(frontmatter.keywords.length > 0 ? { keywords: frontmatter.keywords } : {}),
    ...(frontmatter.license ? { license: licenseUrl(frontmatter.license) } : {}),
    publisher: { '@type': 'Organization', name: input.siteTitle },
    citation: input.works.map(citedWork),
  };
}

/** JSON for a `<script type="application/ld+json">`: no `</script>` or `<!--` can end it early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
