import { describe, expect, it } from 'vitest';
import { scoreCandidate, select } from '../../src/select/index.js';
import type { Candidate, Card, Evidence, Kind, PipelineOptions } from '../../src/types.js';

function candidate(key: string, kind: Kind, evidence: Evidence[], extra: Partial<Candidate> = {}): Candidate {
  return { key, text: key, kind, count: 1, sources: ['a.txt'], evidence, occurrences: [], standsAlone: true, ...extra };
}

function card(c: Candidate): Card {
  const { score, evidence } = scoreCandidate(c);
  return {
    key: c.key,
    text: c.text,
    kind: c.kind,
    pinyin: '',
    pinyinNumbered: '',
    traditional: c.text,
    meaning: 'x',
    literal: '',
    meaningSource: 'cedict',
    count: c.count,
    context: '',
    contextStart: -1,
    contextEnd: -1,
    contextPinyin: '',
    source: c.sources[0] ?? '',
    sources: c.sources,
    score,
    evidence,
    ...(c.dictionaryForm ? { dictionaryForm: c.dictionaryForm } : {}),
  };
}

const options: PipelineOptions = { kinds: ['chengyu', 'quotation', 'saying'], minCount: 1, toneSandhi: false, variant: 'tw' };

describe('scoreCandidate', () => {
  it('explains the score: its parts are returned as evidence and add up to it', () => {
    const { score, evidence } = scoreCandidate(candidate('同舟共济', 'chengyu', [{ code: 'cedict-idiom', weight: 3 }], { count: 4 }));
    const parts = evidence.filter((e) => ['detection', 'kind-chengyu', 'general-frequency', 'count', 'sources', 'attributed'].includes(e.code));
    expect(parts.reduce((s, e) => s + e.weight, 0)).toBeCloseTo(score, 5);
    expect(evidence.map((e) => e.code)).toContain('cedict-idiom');
  });

  it('puts a well-attested common idiom used often before a marginal phrase used once', () => {
    const strong = scoreCandidate(
      candidate('同舟共济', 'chengyu', [
        { code: 'cedict-idiom', weight: 3 },
        { code: 'jieba-i', weight: 2 },
      ], { count: 3, sources: ['a.txt', 'b.txt'] }),
    ).score;
    const marginal = scoreCandidate(candidate('尽力尽责', 'chengyu', [{ code: 'jieba-l', weight: 2 }])).score;
    expect(strong).toBeGreaterThan(marginal);
  });

  it('ranks a famous attributed line above an unattributed couplet found by its shape', () => {
    const famous = scoreCandidate(
      candidate('随风潜入夜润物细无声', 'quotation', [{ code: 'quotation-list', weight: 4 }], { attribution: '杜甫《春夜喜雨》' }),
    ).score;
    const shape = scoreCandidate(candidate('甲乙丙丁戊己庚辛', 'quotation', [{ code: 'balanced', weight: 1.25 }, { code: 'classical-words', weight: 0.75 }])).score;
    expect(famous).toBeGreaterThan(shape);
  });

  it('counts repetition in the text', () => {
    const once = scoreCandidate(candidate('同舟共济', 'chengyu', [{ code: 'cedict-idiom', weight: 3 }])).score;
    const often = scoreCandidate(candidate('同舟共济', 'chengyu', [{ code: 'cedict-idiom', weight: 3 }], { count: 8 })).score;
    expect(often).toBeGreaterThan(once);
  });
});

describe('select', () => {
  const cards = [
    card(candidate('同舟共济', 'chengyu', [{ code: 'cedict-idiom', weight: 3 }, { code: 'jieba-i', weight: 2 }], { count: 3 })),
    card(candidate('一带一路', 'term', [{ code: 'term-list', weight: 4 }], { count: 9 })),
    card(candidate('削足适履', 'chengyu', [{ code: 'cedict-idiom', weight: 3 }])),
    card(candidate('唯恐海上不乱', 'chengyu', [{ code: 'cedict-idiom', weight: 3 }], { dictionaryForm: '唯恐天下不乱' })),
    card(candidate('开倒车', 'saying', [{ code: 'saying-list', weight: 3.5 }], { count: 2 })),
  ];

  it('keeps only the kinds asked for, best first', () => {
    const chosen = select(cards, options);
    expect(chosen.map((c) => c.kind)).not.toContain('term');
    for (let i = 1; i < chosen.length; i++) expect(chosen[i - 1]!.score).toBeGreaterThanOrEqual(chosen[i]!.score);
  });

  it('applies min-count, exclusion (also by dictionary form) and top', () => {
    expect(select(cards, { ...options, minCount: 2 }).map((c) => c.key).sort()).toEqual(['同舟共济', '开倒车'].sort());
    const excluded = select(cards, { ...options, exclude: new Set(['同舟共济', '唯恐天下不乱']) }).map((c) => c.key);
    expect(excluded).not.toContain('同舟共济');
    expect(excluded).not.toContain('唯恐海上不乱');
    expect(select(cards, { ...options, top: 2 })).toHaveLength(2);
  });

  it('orders equal scores by key, whatever the input order', () => {
    const twins = [
      card(candidate('乙乙乙乙', 'chengyu', [{ code: 'cedict-idiom', weight: 3 }])),
      card(candidate('甲甲甲甲', 'chengyu', [{ code: 'cedict-idiom', weight: 3 }])),
    ];
    const forward = select(twins, options).map((c) => c.key);
    const backward = select([...twins].reverse(), options).map((c) => c.key);
    expect(forward).toEqual(backward);
  });
});
