// Dictionary look-up over a sentence: every entry of the phrase lexicon that occurs in it (all lengths,
// overlaps included: the detectors judge each one and the resolver keeps the longest), and the near-forms
// a reader still recognises: adaptations of long set phrases (唯恐南海不乱 for 唯恐天下不乱), idioms
// misread by OCR (深人人心), split by inserted words (开历史倒车, 重蹈冲突的覆辙) or cut off at the end
// of a text (不攻自…).
import { TRIE_KEY_END, TRIE_LABEL_CODE, type NearFormIndex, type PhraseEntry, type PhraseLexicon } from '../lexicon/phrases.js';
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
  // Indexed, as the scan's other loops: the first thousands of sentences run before it is optimised.
  const softBreaks = run.softBreaks;
  for (let i = 0; i < softBreaks.length; i++) {
    const b = softBreaks[i] as number;
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
/** The units OCR confuses a unit with, in `CONFUSABLE_WITH`'s order: per unit, 1 + its list's index (0: none). */
const CONFUSABLE_INDEX = new Uint8Array(0x10000);
const CONFUSABLE_ALTS: (readonly number[])[] = [];
for (const [ch, alts] of CONFUSABLE_WITH) {
  CONFUSABLE_ALTS.push(alts.map((a) => a.charCodeAt(0)));
  CONFUSABLE_INDEX[ch.charCodeAt(0)] = CONFUSABLE_ALTS.length;
}
const IDIOM_MARKS = /[Iih]/;
/** Flags of a name or term, or a known non-idiom: not an idiom a text misread or cut short. */
const NOT_IDIOM_MARKS = /[Nx]/;
const NO_ENTRIES: readonly PhraseEntry[] = [];
const NO_SPLITS: readonly { entry: PhraseEntry; length: number }[] = [];
const NO_KEYS: readonly string[] = [];

/** Whether `han` holds the two units of `key` from `from` at `at`. */
function unitsAt(han: string, at: number, key: string, from: number): boolean {
  return han.charCodeAt(at) === key.charCodeAt(from) && han.charCodeAt(at + 1) === key.charCodeAt(from + 1);
}

/** Whether clause punctuation stands inside `run.han[from, to)`. */
function breakWithin(run: HanRun, from: number, to: number): boolean {
  const softBreaks = run.softBreaks;
  for (let i = 0; i < softBreaks.length; i++) {
    const b = softBreaks[i] as number;
    if (b > from && b < to) return true;
  }
  return false;
}
const FRAME_WORD_CODES: readonly number[] = [...'不无未莫非勿没之而以于其'].map((ch) => ch.charCodeAt(0));
const DE = '的'.charCodeAt(0);

const NO_UNITS: readonly number[] = [];


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

/**
 * Which dictionary entries an exact match can come to anything for: the scan makes no exact match of the
 * others. Only exact matches are left out (the near-form matchers read the trie walk, never the matches).
 */
export interface ExactMatchFilter {
  /**
   * Whether an exact match of `entry`, however written, can become a proposal. Asked once per entry and
   * lexicon: the answer must depend on the entry alone.
   */
  mayPropose(entry: PhraseEntry): boolean;
}

/**
 * `exact`: when given, the exact matches of the entries it rules out are not made (most entries a text
 * holds are of no detector's kind: a match made only to be judged away was a third of the scan's time).
 */
export function dictionaryMatches(sentence: string, lexicon: PhraseLexicon, frames: FrameIndex, exact?: ExactMatchFilter): DictionaryMatch[] {
  const found: DictionaryMatch[] = [];
  // A text whose last run of Han characters is not closed by punctuation may have lost its end.
  const sentenceEndsOpen = endsWithHan(sentence);
  const runs = hanRuns(sentence);
  const unitInfo = unitInfoOf(lexicon);
  const nearStarts = frames.startsByStateOf(lexicon);
  // The trie code of 的, which a split idiom's modifier ends with.
  const deCode = lexicon.trieCode(DE);
  // The trie states a walk meets at one position: `path[d]` after d units (up to four, for the OCR
  // variants), and the states where keys end, with their lengths.
  const path = scratch.path;
  if (scratch.keyEnds.length <= lexicon.maxLength) {
    scratch.keyEnds = new Int32Array(lexicon.maxLength + 1);
    scratch.keyLengths = new Int32Array(lexicon.maxLength + 1);
  }
  const keyEnds = scratch.keyEnds;
  const keyLengths = scratch.keyLengths;
  const fates = keyFatesOf(lexicon, exact);
  const { bases: trieBases, labels: trieLabels, firstCodes } = lexicon.trieArrays();
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r] as HanRun;
    const lastRun = r === runs.length - 1;
    const han = run.han;
    const units = han.length;
    // The units' trie codes and OCR-confusable marks, looked up once for all the walks over the run.
    if (scratch.codes.length < units) scratch.codes = new Uint16Array(2 * units);
    const codes = scratch.codes;
    for (let i = 0; i < units; i++) codes[i] = unitInfo[han.charCodeAt(i)] as number;
    // Bit i: the unit at k + i is OCR-confusable (i < 4), kept up to date as k moves on.
    let confusables = 0;
    for (let i = 0; i < 3 && i < units; i++) if (((codes[i] ?? 0) & CONFUSABLE_BIT) !== 0) confusables |= 2 << i;
    for (let k = 0; k + 2 <= units; k++) {
      confusables = (confusables >>> 1) | (k + 3 < units && ((codes[k + 3] ?? 0) & CONFUSABLE_BIT) !== 0 ? 8 : 0);
      // One walk of the key trie from k: every key the text holds from here, shortest first, and how far
      // some key still went along (`depth`: at least 2 when a key starts with these two units).
      // The trie stepped inline (`PhraseLexicon.trieArrays`): the first state is the first unit's code.
      let state = (codes[k] as number) & CODE_BITS;
      let depth = 0;
      let keys = 0;
      let keyLengthBits = 0;
      if (state !== 0 && state <= firstCodes) {
        depth = 1;
        path[1] = state;
        for (let at = k + 1; at < units; at++) {
          const code = (codes[at] as number) & CODE_BITS;
          if (code === 0) break;
          const next = (trieBases[state] as number) + code;
          const label = trieLabels[next] as number;
          if ((label & TRIE_LABEL_CODE) !== code) break;
          state = next;
          depth++;
          if (depth <= 4) path[depth] = state;
          if ((label & TRIE_KEY_END) !== 0) {
            // Every key counts for the near-forms (`keyLengthBits`); only the keys that may be matched
            // are matched.
            if (depth < 31) keyLengthBits |= 1 << depth;
            if ((fates[state] ?? 0) !== KEY_NEVER_MATCHED && keyFate(fates, state, depth, lexicon, exact) === KEY_MATCHED) {
              keyEnds[keys] = state;
              keyLengths[keys] = depth;
              keys++;
            }
          }
        }
      }
      if (keys > 0) pushKeyMatches(found, sentence, run, k, keys, lexicon);
      // A misread unit in the window [k, k + 4) can only be one after which a key still went on (at an
      // offset up to `depth`).
      const swappable = k + 4 <= units ? confusables & ((2 << Math.min(depth, 3)) - 1) : 0;
      // And every other unit of the window is one some key holds: the units before a swap at i are (the
      // walk went past them), so the units no key holds must be none, or that one unit alone.
      const misreadable = swappable !== 0 && ocrSwapPossible(codes, k, swappable);
      // The window itself a key: no misreading of another.
      if (misreadable && !(depth >= 4 && lexicon.trieKeyEnds(path[4] ?? 0))) pushOcrVariants(found, run, k, depth, lexicon, codes);
      // Only the last three units of an open text can be an idiom cut short.
      const truncatable = sentenceEndsOpen && lastRun && k + 3 === units;
      // Which near-form matchers can start here, from the trie states after the first unit (split
      // verb-object phrases) and the first two (split idioms, adaptations): most positions start none.
      // A verb-object phrase split only where some phrase's object may follow the verb.
      const verbHere = depth >= 1 && ((nearStarts[path[1] ?? 0] ?? 0) & VERB_START) !== 0 && frames.objectMayStart(codes, k + 2, Math.min(k + 6, units));
      let pairHere = depth >= 2 ? (nearStarts[path[2] ?? 0] ?? 0) & (SPLIT_IDIOM_START | ADAPTATION_START) : 0;
      // A split idiom's modifier (two to seven characters) ends in 的, before its second half.
      if ((pairHere & SPLIT_IDIOM_START) !== 0 && deCode !== 0 && !codeWithin(codes, deCode, k + 3, Math.min(k + 9, units))) pairHere &= ~SPLIT_IDIOM_START;
      if (truncatable || verbHere || pairHere !== 0) pushNearForms(found, sentence, run, k, truncatable, verbHere, pairHere, path[2] ?? 0, keyLengthBits, lexicon, frames);
    }
  }
  return found;
}

/**
 * The matches of the `keys` keys the walk from `run.han[k]` met (their trie states and lengths in
 * `scratch.keyEnds` and `scratch.keyLengths`, shortest first), longest first. Apart from the scan's loop,
 * as `pushNearForms` is.
 */
function pushKeyMatches(found: DictionaryMatch[], sentence: string, run: HanRun, k: number, keys: number, lexicon: PhraseLexicon): void {
  const keyEnds = scratch.keyEnds;
  const keyLengths = scratch.keyLengths;
  for (let i = keys - 1; i >= 0; i--) {
    // An entry of `KEY_MATCHED` state (`keyFate`).
    const entry = lexicon.trieEntry(keyEnds[i] ?? 0) as PhraseEntry;
    const length = keyLengths[i] ?? 0;
    if (!breaksAllowed(run, k, k + length, entry)) continue;
    const { start, end } = spanOf(run, k, k + length);
    // Written without anything between its characters, the match reads as its key (which it equals).
    const text = entry.breaks.length > 0 ? entry.text : end - start === length ? entry.key : displayText(sentence.slice(start, end));
    found.push({ entry, key: entry.key, start, end, text });
  }
}

/**
 * The near-forms starting at `run.han[k]`, in this order: an idiom cut short at the text's end (when
 * `truncatable`), split phrases (a verb-object phrase when `verbHere`, an idiom when `pairHere` has
 * `SPLIT_IDIOM_START`), adaptations (when it has `ADAPTATION_START`). `pairState`: the trie state after the
 * two units at k; `keyLengths`: bit n set when a key of n units starts at k. Apart from the scan's loop:
 * few positions get here, and the scan's code stays small and is not thrown away when these rare paths
 * are first taken.
 */
function pushNearForms(
  found: DictionaryMatch[],
  sentence: string,
  run: HanRun,
  k: number,
  truncatable: boolean,
  verbHere: boolean,
  pairHere: number,
  pairState: number,
  keyLengths: number,
  lexicon: PhraseLexicon,
  frames: FrameIndex,
): void {
  const han = run.han;
  const truncated = truncatable ? frames.truncatedAt(run, k) : undefined;
  if (truncated && !lexicon.hasAt(han, k, 3)) {
    const { start, end } = spanOf(run, k, k + 3);
    found.push({ entry: truncated, key: truncated.key, start, end, text: truncated.text, variant: 'truncated' });
  }
  if (verbHere || (pairHere & SPLIT_IDIOM_START) !== 0) {
    const splits = frames.splitsAt(run, k, verbHere, lexicon, (pairHere & SPLIT_IDIOM_START) !== 0 ? pairState : -1);
    for (let i = 0; i < splits.length; i++) {
      const split = splits[i] as { entry: PhraseEntry; length: number };
      const { start, end } = spanOf(run, k, k + split.length);
      found.push({ entry: split.entry, key: han.slice(k, k + split.length), start, end, text: matchText(sentence, run, k, k + split.length), variant: 'split' });
    }
  }
  if ((pairHere & ADAPTATION_START) !== 0) {
    const adaptations = frames.adaptationsAt(run, k, lexicon, pairState, keyLengths);
    for (let i = 0; i < adaptations.length; i++) {
      const adapted = adaptations[i] as PhraseEntry;
      const length = adapted.key.length;
      const { start, end } = spanOf(run, k, k + length);
      found.push({ entry: adapted, key: han.slice(k, k + length), start, end, text: matchText(sentence, run, k, k + length), adapted: true });
    }
  }
}

/** `keyFate` of a key-trie state: not decided yet, no match ever made of its key, or matches made. */
const KEY_UNDECIDED = 0;
const KEY_NEVER_MATCHED = 1;
const KEY_MATCHED = 2;

/**
 * Whether a key that ends at trie state `state` (after `length` units) is matched exactly, decided on its
 * first sight and remembered in `fates`: not when the state holds no entry, when the key is of two units and
 * not on the project's lists, or when `exact` rules the entry out.
 */
function keyFate(fates: Uint8Array, state: number, length: number, lexicon: PhraseLexicon, exact: ExactMatchFilter | undefined): number {
  let fate = fates[state] ?? KEY_UNDECIDED;
  if (fate === KEY_UNDECIDED) {
    const entry = lexicon.trieEntry(state);
    const matched = entry !== undefined && (length >= 3 || HAND_FLAGS.test(entry.flags)) && (exact === undefined || exact.mayPropose(entry));
    fate = matched ? KEY_MATCHED : KEY_NEVER_MATCHED;
    fates[state] = fate;
  }
  return fate;
}

/** `keyFate`'s tables, per lexicon and filter (`null`: none). */
const keyFateTables = new WeakMap<PhraseLexicon, Map<ExactMatchFilter | null, Uint8Array>>();
let lastFates: { lexicon: PhraseLexicon; exact: ExactMatchFilter | undefined; fates: Uint8Array } | undefined;

function keyFatesOf(lexicon: PhraseLexicon, exact: ExactMatchFilter | undefined): Uint8Array {
  if (lastFates?.lexicon === lexicon && lastFates.exact === exact) return lastFates.fates;
  let byFilter = keyFateTables.get(lexicon);
  if (!byFilter) {
    byFilter = new Map<ExactMatchFilter | null, Uint8Array>();
    keyFateTables.set(lexicon, byFilter);
  }
  let fates = byFilter.get(exact ?? null);
  if (!fates) {
    fates = new Uint8Array(lexicon.trieStates);
    byFilter.set(exact ?? null, fates);
  }
  lastFates = { lexicon, exact, fates };
  return fates;
}

/** In `unitInfoOf`'s table: the unit's trie code, and whether OCR confuses it with another. */
const CODE_BITS = 0x7fff;
const CONFUSABLE_BIT = 0x8000;
let infoLexicon: PhraseLexicon | undefined;
let lexiconUnitInfo: Uint16Array = new Uint16Array(0x10000);

/** Per UTF-16 unit, its code in the lexicon's key trie and `CONFUSABLE_BIT`: one read per unit of a text. */
function unitInfoOf(lexicon: PhraseLexicon): Uint16Array {
  if (infoLexicon !== lexicon) {
    lexiconUnitInfo = lexicon.trieUnitCodes();
    for (const ch of CONFUSABLE_WITH.keys()) lexiconUnitInfo[ch.charCodeAt(0)] = (lexiconUnitInfo[ch.charCodeAt(0)] ?? 0) | CONFUSABLE_BIT;
    infoLexicon = lexicon;
  }
  return lexiconUnitInfo;
}

/** Whether the unit of trie code `code` (not 0) is in `codes[from, to)`, codes as `unitInfoOf` gives them. */
function codeWithin(codes: Uint16Array, code: number, from: number, to: number): boolean {
  for (let at = from; at < to; at++) if (((codes[at] ?? 0) & CODE_BITS) === code) return true;
  return false;
}

function pushEntry(list: PhraseEntry[], entry: PhraseEntry | undefined): void {
  if (entry) list.push(entry);
}

/**
 * Whether some unit of the window of four at `k` marked in `swappable` (bit i: the unit at k + i) is the
 * only unit of the window that no key holds, or no unit is: a swap elsewhere leaves a unit no key holds.
 */
function ocrSwapPossible(codes: Uint16Array, k: number, swappable: number): boolean {
  let unknown = 0;
  for (let i = 0; i < 4; i++) if (((codes[k + i] ?? 0) & CODE_BITS) === 0) unknown |= 1 << i;
  return unknown === 0 || ((unknown & (unknown - 1)) === 0 && (swappable & unknown) !== 0);
}

/** Scratch arrays of `dictionaryMatches` (one call at a time: it is not re-entered). */
const scratch = { path: new Int32Array(5), keyEnds: new Int32Array(0), keyLengths: new Int32Array(0), codes: new Uint16Array(256) };

/**
 * The idioms the four units at `k` (one of them OCR-confusable, and not themselves a key) may be a
 * misreading of, in the order of the swapped position, then of the confusable characters. `depth`: how far
 * the trie walk from k went (`scratch.path` holds its states), so a swap at i is tried only where the
 * units before it start some key; `codes`: the run's units as `unitInfoOf` gives them.
 */
function pushOcrVariants(found: DictionaryMatch[], run: HanRun, k: number, depth: number, lexicon: PhraseLexicon, codes: Uint16Array): void {
  const han = run.han;
  const path = scratch.path;
  for (let i = 0; i < 4 && i <= depth; i++) {
    if (((codes[k + i] ?? 0) & CONFUSABLE_BIT) === 0) continue;
    for (const alt of CONFUSABLE_ALTS[(CONFUSABLE_INDEX[han.charCodeAt(k + i)] ?? 0) - 1] ?? NO_UNITS) {
      let state = i === 0 ? lexicon.trieFirst(alt) : lexicon.trieStep(path[i] ?? 0, alt);
      for (let j = i + 1; j < 4 && state >= 0; j++) {
        const code = (codes[k + j] ?? 0) & CODE_BITS;
        state = code === 0 ? -1 : lexicon.trieStepCode(state, code);
      }
      const entry = state >= 0 ? lexicon.trieEntry(state) : undefined;
      if (!entry || !IDIOM_MARKS.test(entry.flags) || NOT_IDIOM_MARKS.test(entry.flags)) continue;
      if (breakWithin(run, k, k + 4)) continue;
      const { start, end } = spanOf(run, k, k + 4);
      found.push({ entry, key: entry.key, start, end, text: entry.text, variant: 'ocr' });
    }
  }
}

/** `FrameIndex.startsByStateOf` bits: a split-able idiom, or a phrase `adaptationsAt` looks for, starts so. */
const SPLIT_IDIOM_START = 1;
const TRUNCATIONS_LIMIT = 20_000;
const ADAPTATION_START = 2;
/** `FrameIndex.startsByStateOf` bit of a state after one unit: a verb-object phrase starts so. */
const VERB_START = 4;

/**
 * The near-forms' phrases (long set phrases adapted with a slot swapped, verb-object phrases and idioms
 * split by inserted words) by the key-trie state of their first one or two units, so that a position of a
 * text learns from the walk it already made whether any of them starts there.
 */
export class FrameIndex {
  /** The verb-object phrases by their first unit, in the keys' order. */
  private readonly verbObjectsByUnit = new Map<number, string[]>();
  /** By trie code (in `stateLexicon`), 1 for the first unit of a verb-object phrase's object. */
  private objectFirstCodes: Uint8Array = new Uint8Array(CODE_BITS + 1);
  /**
   * By state of the key trie of `stateLexicon`: `SPLIT_IDIOM_START` and `ADAPTATION_START` for the states
   * after a phrase's first two units, `VERB_START` for those after a verb-object phrase's verb.
   */
  private stateStarts: Uint8Array | undefined;
  /**
   * Per key of `frames`, `heads` and `splittable` (in that order, numbered so), its state after two units
   * (-1: none); and the numbers of the keys that have one, ordered by state, then number.
   */
  private keyStates: Int32Array | undefined;
  private keysByState: Int32Array | undefined;
  private stateLexicon: PhraseLexicon | undefined;
  /** The keys by state, as they are asked for (a binary search of `keysByState` each). */
  private groupsByState = new Map<number, StartGroup>();
  /** `truncatedAt`'s dictionary answers by three-character prefix (a bounded memo of look-ups). */
  private readonly truncations = new Map<string, PhraseEntry | null>();

  /**
   * `tables`: the state tables the build wrote for these keys and `lexicon` (`FrameIndex.tables`), so that
   * no run walks thousands of keys; made on first use when absent or not theirs.
   */
  constructor(
    private readonly keys: Omit<NearFormIndex, 'quotationParts'>,
    private readonly lexicon: PhraseLexicon,
    tables?: Int32Array,
  ) {
    for (const key of keys.verbObject) {
      if (key.length === 0) continue;
      const list = this.verbObjectsByUnit.get(key.charCodeAt(0));
      if (list) list.push(key);
      else this.verbObjectsByUnit.set(key.charCodeAt(0), [key]);
    }
    const read = tables ? this.readTables(tables) : undefined;
    if (read) {
      this.stateStarts = read.starts;
      this.keyStates = read.keyStates;
      this.keysByState = read.keysByState;
      this.stateLexicon = lexicon;
      this.objectFirstCodes = this.objectCodes(lexicon);
    }
  }

  /** The state tables as one array of words, for the build to write (read back by the constructor). */
  tables(): Int32Array {
    const starts = this.startsByStateOf(this.lexicon);
    const keyStates = this.keyStates ?? new Int32Array(0);
    const keysByState = this.keysByState ?? new Int32Array(0);
    const header = [TABLES_MAGIC, ...this.keyCounts(), this.lexicon.size, starts.length, keysByState.length];
    const startWords = Math.ceil(starts.length / 4);
    const out = new Int32Array(header.length + startWords + keyStates.length + keysByState.length);
    out.set(header);
    new Uint8Array(out.buffer, 4 * header.length, starts.length).set(starts);
    out.set(keyStates, header.length + startWords);
    out.set(keysByState, header.length + startWords + keyStates.length);
    return out;
  }

  private keyCounts(): number[] {
    return [this.keys.frames.length, this.keys.heads.length, this.keys.verbObject.length, this.keys.splittable.length];
  }

  /** The tables `tables()` wrote for the same keys and lexicon, or undefined when these words are not them. */
  private readTables(words: Int32Array): { starts: Uint8Array; keyStates: Int32Array; keysByState: Int32Array } | undefined {
    const counts = this.keyCounts();
    const headerLength = 1 + counts.length + 3;
    if (words.length < headerLength || words[0] !== TABLES_MAGIC || counts.some((n, i) => words[1 + i] !== n)) return undefined;
    const states = this.lexicon.trieStates;
    if (words[1 + counts.length] !== this.lexicon.size || words[2 + counts.length] !== states) return undefined;
    const startWords = Math.ceil(states / 4);
    const keyCount = this.keys.frames.length + this.keys.heads.length + this.keys.splittable.length;
    const withState = words[3 + counts.length] ?? -1;
    if (withState < 0 || withState > keyCount || words.length !== headerLength + startWords + keyCount + withState) return undefined;
    const keysAt = headerLength + startWords;
    return {
      starts: new Uint8Array(words.buffer, words.byteOffset + 4 * headerLength, states),
      keyStates: words.subarray(keysAt, keysAt + keyCount),
      keysByState: words.subarray(keysAt + keyCount),
    };
  }

  /**
   * By state of `lexicon`'s key trie: `SPLIT_IDIOM_START` and `ADAPTATION_START` bits of the phrases that
   * start with the two units of the state, `VERB_START` when the state is that of one unit that starts a
   * verb-object phrase (0: none).
   */
  startsByStateOf(lexicon: PhraseLexicon): Uint8Array {
    if (this.stateLexicon !== lexicon || !this.stateStarts) {
      this.stateStarts = this.startsByState(lexicon);
      this.objectFirstCodes = this.objectCodes(lexicon);
      this.groupsByState = new Map<number, StartGroup>();
      this.stateLexicon = lexicon;
    }
    return this.stateStarts;
  }

  /**
   * The `frames` and `heads` entries and split-able idioms whose keys start with the two units of trie state
   * `state`; the entries looked up on the group's first use (a cold start pays for those of its text only).
   */
  private startGroup(lexicon: PhraseLexicon, state: number): StartGroup | undefined {
    this.startsByStateOf(lexicon);
    let group = this.groupsByState.get(state);
    if (!group) {
      group = this.groupOf(state);
      this.groupsByState.set(state, group);
    }
    return group;
  }

  private groupOf(state: number): StartGroup {
    const keyStates = this.keyStates ?? new Int32Array(0);
    const keysByState = this.keysByState ?? new Int32Array(0);
    const stateOf = (i: number): number => keyStates[keysByState[i] ?? 0] ?? -1;
    // The first key of the state, then its keys in their order (frames, heads, split-able idioms).
    let lo = 0;
    let hi = keysByState.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (stateOf(mid) < state) lo = mid + 1;
      else hi = mid;
    }
    const frames = this.keys.frames.length;
    const heads = frames + this.keys.heads.length;
    const group: StartGroup = { frames: [], heads: [], splitIdioms: [] };
    // Entries as the phrase index's own lexicon gives them.
    for (let i = lo; i < keysByState.length && stateOf(i) === state; i++) {
      const n = keysByState[i] ?? 0;
      if (n < frames) pushEntry(group.frames, this.lexicon.get(this.keys.frames[n] ?? ''));
      else if (n < heads) pushEntry(group.heads, this.lexicon.get(this.keys.heads[n - frames] ?? ''));
      else {
        const key = this.keys.splittable[n - heads] ?? '';
        if (key.length === 4) group.splitIdioms.push(key);
      }
    }
    // By length (a stable sort: the keys' order within a length), as `adaptationsAt` reads them.
    group.frames.sort((x, y) => x.key.length - y.key.length);
    group.heads.sort((x, y) => x.key.length - y.key.length);
    return group;
  }

  /** `stateStarts` for `lexicon`, and `keyStates` beside it. */
  private startsByState(lexicon: PhraseLexicon): Uint8Array {
    const starts = new Uint8Array(lexicon.trieStates);
    const keyStates = new Int32Array(this.keys.frames.length + this.keys.heads.length + this.keys.splittable.length).fill(-1);
    let at = 0;
    for (const [keys, bit] of [[this.keys.frames, ADAPTATION_START], [this.keys.heads, ADAPTATION_START], [this.keys.splittable, SPLIT_IDIOM_START]] as const) {
      for (const key of keys) {
        const first = key.length < 2 ? -1 : lexicon.trieFirst(key.charCodeAt(0));
        const state = first < 0 ? -1 : lexicon.trieStep(first, key.charCodeAt(1));
        keyStates[at++] = state;
        if (state >= 0) starts[state] = (starts[state] ?? 0) | bit;
      }
    }
    // A verb-object phrase is matched from its first unit, its trie state the root's child (a phrase of
    // the lexicon has one).
    for (const key of this.keys.verbObject) {
      const state = key.length > 0 ? lexicon.trieFirst(key.charCodeAt(0)) : -1;
      if (state >= 0) starts[state] = (starts[state] ?? 0) | VERB_START;
    }
    this.keyStates = keyStates;
    const numbers = Array.from(keyStates.keys()).filter((n) => (keyStates[n] ?? -1) >= 0);
    this.keysByState = Int32Array.from(numbers.sort((a, b) => (keyStates[a] ?? 0) - (keyStates[b] ?? 0) || a - b));
    return starts;
  }

  /** `objectFirstCodes` for `lexicon`. */
  private objectCodes(lexicon: PhraseLexicon): Uint8Array {
    const codes = new Uint8Array(CODE_BITS + 1);
    for (const key of this.keys.verbObject) {
      const code = key.length > 1 ? lexicon.trieCode(key.charCodeAt(1)) : 0;
      if (code !== 0) codes[code] = 1;
    }
    return codes;
  }

  static empty(lexicon: PhraseLexicon): FrameIndex {
    return new FrameIndex({ frames: [], heads: [], verbObject: [], splittable: [] }, lexicon);
  }

  /**
   * Set phrases with words inserted where speakers insert them: a verb-object 惯用语 around its object's
   * modifier (开历史倒车 for 开倒车), a four-character idiom around a modifier ending in 的 (重蹈冲突的覆辙).
   * `verbStarts`: whether to look for a verb-object phrase starting at k; `idiomState`: the state of
   * `lexicon`'s key trie after the two units at k, when a split idiom may start there (else -1).
   */
  splitsAt(run: HanRun, k: number, verbStarts: boolean, lexicon: PhraseLexicon, idiomState: number): readonly { entry: PhraseEntry; length: number }[] {
    const han = run.han;
    let out: { entry: PhraseEntry; length: number }[] | undefined;
    // The phrase's object (its last two characters) one to four characters after the verb.
    for (const key of verbStarts ? (this.verbObjectsByUnit.get(han.charCodeAt(k)) ?? NO_KEYS) : NO_KEYS) {
      if (key.length !== 3) continue;
      for (let gap = 1; gap <= 4; gap++) {
        const at = k + 1 + gap;
        // Past the run's end (reads there would give NaN, and cost optimised code a bailout).
        if (at + 2 > han.length) break;
        if (!unitsAt(han, at, key, 1) || breakWithin(run, k, at + 2)) continue;
        const entry = this.lexicon.get(key);
        if (entry) (out ??= []).push({ entry, length: at + 2 - k });
      }
    }
    // The idiom's second half after a modifier of two to seven characters ending in 的.
    const idioms = idiomState >= 0 ? (this.startGroup(lexicon, idiomState)?.splitIdioms ?? NO_KEYS) : NO_KEYS;
    for (const key of idioms) {
      for (let gap = 2; gap <= 7; gap++) {
        const at = k + 2 + gap;
        if (at + 2 > han.length) break;
        if (han.charCodeAt(at - 1) !== DE || !unitsAt(han, at, key, 2) || breakWithin(run, k, at + 2)) continue;
        const entry = this.lexicon.get(key);
        if (entry) (out ??= []).push({ entry, length: at + 2 - k });
      }
    }
    return out ?? NO_SPLITS;
  }

  /**
   * Whether a verb-object phrase's object may start in `codes[from, to)` (its first unit is there), the
   * units given by their trie codes (`unitInfoOf`; the object of a phrase of the lexicon has one): most
   * verbs are followed by none.
   */
  objectMayStart(codes: Uint16Array, from: number, to: number): boolean {
    const objects = this.objectFirstCodes;
    for (let at = from; at < to; at++) if (objects[(codes[at] ?? 0) & CODE_BITS] === 1) return true;
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
    const idioms = this.lexicon.withPrefix(prefix).filter((e) => e.key.length === 4 && IDIOM_MARKS.test(e.flags) && !NOT_IDIOM_MARKS.test(e.flags));
    const only = idioms.length === 1 ? idioms[0] : undefined;
    if (this.truncations.size >= TRUNCATIONS_LIMIT) this.truncations.clear();
    this.truncations.set(prefix, only ?? null);
    return only;
  }



  /**
   * Entries the text at `run.han[k]` adapts: same ends, one contiguous stretch of one or two swapped.
   * `startState`: the state of `lexicon`'s key trie after the two units at k; `keyLengths`: bit n set when
   * the text from k holds a key of n units (under 31), as the walk from k found.
   */
  adaptationsAt(run: HanRun, k: number, lexicon: PhraseLexicon, startState: number, keyLengths: number): readonly PhraseEntry[] {
    const han = run.han;
    const group = this.startGroup(lexicon, startState);
    if (!group) return NO_ENTRIES;
    let out: PhraseEntry[] | undefined;
    // The group's lists are in order of length, so a length's checks of the written form are made once,
    // before its first candidate, as the per-length loops they replace made them.
    let checked = 0;
    let writtenFits = false;
    for (const e of group.frames) {
      const length = e.key.length;
      if (length < 5) continue;
      if (length > 8 || k + length > han.length) break;
      // Same frame: the phrase ends as the text does.
      if (e.key.charCodeAt(length - 2) !== han.charCodeAt(k + length - 2) || e.key.charCodeAt(length - 1) !== han.charCodeAt(k + length - 1)) continue;
      if (length !== checked) {
        checked = length;
        // Not itself a key, and no clause break inside.
        writtenFits = (keyLengths & (1 << length)) === 0 && !breakWithin(run, k, k + length);
      }
      if (!writtenFits) continue;
      let first = -1;
      let last = -1;
      for (let i = 0; i < length; i++) {
        if (han.charCodeAt(k + i) !== e.key.charCodeAt(i)) {
          if (first < 0) first = i;
          last = i;
        }
      }
      const swapped = last - first + 1;
      if (first < 0 || swapped > 2) continue;
      // Every position in the swapped stretch differs: a real slot, not a typo-like partial overlap.
      let allDiffer = true;
      for (let i = first; i <= last; i++) if (han.charCodeAt(k + i) === e.key.charCodeAt(i)) allDiffer = false;
      if (!allDiffer) continue;
      (out ??= []).push(e);
    }
    // Freer: a long idiom's first two characters kept, at least half of it in place, an end character kept
    // (唯恐南海不闹 for 唯恐天下不乱).
    checked = 0;
    for (const e of group.heads) {
      const length = e.key.length;
      if (length < 6) continue;
      if (length > 8 || k + length > han.length) break;
      if (length !== checked) {
        checked = length;
        writtenFits = (keyLengths & (1 << length)) === 0 && !breakWithin(run, k, k + length);
      }
      if (!writtenFits || out?.includes(e)) continue;
      let same = 0;
      let frameWord = false;
      for (let i = 0; i < length; i++) {
        const unit = han.charCodeAt(k + i);
        if (unit !== e.key.charCodeAt(i)) continue;
        same++;
        if (i >= 2 && FRAME_WORD_CODES.includes(unit)) frameWord = true;
      }
      const endKept = han.charCodeAt(k + length - 1) === e.key.charCodeAt(length - 1) || han.charCodeAt(k + length - 2) === e.key.charCodeAt(length - 2);
      // Half the characters may change only when a function word keeps the frame (唯恐…不…).
      const enough = same >= length / 2 + 1 || (same >= length / 2 && frameWord);
      if (!enough || same === length || !endKept) continue;
      (out ??= []).push(e);
    }
    return out ?? NO_ENTRIES;
  }
}

/** Marks the build's near-form tables file (and its layout). */
const TABLES_MAGIC = 0x3246524e; // "NRF2"

/** The `frames` and `heads` phrases that start with the same two units. */
interface StartGroup {
  /** Entries of the `frames` and `heads` phrases, by length, in the keys' order within a length. */
  frames: PhraseEntry[];
  heads: PhraseEntry[];
  /** Keys of the split-able four-character idioms. */
  splitIdioms: string[];
}

