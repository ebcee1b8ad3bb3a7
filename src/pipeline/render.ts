/**
 * Renders an assembled essay to HTML with Astro's Markdown processor: GFM notes, rehype-citation with
 * the essay's own CSL style, locale and bibliography (all read from the repository, never fetched),
 * then our plugins for sections, endnotes and references.
 *
 * Rendering happens when the page is built, not through Astro's content cache, so an edit to the
 * bibliography or the style is never served stale.
 */
import { createMarkdownProcessor, type MarkdownProcessor } from '@astrojs/markdown-remark';
import { readFileSync } from 'node:fs';
import rehypeCitation, { Cite } from 'rehype-citation';
import type { VFile } from 'vfile';
import rehypeEndnotes from '../plugins/rehype-endnotes.ts';
import rehypeEssaySections, { type SectionMarker } from '../plugins/rehype-essay-sections.ts';
import rehypeReferences from '../plugins/rehype-references.ts';
import type { EssaySource } from '../sources/load.ts';

export interface RenderedEssay {
  readonly html: string;
  readonly sections: readonly { readonly slug: string; readonly title: string }[];
}

/** The part of rehype-citation's bundled citation-js that its types do not declare. */
interface CiteWithPlugins {
  plugins: {
    config: {
      get(name: '@csl'): {
        templates: { add(name: string, style: string): void };
        locales: { add(name: string, locale: string): void };
      };
    };
  };
}

const processors = new Map<string, Promise<MarkdownProcessor>>();
const registered = new Map<string, string>();

/**
 * Registers the essay's style and locale with rehype-citation's CSL engine under stable names, from
 * the repository's files. Given a path instead, rehype-citation would read the file again on every
 * render and register it under a new random name each time.
 */
function registerCsl(essay: EssaySource): { csl: string; lang: string } {
  const config = (Cite as unknown as CiteWithPlugins).plugins.config.get('@csl');
  const csl = `apparatus-${essay.style.name}`;
  const style = readFileSync(essay.style.file, 'utf8');
  if (registered.get(csl) !== style) {
    config.templates.add(csl, style);
    registered.set(csl, style);
  }
  const locale = readFileSync(essay.locale.file, 'utf8');
  const lang = /xml:lang="([^"]+)"/.exec(locale)?.[1] ?? essay.locale.name;
  if (registered.get(`locale:${lang}`) !== locale) {
    config.locales.add(lang, locale);
    registered.set(`locale:${lang}`, locale);
  }
  return { csl, lang };
}

function sectionsOf(file: VFile): readonly SectionMarker[] {
  const data = file.data as { astro?: { frontmatter?: { sections?: SectionMarker[] } } };
  return data.astro?.frontmatter?.sections ?? [];
}

function processorFor(essay: EssaySource): Promise<MarkdownProcessor> {
  const { csl, lang } = registerCsl(essay);
  const key = [csl, lang, ...essay.bibliographyFiles].join('\0');
  let processor = processors.get(key);
  if (!processor) {
    processor = createMarkdownProcessor({
      syntaxHighlight: false,
      // Plain ids (fn-label, fnref-label): the page has one document, so nothing needs a prefix.
      remarkRehype: { clobberPrefix: '', footnoteLabel: 'Notes', footnoteLabelTagName: 'h2' },
      rehypePlugins: [
        [
          rehypeCitation,
          {
            // rehype-citation joins each file to `path`, and rewrites this array in place with the
            // result, on every render. Absolute paths joined to '/' stay the same however often.
            bibliography: [...essay.bibliographyFiles],
            path: '/',
            csl,
            lang,
            linkCitations: true,
          },
        ],
        [rehypeEssaySections, { sectionsOf }],
        [rehypeEndnotes, {}],
        [rehypeReferences, {}],
      ],
    });
    processors.set(key, processor);
  }
  return processor;
}

export async function renderEssay(essay: EssaySource): Promise<RenderedEssay> {
  const processor = await processorFor(essay);
  const sections = essay.assembled.sections.map((s) => ({ slug: s.slug, headingLine: s.headingLine }));
  const result = await processor.render(essay.assembled.markdown, { frontmatter: { sections } });
  return {
    html: result.code,
    sections: essay.assembled.sections.map(({ slug, title }) => ({ slug, title })),
  };
}
