// One measured process of the throughput bench. Prints one JSON line on stdout.
//
//   node extract-child.mjs compare <corpus-dir> [cores-first]   one round: our pipeline (its default threads,
//                                                        and --jobs <cores>), jieba and the floor (loadFloor),
//                                                        once each, same process
//   node extract-child.mjs ours <corpus-dir>             our pipeline once (default threads); wall time, peak RSS
//   node extract-child.mjs ours1 <corpus-dir>            the same on one thread (--jobs 1)
//   node extract-child.mjs jieba <corpus-dir>            jieba once; wall time and peak RSS
//
// CPU seconds are the whole process's (every thread), from process.cpuUsage().
//
// Load time is excluded for both engines: each is loaded and warmed up on one seed speech before the clock
// starts (our lexicon tables and modules; jieba's dictionary). What is timed is, per file: reading the bytes
// from disk (page cache) and then, for us, decode → normalise → sentences → detect → accumulate, and at the
// end enrich → select (extract() as the CLI runs it, minus printing); for jieba, `cut(bytes, false)` — the
// segmentation any jieba-based pipeline pays before it can look a single word up. HMM off is jieba's faster
// mode, so the comparison is the conservative one.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEEDS_DIR = join(REPO_ROOT, '..', 'shared', 'seeds');

const OPTIONS = { kinds: ['chengyu', 'quotation', 'saying'], minCount: 1, toneSandhi: false, variant: 'tw' };

/** `jobs`: undefined for the CLI's default (threads for a large run), 1 for the main thread alone. */
async function loadOurs(jobs) {
  const { extract, listInputs } = await import(new URL('dist/pipeline.js', `file://${REPO_ROOT}`).href);
  const { chooseJobs } = await import(new URL('dist/parallel/pool.js', `file://${REPO_ROOT}`).href);
  const warm = await extract([join(SEEDS_DIR, readdirSync(SEEDS_DIR).filter((n) => n.endsWith('.txt')).sort()[0])], OPTIONS);
  if (warm.cards.length === 0) throw new Error('our pipeline found nothing in the warm-up seed');
  const options = jobs === undefined ? OPTIONS : { ...OPTIONS, jobs };
  return async (dir) => {
    const result = await extract([dir], options);
    return { cards: result.cards.length, files: result.stats.length, threads: chooseJobs(await listInputs([dir]), jobs) };
  };
}

async function loadJieba() {
  const { Jieba } = await import('@node-rs/jieba');
  const { dict } = await import('@node-rs/jieba/dict.js');
  const jieba = Jieba.withDict(dict);
  jieba.cut(readFileSync(join(SEEDS_DIR, readdirSync(SEEDS_DIR).filter((n) => n.endsWith('.txt')).sort()[0])), false);
  return async (dir) => {
    let words = 0;
    let files = 0;
    for (const name of readdirSync(dir).sort()) {
      words += jieba.cut(readFileSync(join(dir, name)), false).length;
      files++;
    }
    return { words, files };
  };
}

/**
 * The floor of any pipeline built like ours: per file, read the bytes, decode them, and walk the phrase
 * trie from every character (one array step per character it goes on; nothing recorded, no normalising,
 * sentences, other detectors, selection or cards). Not a way to extract anything: it measures how much of
 * the 3× budget Node spends before any of the real work starts.
 */
async function loadFloor() {
  const { phraseLexicon, TRIE_KEY_END, TRIE_LABEL_CODE } = await import(new URL('dist/lexicon/phrases.js', `file://${REPO_ROOT}`).href);
  const lexicon = phraseLexicon();
  const unitCodes = lexicon.trieUnitCodes();
  const { bases, labels, firstCodes } = lexicon.trieArrays();
  const decoder = new TextDecoder();
  const walk = (text) => {
    let keys = 0;
    for (let k = 0; k < text.length; k++) {
      let state = unitCodes[text.charCodeAt(k)];
      if (state === 0 || state > firstCodes) continue;
      for (let at = k + 1; at < text.length; at++) {
        const code = unitCodes[text.charCodeAt(at)];
        if (code === 0) break;
        const next = bases[state] + code;
        const label = labels[next];
        if ((label & TRIE_LABEL_CODE) !== code) break;
        state = next;
        if ((label & TRIE_KEY_END) !== 0) keys++;
      }
    }
    return keys;
  };
  walk(decoder.decode(readFileSync(join(SEEDS_DIR, readdirSync(SEEDS_DIR).filter((n) => n.endsWith('.txt')).sort()[0]))));
  return async (dir) => {
    let keys = 0;
    let files = 0;
    for (const name of readdirSync(dir).sort()) {
      keys += walk(decoder.decode(readFileSync(join(dir, name))));
      files++;
    }
    return { keys, files };
  };
}

async function timed(run, dir) {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const info = await run(dir);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, ...info };
}

const [mode, dir, runsArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: extract-child.mjs compare|ours|ours1|jieba <corpus-dir> [cores-first]');

if (mode === 'compare') {
  // One round: each engine once, so no run of ours finds the look-up memos a previous run over the same
  // corpus filled (a user's run starts with empty ones). The caller alternates the order between rounds.
  const oneFirst = runsArg === 'cores-first';
  const ours = await loadOurs();
  const oursAllCores = await loadOurs(availableParallelism());
  const jieba = await loadJieba();
  const result = {};
  for (const [name, run] of oneFirst ? [['oursAllCores', oursAllCores], ['ours', ours]] : [['ours', ours], ['oursAllCores', oursAllCores]]) {
    result[name] = await timed(run, dir);
  }
  result.jieba = await timed(jieba, dir);
  result.floor = await timed(await loadFloor(), dir);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else if (mode === 'ours' || mode === 'ours1' || mode === 'jieba') {
  const run = mode === 'jieba' ? await loadJieba() : await loadOurs(mode === 'ours1' ? 1 : undefined);
  const rssBeforeKb = process.resourceUsage().maxRSS;
  const result = await timed(run, dir);
  process.stdout.write(
    `${JSON.stringify({ ...result, peakRssKb: process.resourceUsage().maxRSS, rssAfterLoadKb: rssBeforeKb })}\n`,
  );
} else {
  throw new Error(`unknown mode ${mode}`);
}
