// pinyin-pro's reading of a text in the form the enrich stage reads it, computed the same way in the main
// thread and in the helper thread.
import type { PinyinItem } from './worker-client.js';

type PinyinPro = typeof import('pinyin-pro');

/**
 * One item per code point of `text`: the character, its numbered pinyin ('' when pinyin-pro does not read
 * it) and whether pinyin-pro read it as Chinese. Asked of pinyin-pro as `type: 'array'`, which gives each
 * character it does not read back as itself: the same items as `type: 'all'` (test/enrich/pinyin-items
 * compares them) for less than half the cost, because `'all'` also works out initials, finals and every
 * other reading of each character.
 */
export function pinyinItems(reader: PinyinPro, text: string, toneSandhi: boolean): PinyinItem[] {
  const readings = reader.pinyin(text, { type: 'array', toneType: 'num', toneSandhi });
  const items: PinyinItem[] = [];
  let at = 0;
  for (const char of text) {
    const reading = readings[at++] ?? char;
    items.push(reading === char ? [char, '', false] : [char, reading, true]);
  }
  return items;
}
