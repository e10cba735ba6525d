// The sentence as the detectors read it, from one pass over its units: runs of Han characters, clauses,
// and the trigger characters it holds (triggers.ts). In a run, clause punctuation (，、；：) is remembered
// as a soft break, so a phrase written `山川异域、风月同天` still matches its dictionary key; anything else
// (quotation marks, full stops, Latin letters, digits) ends the run. A clause ends at any punctuation or
// quotation mark.

export interface HanRun {
  /** The run's Han characters, clause punctuation removed. */
  han: string;
  /**
   * The run's stretches of adjacent characters, as pairs: where each starts in `han`, and where in the
   * sentence (`han[k]` of a stretch starting at [h, t] stands at t + k - h).
   */
  stretches: number[];
  /** Positions k in `han` where clause punctuation stood just before `han[k]`. */
  softBreaks: number[];
}

import { UNIT_TRIGGERS } from './triggers.js';

const HAN = /\p{Script=Han}/u;
export const CLAUSE_PUNCTUATION = /[，、；：,;:]/;

export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

// The Han test per code point, remembered (a regular expression per character was a tenth of detection):
// 0 not known yet, IS_HAN, or 2.
const HAN_BMP = new Uint8Array(0x10000);
const IS_HAN = 1;
const HAN_ASTRAL = new Map<number, boolean>();

export function isHanCode(cp: number): boolean {
  if (cp < 0x10000) {
    let known = HAN_BMP[cp] ?? 0;
    if (known === 0) {
      known = HAN.test(String.fromCharCode(cp)) ? 1 : 2;
      HAN_BMP[cp] = known;
    }
    return known === 1;
  }
  let known = HAN_ASTRAL.get(cp);
  if (known === undefined) {
    known = HAN.test(String.fromCodePoint(cp));
    HAN_ASTRAL.set(cp, known);
  }
  return known;
}

/** The units a regular expression's `\s` matches. */
export function isJsSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const CLAUSE_PUNCTUATION_CODES = new Uint8Array(0x10000);
for (const ch of '，、；：,;:') CLAUSE_PUNCTUATION_CODES[ch.charCodeAt(0)] = 1;
const SPACE = 0x20;
const IDEOGRAPHIC_SPACE = 0x3000;
/** What ends a clause: clause and sentence punctuation, and quotation marks. */
const CLAUSE_BOUNDARY_CODES = new Uint8Array(0x10000);
for (const ch of '，、；：,;:。！？!?“”「」『』"') CLAUSE_BOUNDARY_CODES[ch.charCodeAt(0)] = 1;
const LEFT_DOUBLE = 0x201c;
const RIGHT_DOUBLE = 0x201d;
const LEFT_CORNER = 0x300c;
const RIGHT_CORNER = 0x300d;
const LEFT_WHITE_CORNER = 0x300e;
const RIGHT_WHITE_CORNER = 0x300f;
const STRAIGHT_QUOTE = 0x22;

/** A clause of a sentence as the couplet and classical-line detectors read it. */
export interface ClauseText {
  /** Its Han characters. */
  readonly han: string;
  /** [start, end) in the sentence, from its first Han character to the end of its last Han unit. */
  readonly start: number;
  readonly end: number;
  /** Whether it sits inside quotation marks. */
  readonly quoted: boolean;
}

/**
 * A clause between two clause boundaries of a sentence. Its Han characters are cut out of the sentence
 * only when asked for: most clauses are only measured (`hanLength`) and never read.
 *
 * Clauses are reused from sentence to sentence (a pass over the corpus used to make three hundred thousand
 * of them): one is valid until the scan of another sentence (`clausesWithOffsets`), and nobody may keep it
 * past that or change it. Its fields are set only by `scan`.
 */
export class Clause implements ClauseText {
  private text: string | undefined = undefined;
  private sentence = '';
  /** [rawStart, rawEnd): the whole clause, boundary to boundary. */
  rawStart = 0;
  rawEnd = 0;
  /** Every unit of the raw clause is Han (its Han characters are the raw clause itself). */
  allHan = false;
  /** The length of `han`, in UTF-16 units. */
  hanLength = 0;
  start = 0;
  end = 0;
  quoted = false;

  /** The clause as `scan` finds it (its Han text forgotten). */
  set(sentence: string, rawStart: number, rawEnd: number, allHan: boolean, hanLength: number, start: number, end: number, quoted: boolean): this {
    this.text = undefined;
    this.sentence = sentence;
    this.rawStart = rawStart;
    this.rawEnd = rawEnd;
    this.allHan = allHan;
    this.hanLength = hanLength;
    this.start = start;
    this.end = end;
    this.quoted = quoted;
    return this;
  }

  get han(): string {
    this.text ??= this.allHan ? this.sentence.slice(this.rawStart, this.rawEnd) : hanWithin(this.sentence, this.rawStart, this.rawEnd);
    return this.text;
  }
}

/**
 * The code point starting with `unit` at `text[i]` (not past `end`): its width in units, positive when it
 * is Han, negative when not. A surrogate alone is one unit and not Han.
 */
function hanStep(text: string, i: number, unit: number, end: number): number {
  if (unit < FIRST_HAN_UNIT) return -1;
  if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < end) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return isHanCode(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)) ? 2 : -2;
  }
  return isHanCode(unit) ? 1 : -1;
}

/**
 * `text[start, end)` narrowed to begin and end with a Han character, stepping over whole code points: a Han
 * character outside the BMP at either edge stays in (its two units are not Han one by one).
 */
export function trimToHan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end) {
    const cp = text.codePointAt(start) ?? 0;
    if (isHanCode(cp)) break;
    start += cp > 0xffff ? 2 : 1;
  }
  while (end > start) {
    const low = text.charCodeAt(end - 1);
    const high = end - 2 >= start ? text.charCodeAt(end - 2) : 0;
    const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
    if (isHanCode(pair ? 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00) : low)) break;
    end -= pair ? 2 : 1;
  }
  return { start, end };
}

/**
 * The Han characters of `text[from, to)`, as `hanOnly` of that slice keeps them (code point by code point,
 * a surrogate alone is not Han), without its regular expression: the stretches of Han are cut out and joined.
 */
function hanWithin(text: string, from: number, to: number): string {
  let han = '';
  let stretch = -1;
  for (let i = from; i < to; ) {
    const step = hanStep(text, i, text.charCodeAt(i), to);
    const isHan = step > 0;
    const width = isHan ? step : -step;
    if (isHan) {
      if (stretch < 0) stretch = i;
    } else if (stretch >= 0) {
      han += text.slice(stretch, i);
      stretch = -1;
    }
    i += width;
  }
  if (stretch >= 0) han += text.slice(stretch, to);
  return han;
}

/** What one pass over a sentence learns, for every detector of the sentence. */
interface SentenceScan {
  text: string;
  runs: HanRun[];
  clauses: Clause[];
  /** The OR of the `triggerFor` bits of its units. */
  triggers: number;
}

// The detectors of a sentence ask in turn (the dictionary and the quotation parts for its runs, the
// couplets and classical lines for its clauses, most detectors for its triggers): the last scan is kept.
const last: SentenceScan = { text: '', runs: [], clauses: [], triggers: 0 };
/** The clauses `scan` hands out, reused: the n-th clause of a sentence is always `clausePool[n]`. */
const clausePool: Clause[] = [];

/** Below this unit nothing is Han (the CJK radicals start the script's range). */
const FIRST_HAN_UNIT = 0x2e80;

/**
 * The sentence's runs of Han characters, its clauses and its trigger bits, in one pass over its units: the
 * passes the detectors used to make each on its own (a tenth of detection) were mostly the cost of reading
 * every unit.
 */
function scan(text: string): SentenceScan {
  if (text === last.text) return last;
  // The lists of the last scan are refilled: they are valid, like the clauses, until the next scan.
  const runs = last.runs;
  const clauses = last.clauses;
  let runCount = 0;
  let clauseCount = 0;
  let triggers = 0;
  // The run being read. Its characters are stretches of the sentence, joined once they are all known.
  let current: HanRun | null = null;
  let han = '';
  let stretchStart = -1;
  let length = 0;
  let pendingBreak = false;
  // The clause being read: where it starts, whether it sits in quotation marks, its first Han character,
  // whether all of it is Han, the end of its last Han unit (unit by unit, as the clause's end has always
  // been found: the end stays before a Han character outside the BMP) and how many Han units it has (what
  // hanOnly keeps). And whether the text read so far has an open quotation.
  let clauseStart = 0;
  let clauseQuoted = false;
  let first = -1;
  let allHan = true;
  let lastHan = 0;
  let hanUnits = 0;
  let quoted = false;
  const units = text.length;
  for (let i = 0; i <= units; ) {
    // The code point at i (-1 past the end): its units, and whether it is Han. A surrogate alone is not.
    let unit = -1;
    let width = 1;
    let isHan = false;
    if (i < units) {
      unit = text.charCodeAt(i);
      triggers |= UNIT_TRIGGERS[unit] as number;
      if (unit >= FIRST_HAN_UNIT) {
        const step = hanStep(text, i, unit, units);
        isHan = step > 0;
        width = isHan ? step : -step;
      }
    }
    if (isHan) {
      // Runs: clause punctuation inside a run is a soft break, white space nothing.
      if (!current) {
        // A run starts with a stretch: its array is made holding it, the size it most often keeps.
        current = { han: '', stretches: [0, i], softBreaks: [] };
        runs[runCount++] = current;
        han = '';
        length = 0;
        pendingBreak = false;
        stretchStart = i;
      } else if (stretchStart < 0) {
        stretchStart = i;
        current.stretches.push(length, i);
      }
      if (pendingBreak) {
        if (current.softBreaks.length === 0) current.softBreaks = [length];
        else current.softBreaks.push(length);
      }
      pendingBreak = false;
      length += width;
      // Clauses.
      if (first < 0) first = i;
      if (width === 1) lastHan = i + 1;
      hanUnits += width;
      // The Han characters of the BMP that follow in the same stretch (most of a text) change nothing but
      // the counts: they are read in a loop of their own.
      i += width;
      let next = i;
      while (next < units) {
        const following = text.charCodeAt(next);
        if (HAN_BMP[following] !== IS_HAN) break;
        triggers |= UNIT_TRIGGERS[following] as number;
        next++;
      }
      if (next > i) {
        length += next - i;
        hanUnits += next - i;
        lastHan = next;
        i = next;
      }
      continue;
    } else {
      if (stretchStart >= 0) {
        han = han.length === 0 ? text.slice(stretchStart, i) : han + text.slice(stretchStart, i);
        stretchStart = -1;
      }
      if (current && (CLAUSE_PUNCTUATION_CODES[unit] === 1 || unit === SPACE || unit === IDEOGRAPHIC_SPACE)) {
        if (unit !== SPACE && unit !== IDEOGRAPHIC_SPACE) pendingBreak = true;
      } else if (current) {
        current.han = han;
        current = null;
      }
      if (unit >= 0 && CLAUSE_BOUNDARY_CODES[unit] !== 1) {
        allHan = false;
      } else {
        // A clause boundary, or the end of the text.
        if (first >= 0) {
          const clause = clausePool[clauseCount] ?? new Clause();
          clausePool[clauseCount] = clause;
          clauses[clauseCount++] = clause.set(text, clauseStart, i, allHan, hanUnits, first, Math.max(lastHan, clauseStart), clauseQuoted);
        }
        if (unit === LEFT_DOUBLE || unit === LEFT_CORNER || unit === LEFT_WHITE_CORNER) quoted = true;
        else if (unit === RIGHT_DOUBLE || unit === RIGHT_CORNER || unit === RIGHT_WHITE_CORNER) quoted = false;
        else if (unit === STRAIGHT_QUOTE) quoted = !quoted;
        clauseStart = i + 1;
        // A clause boundary inside a quotation keeps the quoted state; a sentence end inside one does not matter.
        clauseQuoted = quoted;
        first = -1;
        allHan = true;
        lastHan = clauseStart;
        hanUnits = 0;
      }
    }
    i += width;
  }
  last.text = text;
  // Cut to this sentence's counts by popping: setting `length` is a call into the runtime, and at 0 it
  // lets the array's storage go.
  while (runs.length > runCount) runs.pop();
  while (clauses.length > clauseCount) clauses.pop();
  last.triggers = triggers;
  return last;
}

/**
 * The sentence's runs of Han characters. The result is shared and refilled by the scan of the next
 * sentence: callers must not change it, nor keep it past the sentence.
 */
export function hanRuns(text: string): HanRun[] {
  return scan(text).runs;
}

/**
 * Clauses of a sentence with offsets, and whether each sits inside quotation marks. The result is shared
 * with the next caller asking about the same sentence, and refilled by the scan of the next sentence:
 * callers must not change it, nor keep it (or its clauses) past the sentence.
 */
export function clausesWithOffsets(text: string): readonly Clause[] {
  return scan(text).clauses;
}

/** The OR of the `triggerFor` bits of the sentence's units: which detectors' trigger characters it has. */
export function sentenceTriggers(text: string): number {
  return scan(text).triggers;
}

/** The offset in the sentence of `run.han[k]`. */
function offsetIn(run: HanRun, k: number): number {
  const stretches = run.stretches;
  let at = 0;
  for (let s = 2; s < stretches.length && (stretches[s] ?? 0) <= k; s += 2) at = s;
  return (stretches[at + 1] ?? 0) + k - (stretches[at] ?? 0);
}

/** [start, end) in the sentence of `run.han[from, to)`. */
export function spanOf(run: HanRun, from: number, to: number): { start: number; end: number } {
  const start = offsetIn(run, from);
  const last = to - 1;
  const lastAt = last === from ? start : offsetIn(run, last);
  // A match that ends on the first half of a surrogate pair still ends after the whole character.
  const unit = run.han.charCodeAt(last);
  return { start, end: lastAt + (unit >= 0xd800 && unit <= 0xdbff ? 2 : 1) };
}

/** The display form of a stretch of a sentence: clause punctuation as `，`, nothing but Han and `，`. */
export function displayText(raw: string): string {
  return raw
    .replace(/[、；：,;:]/g, '，')
    .replace(/[^\p{Script=Han}，]/gu, '')
    .replace(/，+/g, '，')
    .replace(/^，|，$/g, '');
}
