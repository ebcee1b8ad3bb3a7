/**
 * Where a note style's citations go in the page, as Pandoc places them: the note call after the
 * punctuation that follows the citation, the notes' numbers merged with the author's notes, and
 * what Pandoc reads of the text around a citation written inside one of the author's notes.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { isElement, text } from '../lib/hast.ts';
import type { AuthorNotePlace } from './author-notes.ts';

type Parent = Root | Element;
type Child = RootContent | ElementContent;

const isBackref = (node: Child) => isElement(node, 'a') && 'dataFootnoteBackref' in node.properties;

/**
 * Where a citation stands in the author's note `li` (see author-notes.ts): first in the note's one
 * paragraph, whether what follows it, in its parent, ends or starts a sentence (Pandoc's
 * `needsPeriod`: nothing but spaces, or spaces and a capital; a line break is neither), and whether
 * punctuation follows it.
 */
export function placeInAuthorNote(li: Element, parent: Parent, citation: Element): AuthorNotePlace {
  const blocks = li.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  const first = blocks.length === 1 && isElement(blocks[0], 'p') && parent === blocks[0] && parent.children[0] === citation;
  const siblings = parent.children as Child[];
  const after = siblings.slice(siblings.indexOf(citation) + 1).filter((c) => !isBackref(c));
  const next = after[0];
  const beforePunctuation = next?.type === 'text' && /^[,;:]/u.test(next.value);
  let needsPeriod = true;
  for (const node of after) {
    if (node.type === 'text') {
      const rest = node.value.replace(/^ +/u, '');
      if (rest === '') continue;
      needsPeriod = /^\p{Lu}/u.test(rest);
    } else needsPeriod = false;
    break;
  }
  return { first, needsPeriod, beforePunctuation };
}

/** A citation in parentheses in an author's note stands apart from the word before it, as in Pandoc. */
export function spaceBeforeParenthesis(parent: Parent, node: Element): void {
  const children = parent.children as Child[];
  const at = children.indexOf(node);
  const before = children[at - 1];
  if (before?.type === 'text') {
    if (!/\s$/u.test(before.value)) before.value += ' ';
  } else if (before) children.splice(at, 0, text(' '));
}

/** A period after a citation that ends with one is dropped ("[@a, S. 7]." → "…, S. 7."), as in Pandoc. */
export function dropPeriodAfter(parent: Parent, node: Element, citationText: string): void {
  if (!/\.\s*$/u.test(citationText)) return;
  const children = parent.children as Child[];
  const after = children[children.indexOf(node) + 1];
  if (after?.type === 'text' && /^\.(?=\s|$)/u.test(after.value)) after.value = after.value.slice(1);
}

/** A note that is only a suffix (", and more" after a suppressed author) starts at its first word. */
export function dropLeadingPunctuation(html: string): string {
  return html.replace(/^((?:<[^>]+>)*)[,;:]\s*/u, '$1');
}

/**
 * A note begins with a capital, as Pandoc writes it ("See Bachman, …"), also when its first word
 * is in a prefix's emphasis (`[*see* @a]`): the first letter of the first text, however deep.
 */
export function capitalizeFirstLetter(nodes: ElementContent[]): ElementContent[] {
  const visit = (list: ElementContent[]): boolean => {
    for (const node of list) {
      if (node.type === 'text') {
        if (node.value.trim() === '') continue;
        node.value = node.value.replace(/^(\s*)(\p{Ll})/u, (_, space: string, letter: string) => `${space}${letter.toUpperCase()}`);
        return true;
      }
      if (node.type === 'element' && visit(node.children)) return true;
    }
    return false;
  };
  visit(nodes);
  return nodes;
}

export function trimSpaceBefore(parent: Parent, node: Element): void {
  const children = parent.children as Child[];
  const before = children[children.indexOf(node) - 1];
  if (before?.type === 'text') before.value = before.value.replace(/\s+$/u, '');
}

const CLOSING_QUOTE = /([”’"']+)$/u;

/**
 * In a note style, a citation that became a note call goes where a note call goes, as Pandoc puts
 * it: after the punctuation that follows it and with no space before it ("a group [@a]." → "a
 * group.¹"), and a period or comma moves inside a closing quotation mark when the locale says so
 * ("“test” [@w]." → "“test.”¹").
 */
export function placeNoteCall(parent: Parent, call: Element, punctuationInQuote: boolean): void {
  const children = parent.children as Child[];
  const at = children.indexOf(call);
  const before = children[at - 1];
  const after = children[at + 1];
  // Only a citation set off by a space moves ("a group [@a]."); "Foo[@a]." keeps its call where
  // the writer put it, as in Pandoc.
  if (before?.type !== 'text' || !/\s$/u.test(before.value)) return;
  before.value = before.value.replace(/\s+$/u, '');
  if (after?.type !== 'text') return;
  const punctuation = /^[.,;:!?]+/u.exec(after.value)?.[0];
  if (!punctuation) return;
  after.value = after.value.slice(punctuation.length);
  const quote = CLOSING_QUOTE.exec(before.value)?.[1];
  if (quote && punctuationInQuote && /^[.,]+$/u.test(punctuation)) {
    before.value = `${before.value.slice(0, -quote.length)}${punctuation}${quote}`;
  } else {
    before.value += punctuation;
  }
}

/** Every call of an author's note shows the note's number in the merged sequence. */
export function renumberCalls(tree: Root, noteId: string, number: number): void {
  const visit = (node: Parent) => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (child.tagName === 'a' && 'dataFootnoteRef' in child.properties && child.properties['href'] === `#${noteId}`) {
        child.children = [text(String(number))];
      } else visit(child);
    }
  };
  visit(tree);
}
