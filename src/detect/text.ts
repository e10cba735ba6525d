// The sentence seen as runs of Han characters. Clause punctuation (，、；：) inside a run is remembered as a
// soft break, so a phrase written `山川异域、风月同天` still matches its dictionary key; anything else
// (quotation marks, full stops, Latin letters, digits) ends the run.

export interface HanRun {
  /** The run's Han characters, clause punctuation removed. */
  han: string;
  /** `offsets[k]` = offset in the sentence of `han[k]`; `offsets[han.length]` = end of the last one. */
  offsets: number[];
  /** `ends[k]` = offset just after `han[k]`: where a match ending with `han[k]` ends. */
  ends: number[];
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

const CLAUSE_PUNCTUATION_CODES = new Uint8Array(0x10000);
for (const ch of '，、；：,;:') CLAUSE_PUNCTUATION_CODES[ch.charCodeAt(0)] = 1;
const SPACE = 0x20;
const IDEOGRAPHIC_SPACE = 0x3000;

// Several detectors ask for the runs of the same sentence in turn: the last answer is kept.
let lastText: string | undefined;
let lastRuns: HanRun[] = [];

/** The sentence's runs of Han characters. The result is shared: callers must not change it. */
export function hanRuns(text: string): HanRun[] {
  if (text === lastText) return lastRuns;
  const runs: HanRun[] = [];
  let current: HanRun | null = null;
  // A run's characters are stretches of the sentence, joined once at the run's end (a string grown one
  // character at a time is a chain of pieces that every later character access walks).
  let pieces: string[] = [];
  let pieceStart = -1;
  let length = 0;
  let pendingBreak = false;
  for (let i = 0; i <= text.length; ) {
    const cp = i < text.length ? (text.codePointAt(i) ?? 0) : -1;
    const width = cp > 0xffff ? 2 : 1;
    const han = cp >= 0 && isHanCode(cp);
    if (!han && pieceStart >= 0) {
      pieces.push(text.slice(pieceStart, i));
      pieceStart = -1;
    }
    if (han) {
      if (!current) {
        current = { han: '', offsets: [], ends: [], softBreaks: [] };
        runs.push(current);
        pieces = [];
        length = 0;
        pendingBreak = false;
      }
      if (pieceStart < 0) pieceStart = i;
      if (pendingBreak) current.softBreaks.push(length);
      pendingBreak = false;
      for (let u = 0; u < width; u++) {
        current.offsets[length + u] = i + u;
        current.ends[length + u] = i + width;
      }
      length += width;
      current.offsets[length] = i + width;
    } else if (current && (CLAUSE_PUNCTUATION_CODES[cp] === 1 || cp === SPACE || cp === IDEOGRAPHIC_SPACE)) {
      if (cp !== SPACE && cp !== IDEOGRAPHIC_SPACE) pendingBreak = true;
    } else if (current) {
      current.han = pieces.length === 1 ? (pieces[0] ?? '') : pieces.join('');
      current = null;
    }
    i += width;
  }
  lastText = text;
  lastRuns = runs;
  return runs;
}

/** [start, end) in the sentence of `run.han[from, to)`. */
export function spanOf(run: HanRun, from: number, to: number): { start: number; end: number } {
  const start = run.offsets[from] ?? 0;
  return { start, end: run.ends[to - 1] ?? start };
}

/** The display form of a stretch of a sentence: clause punctuation as `，`, nothing but Han and `，`. */
export function displayText(raw: string): string {
  return raw
    .replace(/[、；：,;:]/g, '，')
    .replace(/[^\p{Script=Han}，]/gu, '')
    .replace(/，+/g, '，')
    .replace(/^，|，$/g, '');
}
