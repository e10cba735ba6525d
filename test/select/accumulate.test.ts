import { describe, expect, it } from 'vitest';
import { PhraseAccumulator } from '../../src/select/accumulate.js';
import type { Detection, Evidence, Kind, Sentence } from '../../src/types.js';

function sentence(source: string, index: number, text: string, role: Sentence['role'] = 'body'): Sentence {
  return { text, originalText: text, role, source, paragraph: 0, index };
}

function detection(s: Sentence, key: string, kind: Kind, evidence: Evidence[], extra: Partial<Detection> = {}): Detection {
  const start = Math.max(0, s.text.indexOf(key));
  return { key, text: key, kind, start, end: start + key.length, sentence: s, evidence, ...extra };
}

const idiom: Evidence[] = [{ code: 'cedict-idiom', weight: 3 }];

describe('PhraseAccumulator', () => {
  it('counts the distinct phrases added so far, those of the pending sentence included', () => {
    const acc = new PhraseAccumulator();
    expect(acc.phraseCount()).toBe(0);
    const a = sentence('a.txt', 0, '同舟共济，风雨同舟。');
    acc.add(detection(a, '同舟共济', 'chengyu', idiom));
    acc.add(detection(a, '风雨同舟', 'chengyu', idiom));
    acc.add(detection(a, '同舟共济', 'chengyu', idiom));
    expect(acc.phraseCount()).toBe(2);
    const b = sentence('a.txt', 1, '风雨同舟，守望相助。');
    acc.add(detection(b, '风雨同舟', 'chengyu', idiom));
    acc.add(detection(b, '守望相助', 'chengyu', idiom));
    expect(acc.phraseCount()).toBe(3);
    acc.finish();
    expect(acc.phraseCount()).toBe(3);
  });

  it('lists each source once, in first-seen order, when sources alternate and repeat', () => {
    const acc = new PhraseAccumulator();
    const names = ['c.txt', 'a.txt', 'c.txt', 'b.txt', 'a.txt', 'b.txt'];
    names.forEach((name, k) => acc.add(detection(sentence(name, k, '同舟共济。'), '同舟共济', 'chengyu', idiom)));
    // Equal names made separately (as a worker's messages give them) are the same source.
    acc.add(detection(sentence(['b', 'txt'].join('.'), 9, '同舟共济。'), '同舟共济', 'chengyu', idiom));
    const [candidate] = acc.finish();
    expect(candidate?.sources).toEqual(['c.txt', 'a.txt', 'b.txt']);
    expect(candidate?.count).toBe(7);
  });

  it('merges one key over inputs: total count, sources in first-seen order, merged evidence', () => {
    const acc = new PhraseAccumulator();
    const a = sentence('b.txt', 0, '我们同舟共济。');
    const b = sentence('a.txt', 0, '大家同舟共济，共渡难关。');
    const c = sentence('b.txt', 1, '唯有同舟共济。');
    acc.add(detection(a, '同舟共济', 'chengyu', idiom));
    acc.add(detection(b, '同舟共济', 'chengyu', [{ code: 'jieba-i', weight: 2 }]));
    acc.add(detection(c, '同舟共济', 'chengyu', idiom));
    const [candidate, ...rest] = acc.finish();
    expect(rest).toEqual([]);
    expect(candidate?.count).toBe(3);
    expect(candidate?.sources).toEqual(['b.txt', 'a.txt']);
    expect(candidate?.evidence.map((e) => e.code).sort()).toEqual(['cedict-idiom', 'jieba-i']);
    expect(candidate?.standsAlone).toBe(true);
  });

  it('does not make a card of a phrase that only occurs inside a longer one', () => {
    const acc = new PhraseAccumulator();
    const s = sentence('a.txt', 0, '海内存知己，天涯若比邻。');
    acc.add({ ...detection(s, '海内存知己天涯若比邻', 'quotation', [{ code: 'quotation-list', weight: 4 }]), start: 0, end: 11 });
    acc.add({ ...detection(s, '天涯若比邻', 'quotation', [{ code: 'quotation-list', weight: 4 }]), start: 6, end: 11 });
    expect(acc.finish().map((c) => c.key)).toEqual(['海内存知己天涯若比邻']);
    const all = acc.finishAll();
    expect(all.find((c) => c.key === '天涯若比邻')?.standsAlone).toBe(false);
  });

  it('keeps the inner phrase when it also stands alone, counting only its own uses', () => {
    const acc = new PhraseAccumulator();
    const s1 = sentence('a.txt', 0, '海内存知己，天涯若比邻。');
    acc.add({ ...detection(s1, '海内存知己天涯若比邻', 'quotation', idiom), start: 0, end: 11 });
    acc.add({ ...detection(s1, '天涯若比邻', 'quotation', idiom), start: 6, end: 11 });
    const s2 = sentence('a.txt', 1, '真是天涯若比邻。');
    acc.add(detection(s2, '天涯若比邻', 'quotation', idiom));
    const inner = acc.finish().find((c) => c.key === '天涯若比邻');
    expect(inner?.standsAlone).toBe(true);
    expect(inner?.count).toBe(1);
    expect(inner?.occurrences.map((o) => o.sentence.index)).toEqual([1]);
  });

  it('lets a phrase stand alone inside a longer phrase of a kind that will not be selected', () => {
    const acc = new PhraseAccumulator({ kinds: ['chengyu'] });
    const s = sentence('a.txt', 0, '推动构建命运与共同舟共济的伙伴。');
    acc.add({ ...detection(s, '命运与共同舟共济', 'term', [{ code: 'term-list', weight: 4 }]), start: 4, end: 12 });
    acc.add({ ...detection(s, '同舟共济', 'chengyu', idiom), start: 8, end: 12 });
    expect(acc.finish().map((c) => c.key)).toContain('同舟共济');
  });

  it('keeps a bounded sample of occurrences, body sentences before headings', () => {
    const acc = new PhraseAccumulator({ sampleSize: 3 });
    for (let i = 0; i < 3; i++) acc.add(detection(sentence('a.txt', i, `标题${i}：同舟共济`, 'heading'), '同舟共济', 'chengyu', idiom));
    for (let i = 3; i < 1000; i++) acc.add(detection(sentence('a.txt', i, `第${i}句同舟共济。`), '同舟共济', 'chengyu', idiom));
    const [c] = acc.finish();
    expect(c?.count).toBe(1000);
    expect(c?.occurrences).toHaveLength(3);
    expect(c?.occurrences.every((o) => o.sentence.role === 'body')).toBe(true);
    expect(c?.occurrences.map((o) => o.sentence.index)).toEqual([3, 4, 5]);
  });

  it('settles a phrase detected as different kinds by the weight of the evidence', () => {
    const acc = new PhraseAccumulator();
    acc.add(detection(sentence('a.txt', 0, '“人类命运共同体”'), '人类命运共同体', 'term', [{ code: 'term-list', weight: 4 }]));
    acc.add(detection(sentence('a.txt', 1, '人类命运共同体'), '人类命运共同体', 'saying', [{ code: 'weak', weight: 1 }]));
    expect(acc.finish()[0]?.kind).toBe('term');
  });

  it('records the dictionary form and attribution, and prefers the text that shows its clauses', () => {
    const acc = new PhraseAccumulator();
    acc.add(detection(sentence('a.txt', 0, '千里之行始于足下'), '千里之行始于足下', 'quotation', idiom, { text: '千里之行始于足下' }));
    acc.add(
      detection(sentence('a.txt', 1, '千里之行，始于足下'), '千里之行始于足下', 'quotation', idiom, {
        text: '千里之行，始于足下',
        attribution: '《老子》',
      }),
    );
    const [c] = acc.finish();
    expect(c?.text).toBe('千里之行，始于足下');
    expect(c?.attribution).toBe('《老子》');
  });
});
