/**
 * A synthetic corpus for the benchmark, the same for the same seed: N essays of five sections
 * (about 3,000 words), each with about 30 citations in every Pandoc form and 8 notes, all citing one
 * shared CSL-JSON bibliography of 5,000 entries. Written as an Apparatus project (content/ and
 * bibliography/) and as one Markdown file per essay for Pandoc.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: small, fast, and enough to make the same corpus from the same seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'state planning reform market labour capital harvest famine province county commune cadre ministry ' +
  'industry steel grain quota campaign policy council bureau council archive memory village city river ' +
  'trade credit price wage output growth decline revolution model leader party congress debate theory ' +
  'practice evidence source record report survey census history period decade region network coalition ' +
  'interest authority reform crisis recovery transition institution bureaucracy official peasant worker'
).split(' ');
const FAMILIES = 'Li Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Smith Jones Brown Taylor Wilson Evans Thomas Roberts Walker Wright Müller Schmidt Dubois Martin Rossi Bianchi Garcia Lopez Tanaka Suzuki'.split(' ');
const GIVEN = 'Wei Fang Min Jing Lei Hua Anne David Maria John Sophie Paul Laura Marco Elena Kenji Yuki Ana Pierre Claire'.split(' ');
const JOURNALS = ['China Quarterly', 'Journal of Asian Studies', 'Modern China', 'Comparative Economic Studies', 'Cold War History', 'Economic History Review'];
const PUBLISHERS = ['Cambridge University Press', 'MIT Press', 'Stanford University Press', 'Routledge', 'Harvard University Press', 'Lexington Books'];

export interface Corpus {
  readonly essays: number;
  readonly entries: number;
  readonly words: number;
  readonly citations: number;
  readonly notes: number;
}

export function writeCorpus(dir: string, essays: number, seed = 20261129, entries = 5000): Corpus {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const title = () => {
    const t = words(int(3, 8));
    return `${t[0]!.toUpperCase()}${t.slice(1)}`;
  };

  const bibliography = Array.from({ length: entries }, (_, i) => {
    const kind = pick(['book', 'article-journal', 'chapter'] as const);
    const author = Array.from({ length: int(1, 3) }, () => ({ family: pick(FAMILIES), given: pick(GIVEN) }));
    const year = int(1950, 2024);
    const base = { id: `w${String(i).padStart(4, '0')}`, type: kind, author, issued: { 'date-parts': [[year]] }, title: title() };
    if (kind === 'article-journal') return { ...base, 'container-title': pick(JOURNALS), volume: String(int(1, 80)), issue: String(int(1, 4)), page: `${int(1, 300)}-${int(301, 400)}`, DOI: `10.5555/bench.${i}` };
    if (kind === 'chapter') return { ...base, 'container-title': title(), editor: [{ family: pick(FAMILIES), given: pick(GIVEN) }], publisher: pick(PUBLISHERS), 'publisher-place': 'London' };
    return { ...base, publisher: pick(PUBLISHERS), 'publisher-place': 'Cambridge' };
  });
  mkdirSync(join(dir, 'bibliography'), { recursive: true });
  writeFileSync(join(dir, 'bibliography', 'corpus.json'), JSON.stringify(bibliography, null, 1));

  const key = () => bibliography[Math.floor(rand() * bibliography.length)]!.id;
  // Every form Pandoc knows, in turn.
  const forms = [
    () => `[@${key()}]`,
    () => `@${key()}`,
    () => `[@${key()}, p. ${int(1, 300)}]`,
    () => `[see @${key()}, pp. ${int(1, 99)}-${int(100, 200)}]`,
    () => `[@${key()}; @${key()}]`,
    () => `[-@${key()}]`,
    () => `@${key()} [chap. ${int(1, 12)}]`,
    () => `[@${key()}, {sec. ${int(1, 9)}} and elsewhere]`,
  ];
  let citations = 0;
  let notes = 0;
  let totalWords = 0;
  mkdirSync(join(dir, 'pandoc'), { recursive: true });
  for (let e = 0; e < essays; e++) {
    const slug = `essay-${String(e).padStart(4, '0')}`;
    const essayDir = join(dir, 'content', slug);
    mkdirSync(essayDir, { recursive: true });
    const essayTitle = title();
    const date = `20${String(10 + (e % 15)).padStart(2, '0')}-${String(1 + (e % 12)).padStart(2, '0')}-${String(1 + (e % 28)).padStart(2, '0')}`;
    writeFileSync(join(essayDir, 'index.md'), `---\ntitle: ${JSON.stringify(essayTitle)}\nauthors:\n  - name: ${pick(GIVEN)} ${pick(FAMILIES)}\ndate: ${date}\ndescription: ${JSON.stringify(words(20))}\nbibliography: corpus.json\n---\n`);
    const pandoc: string[] = [`---\ntitle: ${JSON.stringify(essayTitle)}\n---\n`];
    let noteNo = 0;
    for (let s = 1; s <= 5; s++) {
      const sectionTitle = title();
      const paragraphs: string[] = [];
      const notesHere: string[] = [];
      for (let p = 0; p < 5; p++) {
        const sentences: string[] = [];
        for (let k = 0; k < 6; k++) {
          let sentence = words(int(14, 26));
          sentence = `${sentence[0]!.toUpperCase()}${sentence.slice(1)}`;
          // About 30 citations per essay: 6 of the 30 sentences of each section cite.
          if ((p * 6 + k) % 5 === 0) {
            sentence += ` ${forms[citations % forms.length]!()}`;
            citations += 1;
          }
          // 8 notes per essay, spread over the sections.
          if (k === 3 && p < 2 && noteNo < 8 && (s < 5 || p === 0)) {
            noteNo += 1;
            notes += 1;
            const label = `n${noteNo}`;
            sentence += `[^${label}]`;
            notesHere.push(`[^${label}]: ${words(int(15, 30))}, as @${key()} argues.`);
          }
          sentences.push(`${sentence}.`);
          totalWords += sentence.split(' ').length;
        }
        paragraphs.push(sentences.join(' '));
      }
      const body = `${paragraphs.join('\n\n')}\n\n${notesHere.join('\n\n')}\n`;
      writeFileSync(join(essayDir, `0${s}-part-${s}.md`), `---\ntitle: ${JSON.stringify(sectionTitle)}\n---\n\n${body}`);
      pandoc.push(`## ${sectionTitle}\n\n${body}`);
    }
    writeFileSync(join(dir, 'pandoc', `${slug}.md`), pandoc.join('\n'));
  }
  return { essays, entries, words: Math.round(totalWords / Math.max(essays, 1)), citations: Math.round(citations / Math.max(essays, 1)), notes: Math.round(notes / Math.max(essays, 1)) };
}
