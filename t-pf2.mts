import * as pagefind from 'pagefind';
import { readdirSync, readFileSync } from 'node:fs';
const dir = '/tmp/c1000/.apparatus/cache/render';
const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
let t = performance.now();
const adds = [];
let words = 0;
for (const name of readdirSync(dir)) {
  const r = JSON.parse(readFileSync(`${dir}/${name}`, 'utf8'));
  const passages = r.search.passages as { text: string; anchor: string; title: string }[];
  const content = passages.map((p) => p.text).join(' ');
  words += content.split(/\s+/).length;
  adds.push(index!.addCustomRecord({ url: `/${name}/`, content, language: 'en', meta: { title: r.search.title, passages: JSON.stringify(passages.map((p, i) => [i * 40, p.anchor, p.title])) }, filters: { author: ['x'] } }));
}
await Promise.all(adds);
console.log('feed', (performance.now() - t).toFixed(0), adds.length, words);
t = performance.now();
const files = await index!.getFiles();
console.log('getFiles', (performance.now() - t).toFixed(0), files.files.length, files.files.reduce((s, f) => s + f.content.length, 0));
await pagefind.close();
