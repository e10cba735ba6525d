// Page furniture in text extracted from PDFs, on documents written for these tests.
import { describe, expect, it } from 'vitest';
import { isPageNumberLine, pageFurniture } from '../../src/input/pages.js';
import { normalise } from '../../src/input/normalise.js';
import type { DecodedText } from '../../src/types.js';

function bodies(text: string): string[] {
  const decoded: DecodedText = { name: 'extracted.txt', path: null, text, encoding: 'utf-8', traditionalInput: false, originalText: text };
  return normalise(decoded).blocks.map((b) => `${b.role}:${b.text}`);
}

describe('isPageNumberLine', () => {
  it('knows the page numbers PDFs and printed pages carry', () => {
    for (const line of ['3', ' - 3 - ', '— 12 —', '－7－', '-3-', '第 3 页', '第3页 共10页', '第3页，共10页', '共10页 第3页', '3/10', '3 ／ 10', 'Page 3', 'page 3 of 10', 'p. 7']) {
      expect(isPageNumberLine(line), line).toBe(true);
    }
  });

  it('leaves prose, list items and headings alone', () => {
    for (const line of ['1. 坚持实事求是', '第三，要精益求精。', '第3章', '2021年3月', '一、总体要求', '3 个代表', '12345', '- 要点', '']) {
      expect(isPageNumberLine(line), line).toBe(false);
    }
  });
});

describe('pageFurniture', () => {
  it('finds nothing to drop in a text without page breaks', () => {
    expect(pageFurniture(['教育工作会议', '', '我们要实事求是。', '教育工作会议'])).toBeUndefined();
  });

  it('drops page numbers and the running header repeated beside them, keeping the title at the top', () => {
    const lines = ['教育工作会议讲话', '我们要坚持实事求是，大家要', '- 2 -', '教育工作会议讲话', '同舟共济。', '\f教育工作会议讲话', '谢谢大家。'];
    expect([...(pageFurniture(lines) ?? [])].sort()).toEqual([2, 3, 5]);
  });

  it('keeps speaker labels and sentences that recur beside page breaks', () => {
    const lines = ['记者：', '请问部长。', '3', '记者：', '谢谢。', '4', '谢谢。'];
    expect([...(pageFurniture(lines) ?? [])].sort()).toEqual([2, 5]);
  });
});

describe('normalise with page furniture', () => {
  it('rejoins a sentence a page break cut, without the header or the page number inside it', () => {
    const text = ['关于教育工作的讲话', '', '我们要坚持实事求是，大家要同', '- 3 -', '关于教育工作的讲话', '舟共济，守望相助。', '第 4 页 共 9 页', '\f关于教育工作的讲话', '最后，祝大家工作顺利。'].join('\n');
    const blocks = bodies(text);
    expect(blocks).toContain('body:我们要坚持实事求是，大家要同舟共济，守望相助。');
    expect(blocks).toContain('body:最后，祝大家工作顺利。');
    expect(blocks.filter((b) => b.includes('关于教育工作的讲话'))).toHaveLength(1);
    expect(blocks.join('\n')).not.toMatch(/[0-9]|页/);
  });
});
