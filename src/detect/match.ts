// Dictionary look-up over a sentence: every entry of the phrase lexicon that occurs in it (all lengths,
// overlaps included: the detectors judge each one and the resolver keeps the longest), and the near-forms
// a reader still recognises: adaptations of long set phrases (唯恐南海不乱 for 唯恐天下不乱), idioms
// misread by OCR (深人人心), split by inserted words (开历史倒车, 重蹈冲突的覆辙) or cut off at the end
// of a text (不攻自…).
import { PairSet, PairTable, pairCode, type NearFormIndex, type PhraseEntry, type PhraseLexicon } from '../lexicon/phrases.js';
import type { DictionaryMatch } from './proposal.js';
import { displayText, hanRuns, isHanCode, isJsSpace, spanOf, type HanRun } from './text.js';

/** Entries of two characters are too ambiguous to match unless the project's own lists name them. */
const HAND_FLAGS = /[qhst]/;

/**
 * Clause punctuation inside a match must stand where the dictionary form has a clause break; a long entry
 * written without one (同呼吸共命运) may be written with one at its middle (同呼吸，共命运).
 */
function breaksAllowed(run: HanRun, from: number, to: number, entry: PhraseEntry): boolean {
  const length = to - from;
  for (const b of run.softBreaks) {
    if (b <= from || b >= to || entry.breaks.includes(b - from)) continue;
    const left = b - from;
    const balancedMiddle = entry.breaks.length === 0 && length >= 6 && Math.abs(length - 2 * left) <= 1;
    if (!balancedMiddle) return false;
  }
  return true;
}

// Characters that OCR of printed Chinese confuses (深入人心 read as 深人人心): a four-character idiom
// with one of them swapped is that idiom, misread.
const OCR_CONFUSABLE: readonly string[] = [
  '入人八', '己已巳', '未末', '土士', '日曰', '千干', '天夭', '戊戌戍', '大太犬', '王玉主', '木本术', '刀力',
  '侯候', '折拆析', '免兔', '拨拔', '贷货', '赢嬴', '壁璧', '辨辩辫', '即既', '竟竞', '鸟乌', '崇祟', '徒徙',
  '准淮', '冶治', '汨汩', '斤斥', '今令', '仑仓', '采釆', '问间', '历厉', '候喉', '须需',
];
const CONFUSABLE_WITH = new Map<string, string[]>();
for (const group of OCR_CONFUSABLE) {
  for (const ch of group) CONFUSABLE_WITH.set(ch, [...(CONFUSABLE_WITH.get(ch) ?? []), ...[...group].filter((c) => c !== ch)]);
}
const CONFUSABLE_CODES = new Uint8Array(0x10000);
for (const ch of CONFUSABLE_WITH.keys()) CONFUSABLE_CODES[ch.charCodeAt(0)] = 1;
const CONFUSABLE_CODES_WITH = new Map([...CONFUSABLE_WITH].map(([ch, alts]) => [ch.charCodeAt(0), alts.map((a) => a.charCodeAt(0))]));
const IDIOM_MARKS = /[Iih]/;
const NO_ENTRIES: readonly PhraseEntry[] = [];
const NO_SPLITS: { entry: PhraseEntry; length: number }[] = [];
const FRAME_WORDS = '不无未莫非勿没之而以于其';
const DE = '的'.charCodeAt(0);

/** Idioms the four units at `k` (one of them OCR-confusable) may be a misreading of. */
function ocrVariants(han: string, k: number, lexicon: PhraseLexicon): readonly PhraseEntry[] {
  if (!someVariantMayBeKey(han, k, lexicon)) return NO_ENTRIES;
  if (lexicon.hasAt(han, k, 4)) return NO_ENTRIES;
  let out: PhraseEntry[] | undefined;
  for (let i = 0; i < 4; i++) {
    const alts = CONFUSABLE_CODES_WITH.get(han.charCodeAt(k + i));
    if (!alts) continue;
    for (const alt of alts) {
      const entry = lexicon.getSwapped(han, k, 4, i, alt);
      if (entry && IDIOM_MARKS.test(entry.flags) && !/[Nx]/.test(entry.flags)) {
        if (out) out.push(entry);
        else out = [entry];
      }
    }
  }
  return out ?? NO_ENTRIES;
}

/**
 * Whether some window with one confusable character swapped starts like a key (its first three units
 * start one): most windows have no such variant and need no further look-up.
 */
function someVariantMayBeKey(han: string, k: number, lexicon: PhraseLexicon): boolean {
  const c0 = han.charCodeAt(k);
  const c1 = han.charCodeAt(k + 1);
  const c2 = han.charCodeAt(k + 2);
  // A swap of the fourth unit keeps the first three.
  if (CONFUSABLE_CODES[han.charCodeAt(k + 3)] === 1 && lexicon.mayStartWithThree(c0, c1, c2)) return true;
  if (CONFUSABLE_CODES[c2] === 1) {
    for (const alt of CONFUSABLE_CODES_WITH.get(c2) ?? NO_UNITS) if (lexicon.mayStartWithThree(c0, c1, alt)) return true;
  }
  if (CONFUSABLE_CODES[c1] === 1) {
    for (const alt of CONFUSABLE_CODES_WITH.get(c1) ?? NO_UNITS) if (lexicon.mayStartWithThree(c0, alt, c2)) return true;
  }
  if (CONFUSABLE_CODES[c0] === 1) {
    for (const alt of CONFUSABLE_CODES_WITH.get(c0) ?? NO_UNITS) if (lexicon.mayStartWithThree(alt, c1, c2)) return true;
  }
  return false;
}

const NO_UNITS: readonly number[] = [];

/** `pairCode` of two units given as numbers. */
function pairCodeOf(first: number, second: number): number {
  return (first & 0x3fff) * 0x8000 + (second & 0x7fff);
}

function matchText(sentence: string, run: HanRun, from: number, to: number): string {
  const { start, end } = spanOf(run, from, to);
  // Nothing but the run's own characters in between (the usual case): the display form is those.
  if (end - start === to - from) return run.han.slice(from, to);
  return displayText(sentence.slice(start, end));
}

/** Whether the text ends with a Han character, white space aside (a text that may have lost its end). */
function endsWithHan(text: string): boolean {
  let i = text.length;
  while (i > 0 && isJsSpace(text.charCodeAt(i - 1))) i--;
  if (i === 0) return false;
  const last = text.charCodeAt(i - 1);
  if (last >= 0xdc00 && last <= 0xdfff) {
    const high = i >= 2 ? text.charCodeAt(i - 2) : 0;
    return high >= 0xd800 && high <= 0xdbff && isHanCode(0x10000 + ((high - 0xd800) << 10) + (last - 0xdc00));
  }
  return isHanCode(last);
}

export function dictionaryMatches(sentence: string, lexicon: PhraseLexicon, frames: FrameIndex): DictionaryMatch[] {
  const found: DictionaryMatch[] = [];
  // A text whose last run of Han characters is not closed by punctuation may have lost its end.
  const sentenceEndsOpen = endsWithHan(sentence);
  const runs = hanRuns(sentence);
  const entriesHere: PhraseEntry[] = [];
  const firstUnits = frames.firstUnits;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r] as HanRun;
    const lastRun = r === runs.length - 1;
    const han = run.han;
    const units = han.length;
    // The last OCR-confusable unit among those read so far: a window [k, k + 4) holds one when it is at k or after.
    let lastConfusable = -1;
    let read = 0;
    let next = han.charCodeAt(0);
    for (let k = 0; k + 2 <= units; k++) {
      const unit = next;
      next = han.charCodeAt(k + 1);
      for (const end = Math.min(k + 4, units); read < end; read++) if (CONFUSABLE_CODES[han.charCodeAt(read)] === 1) lastConfusable = read;
      // The key lengths after these two units (`lengthMaskAt`), asked for only where some matcher needs them:
      // most positions start no key, and a small table says so first.
      let lengths = 0;
      let lengthsKnown = false;
      if (lexicon.mayStartKeyAt(han, k)) {
        lengths = lexicon.lengthMaskAt(pairCodeOf(unit, next));
        lengthsKnown = true;
        if (lengths !== 0) {
          for (const entry of lexicon.entriesWithLengths(han, k, lengths, entriesHere)) {
            const length = entry.key.length;
            if (length < 3 && !HAND_FLAGS.test(entry.flags)) continue;
            if (!breaksAllowed(run, k, k + length, entry)) continue;
            const { start, end } = spanOf(run, k, k + length);
            // Written without anything between its characters, the match reads as its key (which it equals).
            const text = entry.breaks.length > 0 ? entry.text : end - start === length ? entry.key : displayText(sentence.slice(start, end));
            found.push({ entry, key: entry.key, start, end, text });
          }
        }
      }
      if (lastConfusable >= k && k + 4 <= units) {
        for (const entry of ocrVariants(han, k, lexicon)) {
          const { start, end } = spanOf(run, k, k + 4);
          if (run.softBreaks.some((b) => b > k && b < k + 4)) continue;
          found.push({ entry, key: entry.key, start, end, text: entry.text, variant: 'ocr' });
        }
      }
      const truncated = sentenceEndsOpen && lastRun ? frames.truncatedAt(run, k) : undefined;
      if (truncated && !lexicon.has(han.slice(k, k + 3))) {
        const { start, end } = spanOf(run, k, k + 3);
        found.push({ entry: truncated, key: truncated.key, start, end, text: truncated.text, variant: 'truncated' });
      }
      // Which near-form matchers can start here, from the first unit (split verb-object phrases) and the
      // first two (split idioms, adaptations): most positions start none.
      const verbHere = firstUnits[unit] === 1;
      const pairHere = frames.pairStarts(unit, next);
      if (verbHere || (pairHere & SPLIT_IDIOM_START) !== 0) {
        // A split idiom must start with a key's first two units; a split verb-object phrase need not.
        if (!lengthsKnown && (pairHere & SPLIT_IDIOM_START) !== 0) {
          lengths = lexicon.lengthMaskAt(pairCodeOf(unit, next));
          lengthsKnown = true;
        }
        const keyStartsHere = lengthsKnown && lengths !== 0;
        if (frames.splitMayStartAt(han, k, keyStartsHere)) {
          for (const split of frames.splitsAt(run, k, keyStartsHere)) {
            const { start, end } = spanOf(run, k, k + split.length);
            found.push({ entry: split.entry, key: han.slice(k, k + split.length), start, end, text: matchText(sentence, run, k, k + split.length), variant: 'split' });
          }
        }
      }
      if ((pairHere & ADAPTATION_START) !== 0) {
        if (!lengthsKnown) {
          lengths = lexicon.lengthMaskAt(pairCodeOf(unit, next));
          lengthsKnown = true;
        }
        if (lengths !== 0) {
          for (const adapted of frames.adaptationsAt(run, k, lexicon)) {
            const length = adapted.key.length;
            const { start, end } = spanOf(run, k, k + length);
            found.push({ entry: adapted, key: han.slice(k, k + length), start, end, text: matchText(sentence, run, k, k + length), adapted: true });
          }
        }
      }
    }
  }
  return found;
}

/** `FrameIndex.pairStarts` bits: a split-able idiom, or a phrase `adaptationsAt` looks for, starts so. */
const SPLIT_IDIOM_START = 1;
const TRUNCATIONS_LIMIT = 20_000;
const ADAPTATION_START = 2;

/**
 * Long set phrases indexed by their first two and last two characters and length, so a written form that
 * keeps both ends and swaps one or two characters in between is found in one Map look-up per position.
 */
export class FrameIndex {
  private framesByFrame: Map<string, string[]> | undefined;
  /** Six- to eight-character idioms by their first two characters and length, for freer adaptations. */
  private headsByStart: Map<string, string[]> | undefined;
  /** Verb-object 惯用语 (开倒车) by their verb, and four-character idioms (重蹈覆辙) by their first half. */
  private splitHeadsByStart: Map<string, string[]> | undefined;
  /** Two-character starts of anything in `frames` or `heads`: most positions start none and stop here. */
  private readonly starts: PairSet;
  /** First one or two characters of the split-able phrases, as `pairCode`s (one character: second unit 0). */
  private readonly splitStarts: PairSet;
  /** Last two characters of the `frames` phrases; first two of the `heads` idioms. */
  private readonly frameEnds: PairSet;
  private readonly headStarts: PairSet;
  /** The objects of the verb-object phrases, and the second halves of the split-able idioms. */
  private readonly verbObjectTails: PairSet;
  private readonly idiomTails: PairSet;
  /** Per UTF-16 unit, 1 when a split-able verb-object phrase starts with it. */
  readonly firstUnits: Uint8Array;
  /**
   * By `pairCode` of their first two units, the bits `SPLIT_IDIOM_START` and `ADAPTATION_START` of the
   * phrases starting so, behind a bit filter (about 32 bits a code) that most pairs of a text fail.
   */
  private readonly startFlags: PairTable<number>;
  private readonly startBits: Int32Array;
  private readonly startShift: number;
  /** `truncatedAt`'s dictionary answers by three-character prefix (a bounded memo of look-ups). */
  private readonly truncations = new Map<string, PhraseEntry | null>();

  /**
   * `tables`: the bit and pair tables the build wrote for these keys (`FrameIndex.tables`), so that no run
   * sets thousands of codes one by one (a tenth of a cold start); made here when absent or not theirs.
   */
  constructor(
    private readonly keys: Omit<NearFormIndex, 'quotationParts'>,
    private readonly lexicon: PhraseLexicon,
    tables?: Int32Array,
  ) {
    const read = tables ? this.readTables(tables) : undefined;
    if (read) {
      ({ startBits: this.startBits, startFlags: this.startFlags, firstUnits: this.firstUnits } = read);
      [this.starts, this.splitStarts, this.frameEnds, this.headStarts, this.verbObjectTails, this.idiomTails] = read.sets;
      this.startShift = Math.clz32(this.startBits.length * 32 - 1);
      return;
    }
    let startWords = 128;
    while (startWords < keys.frames.length + keys.heads.length + keys.splittable.length) startWords *= 2;
    this.startBits = new Int32Array(startWords);
    this.startShift = Math.clz32(startWords * 32 - 1);
    this.startFlags = new PairTable<number>();
    this.firstUnits = new Uint8Array(0x10000);
    const frameKeys = keys.frames.length + keys.heads.length;
    const splitKeys = keys.verbObject.length + keys.splittable.length;
    this.starts = new PairSet(frameKeys);
    this.splitStarts = new PairSet(splitKeys);
    this.frameEnds = new PairSet(keys.frames.length);
    this.headStarts = new PairSet(keys.heads.length);
    this.verbObjectTails = new PairSet(keys.verbObject.length);
    this.idiomTails = new PairSet(keys.splittable.length);
    for (const key of keys.frames) {
      this.markPairStart(key, ADAPTATION_START);
      this.starts.add(pairCode(key, 0));
      this.frameEnds.add(pairCode(key, key.length - 2));
    }
    for (const key of keys.heads) {
      this.markPairStart(key, ADAPTATION_START);
      this.starts.add(pairCode(key, 0));
      this.headStarts.add(pairCode(key, 0));
    }
    for (const key of keys.verbObject) {
      if (key.length > 0) this.firstUnits[key.charCodeAt(0)] = 1;
      this.splitStarts.add(pairCode(key.slice(0, 1), 0));
      this.verbObjectTails.add(pairCode(key, 1));
    }
    for (const key of keys.splittable) {
      this.markPairStart(key, SPLIT_IDIOM_START);
      this.splitStarts.add(pairCode(key, 0));
      this.idiomTails.add(pairCode(key, 2));
    }
  }

  /** The bit and pair tables as one array of words, for the build to write (read back by the constructor). */
  tables(): Int32Array {
    const sections: Int32Array[] = [this.startBits, this.startFlags.slots().keys, Int32Array.from(this.startFlags.slots().values, (v) => v ?? 0)];
    const units = this.firstUnits;
    sections.push(new Int32Array(units.buffer.slice(units.byteOffset, units.byteOffset + units.byteLength)));
    for (const set of this.pairSets()) sections.push(set.words().bits, set.words().keys);
    const header = [TABLES_MAGIC, ...this.keyCounts(), sections.length, ...sections.map((x) => x.length)];
    const out = new Int32Array(header.length + sections.reduce((n, x) => n + x.length, 0));
    out.set(header);
    let at = header.length;
    for (const section of sections) {
      out.set(section, at);
      at += section.length;
    }
    return out;
  }

  /** In the order the constructor takes them back (SET_COUNT of them). */
  private pairSets(): PairSet[] {
    return [this.starts, this.splitStarts, this.frameEnds, this.headStarts, this.verbObjectTails, this.idiomTails];
  }

  private keyCounts(): number[] {
    return [this.keys.frames.length, this.keys.heads.length, this.keys.verbObject.length, this.keys.splittable.length];
  }

  /** The tables `tables()` wrote for the same keys, or undefined when these words are not them. */
  private readTables(words: Int32Array): { startBits: Int32Array; startFlags: PairTable<number>; firstUnits: Uint8Array; sets: SixSets } | undefined {
    const counts = this.keyCounts();
    const sectionCount = 4 + 2 * SET_COUNT;
    const headerLength = 1 + counts.length + 1 + sectionCount;
    if (words.length < headerLength || words[0] !== TABLES_MAGIC || words[1 + counts.length] !== sectionCount) return undefined;
    if (counts.some((n, i) => words[1 + i] !== n)) return undefined;
    const sections: Int32Array[] = [];
    let at = headerLength;
    for (let i = 0; i < sectionCount; i++) {
      const length = words[2 + counts.length + i] ?? -1;
      if (length < 0 || at + length > words.length) return undefined;
      sections.push(words.subarray(at, at + length));
      at += length;
    }
    if (at !== words.length) return undefined;
    const [startBits, flagKeys, flagValues, firstUnits, ...setWords] = sections;
    if (!startBits || !flagKeys || !flagValues || !firstUnits || firstUnits.length !== 0x10000 / 4) return undefined;
    if (startBits.length < 128 || (startBits.length & (startBits.length - 1)) !== 0) return undefined;
    const startFlags = PairTable.fromSlots<number>(flagKeys, Array.from(flagValues));
    if (!startFlags) return undefined;
    const sets: PairSet[] = [];
    for (let i = 0; i + 1 < setWords.length; i += 2) {
      const set = PairSet.fromWords(setWords[i] as Int32Array, setWords[i + 1] as Int32Array);
      if (!set) return undefined;
      sets.push(set);
    }
    const [a, b, c, d, e, f] = sets;
    if (!a || !b || !c || !d || !e || !f) return undefined;
    return { startBits, startFlags, firstUnits: new Uint8Array(firstUnits.buffer, firstUnits.byteOffset, 0x10000), sets: [a, b, c, d, e, f] };
  }

  private get frames(): Map<string, string[]> {
    this.framesByFrame ??= groupBy(this.keys.frames, (key) => FrameIndex.frameOf(key, 0, key.length));
    return this.framesByFrame;
  }

  private get heads(): Map<string, string[]> {
    this.headsByStart ??= groupBy(this.keys.heads, (key) => `${key.slice(0, 2)}${key.length}`);
    return this.headsByStart;
  }

  /** Verb-object phrases by their first character, then split-able idioms by their first two. */
  private get splitHeads(): Map<string, string[]> {
    if (!this.splitHeadsByStart) {
      const groups = groupBy(this.keys.verbObject, (key) => key.slice(0, 1));
      for (const [at, list] of groupBy(this.keys.splittable, (key) => key.slice(0, 2))) groups.set(at, [...(groups.get(at) ?? []), ...list]);
      this.splitHeadsByStart = groups;
    }
    return this.splitHeadsByStart;
  }

  private markPairStart(key: string, bit: number): void {
    const code = pairCode(key, 0);
    this.startFlags.set(code, (this.startFlags.get(code) ?? 0) | bit);
    const slot = Math.imul(code, 0x9e3779b1) >>> this.startShift;
    this.startBits[slot >>> 5] = (this.startBits[slot >>> 5] ?? 0) | (1 << (slot & 31));
  }

  /** `SPLIT_IDIOM_START` and `ADAPTATION_START` bits of the phrases starting with these two units (0: none). */
  pairStarts(first: number, second: number): number {
    const code = pairCodeOf(first, second);
    const slot = Math.imul(code, 0x9e3779b1) >>> this.startShift;
    if (((this.startBits[slot >>> 5] ?? 0) & (1 << (slot & 31))) === 0) return 0;
    return this.startFlags.get(code) ?? 0;
  }

  static empty(lexicon: PhraseLexicon): FrameIndex {
    return new FrameIndex({ frames: [], heads: [], verbObject: [], splittable: [] }, lexicon);
  }

  private entries(keys: readonly string[] | undefined): PhraseEntry[] {
    const out: PhraseEntry[] = [];
    for (const key of keys ?? []) {
      const e = this.lexicon.get(key);
      if (e) out.push(e);
    }
    return out;
  }

  /** False where `splitsAt` certainly finds nothing (a cheap test before the full one). */
  splitMayStartAt(han: string, k: number, keyStartsHere: boolean): boolean {
    const oneChar = k < han.length ? (han.charCodeAt(k) & 0x3fff) * 0x8000 : 0;
    return this.splitStarts.has(oneChar) || (keyStartsHere && this.splitStarts.has(pairCode(han, k)));
  }

  /** Whether a split-able idiom starts with the two units at `k` (only then does a split need a key to start there). */
  splitIdiomMayStartAt(han: string, k: number): boolean {
    return this.splitStarts.has(pairCode(han, k));
  }

  /** False where `adaptationsAt` certainly finds nothing. */
  adaptationMayStartAt(han: string, k: number): boolean {
    return this.starts.has(pairCode(han, k));
  }

  /**
   * Set phrases with words inserted where speakers insert them: a verb-object 惯用语 around its object's
   * modifier (开历史倒车 for 开倒车), a four-character idiom around a modifier ending in 的 (重蹈冲突的覆辙).
   */
  splitsAt(run: HanRun, k: number, keyStartsHere = true): { entry: PhraseEntry; length: number }[] {
    const han = run.han;
    // pairCode of the one character at k alone, without cutting it out.
    const oneChar = k < han.length ? (han.charCodeAt(k) & 0x3fff) * 0x8000 : 0;
    const twoChars = pairCode(han, k);
    // Only where some phrase's object (its last two characters) follows at a place a split could put it.
    const verbHere = this.splitStarts.has(oneChar) && this.tailWithin(han, k + 2, k + 5, this.verbObjectTails, false);
    const idiomHere = keyStartsHere && this.splitStarts.has(twoChars) && this.tailWithin(han, k + 4, k + 9, this.idiomTails, true);
    if (!verbHere && !idiomHere) return NO_SPLITS;
    const out: { entry: PhraseEntry; length: number }[] = [];
    const noBreak = (from: number, to: number): boolean => !run.softBreaks.some((b) => b > from && b < to);
    const objectAt = (key: string, from: number, at: number): boolean =>
      han.charCodeAt(at) === key.charCodeAt(from) && han.charCodeAt(at + 1) === key.charCodeAt(from + 1);
    if (verbHere) {
      for (const key of this.splitHeads.get(han[k] ?? '') ?? []) {
        if (key.length !== 3) continue;
        for (let gap = 1; gap <= 4; gap++) {
          const at = k + 1 + gap;
          if (!objectAt(key, 1, at) || !noBreak(k, at + 2)) continue;
          const entry = this.lexicon.get(key);
          if (entry) out.push({ entry, length: at + 2 - k });
        }
      }
    }
    if (idiomHere) {
      for (const key of this.splitHeads.get(han.slice(k, k + 2)) ?? []) {
        if (key.length !== 4) continue;
        for (let gap = 2; gap <= 7; gap++) {
          const at = k + 2 + gap;
          if (han[at - 1] !== '的' || !objectAt(key, 2, at) || !noBreak(k, at + 2)) continue;
          const entry = this.lexicon.get(key);
          if (entry) out.push({ entry, length: at + 2 - k });
        }
      }
    }
    return out;
  }

  /** Whether one of `tails` starts at some position in [from, to] of `han` (after 的, if `afterDe`). */
  private tailWithin(han: string, from: number, to: number, tails: PairSet, afterDe: boolean): boolean {
    for (let at = from; at <= to && at < han.length; at++) {
      if (afterDe && han.charCodeAt(at - 1) !== DE) continue;
      if (tails.has(pairCode(han, at))) return true;
    }
    return false;
  }

  /**
   * A four-character idiom cut after its third character at the very end of a text (OCR and copy-paste
   * lose line ends: 谣言终将不攻自…), when the three characters start no other idiom.
   */
  truncatedAt(run: HanRun, k: number): PhraseEntry | undefined {
    if (k + 3 !== run.han.length || !this.lexicon.mayStartKeyAt(run.han, k)) return undefined;
    const prefix = run.han.slice(k, k + 3);
    const known = this.truncations.get(prefix);
    if (known !== undefined) return known ?? undefined;
    const idioms = this.lexicon.withPrefix(prefix).filter((e) => e.key.length === 4 && IDIOM_MARKS.test(e.flags) && !/[Nx]/.test(e.flags));
    const only = idioms.length === 1 ? idioms[0] : undefined;
    if (this.truncations.size >= TRUNCATIONS_LIMIT) this.truncations.clear();
    this.truncations.set(prefix, only ?? null);
    return only;
  }

  static frameOf(han: string, at: number, length: number): string {
    return `${han.slice(at, at + 2)}${han.slice(at + length - 2, at + length)}${length}`;
  }

  /** Entries the text at `run.han[k]` adapts: same ends, one contiguous stretch of one or two swapped. */
  adaptationsAt(run: HanRun, k: number, lexicon: PhraseLexicon): readonly PhraseEntry[] {
    const han = run.han;
    if (!this.starts.has(pairCode(han, k))) return NO_ENTRIES;
    const out: PhraseEntry[] = [];
    for (let length = 5; length <= 8 && k + length <= han.length; length++) {
      if (!this.frameEnds.has(pairCode(han, k + length - 2))) continue;
      const list = this.entries(this.frames.get(FrameIndex.frameOf(han, k, length)));
      if (list.length === 0) continue;
      const written = han.slice(k, k + length);
      if (lexicon.has(written)) continue;
      if (run.softBreaks.some((b) => b > k && b < k + length)) continue;
      for (const e of list) {
        let first = -1;
        let last = -1;
        for (let i = 0; i < length; i++) {
          if (written[i] !== e.key[i]) {
            if (first < 0) first = i;
            last = i;
          }
        }
        const swapped = last - first + 1;
        if (first < 0 || swapped > 2) continue;
        // Every position in the swapped stretch differs: a real slot, not a typo-like partial overlap.
        let allDiffer = true;
        for (let i = first; i <= last; i++) if (written[i] === e.key[i]) allDiffer = false;
        if (!allDiffer) continue;
        out.push(e);
      }
    }
    // Freer: a long idiom's first two characters kept, at least half of it in place, an end character kept
    // (唯恐南海不闹 for 唯恐天下不乱).
    const headHere = this.headStarts.has(pairCode(han, k));
    for (let length = 6; headHere && length <= 8 && k + length <= han.length; length++) {
      const list = this.entries(this.heads.get(`${han.slice(k, k + 2)}${length}`));
      if (list.length === 0) continue;
      const written = han.slice(k, k + length);
      if (lexicon.has(written) || run.softBreaks.some((b) => b > k && b < k + length)) continue;
      for (const e of list) {
        if (out.includes(e)) continue;
        let same = 0;
        let frameWord = false;
        for (let i = 0; i < length; i++) {
          if (written[i] !== e.key[i]) continue;
          same++;
          if (i >= 2 && FRAME_WORDS.includes(written[i] ?? '')) frameWord = true;
        }
        const endKept = written[length - 1] === e.key[length - 1] || written[length - 2] === e.key[length - 2];
        // Half the characters may change only when a function word keeps the frame (唯恐…不…).
        const enough = same >= length / 2 + 1 || (same >= length / 2 && frameWord);
        if (!enough || same === length || !endKept) continue;
        out.push(e);
      }
    }
    return out;
  }
}

/** Marks the build's near-form tables file (and its layout). */
const TABLES_MAGIC = 0x3146524e; // "NRF1"
/** The pair sets in the tables file. */
const SET_COUNT = 6;
type SixSets = [PairSet, PairSet, PairSet, PairSet, PairSet, PairSet];

/** `keys` grouped by `at(key)`, each group in the keys' order. */
function groupBy(keys: readonly string[], at: (key: string) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const group = at(key);
    const list = groups.get(group);
    if (list) list.push(key);
    else groups.set(group, [key]);
  }
  return groups;
}
