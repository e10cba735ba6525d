// The build-time readings (dist/data/readings.tsv, written by `npm run build`) must equal what the enrich
// functions compute live, row for row; here on every 15th row (~3,000 phrases of every kind).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR } from '../../src/lexicon/paths.js';
import { phraseReading } from '../../src/enrich/pinyin.js';
import { decodeTokens, encodeTokens, precomputedMeaning, precomputedTokens, precomputedTraditional, READINGS_FILE } from '../../src/enrich/readings-table.js';
import { baseMeaning, meaningFor } from '../../src/enrich/meaning.js';
import { setProjectMeanings } from '../../src/enrich/project-data.js';
import { formatNumbered } from '../../src/enrich/syllable.js';
import { toTraditional } from '../../src/enrich/traditional.js';
import { lexiconTexts } from '../../src/lexicon/build-readings.js';

const tableTexts = readFileSync(join(DATA_DIR, READINGS_FILE), 'utf8')
  .split('\n')
  .filter((line) => line.length > 0)
  .map((line) => line.split('\t')[0] ?? '');
const sample = tableTexts.filter((_, i) => i % 15 === 0);
// Phrases with 一 or 不 are the only ones whose sandhi column can differ: all of them in the sample.
const sandhiSample = tableTexts.filter((text, i) => /[一不]/.test(text) && i % 3 === 0);

describe('readings.tsv', () => {
  it('has a row for every display text of phrases.tsv', () => {
    const texts = lexiconTexts(readFileSync(join(DATA_DIR, 'phrases.tsv'), 'utf8'));
    expect(tableTexts.length).toBe(texts.length);
    expect(tableTexts).toEqual(texts);
  });

  it('gives the live citation reading', () => {
    expect(sample.length).toBeGreaterThan(2500);
    const wrong = sample.filter((text) => encodeTokens(precomputedTokens(text, false) ?? []) !== encodeTokens(phraseReading(text, { toneSandhi: false }).tokens));
    expect(wrong).toEqual([]);
  });

  it('gives the live spoken reading (tone sandhi of 一 and 不)', () => {
    expect(sandhiSample.length).toBeGreaterThan(300);
    const wrong = sandhiSample.filter((text) => encodeTokens(precomputedTokens(text, true) ?? []) !== encodeTokens(phraseReading(text, { toneSandhi: true }).tokens));
    expect(wrong).toEqual([]);
    // The sample must exercise sandhi, not only rows where it changes nothing.
    expect(sandhiSample.some((text) => encodeTokens(precomputedTokens(text, true) ?? []) !== encodeTokens(precomputedTokens(text, false) ?? []))).toBe(true);
  });

  it.each(['tw', 'hk', 'cn-t'] as const)('gives OpenCC’s Traditional form (%s)', (variant) => {
    const wrong = sample.filter((text) => precomputedTraditional(text, variant) !== toTraditional(text, variant));
    expect(wrong).toEqual([]);
  });

  it('gives the live meaning for the card reading, of every kind of source', () => {
    const wrong: string[] = [];
    const sources = new Set<string>();
    for (const text of sample) {
      const reading = formatNumbered(precomputedTokens(text, false) ?? []);
      const stored = precomputedMeaning(text, reading);
      if (!stored) {
        wrong.push(`${text}: no stored meaning`);
        continue;
      }
      sources.add(stored.source);
      if (JSON.stringify(stored) !== JSON.stringify(baseMeaning(text, { reading }))) wrong.push(text);
    }
    expect(wrong).toEqual([]);
    expect([...sources].sort()).toEqual(['cedict', 'cedict-xref', 'gloss', 'project']);
  });

  it('gives no stored meaning for another reading, and meaningFor then computes it', () => {
    const text = '一衣带水';
    const reading = formatNumbered(precomputedTokens(text, false) ?? []);
    expect(precomputedMeaning(text, reading)).toBeDefined();
    expect(precomputedMeaning(text, undefined)).toBeUndefined();
    expect(precomputedMeaning(text, 'yi2 yi1 dai4 shui3')).toBeUndefined();
    expect(meaningFor(text, '某人', { reading })).toEqual({ ...baseMeaning(text, { reading }), meaning: `${baseMeaning(text, { reading }).meaning} (source: 某人)` });
  });

  it('leaves meanings to the project data tests set', () => {
    const text = sample.find((t) => precomputedMeaning(t, formatNumbered(precomputedTokens(t, false) ?? []))?.source === 'project') ?? '';
    expect(text).not.toBe('');
    const reading = formatNumbered(precomputedTokens(text, false) ?? []);
    setProjectMeanings(new Map([[text.replace(/[^\p{Script=Han}]/gu, ''), { meaning: 'a rendering set by this test' }]]));
    try {
      expect(meaningFor(text, undefined, { reading }).meaning).toBe('a rendering set by this test');
    } finally {
      setProjectMeanings(undefined);
    }
  });

  it('has no row for a phrase outside the lexicon (computed live instead)', () => {
    expect(precomputedTokens('唯恐南海不乱', false)).toBeUndefined();
    expect(precomputedTraditional('唯恐南海不乱', 'tw')).toBeUndefined();
    expect(precomputedMeaning('唯恐南海不乱', 'wei2 kong3 nan2 hai3 bu4 luan4')).toBeUndefined();
  });
});

describe('reading tokens as text', () => {
  it('round-trips syllables, ü and characters kept as they are', () => {
    const chars = [...'削足适履，A'];
    const tokens = phraseReading(chars.join(''), { toneSandhi: false }).tokens;
    const encoded = encodeTokens(tokens);
    expect(encoded).toBe('xue1 zu2 shi4 lu:3 _ _');
    expect(decodeTokens(encoded, chars)).toEqual(tokens);
  });
  it('rejects a row that does not line up with the characters', () => {
    expect(decodeTokens('xue1 zu2', [...'削足适履'])).toBeUndefined();
  });
});
