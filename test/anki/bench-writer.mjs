#!/usr/bin/env node
// Deck-writing benchmark: our .apkg writer on 20,000 notes (time, peak memory, size), and our writer against
// anki-apkg-export on the largest deck that package can write, with the same notes, in the same run.
// Each measurement runs in its own child process, so peak RSS belongs to that job alone.
//
//   npm run build && node test/anki/bench-writer.mjs      (also called by `npm run bench`)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const BIG = 20_000;
const RUNS = 3;

/** Deterministic synthetic cards with card-like sizes: distinct 4-character keys, a sentence of context. */
function syntheticCards(n) {
  const han = (i) => String.fromCodePoint(0x4e00 + (i % 20000));
  const kinds = ['chengyu', 'quotation', 'saying', 'term'];
  return Array.from({ length: n }, (_, i) => {
    const text = han(i * 7) + han(i * 13 + 1) + han(i * 31 + 2) + han(i + 3) + (i >= 16000 ? han(i * 3 + 5) : '');
    const context = `在第${i}次会议上，代表们提到${text}这个说法，并且讨论了它在今天的意义和用法。`;
    const start = context.indexOf(text);
    return {
      key: text,
      text,
      kind: kinds[i % 4],
      pinyin: 'shān chuān yì yù',
      pinyinNumbered: 'shan1 chuan1 yi4 yu4',
      traditional: text,
      meaning: `meaning number ${i}: to do something in a particular, somewhat figurative way`,
      literal: i % 3 === 0 ? `literal sense number ${i}` : '',
      meaningSource: 'cedict',
      count: 1 + (i % 5),
      context,
      contextStart: start,
      contextEnd: start + text.length,
      contextPinyin: 'zài dì cì huì yì shàng, dài biǎo men tí dào zhè gè shuō fǎ.',
      source: `speech-${i % 5}.txt`,
      sources: [`speech-${i % 5}.txt`],
      score: 1,
      evidence: [],
    };
  });
}

const SOURCES = Array.from({ length: 5 }, (_, i) => ({ name: `speech-${i}.txt`, title: `Speech ${i}` }));

async function writeOurs(n) {
  const cards = syntheticCards(n);
  const started = performance.now();
  const { buildPackage } = await import(new URL('../../dist/anki/index.js', import.meta.url).href);
  const bytes = await buildPackage(cards, {
    deckName: 'Bench',
    cards: ['recognition', 'recall'],
    script: 'simplified',
    subdecks: false,
    sources: SOURCES,
    now: 1_700_000_000,
  });
  return { seconds: (performance.now() - started) / 1000, bytes: bytes.length };
}

async function writeTheirs(n) {
  const cards = syntheticCards(n);
  const { noteFields, noteTags } = await import(new URL('../../dist/anki/index.js', import.meta.url).href);
  const notes = cards.map((card) => {
    const fields = noteFields(card, { sources: SOURCES });
    return { front: fields[0], back: fields.slice(1).join('<br>'), tags: noteTags(card) };
  });
  const started = performance.now();
  const { default: AnkiExport } = createRequire(import.meta.url)('anki-apkg-export');
  const apkg = new AnkiExport('Bench');
  for (const note of notes) apkg.addCard(note.front, note.back, { tags: note.tags });
  const zip = await apkg.save();
  return { seconds: (performance.now() - started) / 1000, bytes: zip.length };
}

function runChild(writer, n) {
  const result = spawnSync(process.execPath, [SELF, '--child', writer, String(n)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    timeout: 300_000,
  });
  const last = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !last.startsWith('{')) {
    return { ok: false, status: result.status, signal: result.signal, error: result.stderr.trim().split('\n').slice(-3).join(' | ') };
  }
  return { ok: true, ...JSON.parse(last) };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function log(message) {
  process.stderr.write(`bench-writer: ${message}\n`);
}

/** The largest note count anki-apkg-export writes, stepping by 50 from 500 and then by 10. */
function largestTheirs() {
  let ok = 0;
  let failedAt = Infinity;
  for (let n = 500; n <= 1000; n += 50) {
    if (runChild('theirs', n).ok) ok = n;
    else {
      failedAt = n;
      break;
    }
  }
  if (ok === 0) return { n: 0, failedAt };
  for (let n = ok + 10; n < failedAt; n += 10) {
    if (runChild('theirs', n).ok) ok = n;
    else {
      failedAt = n;
      break;
    }
  }
  return { n: ok, failedAt };
}

export async function benchWriter() {
  log(`our writer, ${BIG} notes × 2 cards, ${RUNS} runs`);
  const big = Array.from({ length: RUNS }, () => runChild('ours', BIG));
  const bad = big.find((r) => !r.ok);
  if (bad) throw new Error(`our writer failed on ${BIG} notes: ${bad.error}`);
  log('finding the largest deck anki-apkg-export can write');
  const limit = largestTheirs();
  const result = {
    oursNotes: BIG,
    oursSeconds: median(big.map((r) => r.seconds)),
    oursPeakRssMB: Math.max(...big.map((r) => r.maxRssMB)),
    oursPackageMB: big[0].bytes / 1e6,
    ankiApkgExportLargestNotes: limit.n,
    ankiApkgExportFailedAtNotes: Number.isFinite(limit.failedAt) ? limit.failedAt : -1,
  };
  if (limit.n > 0) {
    log(`same ${limit.n} notes with both writers, ${RUNS} alternating runs`);
    const ours = [];
    const theirs = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(runChild('ours', limit.n));
      theirs.push(runChild('theirs', limit.n));
    }
    result.sameDeckOursSeconds = median(ours.map((r) => r.seconds));
    result.sameDeckTheirsSeconds = median(theirs.map((r) => r.seconds));
    result.sameDeckOursPeakRssMB = Math.max(...ours.map((r) => r.maxRssMB));
    result.sameDeckTheirsPeakRssMB = Math.max(...theirs.map((r) => r.maxRssMB));
    result.sameDeckSpeedRatio = result.sameDeckTheirsSeconds / result.sameDeckOursSeconds;
  }
  return result;
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  const n = Number(argv[2]);
  const outcome = argv[1] === 'ours' ? await writeOurs(n) : await writeTheirs(n);
  const maxRssMB = (process.resourceUsage().maxRSS * 1024) / 1e6;
  process.stdout.write(`${JSON.stringify({ ...outcome, maxRssMB })}\n`);
} else if (process.argv[1] === SELF) {
  const result = await benchWriter();
  for (const [name, value] of Object.entries(result)) {
    process.stdout.write(`${name.padEnd(30)} ${Number.isInteger(value) ? value : value.toFixed(3)}\n`);
  }
}
