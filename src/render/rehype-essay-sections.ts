/**
 * Wraps each section of the assembled essay in a `<section>` labelled by its heading, gives the
 * heading the section's stable id (from its file name) and numbers the section's paragraphs with ids,
 * so that every heading and paragraph has a permalink and search results can land on them.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { VFile } from 'vfile';
import { slugify } from '../sources/assemble.ts';
import { el, isElement, textContent } from '../lib/hast.ts';

export interface SectionMarker {
  readonly slug: string;
  /** Line of the section's heading in the assembled Markdown. */
  readonly headingLine: number;
  /** An appendix: moved after the notes and references, and lettered ("Appendix A"). */
  readonly appendix?: boolean;
}

export interface Options {
  /** Reads the section markers of the document being rendered. */
  readonly sectionsOf: (file: VFile) => readonly SectionMarker[];
}

export default function rehypeEssaySections(options: Options) {
  return (tree: Root, file: VFile) => {
    const markers = new Map(options.sectionsOf(file).map((m) => [m.headingLine, m.slug]));
    const out: RootContent[] = [];
    let current: Element | undefined;
    let paragraphs = 0;
    let preambleParagraphs = 0;
    const usedIds = new Set<string>();
    for (const node of tree.children) {
      const slug = isElement(node, 'h2') ? markers.get(node.position?.start.line ?? -1) : undefined;
      if (slug && isElement(node)) {
        node.properties['id'] = slug;
        current = el('section', { className: ['essay-section'], ariaLabelledBy: [slug], dataSection: slug });
        current.children.push(node);
        out.push(current);
        paragraphs = 0;
        continue;
      }
      // Headings inside a section get ids of their own under the section's, before Astro would
      // give them bare slugs that may clash with the page's ids ("notes", a section's id…).
      if (current && isElement(node) && /^h[3-6]$/.test(node.tagName) && !node.properties['id']) {
        const base = `${current.properties['dataSection'] as string}-${slugify(textContent(node), 'heading')}`;
        let id = base;
        for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
        usedIds.add(id);
        node.properties['id'] = id;
      }
      if (isElement(node, 'p')) {
        if (current) node.properties['id'] = `${current.properties['dataSection'] as string}-p${++paragraphs}`;
        else node.properties['id'] = `p${++preambleParagraphs}`;
      }
      if (current && !isTrailingApparatus(node)) current.children.push(node as ElementContent);
      else {
        if (isTrailingApparatus(node)) current = undefined;
        out.push(node);
      }
    }
    tree.children = setApart(out, new Set(options.sectionsOf(file).filter((m) => m.appendix).map((m) => m.slug)));
  };
}

/**
 * The appendices, after everything else (as in Distill: after the notes and references, which the
 * plugins after this one keep in their place), in a block of their own, lettered A, B, C….
 */
function setApart(children: RootContent[], appendixSlugs: ReadonlySet<string>): RootContent[] {
  if (appendixSlugs.size === 0) return children;
  const isAppendix = (node: RootContent): node is Element => isElement(node, 'section') && appendixSlugs.has(String(node.properties['dataSection']));
  const appendices = children.filter(isAppendix);
  appendices.forEach((section, i) => {
    section.properties['className'] = ['essay-section', 'appendix'];
    const heading = section.children.find((c): c is Element => isElement(c, 'h2'));
    const letter = i < 26 ? String.fromCharCode(65 + i) : String(i + 1);
    heading?.children.unshift(el('span', { className: ['appendix-label'] }, [{ type: 'text', value: `Appendix ${letter}` }]), { type: 'text', value: ' ' });
  });
  return [...children.filter((node) => !isAppendix(node)), el('section', { className: ['appendices'], ariaLabel: 'Appendices' }, appendices)];
}

/** The notes and the bibliography follow the last section; they are not part of it. */
function isTrailingApparatus(node: RootContent): boolean {
  if (!isElement(node)) return false;
  return (node.tagName === 'section' && 'dataFootnotes' in node.properties) || node.properties['id'] === 'refs';
}
