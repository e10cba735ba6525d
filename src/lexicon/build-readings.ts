// Build step (run by build.ts after phrases.tsv is written): the card readings of every phrase the
// phrase lexicon holds, computed with the enrich stage's own functions, so that a CLI run reads them
// from dist/data/readings.tsv instead of loading pinyin-pro and OpenCC for them (see
// src/enrich/readings-table.ts). Reads cedict.tsv and phrases.tsv from the data folder.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DATA_DIR } from './paths.js';
import { phraseReading } from '../enrich/pinyin.js';
import { encodeTokens, formatReadingsRow, READINGS_FILE } from '../enrich/readings-table.js';
import { toTraditional } from '../enrich/traditional.js';

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

/** Writes readings.tsv into `dir` (which must be the data folder the enrich stage reads CC-CEDICT from). */
export function buildReadings(dir: string = DATA_DIR): { rows: number; ms: number } {
  const started = performance.now();
  const texts = lexiconTexts(readFileSync(join(dir, 'phrases.tsv'), 'utf8'));
  const lines: string[] = [];
  for (const text of texts) {
    const citation = encodeTokens(phraseReading(text, { toneSandhi: false }).tokens);
    const sandhi = /[一不]/.test(text) ? encodeTokens(phraseReading(text, { toneSandhi: true }).tokens) : citation;
    lines.push(
      formatReadingsRow(text, {
        citation,
        sandhi,
        tw: toTraditional(text, 'tw'),
        hk: toTraditional(text, 'hk'),
        cnt: toTraditional(text, 'cn-t'),
      }),
    );
  }
  const path = join(dir, READINGS_FILE);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, lines.join('\n') + '\n');
  renameSync(tmp, path);
  return { rows: lines.length, ms: Math.round(performance.now() - started) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stderr.write(`readings: ${JSON.stringify(buildReadings())}\n`);
}
