/**
 * Turns zod issues on a frontmatter or config object into diagnostics that name the key path, the
 * file and line, and a fix: an unknown key gets "did you mean", a wrong type says what was expected.
 */
import type { core, ZodType as ZodTypeAny } from 'zod';
import { z } from 'zod';
import type { Diagnostic } from '../lib/diagnostics.ts';
import type { Position } from '../lib/diagnostics.ts';
import { typoOf } from './pandoc-fields.ts';
import { didYouMean } from '../lib/suggest.ts';

export function keyPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, step) => (typeof step === 'number' ? `${out}[${step}]` : out ? `${out}.${String(step)}` : String(step)), '');
}

/** The keys an object schema accepts at `path`, for suggestions. */
function knownKeysAt(schema: ZodTypeAny, path: readonly PropertyKey[]): string[] {
  let node: ZodTypeAny | undefined = schema;
  for (const step of path) {
    node = unwrap(node);
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, ZodTypeAny>)[String(step)];
    else if (node instanceof z.ZodArray) node = node.element as ZodTypeAny;
    else return [];
    if (!node) return [];
  }
  node = unwrap(node);
  return node instanceof z.ZodObject ? Object.keys(node.shape as object) : [];
}

/** The schema inside optional, nullable, default and pipe (transform, preprocess) wrappers: where the object's keys are. */
function unwrap(node: ZodTypeAny | undefined): ZodTypeAny | undefined {
  let current = node;
  for (;;) {
    const def = (current as { _zod?: { def: WrapperDef } } | undefined)?._zod?.def;
    if (!def) return current;
    if (def.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch'].includes(def.type)) current = def.innerType;
    else if (def.type === 'pipe' && def.in && def.out) current = (def.in as { _zod: { def: WrapperDef } })._zod.def.type === 'transform' ? def.out : def.in;
    else return current;
  }
}

interface WrapperDef {
  readonly type: string;
  readonly innerType?: ZodTypeAny;
  readonly in?: ZodTypeAny;
  readonly out?: ZodTypeAny;
}

/** The value at a key path of the parsed object. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[step];
  }
  return value;
}

type ZodIssue = core.$ZodIssue;

export interface IssueContext {
  readonly file: string;
  readonly schema: ZodTypeAny;
  readonly locate: (path: readonly PropertyKey[]) => Position;
  /** What the object is, for messages: "essay frontmatter", "section frontmatter". */
  readonly what: string;
  /** The object that was parsed: a field it lacks is "missing", not "invalid". */
  readonly data: unknown;
}

export function issuesToDiagnostics(issues: readonly ZodIssue[], context: IssueContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(context.schema, issue.path);
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        // A typo's own field alone ("Title" → title), else anything close ("language" → lang).
        const typos = typoOf(key, known);
        const suggestion = didYouMean(key, typos.length > 0 ? typos : known);
        out.push({
          file: context.file,
          ...context.locate(path),
          severity: 'error',
          rule: 'frontmatter/unknown-field',
          message: `Unknown field "${keyPath(path)}" in the ${context.what}.`,
          hint: suggestion
            ? `${capitalize(suggestion)} Unknown fields are errors so that a typo is never silently ignored.`
            : `Known fields: ${known.join(', ')}.`,
        });
      }
      continue;
    }
    const path = issue.path;
    const field = keyPath(path);
    // A field the object lacks fails as a wrong type (or, for a union, as every branch).
    const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_union') && valueAt(context.data, path) === undefined;
    out.push({
      file: context.file,
      ...context.locate(path),
      severity: 'error',
      rule: missing ? 'frontmatter/missing-field' : 'frontmatter/invalid-field',
      message: missing
        ? `The ${context.what} has no "${field}", which is required.`
        : `"${field}" in the ${context.what}: ${issue.message}`,
      hint: missing ? (MISSING_HINTS[field] ?? `Add a line "${String(path.at(-1))}: …" to the frontmatter.`) : `Correct "${field}"; README, "Writing an essay", lists every field and its form.`,
    });
  }
  return out;
}

/**
 * Fields whose absence needs more than "add it": a Pandoc document may have no date, but an essay
 * here is listed, dated in feeds and cited by its date, and guessing one (the file's, the build's)
 * would make the same sources give different sites.
 */
const MISSING_HINTS: Readonly<Record<string, string>> = {
  date: 'Add a line "date: YYYY-MM-DD" with the date of publication. Pandoc, JOSS and pandoc-scholar let a paper go without one, but Apparatus lists, dates and cites every essay by it.',
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
