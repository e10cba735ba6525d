// Ingestion figures for the report: per seed (duplicates, markup, units, time) and a large single-line
// input (time and heap), run on the built code: `npm run build && node test/input/ingest-bench.mjs [MB]`.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const started = performance.now();
const { ingest } = await import(join(root, 'dist', 'input', 'index.js'));
console.log(`module load: ${(performance.now() - started).toFixed(1)} ms`);

const seeds = join(root, '..', 'shared', 'seeds');
const names = ['000_56f6268ff4eb576a.txt', '001_5500e23857cf1517.txt', '002_f60eb563907c18a7.txt', '003_189bc06400c19299.txt', '004_d9d0ae3ca28eebeb.txt'];
console.log('file\tchars\tduplicateChars\tmarkupChars\tsentences\theadings\tcaptions\tmedian ms');
for (const name of names) {
  const bytes = readFileSync(join(seeds, name));
  ingest({ name, path: null, bytes }); // warm-up
  const times = [];
  let result;
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    result = ingest({ name, path: null, bytes });
    times.push(performance.now() - t);
  }
  const { document, sentences } = result;
  const ms = times.sort((a, b) => a - b)[10]; // median of 21 runs: the machine is shared
  const count = (role) => sentences.filter((s) => s.role === role).length;
  const chars = new TextDecoder().decode(bytes).length;
  console.log([name.slice(0, 3), chars, document.stats.duplicateChars, document.stats.markupChars, count('body'), count('heading'), count('caption'), ms.toFixed(1)].join('\t'));
}

const megabytes = Number(process.argv[2] ?? 50);
const unit = '据报道 , 今天 上午在人民大会 堂举行了"记者会"。(上接1版)**重点**: 中国 坚持和平发展道路! ';
const line = unit.repeat(Math.ceil((megabytes * 1024 * 1024) / Buffer.byteLength(unit)));
const bytes = Buffer.from(line, 'utf8');
const t = performance.now();
const { document, sentences } = ingest({ name: 'big.txt', path: null, bytes });
const ms = performance.now() - t;
console.log(`${(bytes.length / 1048576).toFixed(0)} MB single line: ${ms.toFixed(0)} ms, ${document.blocks.length} block(s), ${sentences.length} sentences, heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);

// Many short lines with no Chinese end marks: each line is a unit the rejoining logic looks at.
const lines = Array.from({ length: Math.ceil((megabytes * 1024 * 1024) / 2 / 70) }, (_, i) => `line ${i} of words without a full stop\n没有句号的第${i}行\n`).join('');
const lineBytes = Buffer.from(lines, 'utf8');
const t2 = performance.now();
const many = ingest({ name: 'lines.txt', path: null, bytes: lineBytes });
console.log(`${(lineBytes.length / 1048576).toFixed(0)} MB of short unpunctuated lines: ${(performance.now() - t2).toFixed(0)} ms, ${many.document.blocks.length} block(s), ${many.sentences.length} sentences`);
