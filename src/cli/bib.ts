/**
 * `npm run bib -- import FILE.bib [--as NAME.json] [--force]`: checks a BibTeX file (every problem,
 * by entry key and line) and writes it as CSL-JSON into bibliography/, read exactly as the build
 * would read the .bib (Pandoc's sentence case, {Protected} words, short titles).
 *
 * `npm run bib -- export ESSAY --format bibtex|ris|csl-json [--out FILE]`: the works an essay cites
 * (and lists in nocite), for a reference manager; to standard output unless --out names a file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { formatDiagnostic, hasErrors, summarize } from '../lib/diagnostics.ts';
import { readBibliography } from '../bibliography/bibliography.ts';
import { EXPORT_FORMATS, exportEntries, type ExportFormat } from '../bibliography/exports.ts';
import { didYouMean } from '../lib/suggest.ts';
import { checkSite, citedEntries } from '../checks/checked-site.ts';
import { displayPath } from '../sources/paths.ts';
import { fail, loadSiteConfig, paths } from './project.ts';

const USAGE = `Usage:
  npm run bib -- import FILE.bib [--as NAME.json] [--force]
  npm run bib -- export ESSAY --format bibtex|ris|csl-json [--out FILE]`;

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at === -1) return undefined;
  const value = args[at + 1];
  args.splice(at, 2);
  return value;
}

function flag(args: string[], name: string): boolean {
  const at = args.indexOf(name);
  if (at !== -1) args.splice(at, 1);
  return at !== -1;
}

function importBibtex(args: string[]): number {
  const force = flag(args, '--force');
  const as = option(args, '--as');
  const [input, ...extra] = args;
  if (!input || extra.length > 0) return fail(USAGE);
  const source = resolve(input);
  if (!existsSync(source)) return fail(`There is no file ${input}.`);
  const name = as ?? `${basename(source).replace(/\.(bib|bibtex)$/i, '')}.json`;
  if (!name.endsWith('.json') || name.includes('/')) return fail(`--as names a file in bibliography/, ending in .json (not "${name}").`);
  const target = join(paths.bibliography, name);

  const file = displayPath(paths, source).startsWith('..') ? source : displayPath(paths, source);
  const bibliography = readBibliography([{ file, text: readFileSync(source, 'utf8') }]);
  for (const d of bibliography.diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
  if (hasErrors(bibliography.diagnostics)) {
    return fail(`\n${file}: ${summarize(bibliography.diagnostics)}. Nothing was written: fix the errors and import again.`);
  }
  if (bibliography.entries.size === 0) return fail(`${file} holds no BibTeX entry. Nothing was written.`);
  if (existsSync(target) && !force) {
    return fail(`bibliography/${name} exists already. Import under another name with --as NAME.json, or replace it with --force.`);
  }
  const entries = [...bibliography.entries.values()].map((sourced) => sourced.entry);
  writeFileSync(target, exportEntries(entries, 'csl-json'));
  process.stdout.write(`Wrote ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} to bibliography/${name} (${summarize(bibliography.diagnostics)}).\n`);
  process.stdout.write(`Name it in an essay's frontmatter: bibliography: ${name}\n`);
  return 0;
}

async function exportEssay(args: string[]): Promise<number> {
  const format = option(args, '--format') ?? 'bibtex';
  const out = option(args, '--out');
  const [slug, ...extra] = args;
  if (!slug || extra.length > 0) return fail(USAGE);
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    const suggestion = didYouMean(format, EXPORT_FORMATS);
    return fail(`Unknown format "${format}"${suggestion ? ` (${suggestion})` : ''}. Formats: ${EXPORT_FORMATS.join(', ')}.`);
  }
  const checked = checkSite(paths, await loadSiteConfig(), { includeDrafts: true });
  const essay = checked.essays.find((e) => e.slug === slug);
  if (!essay) {
    const suggestion = didYouMean(slug, checked.essays.map((e) => e.slug));
    return fail(`There is no essay "${slug}" in content/${suggestion ? `: ${suggestion}` : '.'}${checked.essays.length > 0 ? ` Essays: ${checked.essays.map((e) => e.slug).join(', ')}.` : ''}`);
  }
  const text = exportEntries(citedEntries(essay), format as ExportFormat);
  if (out) {
    writeFileSync(resolve(out), text);
    process.stderr.write(`Wrote ${citedEntries(essay).length} works cited by ${slug} to ${out}.\n`);
  } else {
    process.stdout.write(text);
  }
  return 0;
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'import') return importBibtex(args);
  if (command === 'export') return exportEssay(args);
  return fail(USAGE);
}

process.exitCode = await main();
