/**
 * Authors as JOSS, pandoc-scholar and Quarto write them, with the affiliations they list once and
 * refer to, put in Apparatus's form: a reference that names nothing is an error, for the essay
 * would otherwise be published with an author's affiliation silently lost.
 */
import type { Diagnostic } from '../lib/diagnostics.ts';
import { typoOf } from '../schemas/pandoc-fields.ts';
import { isFields, listOf, pathText, type Fields, type Locate } from './metadata-fields.ts';

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

export function registryOf(data: Fields): Registry {
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

export interface AuthorContext {
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
export function readAuthor(value: unknown, path: readonly PropertyKey[], context: AuthorContext): { author: unknown; origin?: readonly PropertyKey[] } {
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
