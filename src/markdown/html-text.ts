/**
 * The text of a raw HTML block between its tags, where Pandoc reads Markdown (its
 * `markdown_in_html_blocks`): `<td>Linked Data [@w3c2013]</td>` cites a work in Pandoc. Tags,
 * comments and the contents of `<script>`, `<style>`, `<pre>`, `<code>` and `<textarea>` are not text.
 */

export interface HtmlRun {
  readonly kind: 'html' | 'text';
  /** Offsets in the HTML string. */
  readonly from: number;
  readonly to: number;
}

const VERBATIM = /^<(script|style|pre|code|textarea)\b/i;

/** The HTML cut into runs of markup and runs of text, in order, covering it whole. */
export function htmlRuns(html: string): HtmlRun[] {
  const runs: HtmlRun[] = [];
  const markup = /<!--[\s\S]*?(?:-->|$)|<[A-Za-z/!?][^>]*>?/g;
  let cursor = 0;
  let verbatimUntil: RegExp | undefined;
  for (let match = markup.exec(html); match; match = markup.exec(html)) {
    if (verbatimUntil) {
      if (!verbatimUntil.test(match[0])) continue;
      verbatimUntil = undefined;
      runs.push({ kind: 'html', from: cursor, to: match.index + match[0].length });
      cursor = match.index + match[0].length;
      continue;
    }
    if (match.index > cursor) runs.push({ kind: 'text', from: cursor, to: match.index });
    const verbatim = VERBATIM.exec(match[0]);
    if (verbatim) {
      verbatimUntil = new RegExp(`^</${verbatim[1]}\\s*>$`, 'i');
      // The run of markup goes on to the element's end tag.
      runs.push({ kind: 'html', from: match.index, to: match.index + match[0].length });
    } else runs.push({ kind: 'html', from: match.index, to: match.index + match[0].length });
    cursor = match.index + match[0].length;
  }
  if (cursor < html.length) runs.push({ kind: verbatimUntil ? 'html' : 'text', from: cursor, to: html.length });
  // Adjacent runs of one kind as one.
  return runs.reduce<HtmlRun[]>((merged, run) => {
    const last = merged[merged.length - 1];
    if (last && last.kind === run.kind) merged[merged.length - 1] = { kind: run.kind, from: last.from, to: run.to };
    else merged.push(run);
    return merged;
  }, []);
}
