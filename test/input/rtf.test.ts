// Rich Text as input, on documents written for these tests in the shapes TextEdit and Word save.
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/input/decode.js';
import { normalise } from '../../src/input/normalise.js';
import { isRtf, rtfText } from '../../src/input/rtf.js';

const latin1 = (text: string): Uint8Array => Buffer.from(text, 'latin1');
const hexBytes = (text: string, encoding: 'gbk' | 'big5'): string =>
  [...new Uint8Array(encoding === 'gbk' ? gbk(text) : big5(text))].map((b) => `\\'${b.toString(16).padStart(2, '0')}`).join('');
const unicode = (text: string, fallback = ''): string => [...text].map((c) => `\\u${c.charCodeAt(0)}${fallback === '' ? ' ' : ` ${fallback}`}`).join('');

// Encoders through TextDecoder's inverse are not in Node; these tables hold the characters used below.
function gbk(text: string): number[] {
  const table: Record<string, number[]> = { 大: [0xb4, 0xf3], 家: [0xbc, 0xd2], 要: [0xd2, 0xaa], 同: [0xcd, 0xac], 舟: [0xd6, 0xdb], 共: [0xb9, 0xb2], 济: [0xbc, 0xc3], '。': [0xa1, 0xa3] };
  return [...text].flatMap((c) => table[c] ?? []);
}
function big5(text: string): number[] {
  const table: Record<string, number[]> = { 守: [0xa6, 0x75], 望: [0xb1, 0xe6], 相: [0xac, 0xdb], 助: [0xa7, 0x55], '。': [0xa1, 0x43] };
  return [...text].flatMap((c) => table[c] ?? []);
}

describe('Rich Text', () => {
  it('reads TextEdit\'s form: Unicode escapes, bytes in a GB2312 font, a backslash before a line end', () => {
    const rtf = [
      '{\\rtf1\\ansi\\ansicpg1252\\cocoartf2639',
      '\\cocoatextscaling0\\cocoaplatform0{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;\\f1\\fnil\\fcharset134 PingFangSC-Regular;}',
      '{\\colortbl;\\red255\\green255\\blue255;}',
      '{\\*\\expandedcolortbl;;}',
      '\\paperw11900\\paperh16840\\margl1440\\margr1440\\vieww11520\\viewh8400\\viewkind0',
      '\\pard\\tx566\\pardirnatural\\partightenfactor0',
      '',
      `\\f1\\fs24 \\cf0 \\uc0${unicode('我们要实事求是，精益求精。')}\\`,
      `\\f0 Hello \\f1 ${hexBytes('大家要同舟共济。', 'gbk')}}`,
    ].join('\n');
    expect(isRtf(latin1(rtf))).toBe(true);
    expect(rtfText('t.rtf', latin1(rtf))).toBe('我们要实事求是，精益求精。\nHello 大家要同舟共济。');
  });

  it('reads Word\'s form: fallbacks after escapes dropped, tables, metadata, headers and field codes left out', () => {
    const rtf = [
      '{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times;}{\\f1\\fnil\\fcharset136 PMingLiU;}}',
      '{\\stylesheet{\\s0 Normal;}}{\\info{\\title 標題}{\\author 某人}}{\\*\\generator Word;}',
      '{\\header \\pard 页眉文字\\par}',
      `\\pard\\plain \\f1 ${hexBytes('守望相助。', 'big5')}\\par`,
      // Still in the Big5 font: its bytes for 。 are A1 43.
      `\\uc1${unicode('半途而废', '?')}\\'a1\\'43\\par`,
      `{\\field{\\*\\fldinst HYPERLINK "http://example.org"}{\\fldrslt ${unicode('链接文字')}}}\\par`,
      '\\ldblquote \\u23454?\\rdblquote \\tab end}',
    ].join('\n');
    expect(rtfText('w.rtf', latin1(rtf))).toBe('守望相助。\n半途而废。\n链接文字\n“实”\tend');
  });

  it('goes through the pipeline as text', () => {
    const rtf = `{\\rtf1\\ansi{\\fonttbl\\f0\\fnil\\fcharset134 SimSun;}\\f0 \\uc0${unicode('老师说学习要循序渐进，不能半途而废。')}\\par}`;
    const d = normalise(decode({ name: 'talk.rtf', path: null, bytes: latin1(rtf) }));
    expect(d.blocks.map((b) => b.text)).toEqual(['老师说学习要循序渐进，不能半途而废。']);
  });
});
