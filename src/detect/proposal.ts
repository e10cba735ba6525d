import type { Evidence, Kind } from '../types.js';
import type { PhraseEntry } from '../lexicon/phrases.js';
import { hanOnly } from '../lexicon/paths.js';
import type { Cue } from './cues.js';

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
  for (let i = 0; i < evidence.length; i++) total += (evidence[i] as Evidence).weight;
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
  /** `ocr`: the entry misread by OCR (key is the entry's); `split`: the entry with words inserted. */
  variant?: 'ocr' | 'split' | 'truncated';
}

export function has(flags: string, flag: string): boolean {
  return flags.includes(flag);
}

export const CLASSICAL_STRONG = '之乎者也矣焉哉兮曰乃';
export const CLASSICAL_WEAK = '而其则于以亦夫莫勿毋弗若';

// Modern words built on classical function characters (之间, 而且, 其中, 可以, 由于, 也是…): removed
// before counting, so only the classical use of 之乎者也而其以于 counts.
const MODERN_WORDS = new RegExp(
  [
    '之间|之一|之后|之前|之中|之下|之上|之外|之内|之际|之所以|总之|之路|之年|之道|之处',
    '记者|学者|或者|读者|作者|患者|使者|长者|前者|后者|者们|消费者|参与者|建设者|劳动者|领导者|爱好者|支持者',
    '也是|也要|也有|也不|也会|也在|也能|也将|也就|也都|也没|也很|也可|也应',
    '而且|而是|然而|因而|从而|进而|反而|而言|而已|而来|而去',
    '其中|其他|其它|其实|尤其|极其|及其|与其|其余|其次',
    '以及|以来|以上|以下|可以|所以|以后|以前|以便|以外|以为|予以|加以|难以|得以|用以|足以|以免|借以|以至',
    '于是|由于|对于|关于|终于|在于|属于|用于|至于|等于|处于|位于|基于|善于|勇于|敢于|便于|易于|致力于|有助于|有利于|取决于|归功于',
    '在乎|似乎|几乎|合乎|关乎|否则|原则|规则|准则|则是|实则|亦即|乃至|若干|倘若|如若|莫斯科|莫过于|夫人|丈夫|工夫|功夫|大夫|乃是',
  ].join('|'),
  'g',
);

/** How classical a clause reads: 1 per strong function word, 0.5 per weak one, modern words aside. */
export function classicalScore(text: string): number {
  const known = classicalScores.get(text);
  if (known !== undefined) return known;
  const score = scoreClassical(text);
  if (classicalScores.size >= 50_000) classicalScores.clear();
  classicalScores.set(text, score);
  return score;
}

// The same phrases and clauses recur across a corpus; the scan of modern words is a long alternation.
const classicalScores = new Map<string, number>();

function scoreClassical(text: string): number {
  const han = text.replace(MODERN_WORDS, '');
  let score = 0;
  for (const ch of han) {
    if (CLASSICAL_STRONG.includes(ch)) score += 1;
    else if (CLASSICAL_WEAK.includes(ch)) score += 0.5;
  }
  return score;
}

/** Evidence for a near-form: an adaptation, an OCR misreading or a split; none for an exact match. */
export function variantEvidence(match: DictionaryMatch): Evidence[] {
  const form = match.entry.text;
  if (match.adapted) {
    let differing = 0;
    for (let i = 0; i < match.key.length; i++) if (match.key[i] !== match.entry.key[i]) differing++;
    return differing > 2
      ? [{ code: 'adapted-loosely', weight: -0.75, note: `adapts ${form} (${differing} characters changed)` }]
      : [{ code: 'adapted', weight: -0.5, note: `adapts ${form}` }];
  }
  if (match.variant === 'ocr') return [{ code: 'ocr-variant', weight: -0.5, note: `OCR misreading of ${form}` }];
  if (match.variant === 'truncated') return [{ code: 'truncated', weight: -0.5, note: `${form} cut off at the end of the text` }];
  if (match.variant === 'split') return [{ code: 'split', weight: -0.25, note: `${form} with words inserted` }];
  return [];
}

/** The proposal for a dictionary match of the given kind, with its dictionary form when the text adapts it. */
export function matchProposal(kind: Kind, match: DictionaryMatch, evidence: Evidence[]): Proposal {
  const proposal: Proposal = { kind, key: match.key, text: match.text, start: match.start, end: match.end, evidence };
  // The dictionary form a Detection records for an adaptation or a split (an OCR misreading takes its key).
  if (match.adapted || match.variant === 'split') proposal.dictionaryForm = match.entry.text;
  return proposal;
}

/** The proposal for the words a cue introduces (俗话说：“…”), with the source the cue names. */
export function cueProposal(kind: Kind, cue: Cue, evidence: Evidence[]): Proposal {
  const proposal: Proposal = { kind, key: hanOnly(cue.text), text: cue.text, start: cue.start, end: cue.end, evidence };
  return cue.attribution ? { ...proposal, attribution: cue.attribution } : proposal;
}

/**
 * A name or technical term by CC-CEDICT's signs, unless a dictionary or list marks it idiomatic: proverbs
 * and idioms may contain names (三个臭皮匠，赛过诸葛亮; 上有天堂，下有苏杭).
 */
export function nameOrTechnical(flags: string): boolean {
  return flags.includes('N') && !/[IPQqhst]/.test(flags);
}
