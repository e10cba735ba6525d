import { describe, expect, it } from 'vitest';
import { cedict } from '../../src/lexicon/cedict.js';
import { hanOnly } from '../../src/lexicon/paths.js';

describe('cedict table', () => {
  it('finds every reading of a polyphonic entry by binary search', () => {
    const readings = cedict().lookup('了').map((e) => e.pinyin);
    expect(readings).toContain('le5');
    expect(readings).toContain('liao3');
  });
  it('returns the definitions of an idiom as separate senses', () => {
    const [entry] = cedict().lookup('削足适履');
    expect(entry?.pinyin).toBe('xue1 zu2 shi4 lu:3');
    expect(entry?.definitions.length).toBeGreaterThan(1);
    expect(entry?.traditional).toBe('削足適履');
  });
  it('returns nothing for a string that is not an entry', () => {
    expect(cedict().lookup('不是词条的字符串')).toEqual([]);
  });
});

describe('hanOnly', () => {
  it('keeps only Han characters', () => {
    expect(hanOnly('山川异域、风月同天 ABC')).toBe('山川异域风月同天');
  });
});
