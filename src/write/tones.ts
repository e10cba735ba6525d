// Splitting tone-marked pinyin into syllables with their tone, for tone-coloured display. The tone is read
// from the syllable's own diacritic, so it always agrees with the marks the reader sees.

export type Tone = 1 | 2 | 3 | 4 | 5;

export interface PinyinPiece {
  text: string;
  /** The syllable's tone (5 = neutral); absent for punctuation and spaces between syllables. */
  tone?: Tone;
}

const TONE_OF_MARK: Record<string, Tone> = {
  '\u0304': 1,
  '\u0301': 2,
  '\u030c': 3,
  '\u0300': 4,
};

/** The tone of one syllable written with tone marks (ü's diaeresis is not a tone mark). */
export function toneOf(syllable: string): Tone {
  for (const ch of syllable.normalize('NFD')) {
    const tone = TONE_OF_MARK[ch];
    if (tone !== undefined) return tone;
  }
  return 5;
}

const SYLLABLE_OR_OTHER = /(\p{L}[\p{L}\p{M}]*)|([^\p{L}]+)/gu;

/** `shān chuān yì yù, fēng` → syllables with tones, and the spaces and punctuation between them. */
export function pinyinPieces(pinyin: string): PinyinPiece[] {
  const pieces: PinyinPiece[] = [];
  for (const match of pinyin.matchAll(SYLLABLE_OR_OTHER)) {
    const [text, syllable] = match;
    pieces.push(syllable !== undefined ? { text, tone: toneOf(syllable) } : { text });
  }
  return pieces;
}
