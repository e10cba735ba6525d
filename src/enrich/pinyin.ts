// Pinyin for cards. CC-CEDICT's reading is the reference wherever it has the phrase; elsewhere the
// reading is combined from the longest CC-CEDICT words inside the phrase that have a single reading, and
// pinyin-pro (which sees the whole phrase, so its own word list resolves polyphones) fills the rest.
import { createRequire } from 'node:module';
import { cedict, type CedictEntry } from '../lexicon/cedict.js';
import { applyToneSandhi } from './sandhi.js';
import {
  formatMarks,
  formatNumbered,
  isHan,
  parseNumbered,
  type ReadingToken,
  type Syllable,
  type Tone,
} from './syllable.js';

type PinyinPro = typeof import('pinyin-pro');

// pinyin-pro costs ~60 ms to load and build its dictionary; it is required on first use so that commands
// which never make a card do not pay for it.
const require = createRequire(import.meta.url);
let pinyinProModule: PinyinPro | undefined;
function pinyinPro(): PinyinPro {
  pinyinProModule ??= require('pinyin-pro') as PinyinPro;
  return pinyinProModule;
}

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

/** The longest sub-word looked up when combining a reading from parts. */
const MAX_WORD = 12;

const lookupCache = new Map<string, CedictEntry[]>();
function lookup(word: string): CedictEntry[] {
  let entries = lookupCache.get(word);
  if (!entries) {
    entries = cedict().lookup(word);
    if (lookupCache.size > 50_000) lookupCache.clear();
    lookupCache.set(word, entries);
  }
  return entries;
}

/** pinyin-pro's reading, one entry per character of `chars` (undefined for characters it does not read). */
function pinyinProSyllables(chars: readonly string[], toneSandhi: boolean): (Syllable | undefined)[] {
  const items = pinyinPro().pinyin(chars.join(''), { type: 'all', toneType: 'num', toneSandhi });
  const out: (Syllable | undefined)[] = new Array<Syllable | undefined>(chars.length).fill(undefined);
  let at = 0;
  for (const item of items) {
    const width = [...item.origin].length;
    if (width === 1 && item.isZh && at < chars.length) out[at] = parseNumbered(item.pinyin);
    at += Math.max(width, 1);
  }
  return out;
}

const CLAUSE_MARKS: Record<string, string> = { '，': ',', '、': ',', '；': ';', '：': ':', '。': '.', '！': '!', '？': '?' };

/**
 * Aligns a CC-CEDICT reading with the characters of `chars`: each Han character takes the next syllable,
 * punctuation in the text matches punctuation in the reading. Null when they do not line up. A syllable
 * CC-CEDICT leaves unknown (`xx5`) is undefined.
 */
function alignReading(reading: string, chars: readonly string[]): (Syllable | undefined)[] | null {
  const tokens = reading.split(' ').filter((t) => t.length > 0);
  const out: (Syllable | undefined)[] = [];
  let t = 0;
  for (const char of chars) {
    const token = tokens[t];
    if (isHan(char)) {
      if (token === undefined || /^\p{P}$/u.test(token)) return null;
      const syllable = parseNumbered(token);
      if (!syllable && !/^xx5$/i.test(token)) return null;
      out.push(syllable);
      t++;
    } else if (token !== undefined && (token === char || token === CLAUSE_MARKS[char])) {
      out.push(undefined);
      t++;
    } else if (/\p{P}|\s/u.test(char)) {
      out.push(undefined);
    } else {
      return null;
    }
  }
  return t === tokens.length ? out : null;
}

const SECONDARY_SENSE = /^(surname |variant of|old variant of|archaic variant of|see |used in |\(old\)|\(archaic\))/i;

/**
 * Chooses one of several CC-CEDICT entries for the same simplified form: a common-noun (lower-case)
 * reading before a proper noun's, a main sense before a surname, variant or cross-reference, then the
 * reading that agrees most with pinyin-pro's, then dictionary order. Deterministic.
 */
export function chooseEntry(entries: readonly CedictEntry[], chars: readonly string[], pro: readonly (Syllable | undefined)[]): CedictEntry | undefined {
  let best: { entry: CedictEntry; rank: number[] } | undefined;
  for (const [order, entry] of entries.entries()) {
    const aligned = alignReading(entry.pinyin, chars);
    if (!aligned) continue;
    const properNoun = /^[A-Z]/.test(entry.pinyin) ? 1 : 0;
    const secondary = entry.definitions.every((d) => SECONDARY_SENSE.test(d)) ? 1 : 0;
    let disagreements = 0;
    for (const [i, s] of aligned.entries()) {
      const p = pro[i];
      if (s && p && (s.letters !== p.letters || s.tone !== p.tone)) disagreements++;
    }
    const rank = [properNoun, secondary, disagreements, order];
    if (!best || lessThan(rank, best.rank)) best = { entry, rank };
  }
  return best?.entry;
}

function lessThan(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

/** The one reading all CC-CEDICT entries of `word` share (case aside), or undefined. */
function uniqueReading(word: string): string | undefined {
  const readings = new Set(lookup(word).map((e) => e.pinyin.toLowerCase()));
  return readings.size === 1 ? [...readings][0] : undefined;
}

function sameSyllable(a: Syllable | undefined, b: Syllable | undefined): boolean {
  return a !== undefined && b !== undefined && a.letters === b.letters && a.tone === b.tone;
}

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

/** A Han character pinyin-pro does not read (rare characters): CC-CEDICT's first lower-case reading of it. */
function rareCharacterReading(char: string): Syllable | undefined {
  const entries = lookup(char);
  const entry = entries.find((e) => !/^[A-Z]/.test(e.pinyin)) ?? entries[0];
  return entry ? parseNumbered(entry.pinyin) : undefined;
}

/** Per character, the tone pinyin-pro's spoken reading gives 一 or 不 where it differs from its citation one. */
function sandhiChanges(chars: readonly string[]): (Tone | undefined)[] {
  if (!chars.some((c) => c === '一' || c === '不')) return chars.map(() => undefined);
  const citation = pinyinProSyllables(chars, false);
  const spoken = pinyinProSyllables(chars, true);
  return chars.map((_, i) => {
    const a = citation[i];
    const b = spoken[i];
    return a && b && a.tone !== b.tone ? b.tone : undefined;
  });
}

/**
 * The pinyin of a phrase in dictionary citation form (see PhrasePinyin for both notations). With
 * `toneSandhi` the spoken tones of 一 and 不 are written instead.
 */
export function phrasePinyin(text: string, options: PinyinOptions): PhrasePinyin {
  const { tokens } = phraseReading(text, options);
  return { marks: formatMarks(tokens), numbered: formatNumbered(tokens) };
}

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
  for (let i = 0; i < chars.length; ) {
    let taken = 0;
    for (let length = Math.min(MAX_WORD, chars.length - i); length >= MIN_SENTENCE_WORD; length--) {
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
      tokens = phraseReading(text, this.options).tokens;
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
    const own = deck ? deck.reading(phrase.join('')) : phraseReading(phrase.join(''), options).tokens;
    tokens.splice(ownFrom, phrase.length, ...own);
  }
  return formatMarks(tokens);
}
