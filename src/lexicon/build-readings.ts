// Build step (run by build.ts after phrases.tsv is written): the card readings of every phrase the
// phrase lexicon holds, computed with the enrich stage's own functions, so that a CLI run reads them
// from dist/data/readings.tsv instead of loading pinyin-pro and OpenCC for them (see
// src/enrich/readings-table.ts); OpenCC's settings and dictionaries as data (see traditional.ts); line
// and block indexes of the sorted tables. Reads cedict.tsv and phrases.tsv from the data folder.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeBlockIndex, writeLineIndex } from './cedict.js';
import { DATA_DIR } from './paths.js';
import { phraseReading } from '../enrich/pinyin.js';
import { encodeTokens, formatReadingsRow, READINGS_FILE } from '../enrich/readings-table.js';
import { baseMeaning } from '../enrich/meaning.js';
import { formatNumbered } from '../enrich/syllable.js';
import {
  longestKey,
  OPENCC_DATA_FILE,
  OPENCC_PAIRS_FILE,
  openccConfigName,
  openccModule,
  openccVersion,
  toTraditional,
  type DictLike,
  type OpenCCData,
  type Variant,
} from '../enrich/traditional.js';

const byCodePoint = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The display texts of phrases.tsv (column 2, or the key when it is empty), as detection emits them. */
export function lexiconTexts(phrasesTsv: string): string[] {
  const texts = new Set<string>();
  for (const line of phrasesTsv.split('\n')) {
    if (!line) continue;
    const [key = '', text = ''] = line.split('\t');
    texts.add(text || key);
  }
  return [...texts].sort(byCodePoint);
}

/**
 * Dictionaries longer than this go to the pairs table when no converter loads them whole: OpenCC's phrase
 * list (~400,000 characters) and its character, normalisation and segmentation lists (5,000–17,000). A
 * batch then takes all its pairs by search, where splitting and filtering those lists (or, for the
 * normalisation, loading its 1,000 pairs into a trie) cost milliseconds per run.
 */
const TABLE_ABOVE = 2000;

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * OpenCC's settings for the three variants as data (see traditional.ts): opencc.json with every small
 * dictionary, opencc-pairs.tsv with the entries of the large ones, sorted by key for binary search.
 */
export function buildOpenCCData(dir: string = DATA_DIR): { dicts: number; pairs: number } {
  const module = openccModule();
  const numbers = new Map<DictLike, number>();
  const dicts: OpenCCData['dicts'] = [];
  const pairs: { key: string; table: number; position: number; entry: string }[] = [];
  const configsOf = (['tw', 'hk', 'cn-t'] as const satisfies readonly Variant[]).map((variant) => {
    const config = module.Locale.configs[openccConfigName(variant)];
    if (!config) throw new Error(`opencc data: no settings for ${variant}`);
    return { variant, config };
  });
  // A batch filters the dictionaries of the normalisation, the segmentation and the first conversion
  // group by key; those of later groups it loads whole, so they cannot live in the table.
  const loadedWhole = new Set<DictLike>(configsOf.flatMap(({ config }) => config.conversionChain.slice(1).flat()));
  const number = (dict: DictLike): number => {
    let n = numbers.get(dict);
    if (n !== undefined) return n;
    n = dicts.length;
    numbers.set(dict, n);
    if (typeof dict !== 'string') throw new Error('opencc data: expected serialised dictionaries');
    if (!loadedWhole.has(dict) && dict.length > TABLE_ABOVE) {
      dict.split('|').forEach((entry, position) => {
        const space = entry.indexOf(' ');
        if (space <= 0) throw new Error(`opencc data: entry without a key: ${entry}`);
        pairs.push({ key: entry.slice(0, space), table: n ?? 0, position, entry });
      });
      dicts.push({ table: n, longestKey: longestKey(dict) });
    } else {
      dicts.push(dict);
    }
    return n;
  };
  const configs = {} as OpenCCData['configs'];
  for (const { variant, config } of configsOf) {
    const segmentation = config.segmentation?.map(number);
    const normalizationChain = (config.normalizationChain ?? []).map((group) => group.map(number));
    configs[variant] = {
      normalizationChain,
      ...(segmentation ? { segmentation } : {}),
      conversionChain: config.conversionChain.map((group) => group.map(number)),
    };
  }
  pairs.sort((a, b) => byCodePoint(a.key, b.key) || a.table - b.table || a.position - b.position);
  const data: OpenCCData = { version: openccVersion(), configs, dicts };
  writeAtomic(join(dir, OPENCC_DATA_FILE), JSON.stringify(data) + '\n');
  writeAtomic(join(dir, OPENCC_PAIRS_FILE), pairs.map((p) => `${p.key}\t${p.table}\t${p.position}\t${p.entry}`).join('\n') + '\n');
  return { dicts: dicts.length, pairs: pairs.length };
}

/** Writes readings.tsv into `dir` (which must be the data folder the enrich stage reads CC-CEDICT from). */
/** The sorted tables this step writes, searched at run time (cedict.tsv is indexed where it is written). */
const SORTED_TABLES = [READINGS_FILE, OPENCC_PAIRS_FILE] as const;

export function buildReadings(dir: string = DATA_DIR): { rows: number; dicts: number; pairs: number; blocks: Record<string, number>; ms: number } {
  const started = performance.now();
  const texts = lexiconTexts(readFileSync(join(dir, 'phrases.tsv'), 'utf8'));
  const lines: string[] = [];
  for (const text of texts) {
    const citationTokens = phraseReading(text, { toneSandhi: false }).tokens;
    const citation = encodeTokens(citationTokens);
    const sandhi = /[一不]/.test(text) ? encodeTokens(phraseReading(text, { toneSandhi: true }).tokens) : citation;
    lines.push(
      formatReadingsRow(text, {
        citation,
        sandhi,
        tw: toTraditional(text, 'tw'),
        hk: toTraditional(text, 'hk'),
        cnt: toTraditional(text, 'cn-t'),
        // For the reading the card shows (enrich's meaningFor asks with that reading).
        meaning: baseMeaning(text, { reading: formatNumbered(citationTokens) }),
      }),
    );
  }
  writeAtomic(join(dir, READINGS_FILE), lines.join('\n') + '\n');
  const opencc = buildOpenCCData(dir);
  // Block indexes for the sorted tables searched at run time (see SortedBlocks in cedict.ts), and the
  // line indexes for reading them whole when a block index is missing or stale (SortedLines).
  const blocks: Record<string, number> = {};
  for (const file of SORTED_TABLES) {
    writeLineIndex(join(dir, file));
    blocks[`${file}.blocks`] = writeBlockIndex(join(dir, file));
  }
  return { rows: lines.length, ...opencc, blocks, ms: Math.round(performance.now() - started) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stderr.write(`readings: ${JSON.stringify(buildReadings())}\n`);
}
