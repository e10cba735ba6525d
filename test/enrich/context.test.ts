import { describe, expect, it } from 'vitest';
import type { BlockRole, Occurrence } from '../../src/types.js';
import { buildContext, chooseOccurrence, splitContext, trimContext, CONTEXT_TARGET_LENGTH } from '../../src/enrich/context.js';

// Fixture sentences written for these tests.
function occurrence(text: string, phrase: string, index: number, role: BlockRole = 'body', source = 'talk.txt'): Occurrence {
  const start = text.indexOf(phrase);
  return { sentence: { text, originalText: text, role, source, paragraph: index, index }, start, end: start + phrase.length };
}

const PHRASE = '一衣带水';
const BODY = '两国隔海相望，一衣带水，人员往来从未中断。';

describe('choosing the occurrence', () => {
  it('prefers a body sentence to a heading or caption', () => {
    const heading = occurrence('一衣带水的邻邦', PHRASE, 0, 'heading');
    const caption = occurrence('图为一衣带水的两岸港口。', PHRASE, 1, 'caption');
    const body = occurrence(BODY, PHRASE, 5);
    expect(chooseOccurrence([heading, caption, body])).toBe(body);
  });
  it('takes a heading only when nothing else exists', () => {
    const heading = occurrence('一衣带水的邻邦', PHRASE, 0, 'heading');
    expect(chooseOccurrence([heading])).toBe(heading);
  });
  it('prefers a complete sentence of moderate length', () => {
    const fragment = occurrence('一衣带水', PHRASE, 2);
    const unfinished = occurrence('两国之间一衣带水', PHRASE, 3);
    const long = occurrence(
      '回顾过去几十年的交流历程，从最初的民间贸易到后来的文化互访，从青年学生的往来到地方城市的结好，两国虽然一衣带水却也经历了许多曲折，但是双方始终没有放弃对话与合作，这一点值得今天的人们认真记取。',
      PHRASE,
      4,
    );
    const good = occurrence(BODY, PHRASE, 9);
    expect(chooseOccurrence([fragment, unfinished, long, good])).toBe(good);
  });
  it('does not depend on the order the occurrences come in', () => {
    const a = occurrence(BODY, PHRASE, 9, 'body', 'b.txt');
    const b = occurrence(BODY, PHRASE, 3, 'body', 'a.txt');
    const c = occurrence(BODY, PHRASE, 3, 'body', 'b.txt');
    const order = ['b.txt', 'a.txt'];
    const chosen = chooseOccurrence([a, b, c], order);
    expect(chooseOccurrence([c, b, a], order)).toBe(chosen);
    expect(chooseOccurrence([b, a, c], order)).toBe(chosen);
    expect(chosen).toBe(c);
  });
});

describe('trimming', () => {
  const long =
    '去年深秋在海边城市举办的那次座谈会上，来自不同行业和不同地区的二十多位代表轮流发言，大家回顾了双方在经贸、教育和文化领域的合作成果，都认为两国一衣带水，理应守望相助，' +
    '今后还要在科技创新、绿色发展和人才培养等方面拓展新的空间，让更多普通人从交流中受益。';
  it('keeps a sentence within the target whole', () => {
    const t = trimContext(BODY, 7, 11);
    expect(t.text).toBe(BODY);
    expect([t.start, t.end]).toEqual([7, 11]);
  });
  it('cuts a long sentence at clause boundaries around the phrase, with … at each cut', () => {
    const start = long.indexOf(PHRASE);
    const t = trimContext(long, start, start + PHRASE.length);
    expect([...long].length).toBeGreaterThan(CONTEXT_TARGET_LENGTH);
    expect([...t.text].length).toBeLessThanOrEqual(CONTEXT_TARGET_LENGTH + 2);
    expect(t.text.slice(t.start, t.end)).toBe(PHRASE);
    expect(t.text.startsWith('…')).toBe(true);
    expect(t.text.endsWith('…')).toBe(true);
    // Every kept piece is a whole clause of the original.
    const inner = t.text.replace(/^…|…$/g, '');
    expect(long.includes(inner)).toBe(true);
    const before = long[long.indexOf(inner) - 1];
    expect(['，', '；', '：']).toContain(before);
    expect(t.text).not.toMatch(/[，；：]…$/);
  });
  it('keeps the start of the sentence when the phrase is near it', () => {
    const sentence = '一衣带水的邻国之间，' + '各领域的交流合作不断深化，'.repeat(8) + '前景令人期待。';
    const t = trimContext(sentence, 0, 4);
    expect(t.text.startsWith(PHRASE)).toBe(true);
    expect([t.start, t.end]).toEqual([0, 4]);
    expect(t.text.endsWith('…')).toBe(true);
  });
  it('keeps a long clause that holds the phrase rather than cutting inside it', () => {
    const clause = '这两个国家自古以来便是一衣带水而又文化相通并且在漫长岁月中不断相互学习借鉴彼此长处从而共同进步的友好邻邦';
    const sentence = `${clause}，这是历史事实。`;
    const start = sentence.indexOf(PHRASE);
    const t = trimContext(sentence, start, start + 4);
    expect(t.text.startsWith(clause)).toBe(true);
    expect(t.text.slice(t.start, t.end)).toBe(PHRASE);
  });
});

describe('buildContext', () => {
  it('marks the phrase in the chosen, trimmed sentence', () => {
    const spaced = occurrence(`  ${BODY}`, PHRASE, 1);
    const c = buildContext([spaced], PHRASE, PHRASE);
    expect(c?.text).toBe(BODY);
    expect(c?.text.slice(c.start, c.end)).toBe(PHRASE);
  });
  it('finds the phrase when the offsets do not point at it', () => {
    const wrong: Occurrence = { ...occurrence(BODY, PHRASE, 1), start: 0, end: 4 };
    const c = buildContext([wrong], PHRASE, PHRASE);
    expect(c?.text.slice(c.start, c.end)).toBe(PHRASE);
  });
  it('never highlights the punctuation around the phrase', () => {
    const start = BODY.indexOf(PHRASE);
    const wide: Occurrence = { ...occurrence(BODY, PHRASE, 1), start: start - 1, end: start + PHRASE.length + 1 };
    const c = buildContext([wide], PHRASE, PHRASE);
    expect(c?.text.slice(c.start, c.end)).toBe(PHRASE);
  });
  it('marks a multi-clause phrase across its comma', () => {
    const text = '古人说得好：山川异域，风月同天。';
    const c = buildContext([occurrence(text, '山川异域，风月同天', 0)], '山川异域风月同天', '山川异域，风月同天');
    expect(c?.text.slice(c.start, c.end)).toBe('山川异域，风月同天');
  });
  it('returns nothing without occurrences', () => {
    expect(buildContext([], PHRASE, PHRASE)).toBeUndefined();
  });

  it('keeps the context as a Traditional text wrote it, cut and marked the same way', () => {
    const simplified = '  两国隔海相望，一衣带水，人员往来从未中断。';
    const traditional = '  兩國隔海相望，一衣帶水，人員往來從未中斷。';
    const base = occurrence(simplified, PHRASE, 1);
    const c = buildContext([{ ...base, sentence: { ...base.sentence, originalText: traditional } }], PHRASE, PHRASE);
    expect(c?.text).toBe(BODY);
    expect(c?.original).toBe(traditional.trim());
    expect(c?.original?.slice(c.start, c.end)).toBe('一衣帶水');
  });

  it('cuts a long Traditional sentence at the same clauses as its Simplified form', () => {
    const more = ['青年交往更加频繁', '地方合作不断深化', '旅游往来持续升温', '科技合作取得进展', '教育交流日益扩大'];
    const moreTraditional = ['青年交往更加頻繁', '地方合作不斷深化', '旅遊往來持續升溫', '科技合作取得進展', '教育交流日益擴大'];
    const clauses = [...more, '各国经济紧密相连', '产业链供应链相互交织', '两国隔海相望', '一衣带水', '人员往来从未中断', '贸易往来日益密切', '文化交流源远流长', ...more];
    const traditionalClauses = [...moreTraditional, '各國經濟緊密相連', '產業鏈供應鏈相互交織', '兩國隔海相望', '一衣帶水', '人員往來從未中斷', '貿易往來日益密切', '文化交流源遠流長', ...moreTraditional];
    const simplified = `${clauses.join('，')}。`;
    const traditional = `${traditionalClauses.join('，')}。`;
    expect(simplified.length).toBe(traditional.length);
    const base = occurrence(simplified, PHRASE, 1);
    const c = buildContext([{ ...base, sentence: { ...base.sentence, originalText: traditional } }], PHRASE, PHRASE);
    expect(c?.text).not.toBe(simplified);
    expect(c?.text).toContain('…');
    expect(c?.original?.length).toBe(c?.text.length);
    expect(c?.original?.slice(c.start, c.end)).toBe('一衣帶水');
    expect(c?.original?.replace(/[^…，。]/g, '')).toBe(c?.text.replace(/[^…，。]/g, ''));
  });

  it('gives no original when the two forms do not line up, or are the same', () => {
    const base = occurrence(BODY, PHRASE, 1);
    expect(buildContext([{ ...base, sentence: { ...base.sentence, originalText: `${BODY}多` } }], PHRASE, PHRASE)?.original).toBeUndefined();
    expect(buildContext([base], PHRASE, PHRASE)?.original).toBeUndefined();
  });
});

describe('splitting a context around its phrase', () => {
  it('cuts at the phrase, and refuses offsets that do not mark one', () => {
    const context = '大家同舟共济。';
    expect(splitContext({ context, contextStart: 2, contextEnd: 6 })).toEqual(['大家', '同舟共济', '。']);
    expect(splitContext({ context, contextStart: -1, contextEnd: -1 })).toBeNull();
    expect(splitContext({ context, contextStart: 3, contextEnd: 3 })).toBeNull();
    expect(splitContext({ context, contextStart: 2, contextEnd: 99 })).toBeNull();
  });

  it('never cuts a character outside the BMP in two: an edge inside a surrogate pair moves out', () => {
    // 𠮷 is two UTF-16 units, at offsets 2–3.
    const context = '大家𠮷祥。';
    expect(splitContext({ context, contextStart: 3, contextEnd: 5 })).toEqual(['大家', '𠮷祥', '。']);
    expect(splitContext({ context, contextStart: 0, contextEnd: 3 })).toEqual(['', '大家𠮷', '祥。']);
  });
});
