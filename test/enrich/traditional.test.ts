import { describe, expect, it } from 'vitest';
import { cedict } from '../../src/lexicon/cedict.js';
import { openccConfigName, openccModule, toTraditional, traditionalConverter, traditionalDataSource } from '../../src/enrich/traditional.js';

describe('toTraditional', () => {
  it('converts a multi-clause phrase for every variant', () => {
    for (const variant of ['tw', 'hk', 'cn-t'] as const) {
      expect(toTraditional('山川异域，风月同天', variant)).toBe('山川異域，風月同天');
    }
  });
  it('uses Taiwan usage for tw (着 → 著 in 着眼), Hong Kong and generic forms keep 着', () => {
    expect(toTraditional('着眼', 'tw')).toBe('著眼');
    expect(toTraditional('着眼', 'hk')).toBe('着眼');
    expect(toTraditional('着眼', 'cn-t')).toBe('着眼');
  });
  it('follows the region for variant characters (裡 in Taiwan, 裏 in Hong Kong)', () => {
    expect(toTraditional('里面', 'tw')).toBe('裡面');
    expect(toTraditional('里面', 'hk')).toBe('裏面');
  });
  it('converts as a phrase, so one Simplified character maps by its word', () => {
    expect(toTraditional('令人发指', 'tw')).toBe('令人髮指');
    expect(toTraditional('发扬光大', 'tw')).toBe('發揚光大');
    expect(toTraditional('千里之行，始于足下', 'tw')).toBe('千里之行，始於足下');
    expect(toTraditional('后来居上', 'tw')).toBe('後來居上');
  });
  it('keeps the length and the punctuation of the phrase', () => {
    const phrase = '兵来将挡，水来土掩';
    const converted = toTraditional(phrase, 'hk');
    expect([...converted].length).toBe([...phrase].length);
    expect(converted.indexOf('，')).toBe(phrase.indexOf('，'));
  });
});

describe('traditionalConverter (batch)', () => {
  // Every 40th CC-CEDICT entry of two or more characters: ~3,000 phrases of every kind.
  const texts: string[] = [];
  let i = 0;
  for (const entry of cedict().entries()) if ([...entry.simplified].length >= 2 && i++ % 40 === 0) texts.push(entry.simplified);

  it.each(['tw', 'hk', 'cn-t'] as const)("gives exactly OpenCC's own output (%s)", (variant) => {
    expect(texts.length).toBeGreaterThan(2000);
    // From the build's OpenCC data (dist/data/opencc.json and opencc-pairs.tsv), not opencc-js's bundle.
    expect(traditionalDataSource(variant)).toBe('build');
    const convert = traditionalConverter(variant, texts);
    const different = texts.filter((t) => convert(t) !== toTraditional(t, variant));
    expect(different).toEqual([]);
  });
  it('gives the same output one phrase at a time, for phrases with and without OpenCC phrase pairs', () => {
    const sample = [...texts.filter((_, k) => k % 10 === 0), '山川异域，风月同天', '着眼长远', '令人发指', '唯恐南海不乱', '𠮷野家的头发'];
    for (const variant of ['tw', 'hk', 'cn-t'] as const) {
      const different = sample.filter((t) => traditionalConverter(variant, [t])(t) !== toTraditional(t, variant));
      expect(different).toEqual([]);
    }
  });
  it.each(['tw', 'hk', 'cn-t'] as const)('applies the normalisation pairs as OpenCC does (%s)', (variant) => {
    // OpenCC first normalises compatibility ideographs (U+F900…) to unified ones; the batch converter
    // takes those pairs from the build's table too, filtered by the input's substrings.
    const chain = openccModule().Locale.configs[openccConfigName(variant)]?.normalizationChain ?? [];
    const keys = chain.flat().flatMap((dict) => (typeof dict === 'string' ? dict.split('|').map((entry) => entry.slice(0, entry.indexOf(' '))) : []));
    expect(keys.length).toBeGreaterThan(500);
    const phrases = keys.map((key, k) => (k % 3 === 0 ? `${key}发` : k % 3 === 1 ? `着${key}里面` : `${key}${keys[k - 1] ?? ''}后`));
    expect(traditionalDataSource(variant)).toBe('build');
    const convert = traditionalConverter(variant, phrases);
    expect(phrases.filter((t) => convert(t) !== toTraditional(t, variant))).toEqual([]);
    expect(phrases.some((t) => !toTraditional(t, variant).includes(t.slice(0, 1)))).toBe(true);
  });
  it('handles texts outside its batch and an empty batch', () => {
    expect(traditionalConverter('tw', ['一衣带水'])('着眼')).toBe('著眼');
    expect(traditionalConverter('hk', [])('里面')).toBe('裏面');
    expect(traditionalConverter('tw', ['着眼', '着眼'])('着眼')).toBe('著眼');
  });
});
