/**
 * Files an essay links to from its own folder (`[the data](synthetic_data.csv)`, `[slides](talk.pdf)`),
 * published beside its page as Quarto and Pandoc's HTML publish them: `content/<essay>/data.csv` is
 * `/<essay>/data.csv`. Only files of the essay's folder that its Markdown links to are published
 * (not the folder wholesale), and never its Markdown or bibliographies (EssaySource.files holds none).
 */
import type { InternalLink } from './essay-checks.ts';

export interface LinkedFile {
  /** The file, relative to the essay's folder (`data/synthetic.csv`). */
  readonly file: string;
}

interface LinkingEssay {
  readonly slug: string;
  readonly files: readonly string[];
  readonly links: readonly Pick<InternalLink, 'url'>[];
}

/** The essay's file a link leads to, if it leads to one: the link read against the essay's page. */
export function linkedFileOf(essay: Pick<LinkingEssay, 'slug' | 'files'>, url: string): string | undefined {
  let resolved: URL;
  try {
    resolved = new URL(url, `http://site.invalid/${essay.slug}/`);
  } catch {
    return undefined;
  }
  if (resolved.host !== 'site.invalid') return undefined;
  const path = decodeURIComponent(resolved.pathname);
  const prefix = `/${essay.slug}/`;
  if (!path.startsWith(prefix)) return undefined;
  const file = path.slice(prefix.length);
  return essay.files.includes(file) ? file : undefined;
}

/** The files of its folder an essay links to, each once. */
export function linkedFiles(essay: LinkingEssay): LinkedFile[] {
  const files = new Set<string>();
  for (const link of essay.links) {
    const file = linkedFileOf(essay, link.url);
    if (file) files.add(file);
  }
  return [...files].sort().map((file) => ({ file }));
}
