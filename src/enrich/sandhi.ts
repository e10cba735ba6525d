// The spoken tone changes of 一 and 不, applied on request. Dictionaries print the citation tones
// (一衣带水 yī yī dài shuǐ); learners reading aloud may want the spoken ones (yì yī dài shuǐ).
// Third-tone sandhi is never written in pinyin, so it is not applied.
//
// Whether a given 一 or 不 changes depends on word boundaries (统一战线 keeps yī, 一心一意 changes both),
// which pinyin-pro's segmenter knows; so pinyin-pro decides *which* characters change, and the new tone is
// computed from the syllable that follows in our own reading (which may come from CC-CEDICT).
import type { ReadingToken, Tone } from './syllable.js';

/**
 * @param tokens our citation reading, one token per character
 * @param characters the characters, aligned with `tokens`
 * @param changed per character: the tone pinyin-pro's spoken reading gives where it differs from its
 *   citation reading, else undefined
 */
export function applyToneSandhi(
  tokens: readonly ReadingToken[],
  characters: readonly string[],
  changed: readonly (Tone | undefined)[],
): ReadingToken[] {
  return tokens.map((token, i) => {
    const spoken = changed[i];
    const char = characters[i];
    if (token.kind !== 'syllable' || spoken === undefined || (char !== '一' && char !== '不')) return token;
    const { letters, tone } = token.syllable;
    if (!((char === '一' && letters === 'yi' && tone === 1) || (char === '不' && letters === 'bu' && tone === 4))) {
      return token;
    }
    const next = tokens[i + 1];
    let newTone: Tone = spoken;
    if (spoken !== 5 && next?.kind === 'syllable' && next.syllable.tone !== 5) {
      newTone = next.syllable.tone === 4 ? 2 : char === '一' ? 4 : tone;
    }
    return { kind: 'syllable', syllable: { letters, tone: newTone } };
  });
}
