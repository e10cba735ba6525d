// The build-time readings (dist/data/readings.tsv, written by `npm run build`) must equal what the enrich
// functions compute live, row for row; here on every 15th row (~3,000 phrases of every kind).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR } from '../../src/lexicon/paths.js';
import { phraseReading } from '../../src/enrich/pinyin.js';
import { decodeTokens, encodeTokens, precomputedTokens, precomputedTraditional, READINGS_FILE } from '../../src/enrich/readings-table.js';
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

  it('has no row for a phrase outside the lexicon (computed live instead)', () => {
    expect(precomputedTokens('唯恐南海不乱', false)).toBeUndefined();
    expect(precomputedTraditional('唯恐南海不乱', 'tw')).toBeUndefined();
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
