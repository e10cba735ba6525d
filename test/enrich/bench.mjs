// Throughput of the enrich stage: N candidates (CC-CEDICT idioms, each in a sentence built from a
// template written for this benchmark), enriched in one call, in a fresh process. Run after
// `npm run build`:  node test/enrich/bench.mjs [N=500] [variant=tw]
import { cedict } from '../../dist/lexicon/cedict.js';

const count = Number(process.argv[2] ?? 500);
const variant = process.argv[3] ?? 'tw';
const TEMPLATES = [
  (p) => `老师在课上讲到“${p}”这个成语，大家都觉得很有意思。`,
  (p) => `他做事总是${p}，朋友们对此议论纷纷，可他自己并不在意，照样每天早出晚归，忙着自己的事情。`,
  (p) => `这篇文章用${p}来形容当时的情形。`,
];

const phrases = [];
let seen = 0;
for (const entry of cedict().entries()) {
  if (!entry.definitions.some((d) => d.includes('(idiom)')) || !/^\p{Script=Han}{4}$/u.test(entry.simplified)) continue;
  if (seen++ % 7 === 0) phrases.push(entry.simplified);
  if (phrases.length >= count) break;
}
const candidates = phrases.map((phrase, i) => {
  const text = TEMPLATES[i % TEMPLATES.length](phrase);
  const start = text.indexOf(phrase);
  const sentence = { text, originalText: text, role: 'body', source: 'bench.txt', paragraph: i, index: i };
  return { key: phrase, text: phrase, kind: 'chengyu', count: 1, sources: ['bench.txt'], evidence: [], occurrences: [{ sentence, start, end: start + phrase.length }], standsAlone: true };
});

const t0 = performance.now();
const { enrich } = await import('../../dist/enrich/index.js');
const t1 = performance.now();
const cards = enrich(candidates, new Map(), { toneSandhi: false, variant });
const t2 = performance.now();
const again = enrich(candidates, new Map(), { toneSandhi: false, variant });
const t3 = performance.now();
const rss = process.memoryUsage().rss / 1e6;
console.log(`import ${(t1 - t0).toFixed(0)} ms; first enrich of ${cards.length} cards ${(t2 - t1).toFixed(0)} ms (${((t2 - t1) / cards.length).toFixed(2)} ms/card, libraries loaded on the way); second ${(t3 - t2).toFixed(0)} ms (${((t3 - t2) / again.length).toFixed(2)} ms/card); rss ${rss.toFixed(0)} MB`);
