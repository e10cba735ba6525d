// Pinyin of a context sentence, agreeing with the card: pinyin-pro reads running text, long CC-CEDICT
// words correct it, and the deck's own phrases (the card's among them) take their card readings.
import { cedict } from '../lexicon/cedict.js';
import { applyToneSandhi } from './sandhi.js';
import { cardReading, type PinyinOptions } from './pinyin.js';
import { alignReading, MAX_WORD, pinyinProSyllables, rareCharacterReading, sandhiChanges, uniqueReading } from './reading-sources.js';
import { formatMarks, isHan, type ReadingToken, type Syllable } from './syllable.js';

/** Words this long or longer override pinyin-pro inside running text (see sentencePinyin). */
const MIN_SENTENCE_WORD = 3;

/**
 * Replaces pinyin-pro's syllables by CC-CEDICT's wherever a CC-CEDICT word of three or more characters
 * with a single reading occurs (longest first, left to right), outside [skipFrom, skipTo). Shorter words
 * are left to pinyin-pro: in running text they often straddle a word boundary (中的, 的确), and measured
 * on the seed speeches they mostly changed pinyin-pro's tones to CC-CEDICT's neutral-tone conventions,
 * while the long ones fixed real errors (眼见为实 wéi, 挑拨离间 jiàn, 部长 zhǎng, 率先 shuài).
 */
function overrideWithLongWords(chars: readonly string[], syllables: (Syllable | undefined)[], skipFrom: number, skipTo: number): void {
  const book = cedict();
  for (let i = 0; i < chars.length; ) {
    let taken = 0;
    // No entry is longer than the longest prefix of an entry found here, and most positions start no
    // word of three characters: a few prefix searches settle which lengths are worth a lookup.
    let longest = 0;
    if (i + MIN_SENTENCE_WORD <= chars.length) {
      let prefix = chars.slice(i, i + MIN_SENTENCE_WORD - 1).join('');
      for (let length = MIN_SENTENCE_WORD; length <= Math.min(MAX_WORD, chars.length - i); length++) {
        prefix += chars[i + length - 1] ?? '';
        if (!book.hasPrefix(prefix)) break;
        longest = length;
      }
    }
    for (let length = longest; length >= MIN_SENTENCE_WORD; length--) {
      if (i < skipTo && i + length > skipFrom) continue;
      const word = chars.slice(i, i + length);
      if (!word.every(isHan)) continue;
      const reading = uniqueReading(word.join(''));
      const aligned = reading === undefined ? null : alignReading(reading, word);
      if (!aligned) continue;
      aligned.forEach((s, k) => {
        if (s) syllables[i + k] = s;
      });
      taken = length;
      break;
    }
    i += taken || 1;
  }
}

/**
 * The readings of a deck's phrases, so that a phrase reads the same on its own card and in the context
 * sentences of other cards (a phrase CC-CEDICT lacks would otherwise get pinyin-pro's reading there).
 * Only single-clause phrases of three or more characters are looked for in sentences.
 */
export class DeckReadings {
  private readonly byFirst = new Map<string, string[][]>();
  private readonly cache = new Map<string, ReadingToken[]>();

  constructor(
    texts: Iterable<string>,
    private readonly options: PinyinOptions,
  ) {
    for (const text of new Set(texts)) {
      const chars = [...text];
      if (chars.length < MIN_SENTENCE_WORD || !chars.every(isHan)) continue;
      const first = chars[0] ?? '';
      const list = this.byFirst.get(first) ?? [];
      list.push(chars);
      this.byFirst.set(first, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length || (a.join('') < b.join('') ? -1 : 1));
  }

  /** The phrase's reading (one token per character), computed once. */
  reading(text: string): ReadingToken[] {
    let tokens = this.cache.get(text);
    if (!tokens) {
      tokens = cardReading(text, this.options);
      this.cache.set(text, tokens);
    }
    return tokens;
  }

  /** The longest deck phrase that starts at `chars[at]`, as characters. */
  phraseAt(chars: readonly string[], at: number): readonly string[] | undefined {
    for (const phrase of this.byFirst.get(chars[at] ?? '') ?? []) {
      if (phrase.every((c, k) => chars[at + k] === c)) return phrase;
    }
    return undefined;
  }
}

/**
 * Tone-mark pinyin of a context sentence whose characters [start, end) are the phrase: pinyin-pro reads
 * the sentence, long CC-CEDICT words correct it, the deck's other phrases take their card readings, and
 * the phrase's own syllables are the card's reading, so that the two always agree.
 */
export function sentencePinyin(sentence: string, start: number, end: number, options: PinyinOptions, deck?: DeckReadings): string {
  const marked = start >= 0 && end > start && end <= sentence.length;
  const before = [...(marked ? sentence.slice(0, start) : sentence)];
  const phrase = marked ? [...sentence.slice(start, end)] : [];
  const after = marked ? [...sentence.slice(end)] : [];
  const chars = [...before, ...phrase, ...after];
  const ownFrom = before.length;
  const ownTo = before.length + phrase.length;
  const syllables = pinyinProSyllables(chars, false).map((s, i) => s ?? (isHan(chars[i] ?? '') ? rareCharacterReading(chars[i] ?? '') : undefined));
  overrideWithLongWords(chars, syllables, ownFrom, ownTo);
  let tokens: ReadingToken[] = chars.map((c, i) => {
    const s = syllables[i];
    return s && isHan(c) ? { kind: 'syllable', syllable: s } : { kind: 'other', text: c };
  });
  if (options.toneSandhi) tokens = applyToneSandhi(tokens, chars, sandhiChanges(chars));
  if (deck) {
    for (let i = 0; i < chars.length; ) {
      const other = i < ownTo && i >= ownFrom ? undefined : deck.phraseAt(chars, i);
      if (!other || (i < ownTo && i + other.length > ownFrom)) {
        i++;
        continue;
      }
      tokens.splice(i, other.length, ...deck.reading(other.join('')));
      i += other.length;
    }
  }
  if (phrase.length > 0) {
    const own = deck ? deck.reading(phrase.join('')) : cardReading(phrase.join(''), options);
    tokens.splice(ownFrom, phrase.length, ...own);
  }
  return formatMarks(tokens);
}
