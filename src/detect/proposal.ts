import type { Evidence, Kind } from '../types.js';
import type { PhraseEntry } from '../lexicon/phrases.js';

/** A detector's claim that a stretch of a sentence is a phrase of some kind; resolved into Detections. */
export interface Proposal {
  kind: Kind;
  key: string;
  text: string;
  /** [start, end) offsets in the sentence. */
  start: number;
  end: number;
  evidence: Evidence[];
  dictionaryForm?: string;
  attribution?: string;
}

export function scoreOf(evidence: readonly Evidence[]): number {
  let total = 0;
  for (const e of evidence) total += e.weight;
  return Math.round(total * 100) / 100;
}

/** A dictionary entry found in a sentence, before any detector has judged it. */
export interface DictionaryMatch {
  /** The dictionary entry; for an adaptation, the dictionary form the text adapts. */
  entry: PhraseEntry;
  /** The written form's key (equal to `entry.key` unless adapted). */
  key: string;
  start: number;
  end: number;
  /** The written form, clause punctuation as `，`. */
  text: string;
  /** Set when the written form adapts the entry (one slot swapped); the entry is the dictionary form. */
  adapted?: boolean;
}

export function has(flags: string, flag: string): boolean {
  return flags.includes(flag);
}

export const CLASSICAL_STRONG = '之乎者也矣焉哉兮曰乃';
export const CLASSICAL_WEAK = '而其则于以亦夫莫勿毋弗若';

/** How classical a clause reads: 1 per strong function word, 0.5 per weak one. */
export function classicalScore(han: string): number {
  let score = 0;
  for (const ch of han) {
    if (CLASSICAL_STRONG.includes(ch)) score += 1;
    else if (CLASSICAL_WEAK.includes(ch)) score += 0.5;
  }
  return score;
}
