/**
 * Joins an essay's sections into one Markdown document, keeping a map back to the files.
 *
 * The essay is rendered as one document so that it has one reference list, notes numbered across
 * sections and unique ids; the line map lets a problem found in the joined text be reported at the
 * line of the section file the editor actually wrote.
 */
import { lineOf, lineStartOffsets } from '../lib/lines.ts';

export interface SectionPart {
  /** Section file, relative to the project root. */
  readonly file: string;
  /** Stable id of the section, from its file name: `02-soviet-heritage.md` → `soviet-heritage`. */
  readonly slug: string;
  readonly title: string;
  /** Line of the `title:` field in the section file, where the heading comes from. */
  readonly titleLine: number;
  /** Set apart after the references, as in Distill: the title ended with `{.appendix}`. */
  readonly appendix?: boolean;
  readonly body: string;
  /** Line of the section file on which the body starts. */
  readonly bodyLine: number;
}

export interface PreamblePart {
  readonly file: string;
  readonly body: string;
  readonly bodyLine: number;
}

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

export interface AssembledSection {
  readonly slug: string;
  readonly title: string;
  readonly file: string;
  /** Line of the section's heading in the joined document. */
  readonly headingLine: number;
  /** An appendix: printed after the references, lettered (see SectionPart). */
  readonly appendix: boolean;
}

/**
 * A title without the Pandoc attribute block it may end with (`Politics {#sec-politics}`,
 * `Data sources {.appendix}`, `Notes {-}`), and whether that block marks an appendix. A block is
 * attributes only when every word of it is one (`#id`, `.class`, `key=value`, `-`): `Sets {a, b}`
 * keeps its braces. The heading's attributes themselves are read where the heading is parsed.
 */
export function titleAndAppendix(written: string): { title: string; appendix: boolean } {
  const block = /\s*\{([^{}]*)\}\s*$/.exec(written);
  const words = block?.[1]!.trim().split(/\s+/) ?? [];
  if (!block || words.length === 0 || !words.every((word) => /^(?:[#.][^\s#.=]+|[\w-]+=\S+|-)$/.test(word))) return { title: written, appendix: false };
  return { title: written.slice(0, block.index).trim(), appendix: words.includes('.appendix') };
}

export interface AssembledEssay {
  readonly markdown: string;
  readonly sections: readonly AssembledSection[];
  /** Where each line of the joined document came from, as plain data (it travels to render workers). */
  readonly lineMap: LineMap;
  /** Maps a 1-based line of the joined document to the file and line it came from. */
  readonly locate: (line: number) => SourceLocation;
  /** Levels every heading is set down by: 1 for a document whose sections are `#` headings. */
  readonly headingShift: 0 | 1;
}

/** Lines `from`–`to` of the joined document are lines `fileLine`… of `file`. */
export interface LineSpan {
  readonly from: number;
  readonly to: number;
  readonly file: string;
  readonly fileLine: number;
}

export interface LineMap {
  readonly spans: readonly LineSpan[];
  /** The file a line outside every span is put in (an essay with no text at all). */
  readonly file: string;
}

/** Where an offset into the joined document was written: the section file, its line and column. */
export function placeFinder(markdown: string, lineMap: LineMap): (offset: number) => SourceLocation & { readonly column: number } {
  const lineStarts = lineStartOffsets(markdown);
  return (offset) => {
    const line = lineOf(lineStarts, offset);
    const source = locateLine(lineMap, line);
    return { file: source.file, line: source.line, column: offset - lineStarts[line - 1]! + 1 };
  };
}

/** The file and line a 1-based line of the joined document came from. */
export function locateLine(map: LineMap, line: number): SourceLocation {
  const span = map.spans.find((s) => line >= s.from && line <= s.to) ?? [...map.spans].reverse().find((s) => line > s.to);
  if (!span) return { file: map.file, line };
  return { file: span.file, line: span.fileLine + Math.min(line, span.to) - span.from };
}

/** Ids the essay page uses for itself, which a section's id must not take. */
const RESERVED_IDS = new Set(['main', 'notes', 'notes-title', 'references', 'references-title', 'toc-title', 'footnote-label', 'refs']);

/** `02-soviet-heritage.md` → `soviet-heritage` (`05-notes.md` → `notes-section`, as `notes` is taken). */
export function sectionSlug(fileName: string): string {
  const slug = fileSlug(fileName);
  return RESERVED_IDS.has(slug) ? `${slug}-section` : slug;
}

function fileSlug(fileName: string): string {
  return slugify(fileName.replace(/\.q?md$/i, '').replace(/^\d+[-_. ]*/, ''), 'section');
}

/** Lower-case ASCII words joined by hyphens: `Conclusión` → `conclusion`. */
export function slugify(text: string, fallback: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || fallback
  );
}

/**
 * The ATX headings of a document outside code fences and fenced divs (a callout's heading is its
 * title, not a section): level, text and line.
 */
function atxHeadings(lines: readonly string[]): { level: number; text: string; line: number }[] {
  const out: { level: number; text: string; line: number }[] = [];
  let fence: string | undefined;
  let divs = 0;
  lines.forEach((line, i) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence ? undefined : marker;
      return;
    }
    if (!fence && /^:{3,}[ \t]*$/.test(line)) divs = Math.max(0, divs - 1);
    else if (!fence && /^:{3,}[ \t]*(\{[^{}]*\}|[^\s{}:]\S*)/.test(line)) divs += 1;
    const heading = fence || divs > 0 || continuesParagraph(lines[i - 1]) ? undefined : /^ {0,3}(#{1,6}) +(.+?)(?: +#+)? *$/.exec(line);
    if (heading) out.push({ level: heading[1]!.length, text: heading[2]!, line: i + 1 });
  });
  return out;
}

/**
 * Whether a `#` line after this one is text of its paragraph: in Pandoc a heading needs a blank
 * line before it (blank_before_header), unless what comes before is no paragraph (a heading, a
 * code fence, a div's fence, a table row, a rule, HTML). The parser reads it so too
 * (src/markdown/paragraph-interruptions.ts).
 */
function continuesParagraph(previous: string | undefined): boolean {
  if (previous === undefined || previous.trim() === '') return false;
  return !/^ {0,3}(?:#{1,6}(?:\s|$)|`{3,}|~{3,}|:{3,}|\||<|(?:[-*_=][ \t]*){3,}$)/.test(previous);
}

/**
 * The level of a single-file essay's sections: `##`, or `#` where the document uses level-1
 * headings for its sections, as Pandoc papers and Quarto documents do (their title is in the
 * metadata). The page's title is its one `<h1>`, so such a document's headings are set one level
 * down (as `shift-heading-level-by: 1` would).
 */
function sectionLevel(lines: readonly string[]): 1 | 2 {
  return atxHeadings(lines).some((heading) => heading.level === 1) ? 1 : 2;
}

/** Sections from the headings of the section level of a joined document, ids from their text. */
function headingSections(lines: readonly string[], file: string, level: number): AssembledSection[] {
  const out: AssembledSection[] = [];
  const used = new Set<string>();
  for (const { level: depth, text, line } of atxHeadings(lines)) {
    if (depth !== level) continue;
    const { title, appendix } = titleAndAppendix(text.replace(/[*_`]/g, '').trim());
    let slug = slugify(title, 'section');
    if (RESERVED_IDS.has(slug)) slug = `${slug}-section`;
    for (let n = 2; used.has(slug); n++) slug = `${slugify(title, 'section')}-${n}`;
    used.add(slug);
    out.push({ slug, title, file, headingLine: line, appendix });
  }
  return out;
}

/** Escapes what would make a title something other than plain heading text. */
function headingText(title: string): string {
  return title.replace(/[\\`*_[\]<>#]/g, (char) => `\\${char}`).replace(/\s+/g, ' ');
}

export function assembleEssay(preamble: PreamblePart | undefined, sections: readonly SectionPart[]): AssembledEssay {
  const lines: string[] = [];
  const spans: LineSpan[] = [];
  const assembled: AssembledSection[] = [];

  const pushBlock = (text: string, file: string, fileLine: number) => {
    const blockLines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
    spans.push({ from: lines.length + 1, to: lines.length + blockLines.length, file, fileLine });
    lines.push(...blockLines, '');
  };

  if (preamble && preamble.body.trim() !== '') pushBlock(preamble.body, preamble.file, preamble.bodyLine);
  for (const section of sections) {
    const headingLine = lines.length + 1;
    pushBlock(`## ${headingText(section.title)}`, section.file, section.titleLine);
    assembled.push({ slug: section.slug, title: section.title, file: section.file, headingLine, appendix: section.appendix ?? false });
    if (section.body.trim() !== '') pushBlock(section.body, section.file, section.bodyLine);
  }

  // A single-file essay: its `## ` (or `# `) headings divide it into sections, as section files would.
  const level = sections.length === 0 && preamble ? sectionLevel(lines) : 2;
  if (sections.length === 0 && preamble) assembled.push(...headingSections(lines, preamble.file, level));

  const lineMap: LineMap = { spans, file: sections[0]?.file ?? preamble?.file ?? '' };
  return { markdown: lines.join('\n'), sections: assembled, lineMap, locate: (line) => locateLine(lineMap, line), headingShift: level === 1 ? 1 : 0 };
}
