// The acceptance checks, on the five seed speeches read from ../shared/seeds/ (never copied):
// every extracted phrase that CC-CEDICT contains has exactly CC-CEDICT's reading, no item has an empty
// meaning, and every context marks its phrase and carries the card's pinyin.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { extract } from '../../src/pipeline.js';
import { cedict } from '../../src/lexicon/cedict.js';
import { KINDS, type Card } from '../../src/types.js';

const SEEDS_DIR = resolve(fileURLToPath(new URL('../../', import.meta.url)), '..', 'shared', 'seeds');
const SEEDS = ['000_56f6268ff4eb576a.txt', '001_5500e23857cf1517.txt', '002_f60eb563907c18a7.txt', '003_189bc06400c19299.txt', '004_d9d0ae3ca28eebeb.txt'];

const readings = (text: string, key: string): string[] =>
  [...cedict().lookup(text), ...(key !== text ? cedict().lookup(key) : [])].map((e) => e.pinyin.toLowerCase().replace(/ [,，] /g, ' '));

describe.skipIf(!existsSync(SEEDS_DIR))('cards from the seed speeches', () => {
  let cards: Card[] = [];
  let sandhiCards: Card[] = [];
  beforeAll(async () => {
    const options = { kinds: KINDS, minCount: 1, toneSandhi: false, variant: 'tw' as const };
    cards = (await extract(SEEDS.map((f) => join(SEEDS_DIR, f)), options)).cards;
    sandhiCards = (await extract(SEEDS.map((f) => join(SEEDS_DIR, f)), { ...options, toneSandhi: true })).cards;
  }, 120_000);

  it('extracts a good number of items', () => {
    expect(cards.length).toBeGreaterThan(50);
  });
  it("gives every phrase CC-CEDICT contains exactly CC-CEDICT's reading", () => {
    const inCedict = cards.filter((c) => readings(c.text, c.key).length > 0);
    expect(inCedict.length).toBeGreaterThan(30);
    const wrong = inCedict.filter((c) => !readings(c.text, c.key).includes(c.pinyinNumbered.replace(/ , /g, ' '))).map((c) => `${c.text} ${c.pinyinNumbered}`);
    expect(wrong).toEqual([]);
  });
  it('gives no item an empty meaning', () => {
    expect(cards.filter((c) => c.meaning.trim() === '').map((c) => c.text)).toEqual([]);
  });
  it('marks the phrase in every context and reads it as the card does', () => {
    for (const card of cards) {
      expect(card.context.length, card.text).toBeGreaterThan(0);
      const marked = card.context.slice(card.contextStart, card.contextEnd);
      expect(marked.replace(/[^\p{Script=Han}]/gu, ''), card.text).toBe(card.key);
      const bare = (pinyin: string): string => pinyin.replace(/[,;:.!?“”"…]/g, '');
      expect(bare(card.contextPinyin), card.text).toContain(bare(card.pinyin));
    }
  });
  it('has one syllable per Han character in every pinyin', () => {
    for (const card of cards) {
      expect(card.pinyin.split(' ').length, card.text).toBe([...card.key].length);
    }
  });
  it('changes only the tones of 一 and 不 with tone sandhi', () => {
    const byKey = new Map(cards.map((c) => [c.key, c]));
    for (const spoken of sandhiCards) {
      const citation = byKey.get(spoken.key);
      if (!citation) continue;
      const a = citation.pinyinNumbered.split(' ');
      const b = spoken.pinyinNumbered.split(' ');
      expect(b.length).toBe(a.length);
      const chars = [...spoken.text];
      b.forEach((syllable, i) => {
        if (syllable !== a[i]) expect(['一', '不']).toContain(chars[i]);
      });
    }
  });
});
