// Detection throughput on a corpus folder, and a fingerprint of what was detected, for checking that a
// speed-up changes no output. A script, not a timed unit test. Run after `npm run build`:
//   node test/perf/throughput.mjs <corpus-dir> [--runs 3]      extract() over the folder, MB/s per run
//   node test/perf/throughput.mjs --fingerprint [files…]       sha256 of every detection in the seeds
//                                                              (or the given files), sentence by sentence
// Make a 4.7 MB corpus from the seeds (each copy differs, so no sentence repeats verbatim):
//   mkdir -p /tmp/corp && for i in $(seq 1 40); do for f in ../shared/seeds/0*.txt; do
//     sed "s/。/。$i/g" $f > /tmp/corp/$(basename $f .txt)_$i.txt; done; done
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const seedsDir = join(root, '..', 'shared', 'seeds');
const args = process.argv.slice(2);
const dist = (p) => new URL(`dist/${p}`, `file://${root}`).href;

if (args[0] === '--fingerprint') {
  const { createDetector } = await import(dist('detect/index.js'));
  const { decode, normalise, splitSentences } = await import(dist('input/index.js'));
  const files = args.length > 1 ? args.slice(1) : readdirSync(seedsDir).filter((n) => n.endsWith('.txt')).sort().map((n) => join(seedsDir, n));
  const detector = createDetector();
  const hash = createHash('sha256');
  let count = 0;
  for (const file of files) {
    const document = normalise(decode({ name: file, bytes: readFileSync(file) }));
    for (const sentence of splitSentences(document)) {
      for (const { sentence: _s, ...d } of detector.detect(sentence)) {
        hash.update(JSON.stringify(d));
        hash.update('\n');
        count++;
      }
    }
  }
  console.log(`${count} detections ${hash.digest('hex')}`);
} else {
  const dir = args[0];
  if (!dir) throw new Error('usage: throughput.mjs <corpus-dir> [--runs N] | --fingerprint [files…]');
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  const bytes = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  const { extract } = await import(dist('pipeline.js'));
  const options = { kinds: ['chengyu', 'quotation', 'saying', 'term'], minCount: 1, toneSandhi: false, variant: 'tw' };
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    const result = await extract([dir], options);
    const seconds = (performance.now() - start) / 1000;
    const digest = createHash('sha256').update(JSON.stringify(result.cards)).digest('hex').slice(0, 16);
    console.log(`run ${r + 1}: ${seconds.toFixed(2)} s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s, ${result.cards.length} cards ${digest}, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  }
}
