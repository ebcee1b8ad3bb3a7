/**
 * What an essay's frontmatter may hold because it was written for Pandoc: any field (those Apparatus
 * does not read are accepted with a warning that they change nothing here, typos of its own fields
 * are not), authors as JOSS, pandoc-scholar and Quarto write them, `nocite` in each of Pandoc's
 * forms, and the free-text dates Pandoc itself can read.
 */
import type { Diagnostic } from '../lib/diagnostics.ts';
import type { Position } from '../lib/diagnostics.ts';
import { didYouMean } from '../lib/suggest.ts';
import { EQUIVALENTS, formatOfField, typoOf } from '../schemas/pandoc-fields.ts';
import { monthOf } from '../schemas/pandoc-values.ts';

export interface ReadMetadata {
  /** The frontmatter for the schema: ignored fields out, authors in Apparatus's form. */
  readonly data: unknown;
  /** Warnings for the fields ignored; errors for affiliations that name nothing. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * `locate` for paths of `data`: a pandoc-scholar author (`- Albert Krewinkel: {orcid: …}`) is an
   * object with a name in `data`, so `author[0].orcid` is found under its name in the file.
   */
  readonly locate: (path: readonly PropertyKey[]) => Position;
}

type Locate = (path: readonly PropertyKey[]) => Position;
type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
const pathText = (path: readonly PropertyKey[]) =>
  path.reduce<string>((out, step) => (typeof step === 'number' ? `${out}[${step}]` : out ? `${out}.${String(step)}` : String(step)), '');
const listOf = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * The affiliations an essay lists once and its authors refer to: JOSS's `affiliations` (`name`,
 * `index`, which authors give as `affiliation: 1` or `"1, 2"`), Quarto's (`name`, `id`, given as
 * `affiliations: [{ref: id}]`), and pandoc-scholar's `institute` (one-key maps, id → name or
 * `{name, address}`, given as `institute: id`).
 */
interface Registry {
  readonly byIndex: Map<string, string>;
  /** The field the indexes come from: JOSS's `affiliations`, or ReScience's `Address`. */
  addressField?: string;
  readonly byId: Map<string, { name: string; field: 'affiliations' | 'institute' }>;
  /** The top-level fields an author referred to: read, so not reported as ignored. */
  readonly used: Set<string>;
}

function registryOf(data: Fields): Registry {
  const registry: Registry = { byIndex: new Map(), byId: new Map(), used: new Set() };
  const nameOf = (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim() ? value.trim() : isFields(value) && typeof value['name'] === 'string' && value['name'].trim() ? value['name'].trim() : undefined;
  if (Array.isArray(data['affiliations'])) {
    for (const item of data['affiliations']) {
      const name = nameOf(item);
      if (!name || !isFields(item)) continue;
      if (typeof item['index'] === 'number' || typeof item['index'] === 'string') registry.byIndex.set(String(item['index']).trim(), name);
      // Quarto's ids may be numbers (`id: 1`, referred to as `ref: 1`).
      if (typeof item['id'] === 'string' || typeof item['id'] === 'number') registry.byId.set(String(item['id']), { name, field: 'affiliations' });
    }
  }
  // ReScience's template: `Address: [{code: 1, address: …}]`, which authors give as `affiliation: 1`.
  if (Array.isArray(data['Address'])) {
    for (const item of data['Address']) {
      if (!isFields(item) || (typeof item['code'] !== 'number' && typeof item['code'] !== 'string') || typeof item['address'] !== 'string') continue;
      registry.byIndex.set(String(item['code']).trim(), item['address'].trim());
      registry.addressField = 'Address';
    }
  }
  if (Array.isArray(data['institute'])) {
    for (const item of data['institute']) {
      if (!isFields(item)) continue;
      const keys = Object.keys(item);
      const only = keys.length === 1 ? keys[0]! : undefined;
      if (typeof item['id'] === 'string' && nameOf(item)) registry.byId.set(item['id'], { name: nameOf(item)!, field: 'institute' });
      else if (only !== undefined && nameOf(item[only])) registry.byId.set(only, { name: nameOf(item[only])!, field: 'institute' });
    }
  }
  return registry;
}

interface AuthorContext {
  readonly registry: Registry;
  readonly own: readonly string[];
  readonly file: string;
  readonly locate: Locate;
  readonly diagnostics: Diagnostic[];
}

const INDEXES = /^\s*\d+(\s*,\s*\d+)*\s*$/;

/**
 * The names of the affiliations an author's field gives: names as written, JOSS indexes, or ids of
 * `affiliations`/`institute`. An index or a near-miss of an id that names nothing is an error; a
 * value of a type no format uses is passed on for the schema to report. `path` names the field in
 * messages (`author[0].institute`), `place` is where it is in the file.
 */
function affiliationNames(value: unknown, field: string, path: readonly PropertyKey[], place: readonly PropertyKey[], context: AuthorContext): unknown[] {
  const { registry } = context;
  const problem = (message: string, hint: string) =>
    context.diagnostics.push({ file: context.file, ...context.locate(place), severity: 'error', rule: 'frontmatter/invalid-field', message: `"${pathText(path)}" in the essay frontmatter: ${message}`, hint });
  const byIndex = (index: string): string | undefined => {
    const name = registry.byIndex.get(index);
    if (name !== undefined) {
      registry.used.add(registry.addressField ?? 'affiliations');
      return name;
    }
    const known = [...registry.byIndex.keys()];
    if (known.length === 0) {
      problem(
        `${index} is the index of an affiliation, as JOSS writes them, but the frontmatter has no "affiliations" list with indexes.`,
        'List the affiliations as JOSS does, or write the affiliation\'s name instead of its index:\n    affiliations:\n      - name: University of Somewhere\n        index: 1',
      );
    } else {
      problem(`no entry of "affiliations" has the index ${index}.`, `Use one of the indexes listed: ${listOf(known)}.`);
    }
    return undefined;
  };
  const byId = (id: string): string | undefined => {
    const entry = registry.byId.get(id);
    if (!entry) return undefined;
    registry.used.add(entry.field);
    return entry.name;
  };
  const one = (item: unknown): unknown[] => {
    if (item === null || item === undefined) return [];
    if (typeof item === 'number') return [byIndex(String(item))].filter((name) => name !== undefined);
    if (typeof item === 'string') {
      if (INDEXES.test(item)) return item.split(',').map((index) => byIndex(index.trim())).filter((name) => name !== undefined);
      const found = byId(item.trim());
      if (found !== undefined) return [found];
      // pandoc-scholar takes an institute that is not an id as a name; a near-miss of an id is a typo.
      const near = typoOf(item.trim(), [...registry.byId.keys()]);
      if (field === 'institute' && near.length > 0) {
        problem(`"${item}" is not the id of an institute.`, `Did you mean ${listOf(near)}? The ids are those of the top-level "institute" list.`);
        return [];
      }
      return [item];
    }
    if (isFields(item)) {
      // Quarto: {name: …} written in place, or {ref: id} of the top-level list.
      const idOf = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
      const ref = idOf(item['ref']) ?? (typeof item['name'] !== 'string' ? idOf(item['id']) : undefined);
      if (ref !== undefined) {
        const found = byId(ref);
        if (found !== undefined) return [found];
        problem(`"${ref}" is not the id of an entry of "affiliations".`, `Use one of the ids listed: ${listOf([...registry.byId.keys()]) || 'there is none'}.`);
        return [];
      }
      if (typeof item['name'] === 'string') return [item['name']];
    }
    return [item];
  };
  return Array.isArray(value) ? value.flatMap(one) : one(value);
}

/** An author's affiliations: ours (names, or JOSS's indexes), pandoc-scholar's ids, Quarto's list. */
const AFFILIATION_FIELDS = ['affiliation', 'institute', 'affiliations'];

/** The parts of a name in JOSS (`given-names`, `surname`…) and Quarto (`name: {given, family}`), in reading order. */
const NAME_PARTS = ['given-names', 'given', 'dropping-particle', 'non-dropping-particle', 'surname', 'family', 'suffix'];

function composedName(parts: Fields): string | undefined {
  if (typeof parts['literal'] === 'string') return parts['literal'];
  const words = NAME_PARTS.map((key) => parts[key]).filter((word): word is string => typeof word === 'string' && word.trim() !== '');
  return words.length > 0 ? words.join(' ') : undefined;
}

/**
 * One author in Apparatus's form ({name, affiliation, orcid, url}) from any of the forms Pandoc
 * formats write, with a warning for each detail Apparatus does not show (an email, a role).
 * Returns the path of the author's details in the file when it differs from `path`.
 */
function readAuthor(value: unknown, path: readonly PropertyKey[], context: AuthorContext): { author: unknown; origin?: readonly PropertyKey[] } {
  if (!isFields(value)) return { author: value };
  let fields: Fields = value;
  let origin: readonly PropertyKey[] | undefined;
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0]! : undefined;
  // pandoc-scholar: `- Albert Krewinkel: {institute: pdt, orcid: …}`, or a name with nothing after it.
  if (only !== undefined && !context.own.includes(only) && typoOf(only, context.own).length === 0 && (value[only] === null || isFields(value[only]))) {
    origin = [...path, only];
    fields = { ...((value[only] as Fields | null) ?? {}), name: only };
  }
  const at = origin ?? path;
  const author: Fields = {};
  const affiliations: unknown[] = [];
  let hasAffiliation = false;
  for (const [key, detail] of Object.entries(fields)) {
    if (AFFILIATION_FIELDS.includes(key)) {
      hasAffiliation = true;
      affiliations.push(...affiliationNames(detail, key, [...path, key], [...at, key], context));
    } else if (key === 'name' && isFields(detail)) {
      author['name'] = composedName(detail) ?? detail;
    } else if (context.own.includes(key) || typoOf(key, context.own).length > 0) {
      // Ours, or a typo of ours, which the schema reports with "did you mean".
      author[key] = detail;
    } else if (typoOf(key, AFFILIATION_FIELDS).length > 0) {
      context.diagnostics.push({
        file: context.file,
        ...context.locate([...at, key]),
        severity: 'error',
        rule: 'frontmatter/unknown-field',
        message: `Unknown field "${pathText([...path, key])}" in the essay frontmatter.`,
        hint: `Did you mean ${listOf(typoOf(key, AFFILIATION_FIELDS))}? Unknown fields are errors so that a typo is never silently ignored.`,
      });
    } else if (NAME_PARTS.includes(key) && fields['name'] === undefined) {
      continue;
    } else {
      context.diagnostics.push({
        file: context.file,
        ...context.locate([...at, key]),
        severity: 'warning',
        rule: 'frontmatter/ignored-field',
        message: `The author's field "${pathText([...path, key])}" is ignored by Apparatus.`,
        hint: `Apparatus shows an author's ${listOf(context.own)}. Keep the line for the template or filter that reads it, or delete it.`,
      });
    }
  }
  if (author['name'] === undefined && fields['name'] === undefined) {
    const name = composedName(fields);
    if (name !== undefined) author['name'] = name;
  }
  if (hasAffiliation && affiliations.length > 0) author['affiliation'] = affiliations;
  return origin ? { author, origin } : { author };
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
/**
 * The people a single author string names, as a reader would take them: `Ada Writer and Bo
 * Reader`, `Ada Writer, Bo Reader and Cy Doe`, `Ada Writer & Bo Reader`. Undefined when the string
 * names one person, or when a comma may be that of an inverted name (`Writer, Ada`).
 */
export function namesInOneString(text: string): string[] | undefined {
  const parts = text
    .split(/\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length < 2 || !/\s(?:and|&)\s/.test(` ${text} `) && !text.includes(',')) return undefined;
  // "Writer, Ada" or "Writer, A. and Reader, B.": names written family first cannot be told apart.
  if (parts.some((part) => !/\S\s+\S/.test(part))) return undefined;
  return parts;
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
 * Quarto reads a date with slashes month first (`11/08/2024` is 8 November), as JavaScript does;
 * Apparatus reads no date it cannot read for certain, but takes a Quarto document's as Quarto did,
 * with a warning that says which day it took.
 */
function quartoDate(data: Fields, file: string, locate: Locate, diagnostics: Diagnostic[]): Fields {
  const date = data['date'];
  const slashed = typeof date === 'string' ? /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(date) : undefined;
  if (!slashed) return data;
  const [month, day, year] = [Number(slashed[1]), Number(slashed[2]), Number(slashed[3])];
  const taken = new Date(Date.UTC(year, month - 1, day));
  if (taken.getUTCMonth() !== month - 1 || taken.getUTCDate() !== day) return data;
  const iso = taken.toISOString().slice(0, 10);
  diagnostics.push({
    file,
    ...locate(['date']),
    severity: 'warning',
    rule: 'frontmatter/date-read-as-quarto',
    message: `"${String(date)}" is read as ${taken.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}, month first, as Quarto reads it.`,
    hint: `Write date: ${iso} to say so for certain.`,
  });
  return { ...data, date: iso };
}

/**
 * A date that names a year or a month but no day (`2017`, `2017-05`, `May 2017`, as theses and
 * reports give one): Apparatus dates every essay by its day, so the first day is taken, with a
 * warning that says so and asks for the day.
 */
function partialDate(data: Fields, field: 'date' | 'revised', file: string, locate: Locate, diagnostics: Diagnostic[]): Fields {
  const written = data[field];
  const text = typeof written === 'number' ? String(written) : typeof written === 'string' ? written.trim() : undefined;
  if (text === undefined) return data;
  const named = /^([A-Za-z]+\.?),?\s+(\d{4})$/.exec(text);
  const yearMonth = /^(\d{4})(?:-(\d{1,2}))?$/.exec(text) ?? (named && monthOf(named[1]!) ? [text, named[2]!, String(monthOf(named[1]!))] : undefined);
  if (!yearMonth) return data;
  const year = Number(yearMonth[1]);
  const month = yearMonth[2] === undefined ? 1 : Number(yearMonth[2]);
  if (year < 1000 || month < 1 || month > 12) return data;
  const iso = `${yearMonth[1]}-${String(month).padStart(2, '0')}-01`;
  const taken = new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  diagnostics.push({
    file,
    ...locate([field]),
    severity: 'warning',
    rule: 'frontmatter/date-without-day',
    message: `"${text}" names no day: Apparatus dates an essay by its day, and took ${taken}.`,
    hint: `Write the day it was published, as ${field}: ${iso.slice(0, 7)}-DD.`,
  });
  return { ...data, [field]: iso };
}

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
