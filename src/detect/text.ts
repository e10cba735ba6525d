// The sentence seen as runs of Han characters. Clause punctuation (，、；：) inside a run is remembered as a
// soft break, so a phrase written `山川异域、风月同天` still matches its dictionary key; anything else
// (quotation marks, full stops, Latin letters, digits) ends the run.

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

const HAN = /\p{Script=Han}/u;
export const CLAUSE_PUNCTUATION = /[，、；：,;:]/;

export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

// The Han test per code point, remembered (a regular expression per character was a tenth of detection).
const HAN_BMP = new Uint8Array(0x10000);
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

// Several detectors ask for the runs of the same sentence in turn: the last answer is kept.
let lastText: string | undefined;
let lastRuns: HanRun[] = [];

/** Below this unit nothing is Han (the CJK radicals start the script's range). */
const FIRST_HAN_UNIT = 0x2e80;

/** The sentence's runs of Han characters. The result is shared: callers must not change it. */
export function hanRuns(text: string): HanRun[] {
  if (text === lastText) return lastRuns;
  const runs: HanRun[] = [];
  let current: HanRun | null = null;
  // A run's characters are stretches of the sentence, joined once they are all known.
  let han = '';
  let stretchStart = -1;
  let length = 0;
  let pendingBreak = false;
  const units = text.length;
  for (let i = 0; i <= units; ) {
    let unit = -1;
    let width = 1;
    let isHan = false;
    if (i < units) {
      unit = text.charCodeAt(i);
      if (unit >= FIRST_HAN_UNIT) {
        if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < units) {
          const low = text.charCodeAt(i + 1);
          if (low >= 0xdc00 && low <= 0xdfff) {
            width = 2;
            isHan = isHanCode(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
          } else {
            isHan = isHanCode(unit);
          }
        } else {
          isHan = isHanCode(unit);
        }
      }
    }
    if (isHan) {
      if (!current) {
        current = { han: '', stretches: [], softBreaks: [] };
        runs.push(current);
        han = '';
        length = 0;
        pendingBreak = false;
      }
      if (stretchStart < 0) {
        stretchStart = i;
        current.stretches.push(length, i);
      }
      if (pendingBreak) current.softBreaks.push(length);
      pendingBreak = false;
      length += width;
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
    }
    i += width;
  }
  lastText = text;
  lastRuns = runs;
  return runs;
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
