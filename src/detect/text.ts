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

export function hanRuns(text: string): HanRun[] {
  const runs: HanRun[] = [];
  let current: HanRun | null = null;
  let pendingBreak = false;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    if (HAN.test(ch)) {
      if (!current) {
        current = { han: '', offsets: [], ends: [], softBreaks: [] };
        runs.push(current);
        pendingBreak = false;
      }
      if (pendingBreak) current.softBreaks.push(current.han.length);
      pendingBreak = false;
      for (let u = 0; u < ch.length; u++) {
        current.offsets[current.han.length + u] = i + u;
        current.ends[current.han.length + u] = i + ch.length;
      }
      current.han += ch;
      current.offsets[current.han.length] = i + ch.length;
    } else if (current && (CLAUSE_PUNCTUATION.test(ch) || ch === ' ' || ch === '\u3000')) {
      if (ch !== ' ' && ch !== '\u3000') pendingBreak = true;
    } else {
      current = null;
    }
    i += ch.length;
  }
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
