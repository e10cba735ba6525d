// Subtitles as input, on cues written for these tests.
import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/input/normalise.js';
import { looksLikeSubtitles } from '../../src/input/subtitles.js';
import type { DecodedText } from '../../src/types.js';

function blocks(text: string, name: string): string[] {
  const decoded: DecodedText = { name, path: null, text, encoding: 'utf-8', traditionalInput: false, originalText: text };
  return normalise(decoded).blocks.map((b) => b.text);
}

const SRT = ['1', '00:00:01,000 --> 00:00:04,000', '我们要坚持实事求是，', '', '2', '00:00:04,500 --> 00:00:08,000', '<i>在工作中精益求精。</i>', '', '3', '00:00:08,500 --> 00:00:10,000', '{\\an8}大家要同舟共济。', ''].join('\n');

describe('subtitles', () => {
  it('reads a SubRip file as its cues: numbers, timings and styling dropped, a cut sentence joined', () => {
    expect(blocks(SRT, 'talk.srt')).toEqual(['我们要坚持实事求是，在工作中精益求精。', '大家要同舟共济。']);
  });

  it('reads WebVTT, its header, cue settings and voice spans dropped', () => {
    const vtt = ['WEBVTT', '', '00:01.000 --> 00:04.000 line:90%', '<v 主持人>老师说学习要循序渐进。', '', '00:04.500 --> 00:08.000', '<c.yellow>不能半途而废。</c>', ''].join('\n');
    expect(blocks(vtt, 'talk.vtt')).toEqual(['老师说学习要循序渐进。', '不能半途而废。']);
  });

  it('knows subtitles saved as .txt by their timings, and prose with an arrow is not taken for them', () => {
    expect(looksLikeSubtitles('talk.txt', SRT)).toBe(true);
    expect(blocks(SRT, 'talk.txt')).toEqual(['我们要坚持实事求是，在工作中精益求精。', '大家要同舟共济。']);
    expect(looksLikeSubtitles('notes.txt', '流程：报名 --> 审核 --> 录取。')).toBe(false);
  });
});
