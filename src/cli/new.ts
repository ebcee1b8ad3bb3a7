/**
 * `npm run new -- <slug> "Title"`: a new essay, ready to write in: content/<slug>/index.md with its
 * frontmatter, a first section, and an empty bibliography/<slug>.json (kept if it exists, since
 * bibliographies may be shared). It is a draft, shown by `npm run dev` only, until `draft: true` goes.
 * It never overwrites an essay.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isoDate } from '../publishing/format.ts';
import { slugProblem } from '../sources/essay-slug.ts';
import { fail, paths } from './project.ts';

const USAGE = 'Usage: npm run new -- <slug> "Title of the essay"\n  e.g. npm run new -- on-tides "On tides and their keepers"';

/** Today, or the day SOURCE_DATE_EPOCH names, so a scripted run is repeatable. */
function today(): Date {
  const epoch = Number(process.env['SOURCE_DATE_EPOCH']);
  return Number.isFinite(epoch) && process.env['SOURCE_DATE_EPOCH'] ? new Date(epoch * 1000) : new Date();
}

export function essayIndex(title: string, date: Date, bibliography: string): string {
  // JSON strings are valid YAML, so any title is quoted safely.
  return `---
title: ${JSON.stringify(title)}
authors:
  - name: ${JSON.stringify('Your Name')}
date: ${isoDate(date)}
description: ${JSON.stringify('One or two sentences on what the essay argues.')}
bibliography: ${bibliography}
draft: true
---
`;
}

export const FIRST_SECTION = `---
title: Introduction
---

Write the introduction here. Each section is a file of this folder, read in the order of the
file names (01-introduction.md, 02-…); its title comes from its frontmatter.

Cite a work of the bibliography as \`[@key]\`, \`[@key, p. 12]\` or \`@key\` in a sentence, and add a
note with \`[^label]\` and a line \`[^label]: The note's text.\` below the paragraph.
`;

function main(): number {
  const [slug, title, ...extra] = process.argv.slice(2);
  if (!slug || !title || extra.length > 0) return fail(USAGE);
  const problem = slugProblem(slug);
  if (problem) {
    const fixed = /^Call it "([^"]+)"\.$/.exec(problem.hint)?.[1] ?? `${slug}-essay`;
    return fail(`${problem.message}\nTry: npm run new -- ${fixed} ${JSON.stringify(title)}`);
  }
  const dir = join(paths.content, slug);
  if (existsSync(dir)) {
    const free = [2, 3, 4, 5].map((n) => `${slug}-${n}`).find((name) => !existsSync(join(paths.content, name)));
    return fail(`content/${slug}/ exists already, and nothing was changed. Choose another name${free ? `, such as ${free}` : ''}.`);
  }
  const bibliography = `${slug}.json`;
  const bibliographyFile = join(paths.bibliography, bibliography);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.md'), essayIndex(title, today(), bibliography));
  writeFileSync(join(dir, '01-introduction.md'), FIRST_SECTION);
  const keptBibliography = existsSync(bibliographyFile);
  if (!keptBibliography) writeFileSync(bibliographyFile, '[]\n');
  process.stdout.write(
    [
      `Created content/${slug}/index.md and content/${slug}/01-introduction.md.`,
      keptBibliography ? `bibliography/${bibliography} exists already and is kept: the essay cites from it.` : `Created an empty bibliography/${bibliography}: add works, or import a .bib with npm run bib -- import FILE.bib.`,
      `The essay is a draft (draft: true): npm run dev shows it at /${slug}/; remove the line to publish it.`,
    ]
      .filter(Boolean)
      .join('\n') + '\n',
  );
  return 0;
}

process.exitCode = main();
