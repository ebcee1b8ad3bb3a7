import { writeCorpus } from './bench/corpus.ts';
console.log(writeCorpus('/tmp/corp', Number(process.argv[2] ?? 10)));
