// Detector behaviour on sentences written for these tests (not taken from any input text).
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detect/index.js';
import type { Detection, Sentence } from '../../src/types.js';

const detector = createDetector();

function sentence(text: string, index = 0): Sentence {
  return { text, originalText: text, role: 'body', source: 'test.txt', paragraph: 0, index };
}

function detect(text: string): Detection[] {
  return detector.detect(sentence(text));
}

/** Detections not inside a longer one: what a reader sees as the phrases of the sentence. */
function topLevel(text: string): Detection[] {
  const all = detect(text);
  return all.filter((d) => !all.some((o) => o !== d && o.start <= d.start && d.end <= o.end && o.end - o.start > d.end - d.start));
}

function keys(text: string): string[] {
  return topLevel(text).map((d) => d.key);
}

describe('chengyu', () => {
  it('finds a dictionary idiom with its evidence and offsets', () => {
    const text = '照搬别国的做法无异于削足适履。';
    const [d] = topLevel(text).filter((x) => x.key === '削足适履');
    expect(d?.kind).toBe('chengyu');
    expect(text.slice(d?.start, d?.end)).toBe('削足适履');
    expect(d?.evidence.map((e) => e.code)).toContain('cedict-idiom');
  });

  it('does not take compounds of two ordinary words for idioms', () => {
    const found = topLevel('国际社会高度重视气候变化，各国的外交政策也在调整。');
    expect(found.filter((d) => d.kind === 'chengyu')).toEqual([]);
  });

  it('does not take reduplicated adverbs for idioms', () => {
    expect(topLevel('我们要扎扎实实地做好方方面面的工作。').filter((d) => d.kind === 'chengyu')).toEqual([]);
  });

  it('finds an idiom CC-CEDICT does not mark but other evidence supports', () => {
    expect(keys('两国人民在困难面前休戚与共。')).toContain('休戚与共');
    expect(keys('有人在背后兴风作浪。')).toContain('兴风作浪');
  });

  it('recognises an adapted set phrase and notes its dictionary form', () => {
    const [d] = topLevel('个别国家唯恐海上不乱，到处煽风点火。').filter((x) => x.key === '唯恐海上不乱');
    expect(d?.dictionaryForm).toBe('唯恐天下不乱');
  });

  it('reads an idiom misread by OCR as the idiom', () => {
    const [d] = topLevel('这一理念已经深人人心。').filter((x) => x.kind === 'chengyu');
    expect(d?.key).toBe('深入人心');
    expect(d?.evidence.map((e) => e.code)).toContain('ocr-variant');
  });

  it('recognises a freer adaptation only when a function word keeps the frame', () => {
    const [d] = topLevel('有人唯恐海上不宁，到处挑事。').filter((x) => x.dictionaryForm === '唯恐天下不乱');
    expect(d?.key).toBe('唯恐海上不宁');
    // Same first two characters and last character, but nothing of the frame in between: not an adaptation.
    expect(topLevel('今年是非洲合作论坛的大年。').filter((x) => x.dictionaryForm)).toEqual([]);
  });

  it('recovers an idiom cut off at the very end of a text', () => {
    const [d] = topLevel('事实面前，谣言终将不攻自').filter((x) => x.kind === 'chengyu');
    expect(d?.key).toBe('不攻自破');
    expect(topLevel('谣言终将不攻自，').filter((x) => x.key === '不攻自破')).toEqual([]);
  });

  it('finds an idiom split by a modifier ending in 的', () => {
    const [d] = topLevel('我们绝不能重蹈战争的覆辙。').filter((x) => x.kind === 'chengyu');
    expect(d?.dictionaryForm).toBe('重蹈覆辙');
    expect(d?.key).toBe('重蹈战争的覆辙');
  });
});

describe('quotation', () => {
  it('takes a line announced by a cue with balanced clauses as a quotation, even when no list has it', () => {
    // An invented couplet: only the cue and the shape can make it a quotation.
    const [d] = topLevel('古人云：“山高者云自生，水深者鱼自聚。”我们深以为然。').filter((x) => x.kind === 'quotation');
    expect(d?.key).toBe('山高者云自生水深者鱼自聚');
    expect(d?.text).toBe('山高者云自生，水深者鱼自聚');
    expect(d?.evidence.map((e) => e.code)).toEqual(expect.arrayContaining(['cue', 'balanced']));
  });

  it('takes a line named as a quotation after it (“…”这句古话…) as a quotation', () => {
    const [d] = topLevel('“山不厌高，水不厌深”，这句古话说的正是胸怀。').filter((x) => x.kind === 'quotation');
    expect(d?.key).toBe('山不厌高水不厌深');
  });

  it('takes 正如…所说 with a proverb for a saying and with an official for a weak cue', () => {
    const [d] = topLevel('正如一句非洲谚语所说，树多成林，人多成势。').filter((x) => x.kind === 'saying');
    expect(d?.key).toBe('树多成林人多成势');
    expect(topLevel('正如部长所说，我们将继续扩大开放。').filter((x) => x.kind === 'quotation')).toEqual([]);
  });

  it('records who is quoted when the cue names an author', () => {
    const [d] = topLevel('孟子曰：“好学者必自省，自省者必有得。”').filter((x) => x.kind === 'quotation');
    expect(d?.attribution).toBe('孟子');
  });

  it('finds a famous line with its source and treats 、 between clauses as one phrase', () => {
    const [d] = topLevel('正如那句名言，千里之行、始于足下。').filter((x) => x.kind === 'quotation');
    expect(d?.key).toBe('千里之行始于足下');
    expect(d?.text).toBe('千里之行，始于足下');
    expect(d?.attribution).toContain('老子');
  });

  it('keeps one clause of a famous couplet, used alone, as that quotation', () => {
    const [d] = topLevel('朋友之间天涯若比邻。').filter((x) => x.kind === 'quotation');
    expect(d?.key).toBe('天涯若比邻');
  });

  it('takes a quoted couplet in the metre of classical verse for a quotation', () => {
    // Invented five-character lines: the metre and the quotation marks are the only evidence.
    const [d] = topLevel('正是“青山连远道，明月照归舟”的意境。').filter((x) => x.kind === 'quotation');
    expect(d?.text).toBe('青山连远道，明月照归舟');
    expect(d?.evidence.map((e) => e.code)).toContain('verse-metre');
  });

  it('joins the clauses of one quotation written together, but a clause said twice starts the run again', () => {
    expect(topLevel('我们主张各美其美，美美与共。').map((x) => x.text)).toEqual(['各美其美，美美与共']);
    // Runs as long as the text (风月同天，风月同天，…) made proposals grow with its square.
    const repeated = topLevel('我们主张各美其美，各美其美，美美与共。').filter((x) => x.kind === 'quotation');
    expect(repeated.map((x) => x.text)).toEqual(['各美其美', '各美其美，美美与共']);
  });

  it('lets a plain four-character clause stand for its quotation only in quotation marks', () => {
    expect(topLevel('这是国之大事。').filter((x) => x.kind === 'quotation')).toEqual([]);
    expect(topLevel('这就是“国之大事”。').filter((x) => x.kind === 'quotation').map((x) => x.dictionaryForm)).toEqual(['兵者，国之大事']);
  });

  it('does not take a modern parallel slogan for a classical quotation', () => {
    expect(topLevel('要团结不要分裂，要合作不要对抗。').filter((x) => x.kind === 'quotation')).toEqual([]);
  });

  it('does not take a newspaper cited by title for a classical source', () => {
    expect(topLevel('《环球时报》说：“这是一个新的开始。”').filter((x) => x.kind === 'quotation')).toEqual([]);
  });

  it('does not take a modern statement in quotation marks after 说 for a quotation', () => {
    expect(topLevel('发言人说：“我们欢迎各方参与合作。”').filter((x) => x.kind === 'quotation')).toEqual([]);
  });
});

describe('saying', () => {
  it('takes a proverb announced by 谚语说 as a saying, with the proverb’s origin', () => {
    // An invented proverb: only the cue can make it a saying.
    const [d] = topLevel('草原谚语说：“先有青草，后有牛羊。”').filter((x) => x.kind === 'saying');
    expect(d?.key).toBe('先有青草后有牛羊');
    expect(d?.attribution).toBe('草原谚语');
    expect(d?.evidence.map((e) => e.code)).toContain('cue');
  });

  it('takes a clause of the form X就是Y for a slogan, and a mirrored pair for one phrase', () => {
    expect(keys('大家记住，坚持就是胜利。')).toContain('坚持就是胜利');
    expect(keys('这就是事实。')).not.toContain('这就是事实');
    expect(keys('我们说，时间就是生命，生命就是时间。')).toContain('时间就是生命生命就是时间');
  });

  it('finds a 惯用语 with words inserted between verb and object', () => {
    const [d] = topLevel('这样做是在开时代倒车。').filter((x) => x.kind === 'saying');
    expect(d?.dictionaryForm).toBe('开倒车');
  });
});

describe('term', () => {
  it('takes a coinage in quotation marks for a term', () => {
    const [d] = topLevel('他们又抛出了所谓“绿色壁垒论”。').filter((x) => x.kind === 'term');
    expect(d?.key).toBe('绿色壁垒论');
    expect(d?.evidence.map((e) => e.code)).toContain('quoted-coinage');
  });

  it('finds named -isms by their shape', () => {
    expect(keys('我们反对孤立主义。')).toContain('孤立主义');
  });

  it('does not take a verb for part of a formulation', () => {
    expect(keys('我们致力于构建人类命运共同体。')).toContain('人类命运共同体');
  });

  it('finds a shape whose modifier starts with a character outside the BMP (the search used to loop on it)', () => {
    // 𠮷 (U+20BB7) is two UTF-16 units.
    const found = detect('倡导𠮷祥主义。').filter((d) => d.kind === 'term');
    expect(found.map((d) => [d.key, d.start, d.end])).toEqual([['𠮷祥主义', 2, 7]]);
  });

  it('keeps a character outside the BMP at either edge of a cued quotation inside its offsets', () => {
    // The trim to the Han stretch used to test single UTF-16 units and cut 𠮷 (two units) in half.
    for (const sentence of ['古人云：和为𠮷。', '古人云：𠮷和为贵。']) {
      const found = detect(sentence).filter((d) => d.kind === 'quotation');
      expect(found).toHaveLength(1);
      const d = found[0];
      expect(sentence.slice(d?.start, d?.end)).toBe(d?.key);
    }
  });
});

describe('sentence triggers', () => {
  it('runs each detector on a sentence with its trigger characters, wherever they stand', () => {
    // Trigger characters far apart, and the cue verb before the author's name as well as after it.
    expect(keys('他说，孔子曰：“己所不欲，勿施于人。”')).toContain('己所不欲勿施于人');
    expect(keys('团结就是力量')).toContain('团结就是力量');
    expect(keys('所谓“政治病毒”，')).toContain('政治病毒');
  });
});

describe('resolution', () => {
  it('keeps the longest phrase and reports the shorter ones inside it as nested', () => {
    const all = detect('古人说，海内存知己，天涯若比邻。');
    const whole = all.find((d) => d.key === '海内存知己天涯若比邻');
    const part = all.find((d) => d.key === '天涯若比邻');
    expect(whole).toBeDefined();
    expect(part && whole && part.start >= whole.start && part.end <= whole.end).toBe(true);
  });

  it('gives every detection evidence, a key of Han characters only and offsets into the sentence', () => {
    const text = '各国应同舟共济、守望相助，反对单边主义，正如古人所说：“己所不欲，勿施于人。”';
    for (const d of detect(text)) {
      expect(d.evidence.length).toBeGreaterThan(0);
      expect(d.key).toMatch(/^\p{Script=Han}+$/u);
      expect(d.start).toBeGreaterThanOrEqual(0);
      expect(d.end).toBeLessThanOrEqual(text.length);
      expect(d.sentence.text).toBe(text);
    }
  });

  it('is deterministic', () => {
    const text = '面对风云变幻，我们坚定不移，与时俱进。';
    expect(detect(text).map((d) => [d.key, d.kind, d.start])).toEqual(detect(text).map((d) => [d.key, d.kind, d.start]));
  });
});

describe('contrastive maxims', () => {
  it('finds a maxim in a paired frame with mirrored slots, after its subject', () => {
    const found = topLevel('许多医护人员舍小家为大家，连续工作了两个月。').filter((d) => d.kind === 'saying');
    expect(found.map((d) => d.key)).toEqual(['舍小家为大家']);
    expect(found[0]?.evidence.some((e) => e.code === 'contrast-maxim')).toBe(true);
  });

  it('ignores the same frames when the slots do not mirror each other', () => {
    expect(topLevel('首先进行后处理，然后输出结果。').filter((d) => d.kind === 'saying')).toHaveLength(0);
    expect(topLevel('他宁愿走路不坐车。').filter((d) => d.kind === 'saying')).toHaveLength(0);
  });

  it('does not take a hedged statement of the form X就是Y for a slogan', () => {
    expect(topLevel('我觉得，可能就是错误。').filter((d) => d.kind === 'saying')).toHaveLength(0);
    expect(keys('大家都明白，团结就是力量。')).toContain('团结就是力量');
  });
});
