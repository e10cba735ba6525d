// Dictionary look-up over a sentence: every entry of the phrase lexicon that occurs in it (all lengths,
// overlaps included: the detectors judge each one and the resolver keeps the longest), plus adaptations
// of long idioms with one slot swapped (唯恐南海不乱 for 唯恐天下不乱).
import type { PhraseEntry, PhraseLexicon } from '../lexicon/phrases.js';
import type { DictionaryMatch } from './proposal.js';
import { displayText, hanRuns, type HanRun } from './text.js';

/** Entries of two characters are too ambiguous to match unless the project's own lists name them. */
const HAND_FLAGS = /[qhst]/;

function breaksAllowed(run: HanRun, from: number, to: number, entry: PhraseEntry): boolean {
  for (const b of run.softBreaks) {
    if (b > from && b < to && !entry.breaks.includes(b - from)) return false;
  }
  return true;
}

function matchText(sentence: string, run: HanRun, from: number, to: number): string {
  return displayText(sentence.slice(run.offsets[from], run.offsets[to]));
}

export function dictionaryMatches(sentence: string, lexicon: PhraseLexicon, frames: FrameIndex): DictionaryMatch[] {
  const found: DictionaryMatch[] = [];
  for (const run of hanRuns(sentence)) {
    const han = run.han;
    for (let k = 0; k + 2 <= han.length; k++) {
      for (const length of lexicon.lengthsAt(han, k)) {
        if (k + length > han.length) continue;
        const entry = lexicon.get(han.slice(k, k + length));
        if (!entry) continue;
        if (length < 3 && !HAND_FLAGS.test(entry.flags)) continue;
        if (!breaksAllowed(run, k, k + length, entry)) continue;
        const start = run.offsets[k] ?? 0;
        const end = run.offsets[k + length] ?? start;
        const text = entry.breaks.length > 0 ? entry.text : matchText(sentence, run, k, k + length);
        found.push({ entry, key: entry.key, start, end, text });
      }
      for (const adapted of frames.adaptationsAt(run, k, lexicon)) {
        const start = run.offsets[k] ?? 0;
        const length = adapted.key.length;
        const end = run.offsets[k + length] ?? start;
        found.push({ entry: adapted, key: han.slice(k, k + length), start, end, text: matchText(sentence, run, k, k + length), adapted: true });
      }
    }
  }
  return found;
}

/**
 * Long set phrases indexed by their first two and last two characters and length, so a written form that
 * keeps both ends and swaps one or two characters in between is found in one Map look-up per position.
 */
export class FrameIndex {
  private readonly frames = new Map<string, PhraseEntry[]>();

  constructor(entries: Iterable<PhraseEntry>) {
    for (const e of entries) {
      if (e.key.length < 5 || e.key.length > 8 || e.breaks.length > 0) continue;
      if (/[NxV]/.test(e.flags)) continue;
      const frame = FrameIndex.frameOf(e.key, 0, e.key.length);
      const list = this.frames.get(frame);
      if (list) list.push(e);
      else this.frames.set(frame, [e]);
    }
  }

  static frameOf(han: string, at: number, length: number): string {
    return `${han.slice(at, at + 2)}${han.slice(at + length - 2, at + length)}${length}`;
  }

  /** Entries the text at `run.han[k]` adapts: same ends, one contiguous stretch of one or two swapped. */
  adaptationsAt(run: HanRun, k: number, lexicon: PhraseLexicon): PhraseEntry[] {
    const out: PhraseEntry[] = [];
    const han = run.han;
    for (let length = 5; length <= 8 && k + length <= han.length; length++) {
      const list = this.frames.get(FrameIndex.frameOf(han, k, length));
      if (!list) continue;
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
    return out;
  }
}
