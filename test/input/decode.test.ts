import { describe, expect, it } from 'vitest';
import { decode, errorOffset, utf8ErrorOffset } from '../../src/input/decode.js';
import { ingest } from '../../src/input/index.js';
import { measure } from '../../src/input/plausibility.js';
import { InputError } from '../../src/cli/errors.js';
import { concat, encode, file } from './helpers.js';

// Fixture sentences written for these tests.
const SIMPLIFIED = '我们这个学期一起学习了很多成语，老师说学习要循序渐进，不能半途而废。\n大家都觉得这个方法很有用。\n';
const TRADITIONAL = '我們這個學期一起學習了很多成語，老師說學習要循序漸進，不能半途而廢。\n大家都覺得這個方法很有用。\n';

function errorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('decode: encodings detected from the bytes', () => {
  it('reads UTF-8 without and with a byte-order mark', () => {
    const plain = decode(file('a.txt', SIMPLIFIED));
    expect(plain.encoding).toBe('utf-8');
    expect(plain.text).toBe(SIMPLIFIED);
    const bom = decode(file('b.txt', concat(new Uint8Array([0xef, 0xbb, 0xbf]), new TextEncoder().encode(SIMPLIFIED))));
    expect(bom.encoding).toBe('utf-8');
    expect(bom.text).toBe(SIMPLIFIED);
  });

  it('decodes UTF-8 of every sequence length exactly as a fatal TextDecoder, in small and large inputs', () => {
    // One-, two-, three- and four-byte sequences, a byte-order mark kept inside the text, and high
    // code points of each length (U+10FFFF itself would count as junk: plane 16 is private use).
    const mixed = `学习 abc é ß ${String.fromCodePoint(0x7ff)}${String.fromCodePoint(0x800)}\uffff 𠀀𪚥😀${String.fromCodePoint(0xeffff)} \ufeff成语\n`;
    for (const text of [mixed, mixed.repeat(40_000)]) {
      const bytes = new TextEncoder().encode(text);
      const d = decode(file('mixed.txt', bytes));
      expect(d.encoding).toBe('utf-8');
      expect(d.originalText).toBe(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
    }
  });

  it('reads GB18030 without a byte-order mark', () => {
    const bytes = encode(SIMPLIFIED, 'GB18030');
    expect(new TextDecoder('utf-8', { fatal: false }).decode(bytes)).not.toBe(SIMPLIFIED);
    const d = decode(file('gb.txt', bytes));
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toBe(SIMPLIFIED);
    expect(d.traditionalInput).toBe(false);
  });

  it('reads GBK-only text (no GB18030 four-byte sequences) as GB18030', () => {
    const d = decode(file('gbk.txt', encode(SIMPLIFIED, 'GBK')));
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toBe(SIMPLIFIED);
  });

  it('reads Big5 Traditional text, though GB18030 would also accept its bytes', () => {
    const bytes = encode(TRADITIONAL, 'BIG5');
    // The trap the plausibility check exists for: GB18030 decodes these bytes without error.
    expect(() => new TextDecoder('gb18030', { fatal: true }).decode(bytes)).not.toThrow();
    const d = decode(file('big5.txt', bytes));
    expect(d.encoding).toBe('big5');
    expect(d.originalText).toBe(TRADITIONAL);
    expect(d.traditionalInput).toBe(true);
    expect(d.text).toBe(SIMPLIFIED);
  });

  it('reads a Big5 file of one short line as Traditional, for detection in Simplified', () => {
    for (const [traditional, simplified] of [['實事求是', '实事求是'], ['我們同舟共濟。', '我们同舟共济。']] as const) {
      const d = decode(file('short.txt', encode(traditional, 'BIG5')));
      expect(d.encoding).toBe('big5');
      expect(d.traditionalInput).toBe(true);
      expect(d.text).toBe(simplified);
    }
  });

  it('repairs Chinese text once read with a Western code page and saved again as UTF-8 (mojibake)', () => {
    // UTF-8 read as Windows-1252 (as a browser reads it), and GBK read as Latin-1: valid UTF-8, no Han.
    const viaWindows1252 = new TextDecoder('windows-1252').decode(new TextEncoder().encode(SIMPLIFIED));
    const viaLatin1 = Buffer.from(encode(SIMPLIFIED, 'GBK')).toString('latin1');
    for (const [mojibake, encoding] of [[viaWindows1252, 'utf-8'], [viaLatin1, 'gb18030']] as const) {
      expect(mojibake).not.toMatch(/\p{Script=Han}/u);
      const d = decode(file('mojibake.txt', mojibake));
      expect(d.text).toBe(SIMPLIFIED);
      expect(d.encoding).toBe(encoding);
    }
    const big5 = decode(file('mojibake.txt', new TextDecoder('windows-1252').decode(encode(TRADITIONAL, 'BIG5'))));
    expect(big5.originalText).toBe(TRADITIONAL);
    expect(big5.text).toBe(SIMPLIFIED);
  });

  it('reads a page that spells every Chinese character as a numeric reference', () => {
    const references = (text: string, hex: boolean): string =>
      [...text].map((ch) => (hex ? `&#x${(ch.codePointAt(0) ?? 0).toString(16)};` : `&#${ch.codePointAt(0) ?? 0};`)).join('');
    const page = `<html><body><p>${references(TRADITIONAL.trim(), false)}</p><p>&#60;b&#62; &amp; ${references('学习', true)}</p></body></html>`;
    expect(page).not.toMatch(/\p{Script=Han}/u);
    const d = decode(file('page.html', page));
    expect(d.originalText).toContain(TRADITIONAL.trim().split('\n')[0]);
    expect(d.traditionalInput).toBe(true);
    // References to ASCII are left for the markup stage: a decoded `&#60;` would make a tag.
    expect(d.originalText).toContain('&#60;b&#62; &amp; 学习');
    const { sentences } = ingest(file('page.html', page));
    expect(sentences.map((s) => s.text)).toContain(SIMPLIFIED.split('\n')[0]);
  });

  it('leaves Western text with accents as it is: no Chinese in it', () => {
    const western = 'Ærø, Ångström, façade, déjà vu, naïve café résumé — “quoted” ½ × ÷ ©.\n';
    expect(errorOf(() => decode(file('western.txt', western))).message).toMatch(/western\.txt: no Chinese text/);
  });

  it('reads UTF-16 LE and BE with a byte-order mark', () => {
    const le = decode(file('le.txt', concat(new Uint8Array([0xff, 0xfe]), encode(SIMPLIFIED, 'UTF-16LE'))));
    expect(le.encoding).toBe('utf-16le');
    expect(le.text).toBe(SIMPLIFIED);
    const be = decode(file('be.txt', concat(new Uint8Array([0xfe, 0xff]), encode(SIMPLIFIED, 'UTF-16BE'))));
    expect(be.encoding).toBe('utf-16be');
    expect(be.text).toBe(SIMPLIFIED);
  });

  it('reads Chinese UTF-16 without a byte-order mark, LE and BE, with or without NUL bytes', () => {
    for (const [label, encoding] of [
      ['UTF-16LE', 'utf-16le'],
      ['UTF-16BE', 'utf-16be'],
    ] as const) {
      // With line breaks and 一 (U+4E00): NUL bytes on both sides of the pairs.
      const withNuls = decode(file('nobom.txt', encode(SIMPLIFIED, label)));
      expect(withNuls.encoding).toBe(encoding);
      expect(withNuls.text).toBe(SIMPLIFIED);
      // Han and full-width punctuation only, no byte is NUL: not UTF-8, GB18030 reads it as rare junk.
      const noNuls = '老师说学习要循序渐进，不能半途而废。';
      const d = decode(file('nonul.txt', encode(noNuls, label)));
      expect(d.encoding).toBe(encoding);
      expect(d.text).toBe(noNuls);
    }
  });

  it('does not take random even-length bytes for UTF-16', () => {
    let x = 0x9e3779b9;
    const bytes = new Uint8Array(4000).map(() => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x & 0xff;
    });
    expect(errorOf(() => decode(file('noise.txt', bytes))).message).toMatch(/^noise\.txt: /);
  });

  it('keeps a short valid UTF-8 text of rare characters as UTF-8', () => {
    const rare = '饕餮魑魅魍魉'; // rare characters, as in names and classical texts
    const d = decode(file('rare.txt', rare));
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toBe(rare);
  });

  it('converts Traditional UTF-8 text to Simplified and keeps the original', () => {
    const d = decode(file('t.txt', TRADITIONAL));
    expect(d.traditionalInput).toBe(true);
    expect(d.text).toBe(SIMPLIFIED);
    expect(d.originalText).toBe(TRADITIONAL);
  });

  it('keeps a Simplified text with a few Traditional characters as it is', () => {
    const mixed = `${SIMPLIFIED}书名是《學習》。\n`;
    const d = decode(file('m.txt', mixed));
    expect(d.traditionalInput).toBe(false);
    expect(d.text).toBe(mixed);
  });
});

describe('decode: refusing what is not usable text', () => {
  it('reports invalid UTF-8 with the file name and the byte offset', () => {
    const head = new TextEncoder().encode('第一句话没有问题。');
    const bytes = concat(head, new Uint8Array([0xff]), new TextEncoder().encode(SIMPLIFIED));
    expect(utf8ErrorOffset(bytes)).toBe(head.length);
    const error = errorOf(() => decode(file('bad.txt', bytes)));
    expect(error.message).toBe(`bad.txt: invalid UTF-8 at byte ${head.length}`);
  });

  it('reports Latin-1 text as invalid UTF-8 rather than guessing a Chinese encoding', () => {
    const latin1 = new Uint8Array(Buffer.from('Un café et un résumé, naïvement.', 'latin1'));
    expect(errorOf(() => decode(file('fr.txt', latin1))).message).toBe('fr.txt: invalid UTF-8 at byte 6');
  });

  it('reports a UTF-8 sequence cut short at its first byte', () => {
    const head = new TextEncoder().encode(SIMPLIFIED);
    const cut = new TextEncoder().encode('学').subarray(0, 2);
    const bytes = concat(head, cut, new TextEncoder().encode(SIMPLIFIED));
    expect(errorOf(() => decode(file('cut.txt', bytes))).message).toBe(`cut.txt: invalid UTF-8 at byte ${head.length}`);
  });

  it('reports truncated GB18030 at the offset of the incomplete character', () => {
    const whole = encode(SIMPLIFIED + SIMPLIFIED, 'GB18030');
    const truncated = whole.subarray(0, whole.length - 2); // drops "\n" and the second byte of "。"
    expect(errorOffset(truncated, 'gb18030')).toBe(truncated.length - 1);
    expect(errorOf(() => decode(file('gb-cut.txt', truncated))).message).toBe(
      `gb-cut.txt: invalid GB18030 at byte ${truncated.length - 1}`,
    );
  });

  it('reports an unpaired surrogate in UTF-16', () => {
    const body = encode('一二三', 'UTF-16LE');
    const bytes = concat(new Uint8Array([0xff, 0xfe]), body, new Uint8Array([0x00, 0xd8, 0x41, 0x00]));
    expect(errorOf(() => decode(file('u16.txt', bytes))).message).toMatch(/^u16\.txt: invalid UTF-16LE at byte \d+$/);
  });

  it('refuses binary files by magic number, with a one-line message', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(errorOf(() => decode(file('pic.png', png))).message).toBe('pic.png: not a text file (PNG image)');
    const zip = concat(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), new TextEncoder().encode('content'));
    expect(errorOf(() => decode(file('deck.apkg', zip))).message).toMatch(/^deck\.apkg: not a text file \(ZIP archive/);
    const gzip = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x00]);
    expect(errorOf(() => decode(file('x.gz', gzip))).message).toBe('x.gz: not a text file (gzip archive)');
  });

  it('refuses other bytes with NUL in them', () => {
    const bytes = concat(new TextEncoder().encode(SIMPLIFIED), new Uint8Array([0, 1, 2, 3]));
    const error = errorOf(() => decode(file('blob.bin', bytes)));
    expect(error.message).toMatch(/^blob\.bin: not a text file \(NUL byte at \d+\)/);
    expect(error.message).not.toContain('\n');
  });

  it('hints at UTF-16 without a byte-order mark', () => {
    const error = errorOf(() => decode(file('nobom.txt', encode('plain ASCII words in UTF-16', 'UTF-16LE'))));
    expect(error.message).toContain('UTF-16 without a byte-order mark');
  });

  it('refuses empty and whitespace-only files', () => {
    expect(errorOf(() => decode(file('e.txt', ''))).message).toBe('e.txt: empty file');
    expect(errorOf(() => decode(file('w.txt', ' \n\t\u3000\r\n'))).message).toBe('w.txt: empty file');
  });

  it('never returns replacement characters for bad bytes', () => {
    for (let i = 0; i < 40; i++) {
      const bytes = encode(SIMPLIFIED, 'UTF-8').slice();
      bytes[(i * 7) % bytes.length] = 0x80 + (i % 64);
      try {
        expect(decode(file('r.txt', bytes)).text).not.toContain('\ufffd');
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
      }
    }
  });
});

describe('short valid UTF-8', () => {
  it('stays UTF-8 even when its bytes also read as a few GB18030 characters', () => {
    for (const text of ['摄：', '蘑菇', '鬣狗。']) {
      const decoded = decode({ name: 'short.txt', path: null, bytes: Buffer.from(text, 'utf8') });
      expect(decoded.encoding).toBe('utf-8');
      expect(decoded.text).toBe(text);
    }
  });
});

describe('measure: the plausibility counts', () => {
  it('counts exactly over long texts, astral characters and a sample that ends inside a pair', () => {
    // More characters than one packed block of the counters holds, of every kind the counters tell apart.
    const text = '的'.repeat(2500) + '\u0001'.repeat(3) + '𠀀'.repeat(700) + '們'.repeat(5) + '\ud800';
    expect(measure(text)).toEqual({
      han: 2500 + 700 + 5,
      common: 2500 + 5,
      bad: 3,
      length: text.length,
      script: { traditional: 5, simplified: 0 },
    });
    // 2503 units of BMP text, then pairs: a sample of 2504 units cuts the first pair, which counts for nothing.
    expect(measure(text, 2504)).toEqual({ han: 2500, common: 2500, bad: 3, length: 2504 });
    expect(measure(text, 2505)).toEqual({ han: 2501, common: 2500, bad: 3, length: 2505 });
  });
});
