// pinyinItems asks pinyin-pro for its cheaper `type: 'array'` reading and rebuilds the items the enrich
// stage used to take from `type: 'all'`. This holds only as long as pinyin-pro gives back, in array mode,
// exactly the characters it does not read: checked here against `type: 'all'` itself, on sentences and on
// random text, so a pinyin-pro update that breaks it fails a test instead of changing cards.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';

type PinyinPro = typeof import('pinyin-pro');
type Items = typeof import('../../src/enrich/pinyin-items.js');
const pinyinPro = createRequire(import.meta.url)('pinyin-pro') as PinyinPro;
const { pinyinItems } = (await import(new URL('dist/enrich/pinyin-items.js', `file://${REPO_ROOT}`).href)) as Items;

function fromAll(text: string, toneSandhi: boolean): [string, string, boolean][] {
  return pinyinPro.pinyin(text, { type: 'all', toneType: 'num', toneSandhi }).map((item) => [item.origin, item.pinyin, item.isZh]);
}

const SENTENCES = [
  '我们要一目了然地看清形势，不能削足适履。',
  '重庆的长江大桥，长度是一千米；“不忘初心”，方得始终！',
  '他说：Hello，世界 2024 年很重要……《论语》有云：学而时习之。',
  '一个不行，不是不好；〇号、々、㐀、𠮷和😀也要读。',
];

const unit = fc.oneof(
  fc.constantFrom(...'一不了重长行乐还得地的着调和说中国人民要在会上大小日月水火〇々㐀，。！？；：“”《》、…— \t'),
  fc.constantFrom('𠮷', '𪚥', '😀', '\u0301', '\ud800', '\udc00', 'Ａ', '１'),
  fc.string({ unit: 'grapheme-ascii', maxLength: 3 }),
);

describe('pinyin items from pinyin-pro', () => {
  it('equal the items of type "all" on sentences, with and without tone sandhi', () => {
    for (const text of SENTENCES) {
      for (const sandhi of [false, true]) expect(pinyinItems(pinyinPro, text, sandhi)).toEqual(fromAll(text, sandhi));
    }
  });

  it('equal the items of type "all" on random text of Han, punctuation, Latin, emoji and lone surrogates', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), fc.boolean(), (parts, sandhi) => {
        const text = parts.join('');
        expect(pinyinItems(pinyinPro, text, sandhi)).toEqual(fromAll(text, sandhi));
      }),
      { numRuns: 1500 },
    );
  });
});
