import { describe, expect, it } from 'vitest';
import type { Candidate, Occurrence, SourceInfo } from '../../src/types.js';
import { enrich } from '../../src/enrich/index.js';
import { GLOSS_PREFIX } from '../../src/enrich/meaning.js';

// Fixture sentences written for these tests.
function occurrence(text: string, phrase: string, index: number, source: string, role: 'body' | 'heading' = 'body'): Occurrence {
  const start = text.indexOf(phrase);
  return { sentence: { text, originalText: text, role, source, paragraph: index, index }, start, end: start + phrase.length };
}

function candidate(text: string, occurrences: Occurrence[], extra: Partial<Candidate> = {}): Candidate {
  return {
    key: text.replace(/[^\p{Script=Han}]/gu, ''),
    text,
    kind: 'chengyu',
    count: occurrences.length,
    sources: [...new Set(occurrences.map((o) => o.sentence.source))],
    evidence: [{ code: 'cedict-idiom', weight: 2, note: 'CC-CEDICT marks it (idiom)' }],
    occurrences,
    standsAlone: true,
    ...extra,
  };
}

const sources = new Map<string, SourceInfo>([
  ['letter.txt', { name: 'letter.txt', title: '致友人的一封信', date: '2021-03-05' }],
  ['notes.md', { name: 'notes.md' }],
]);

const candidates: Candidate[] = [
  candidate('一衣带水', [
    occurrence('一衣带水', '一衣带水', 0, 'notes.md', 'heading'),
    occurrence('我们两国一衣带水，来往已有两千多年。', '一衣带水', 4, 'letter.txt'),
  ]),
  candidate('山川异域，风月同天', [occurrence('信的末尾写着：山川异域，风月同天。', '山川异域，风月同天', 2, 'notes.md')], {
    kind: 'quotation',
    attribution: '长屋王《绣袈裟衣缘》',
  }),
  candidate('着眼长远', [occurrence('做规划要着眼长远，不能只看眼前。', '着眼长远', 1, 'notes.md')], { kind: 'saying' }),
];

describe('enrich', () => {
  const cards = enrich(candidates, sources, { toneSandhi: false, variant: 'tw' });

  it('makes one card per candidate, in order, unscored, with evidence copied', () => {
    expect(cards.map((c) => c.key)).toEqual(candidates.map((c) => c.key));
    for (const [i, card] of cards.entries()) {
      expect(card.score).toBe(0);
      expect(card.evidence).toEqual(candidates[i]?.evidence);
      expect(card.evidence).not.toBe(candidates[i]?.evidence);
    }
  });
  it('fills every field of a dictionary idiom', () => {
    const card = cards[0];
    expect(card?.pinyin).toBe('yī yī dài shuǐ');
    expect(card?.pinyinNumbered).toBe('yi1 yi1 dai4 shui3');
    expect(card?.traditional).toBe('一衣帶水');
    expect(card?.meaningSource).toBe('cedict');
    expect(card?.meaning.length).toBeGreaterThan(5);
    expect(card?.context).toBe('我们两国一衣带水，来往已有两千多年。');
    expect(card?.context.slice(card.contextStart, card.contextEnd)).toBe('一衣带水');
    expect(card?.contextPinyin).toContain('yī yī dài shuǐ,');
    expect(card?.source).toBe('letter.txt');
    expect(card?.sources).toEqual(['notes.md', 'letter.txt']);
    expect(card?.sourceTitle).toBe('致友人的一封信');
    expect(card?.sourceDate).toBe('2021-03-05');
  });
  it('gives a quotation CC-CEDICT lacks a meaning and names its source', () => {
    const card = cards[1];
    expect(card?.pinyin).toBe('shān chuān yì yù, fēng yuè tóng tiān');
    expect(card?.traditional).toBe('山川異域，風月同天');
    expect(['gloss', 'project']).toContain(card?.meaningSource);
    if (card?.meaningSource === 'gloss') expect(card.meaning.startsWith(GLOSS_PREFIX)).toBe(true);
    expect(card?.meaning.endsWith('(source: 长屋王《绣袈裟衣缘》)')).toBe(true);
    expect(card?.attribution).toBe('长屋王《绣袈裟衣缘》');
    expect(card?.sourceTitle).toBeUndefined();
  });
  it('converts to Traditional by the variant asked for', () => {
    expect(cards[2]?.traditional).toBe('著眼長遠');
    expect(enrich([candidates[2] as Candidate], sources, { toneSandhi: false, variant: 'hk' })[0]?.traditional).toBe('着眼長遠');
  });
  it('applies tone sandhi to the phrase and its context when asked', () => {
    const [card] = enrich([candidates[0] as Candidate], sources, { toneSandhi: true, variant: 'tw' });
    expect(card?.pinyin).toBe('yì yī dài shuǐ');
    expect(card?.contextPinyin).toContain('yì yī dài shuǐ');
    expect(card?.meaning).toBe(cards[0]?.meaning);
  });
  it('is deterministic', () => {
    const again = enrich(candidates, sources, { toneSandhi: false, variant: 'tw' });
    expect(JSON.stringify(again)).toBe(JSON.stringify(cards));
    const reversed = enrich(candidates.map((c) => ({ ...c, occurrences: [...c.occurrences].reverse() })), sources, { toneSandhi: false, variant: 'tw' });
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(cards));
  });
  it('uses the dictionary form for the meaning of an adapted phrase', () => {
    const adapted = candidate('唯恐南海不乱', [occurrence('有人唯恐南海不乱，到处煽风点火。', '唯恐南海不乱', 0, 'notes.md')], {
      kind: 'saying',
      dictionaryForm: '唯恐天下不乱',
    });
    const [card] = enrich([adapted], sources, { toneSandhi: false, variant: 'tw' });
    expect(card?.meaning.startsWith('(adapted from 唯恐天下不乱)')).toBe(true);
    expect(card?.meaningSource).toBe('cedict');
    expect(card?.dictionaryForm).toBe('唯恐天下不乱');
    expect(card?.pinyin).toBe('wéi kǒng nán hǎi bù luàn');
  });
  it('still makes a card for a candidate without occurrences', () => {
    const [card] = enrich([candidate('一衣带水', [], { sources: ['notes.md'] })], sources, { toneSandhi: false, variant: 'tw' });
    expect(card?.context).toBe('');
    expect(card?.contextStart).toBe(-1);
    expect(card?.source).toBe('notes.md');
  });
});
