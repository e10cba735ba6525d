import { describe, expect, it } from 'vitest';
import { sentenceEnds, splitSentences } from '../../src/input/sentences.js';
import type { Block, Document } from '../../src/types.js';

function docOf(...blocks: [Block['role'], string][]): Document {
  return {
    source: { name: 'f.txt' },
    blocks: blocks.map(([role, text], paragraph) => ({ role, text, originalText: text, paragraph })),
    stats: { duplicateChars: 0, markupChars: 0 },
    traditionalInput: false,
  };
}
const split = (text: string): string[] => splitSentences(docOf(['body', text])).map((s) => s.text);

describe('splitSentences', () => {
  it('keeps every sentence of a paragraph with more sentences than the shared buffer first holds', () => {
    const many = Array.from({ length: 700 }, (_, k) => `第${k}句。`);
    expect(split(many.join(''))).toEqual(many);
    // A later, shorter paragraph reads only its own ends, none left over from the long one.
    expect(splitSentences(docOf(['body', many.join('')], ['body', '甲。乙！'])).slice(700).map((s) => s.text)).toEqual(['甲。', '乙！']);
  });

  it('tracks quotations nested deeper than the shared stack first holds', () => {
    const open = '“'.repeat(100);
    const close = '”'.repeat(100);
    // Balanced: no end mark inside the quotation ends a sentence; the one that closes all of it does.
    expect(split(`他说${open}好。还有。${close}完。`)).toEqual([`他说${open}好。还有。${close}`, '完。']);
    expect(split(`他说${open}好。${close.slice(1)}还有。”完。`)).toEqual([`他说${open}好。${close.slice(1)}还有。”`, '完。']);
  });

  it('gives each call of sentenceEnds its own array', () => {
    const first = sentenceEnds('甲。乙。');
    const second = sentenceEnds('丙丁。');
    expect(first).toEqual([2, 4]);
    expect(second).toEqual([3]);
  });

  it('ends sentences at 。！？ and ……', () => {
    expect(split('今天下雨。明天呢？后天一定晴！我们等着瞧……然后再说。')).toEqual([
      '今天下雨。',
      '明天呢？',
      '后天一定晴！',
      '我们等着瞧……',
      '然后再说。',
    ]);
  });

  it('does not end a sentence at a ? inside a web address', () => {
    expect(split('详情请见https://example.org/list?page=2&size=10网页。谢谢！')).toEqual([
      '详情请见https://example.org/list?page=2&size=10网页。',
      '谢谢！',
    ]);
  });

  it('does not end a sentence at a semicolon or a comma', () => {
    expect(split('有的同学喜欢读书；有的同学喜欢运动，各有所长。')).toHaveLength(1);
  });

  it('keeps runs of end marks and the closing quotes and brackets with their sentence', () => {
    expect(split('真的吗？！他笑了。（这是后话。）接着说。')).toEqual(['真的吗？！', '他笑了。', '（这是后话。）', '接着说。']);
    expect(split('他说：“我们明天见。”大家都点头。')).toEqual(['他说：“我们明天见。”', '大家都点头。']);
  });

  it('never splits inside a quotation or a book title', () => {
    expect(split('老师说：“读书要专心。不要三心二意。要有恒心。”同学们记住了。')).toEqual([
      '老师说：“读书要专心。不要三心二意。要有恒心。”',
      '同学们记住了。',
    ]);
    expect(split('我读过《你好！再见。》这本书。很好看。')).toEqual(['我读过《你好！再见。》这本书。', '很好看。']);
  });

  it('ignores quotation marks that do not balance, so one stray quote cannot swallow the paragraph', () => {
    expect(split('他说：“第一句。第二句。第三句。')).toEqual(['他说：“第一句。', '第二句。', '第三句。']);
  });

  it('caps a very long quotation', () => {
    const inner = '这是一个很长的引用中的句子。'.repeat(60);
    const parts = split(`他说：“${inner}”完了。`);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThan(400);
  });

  it('cuts a run of text with no end mark into bounded pieces at clause marks', () => {
    const text = '没有句号的长文字，'.repeat(500);
    const ends = sentenceEnds(text);
    expect(ends[ends.length - 1]).toBe(text.length);
    let start = 0;
    for (const end of ends) {
      expect(end - start).toBeLessThanOrEqual(1000);
      expect(text[end - 1]).toBe('，');
      start = end;
    }
  });

  it('keeps headings and captions as single units with their role, and numbers everything', () => {
    const d = docOf(['heading', '标题。也许有句号'], ['body', '第一句。第二句。'], ['caption', '图片说明。张三摄']);
    const s = splitSentences(d);
    expect(s.map((x) => [x.role, x.text, x.paragraph, x.index, x.source])).toEqual([
      ['heading', '标题。也许有句号', 0, 0, 'f.txt'],
      ['body', '第一句。', 1, 1, 'f.txt'],
      ['body', '第二句。', 1, 2, 'f.txt'],
      ['caption', '图片说明。张三摄', 2, 3, 'f.txt'],
    ]);
  });

  it('splits the Traditional original at the same places', () => {
    const d: Document = {
      source: { name: 't.txt' },
      blocks: [{ role: 'body', text: '这是第一句。这是第二句！', originalText: '這是第一句。這是第二句！', paragraph: 0 }],
      stats: { duplicateChars: 0, markupChars: 0 },
      traditionalInput: true,
    };
    expect(splitSentences(d).map((s) => [s.text, s.originalText])).toEqual([
      ['这是第一句。', '這是第一句。'],
      ['这是第二句！', '這是第二句！'],
    ]);
  });
});
