// Pinyin for cards. CC-CEDICT's reading is the reference wherever it has the phrase; elsewhere the
// reading is combined from the longest CC-CEDICT words inside the phrase that have a single reading, and
// pinyin-pro (which sees the whole phrase, so its own word list resolves polyphones) fills the rest.
import { applyToneSandhi } from './sandhi.js';
import {
  alignReading,
  chooseEntry,
  lessThan,
  lookup,
  MAX_WORD,
  pinyinProSyllables,
  rareCharacterReading,
  sameSyllable,
  sandhiChanges,
  uniqueReading,
} from './reading-sources.js';
import { formatMarks, formatNumbered, isHan, type ReadingToken, type Syllable } from './syllable.js';
import { cedict, PREFIX_FILTER_MIN, type CedictEntry } from '../lexicon/cedict.js';
import { precomputedTokens } from './readings-table.js';

export interface PinyinOptions {
  /** Apply the spoken tone changes of 一 and 不 (default off: dictionary citation tones). */
  toneSandhi: boolean;
}

export interface PhrasePinyin {
  /** Tone marks, lower case, one syllable per Han character, spaces between, clause punctuation kept. */
  marks: string;
  /**
   * CC-CEDICT's numbered notation: lower case, tones 1–5 with 5 for the neutral tone, `u:` for ü,
   * punctuation as a separate token (`xue1 zu2 shi4 lu:3`, `yi1 bu4 zuo4 , er4 bu4 xiu1`).
   */
  numbered: string;
}

/** Where each syllable of a reading came from; for tests and the agreement measurement. */
export type ReadingOrigin = 'cedict-phrase' | 'cedict-clause' | 'cedict-parts' | 'pinyin-pro';

/**
 * Covers a run of Han characters with as few pieces as possible, a piece being a CC-CEDICT word with a
 * single reading or one character read by pinyin-pro; among equally short covers, the one that disagrees
 * least with pinyin-pro. `maxWord` below the run's length excludes the run itself (for measurement).
 */
function combineRun(run: readonly string[], pro: readonly (Syllable | undefined)[], maxWord: number): { syllables: (Syllable | undefined)[]; fromCedict: boolean[] } {
  const n = run.length;
  interface Step {
    cost: [number, number];
    from: number;
    reading: (Syllable | undefined)[] | null;
  }
  const best: (Step | undefined)[] = new Array<Step | undefined>(n + 1).fill(undefined);
  best[0] = { cost: [0, 0], from: -1, reading: null };
  for (let i = 0; i < n; i++) {
    const here = best[i];
    if (!here) continue;
    const offer = (to: number, step: Step): void => {
      const current = best[to];
      if (!current || lessThan(step.cost, current.cost)) best[to] = step;
    };
    offer(i + 1, { cost: [here.cost[0] + 1, here.cost[1]], from: i, reading: null });
    for (let length = 2; length <= Math.min(maxWord, n - i); length++) {
      const word = run.slice(i, i + length);
      // No entry starts with these characters: no longer word here either (the prefix filter mostly
      // answers without a search).
      if (length >= PREFIX_FILTER_MIN && !cedict().hasPrefix(word.join(''))) break;
      const reading = uniqueReading(word.join(''));
      if (reading === undefined) continue;
      const aligned = alignReading(reading, word);
      if (!aligned) continue;
      let disagreements = 0;
      for (let k = 0; k < length; k++) if (!sameSyllable(aligned[k], pro[i + k])) disagreements++;
      offer(i + length, { cost: [here.cost[0] + 1, here.cost[1] + disagreements], from: i, reading: aligned });
    }
  }
  const syllables = [...pro];
  const fromCedict = new Array<boolean>(n).fill(false);
  for (let at = n; at > 0; ) {
    const step = best[at];
    if (!step) break;
    if (step.reading) {
      for (let k = 0; k < step.reading.length; k++) {
        const s = step.reading[k];
        if (s) {
          syllables[step.from + k] = s;
          fromCedict[step.from + k] = true;
        }
      }
    }
    at = step.from;
  }
  return { syllables, fromCedict };
}

export interface ReadingResult {
  tokens: ReadingToken[];
  origin: ReadingOrigin[];
}

export interface ReadingOptions extends PinyinOptions {
  /** Ignore a CC-CEDICT entry for the whole text (to measure the combination on entries themselves). */
  excludeWholeEntry?: boolean;
}

/** One token per character of `text` (code points), in citation form unless sandhi is asked for. */
export function phraseReading(text: string, options: ReadingOptions): ReadingResult {
  const chars = [...text];
  const pro = pinyinProSyllables(chars, false);
  const syllables: (Syllable | undefined)[] = [...pro];
  const origin: ReadingOrigin[] = chars.map(() => 'pinyin-pro');
  const overlay = (from: number, reading: readonly (Syllable | undefined)[], how: ReadingOrigin): void => {
    for (const [k, s] of reading.entries()) {
      if (s) {
        syllables[from + k] = s;
        origin[from + k] = how;
      }
    }
  };

  const hanIndices = chars.flatMap((c, i) => (isHan(c) ? [i] : []));
  const hanChars = hanIndices.map((i) => chars[i] ?? '');
  let whole: CedictEntry | undefined;
  if (!options.excludeWholeEntry) {
    whole = chooseEntry(lookup(text), chars, pro);
    if (whole) {
      overlay(0, alignReading(whole.pinyin, chars) ?? [], 'cedict-phrase');
    } else if (hanChars.length !== chars.length && hanChars.length > 0) {
      const proHan = hanIndices.map((i) => pro[i]);
      whole = chooseEntry(lookup(hanChars.join('')), hanChars, proHan);
      const aligned = whole ? alignReading(whole.pinyin, hanChars) : null;
      if (aligned) aligned.forEach((s, k) => overlay(hanIndices[k] ?? 0, [s], 'cedict-phrase'));
    }
  }

  if (!whole) {
    // Clause by clause: a clause may be an entry of its own (一分耕耘), else it is combined from parts.
    for (let start = 0; start < chars.length; ) {
      if (!isHan(chars[start] ?? '')) {
        start++;
        continue;
      }
      let end = start;
      while (end < chars.length && isHan(chars[end] ?? '')) end++;
      const run = chars.slice(start, end);
      const runPro = pro.slice(start, end);
      const isWholeText = end - start === hanChars.length;
      const clauseEntry = isWholeText && options.excludeWholeEntry ? undefined : chooseEntry(lookup(run.join('')), run, runPro);
      const aligned = clauseEntry ? alignReading(clauseEntry.pinyin, run) : null;
      if (aligned) {
        overlay(start, aligned, 'cedict-clause');
      } else {
        const maxWord = isWholeText && options.excludeWholeEntry ? Math.min(MAX_WORD, run.length - 1) : MAX_WORD;
        const combined = combineRun(run, runPro, maxWord);
        combined.syllables.forEach((s, k) => {
          if (combined.fromCedict[k]) overlay(start + k, [s], 'cedict-parts');
        });
      }
      start = end;
    }
  }

  for (const i of hanIndices) {
    if (syllables[i]) continue;
    syllables[i] = rareCharacterReading(chars[i] ?? '');
    if (syllables[i]) origin[i] = 'cedict-parts';
  }

  let tokens: ReadingToken[] = chars.map((c, i) => {
    const s = syllables[i];
    return s && isHan(c) ? { kind: 'syllable', syllable: s } : { kind: 'other', text: c };
  });
  if (options.toneSandhi) tokens = applyToneSandhi(tokens, chars, sandhiChanges(chars));
  return { tokens, origin };
}

/**
 * The pinyin of a phrase in dictionary citation form (see PhrasePinyin for both notations). With
 * `toneSandhi` the spoken tones of 一 and 不 are written instead.
 */
export function phrasePinyin(text: string, options: PinyinOptions): PhrasePinyin {
  const { tokens } = phraseReading(text, options);
  return { marks: formatMarks(tokens), numbered: formatNumbered(tokens) };
}

/**
 * A card's reading tokens: the build-time row for a lexicon phrase (equal to `phraseReading`, computed by
 * it), else `phraseReading` live.
 */
export function cardReading(text: string, options: PinyinOptions): ReadingToken[] {
  return precomputedTokens(text, options.toneSandhi) ?? phraseReading(text, options).tokens;
}
