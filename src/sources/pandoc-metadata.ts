/**
 * What an essay's frontmatter may hold because it was written for Pandoc: any field (those Apparatus
 * does not read are accepted with a warning that they change nothing here, typos of its own fields
 * are not), authors as JOSS, pandoc-scholar and Quarto write them, `nocite` in each of Pandoc's
 * forms, and the free-text dates Pandoc itself can read.
 */
import type { Diagnostic } from '../lib/diagnostics.ts';
import { didYouMean } from '../lib/suggest.ts';
import { EQUIVALENTS, formatOfField, typoOf } from '../schemas/pandoc-fields.ts';
import { isFields, pathText, type Fields, type Locate } from './metadata-fields.ts';
import { namesInOneString, readAuthor, registryOf, type AuthorContext } from './pandoc-authors.ts';
import { partialDate, quartoDate } from './pandoc-dates.ts';

export interface ReadMetadata {
  /** The frontmatter for the schema: ignored fields out, authors in Apparatus's form. */
  readonly data: unknown;
  /** Warnings for the fields ignored; errors for affiliations that name nothing. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * `locate` for paths of `data`: a pandoc-scholar author (`- Albert Krewinkel: {orcid: …}`) is an
   * object with a name in `data`, so `author[0].orcid` is found under its name in the file.
   */
  readonly locate: Locate;
}

/** Other spellings of our fields, read as them. */
const SPELLINGS: Readonly<Record<string, string>> = { licence: 'license' };

/**
 * Fields written with other capitals than ours (`Title:`, `Author:`, `Bibliography:`, as ReScience's
 * template writes them) are taken as ours, with a warning: a reader of the document means them so.
 * A field written both ways is read as we write it, and the other ignored with a warning.
 */
function withOurCapitals(data: Fields, own: readonly string[], file: string, locate: Locate, diagnostics: Diagnostic[]): { data: Fields; renamed: Map<string, string> } {
  const renamed = new Map<string, string>();
  const out: Fields = {};
  for (const [key, value] of Object.entries(data)) {
    const ours = SPELLINGS[key] ?? [...own, 'author'].find((field) => field !== key && field.toLowerCase() === key.toLowerCase());
    if (ours === undefined) {
      out[key] = value;
      continue;
    }
    if (ours in data) {
      // Both: the field as we write it is the one read, as Pandoc reads it.
      diagnostics.push({ file, ...locate([key]), severity: 'warning', rule: 'frontmatter/ignored-field', message: `"${key}" is ignored: "${ours}" gives the same field.`, hint: `Delete one of the two.` });
      continue;
    }
    renamed.set(ours, key);
    out[ours] = value;
    diagnostics.push({
      file,
      ...locate([key]),
      severity: 'warning',
      rule: 'frontmatter/field-capitals',
      message: `"${key}" is read as "${ours}", the field it names.`,
      hint: `Write ${ours}: to say so; Pandoc itself reads "${key}" as a field of its own, for a template that asks for it.`,
    });
  }
  return { data: out, renamed };
}

/**
 * Makes a frontmatter written for Pandoc, JOSS, pandoc-scholar, Quarto or R Markdown one that the
 * schema reads:
 *
 * - a field of ours is kept, and so is a typo of one (`descripton`), which the schema refuses with
 *   "did you mean": a typo must never be silently ignored;
 * - any other field is taken out with a warning that Apparatus ignores it: Pandoc accepts any
 *   metadata, and templates, filters and journals each read their own;
 * - authors in JOSS's form (`affiliation: 1` into `affiliations`), pandoc-scholar's
 *   (`- Name: {institute: id}` into `institute`) or Quarto's become `{name, affiliation, orcid, url}`.
 */
export function readPandocMetadata(
  written: unknown,
  own: readonly string[],
  authorFields: readonly string[],
  file: string,
  writtenLocate: Locate,
  options: { readonly quarto?: boolean } = {},
): ReadMetadata {
  if (!isFields(written)) return { data: written, diagnostics: [], locate: writtenLocate };
  const diagnostics: Diagnostic[] = [];
  const capitals = withOurCapitals(written, own, file, writtenLocate, diagnostics);
  const locate: Locate = capitals.renamed.size === 0 ? writtenLocate : (path) => writtenLocate(typeof path[0] === 'string' && capitals.renamed.has(path[0]) ? [capitals.renamed.get(path[0])!, ...path.slice(1)] : path);
  const dated = options.quarto ? quartoDate(capitals.data, file, locate, diagnostics) : capitals.data;
  const data = partialDate(partialDate(dated, 'date', file, locate, diagnostics), 'revised', file, locate, diagnostics);
  const registry = registryOf(data);
  const context: AuthorContext = { registry, own: authorFields, file, locate, diagnostics };
  const origins = new Map<string, readonly PropertyKey[]>();
  const kept: Fields = {};
  // JOSS papers often name their authors twice: Pandoc's `author` (a line of names, for its
  // template) and JOSS's `authors` (with affiliations and ORCIDs). The fuller one is read.
  const both = data['author'] !== undefined && data['authors'] !== undefined;
  if (both) {
    diagnostics.push({
      file,
      ...locate(['author']),
      severity: 'warning',
      rule: 'frontmatter/ignored-field',
      message: '"author" is ignored: the essay names its authors under "authors" too, which Apparatus reads.',
      hint: 'Keep one of the two fields, if no template you use asks for the other.',
    });
  }
  for (const field of ['author', 'authors']) {
    const value = data[field];
    if (value === undefined || (both && field === 'author')) continue;
    const read = (item: unknown, path: readonly PropertyKey[]) => {
      const { author, origin } = readAuthor(item, path, context);
      if (origin) origins.set(pathText(path), origin);
      return author;
    };
    const names = typeof value === 'string' ? namesInOneString(value) : undefined;
    if (names) {
      diagnostics.push({
        file,
        ...locate([field]),
        severity: 'warning',
        rule: 'frontmatter/authors-in-one-string',
        message: `"${field}" is one string naming ${names.length} people; Apparatus took ${names.length} authors: ${names.join('; ')}.`,
        hint: `Pandoc shows the string as written, as one author. To say who the authors are, write a list:\n    ${field}:\n${names.map((name) => `      - ${name}`).join('\n')}`,
      });
      kept[field] = names.map((name) => ({ name }));
      continue;
    }
    // `authors: Ada Writer`: one name where JOSS writes a list, as Pandoc's `author` takes one.
    kept[field] = Array.isArray(value) ? value.map((item, i) => read(item, [field, i])) : field === 'authors' && typeof value === 'string' ? [value] : read(value, [field]);
  }
  for (const [key, value] of Object.entries(data)) {
    if (key === 'author' || key === 'authors') continue;
    if (own.includes(key)) {
      kept[key] = value;
      continue;
    }
    // Read through the authors that refer to it.
    if (registry.used.has(key)) continue;
    const format = formatOfField(key);
    if (format === undefined && typoOf(key, own).length > 0) {
      kept[key] = value;
      continue;
    }
    diagnostics.push({ file, ...locate([key]), severity: 'warning', rule: 'frontmatter/ignored-field', ...ignoredField(key, format, own, data) });
  }
  const remapped: Locate = (path) => {
    for (const depth of [2, 1]) {
      const origin = origins.get(pathText(path.slice(0, depth)));
      if (origin && path.length >= depth) return locate([...origin, ...path.slice(depth)]);
    }
    return locate(path);
  };
  return { data: kept, diagnostics, locate: origins.size > 0 ? remapped : locate };
}

function ignoredField(key: string, format: string | undefined, own: readonly string[], data: Fields): { message: string; hint: string } {
  const message = `The ${format === undefined ? '' : `${format} `}field "${key}" is ignored by Apparatus.`;
  const keep = format === undefined ? 'Keep the line if another tool (a Pandoc template or filter) reads it, or delete it.' : `Keep the line for ${format}, or delete it.`;
  if (key === 'affiliations' || key === 'institute' || key === 'affiliation') {
    const why = Array.isArray(data[key])
      ? 'No author refers to it: give each author the indexes of its affiliations (JOSS: affiliation: 1) or their ids (pandoc-scholar: institute: id).'
      : 'Apparatus shows the affiliations of each author: write them under the author (affiliation: University of Somewhere).';
    return { message, hint: `${why} ${keep}` };
  }
  const equivalent = EQUIVALENTS[key];
  if (equivalent !== undefined && own.includes(equivalent)) {
    return { message, hint: `Apparatus's field for this is "${equivalent}": write the value there too if the essay should show it. ${keep}` };
  }
  if (format === 'Pandoc') {
    return { message, hint: 'Apparatus lays out its pages itself, so Pandoc\'s template, LaTeX and EPUB variables change nothing here. Keep the line for Pandoc, or delete it.' };
  }
  if (format !== undefined) return { message, hint: `It steers ${format}'s own output, which Apparatus does not make. ${keep}` };
  const near = didYouMean(key, own);
  return { message, hint: `It is none of the fields Apparatus reads. ${near ? `If you meant ${near.replace(/^did you mean /, '').replace(/\?$/, '')}, rename it. ` : ''}${keep}` };
}
