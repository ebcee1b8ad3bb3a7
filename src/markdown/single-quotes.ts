/**
 * Straight single quotes paired as Pandoc pairs them. Pandoc opens a quotation at `'` only where a
 * closing `'` (one not followed by a letter or digit) comes later in the same block; a quote that
 * nothing closes is an apostrophe. So `[the TEI](…)'s guidelines`, `the '90s` and `'twas` print ’
 * and `an '@'` prints ‘@’, where SmartyPants, which judges each quote by its neighbours alone,
 * prints ‘s after a link and ’@’. TeX's closing quotes, `''` after a word, are ’’ in Pandoc too
 * (its opening ``` `` ``` stays as written).
 *
 * Runs just before SmartyPants and writes the curly quotes it decides; SmartyPants then leaves them be.
 */
import type { Nodes, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';

const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The text nodes of a block, in reading order, with where each starts in their joined text. */
function textRuns(block: Nodes): { node: Text; start: number }[] {
  const runs: { node: Text; start: number }[] = [];
  let length = 0;
  visit(block, (node: Nodes) => {
    if (node !== block && BLOCKS.has(node.type)) return 'skip';
    if (node.type === 'text') {
      runs.push({ node, start: length });
      length += node.value.length;
    } else if (node.type === 'inlineCode') length += node.value.length;
    return undefined;
  });
  return runs;
}

/**
 * The curly quote each straight single quote becomes, by its offset in the joined text, where
 * Pandoc's reading differs from SmartyPants's: a quote nothing closes is ’, a quote that opens a
 * pair is ‘ and the one that closes it ’ (SmartyPants reads `'@'` as two apostrophes).
 */
function singleQuotes(text: string): Map<number, string> {
  const curled = new Map<number, string>();
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "'") continue;
    // TeX's closing quotes (``pure''), which Pandoc prints ’’ (SmartyPants would leave them straight).
    if (text[i + 1] === "'" && i > 0 && !/\s/.test(text[i - 1]!)) {
      curled.set(i, '\u2019').set(i + 1, '\u2019');
      i += 1;
      continue;
    }
    // Inside a word ("dog's", "rock'n'roll") a quote is an apostrophe to both readers already.
    if (i > 0 && WORD_CHAR.test(text[i - 1]!)) continue;
    if (i + 1 >= text.length || /\s/.test(text[i + 1]!)) continue;
    let close = -1;
    for (let j = i + 2; j < text.length; j++) {
      if (text[j] === "'" && !/\s/.test(text[j - 1]!) && !WORD_CHAR.test(text[j + 1] ?? '')) {
        close = j;
        break;
      }
    }
    if (close < 0) {
      curled.set(i, '\u2019');
      continue;
    }
    // A quotation holds no other single quotation (Pandoc): the next quote read is after its end.
    curled.set(i, '\u2018').set(close, '\u2019');
    i = close;
  }
  return curled;
}

export default function remarkSingleQuotes() {
  return (tree: Root) => {
    visit(tree, (block: Nodes) => {
      if (!BLOCKS.has(block.type)) return undefined;
      const runs = textRuns(block);
      if (!runs.some((run) => run.node.value.includes("'"))) return undefined;
      // Code counts as a word (as SmartyPants counts it) and is never written into.
      const joined = new Array<string>();
      let cursor = 0;
      for (const run of runs) {
        joined.push('A'.repeat(run.start - cursor), run.node.value);
        cursor = run.start + run.node.value.length;
      }
      const text = joined.join('');
      for (const [offset, quote] of singleQuotes(text)) {
        const run = runs.findLast((candidate) => candidate.start <= offset)!;
        const at = offset - run.start;
        run.node.value = `${run.node.value.slice(0, at)}${quote}${run.node.value.slice(at + 1)}`;
      }
      return undefined;
    });
  };
}
