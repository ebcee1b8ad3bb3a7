import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';

export function loadPage(file: string): HTMLElement {
  return parse(readFileSync(file, 'utf8'), { comment: false });
}

/** Every .html file under a folder, as paths relative to it with forward slashes. */
export function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.html')) out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Text as a reader sees it, made comparable with the seed: typographic quotes and dashes are folded
 * to their plain forms (the brief allows them to differ) and white space is collapsed.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&#x26;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/[‘’‚′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[–—‒−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}
