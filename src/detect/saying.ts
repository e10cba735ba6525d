// 俗语, 谚语, 惯用语, 格言: proverbs and set sayings (团结就是力量, 路遥知马力，日久见人心), three-character
// figurative expressions (开倒车, 及时雨) and anything a cue announces as a saying (俗话说, 阿拉伯谚语说).
import type { Evidence } from '../types.js';
import { hanOnly } from '../lexicon/paths.js';
import type { Cue } from './cues.js';
import { isHanCode, isJsSpace, sentenceTriggers } from './text.js';
import { hasTriggers, triggerFor } from './triggers.js';
import { has, scoreOf, type DictionaryMatch, type Proposal, variantEvidence, matchProposal, cueProposal, nameOrTechnical } from './proposal.js';

export const SAYING_THRESHOLD = 2.25;

export function sayingEvidence(match: DictionaryMatch): Evidence[] {
  const { entry } = match;
  const f = entry.flags;
  const length = entry.key.length;
  const ev: Evidence[] = [];
  if (has(f, 's')) ev.push({ code: 'saying-list', weight: 3.5, note: 'on the project list of sayings and 惯用语' });
  if (has(f, 'P')) ev.push({ code: 'cedict-proverb', weight: 3, note: 'CC-CEDICT calls it a proverb' });
  if (has(f, 'S') && length !== 4) ev.push({ code: 'cedict-saying', weight: 2, note: 'CC-CEDICT calls it a saying' });
  if (length === 3) {
    // Three-character 惯用语 are figurative: the dictionary gives a figurative sense, jieba knows them.
    if (has(f, 'F')) ev.push({ code: 'cedict-figurative', weight: 1.25, note: 'CC-CEDICT gives a figurative sense' });
    if (has(f, 'C')) ev.push({ code: 'cedict-entry', weight: 0.5, note: 'CC-CEDICT lists it' });
    if (has(f, 'i') || has(f, 'l')) ev.push({ code: has(f, 'i') ? 'jieba-i' : 'jieba-l', weight: 0.75, note: 'jieba tags it idiomatic' });
    if (entry.freq > 3) ev.push({ code: 'jieba-frequent', weight: 0.25, note: 'in general use' });
    // 惯用语 are verb-object or modifier-noun; a verb with a complement or particle (摸不着, 一路上) is grammar.
    if (/[着得了过]|^不|[上下来去]$/.test(entry.key) && !has(f, 's')) {
      ev.push({ code: 'grammatical-phrase', weight: -1.5, note: 'a verb with a complement or particle' });
    }
  } else if (length >= 5) {
    if (has(f, 'I')) ev.push({ code: 'cedict-idiom', weight: 3, note: 'CC-CEDICT marks it (idiom)' });
    if ((has(f, 'i') || has(f, 'l')) && (has(f, 'C') || entry.freq > 3)) {
      ev.push({ code: has(f, 'i') ? 'jieba-i' : 'jieba-l', weight: 1, note: 'jieba tags it idiomatic' });
    }
    if (has(f, 'F')) ev.push({ code: 'cedict-figurative', weight: 0.5, note: 'CC-CEDICT gives a figurative sense' });
    if (entry.breaks.length > 0 && has(f, 'C')) ev.push({ code: 'two-clauses', weight: 1, note: 'a two-clause set phrase in CC-CEDICT' });
    else if (entry.breaks.length === 0 && match.text.includes('，')) {
      ev.push({ code: 'written-as-couplet', weight: 1.25, note: 'a dictionary phrase written as two balanced clauses' });
    }
  }
  if (nameOrTechnical(f)) ev.push({ code: 'name-or-technical', weight: -3, note: 'CC-CEDICT: a name or technical term' });
  if (has(f, 'x')) ev.push({ code: 'non-idiom-list', weight: -10, note: 'on the project list of ordinary expressions' });
  ev.push(...variantEvidence(match));
  return ev;
}

export function judgeSaying(match: DictionaryMatch): Proposal | null {
  const evidence = sayingVerdict(match);
  return evidence ? sayingProposal(match, evidence) : null;
}

/** The evidence that a dictionary match is a saying, or null when it is not one. */
export function sayingVerdict(match: DictionaryMatch): Evidence[] | null {
  const length = match.entry.key.length;
  if (length === 4 && !/[sP]/.test(match.entry.flags)) return null;
  if (length < 3 && !has(match.entry.flags, 's')) return null;
  const evidence = sayingEvidence(match);
  if (scoreOf(evidence) < SAYING_THRESHOLD) return null;
  return evidence;
}

export function sayingProposal(match: DictionaryMatch, evidence: Evidence[]): Proposal {
  return matchProposal('saying', match, evidence);
}

export function sayingsFromCues(cues: readonly Cue[]): Proposal[] {
  const out: Proposal[] = [];
  for (const cue of cues) {
    if (cue.kind !== 'saying') continue;
    const ev: Evidence[] = [
      cue.weak ? { code: 'weak-cue', weight: 1.5, note: `introduced by ${cue.cue}` } : { code: 'cue', weight: 2.5, note: `introduced by ${cue.cue}` },
    ];
    if (cue.quoted) ev.push({ code: 'quoted', weight: 0.25, note: 'in quotation marks' });
    const clauses = cue.text.split('，').map(hanOnly);
    if (clauses.length === 2 && Math.abs((clauses[0]?.length ?? 0) - (clauses[1]?.length ?? 0)) <= 1) {
      ev.push({ code: 'balanced', weight: 0.5, note: 'balanced clauses' });
    }
    if (scoreOf(ev) < SAYING_THRESHOLD) continue;
    out.push(cueProposal('saying', cue, ev));
  }
  return out;
}

// Pronouns and demonstratives make "X就是Y" an ordinary statement (这就是…), not a slogan.
const NOT_SLOGAN = /^(这|那|它|他|她|我|你|这些|那些|问题|关键|原因|目的|意思|结果|可能|很可能|也许|具体|本身|例子|其实|实际)/;

/** 就 of 就是: most sentences have none (是 is in too many to tell them apart). */
// A regular expression literal is a new object each time it is evaluated: the slogan search's are made once
// here (the global one is reset before each search).
/** A clause of the form X就是Y. */
const SLOGAN = /(?<=^|[，。；：！？“”「」、\s])(\p{Script=Han}{2,4})就是(\p{Script=Han}{2,4})(?=$|[，。；：！？“”「」、\s])/gu;
const ONE_CLAUSE_MARK = /^[，、；]$/;
const SLOGAN_VERB = triggerFor('就');

/**
 * Slogans of the shape "X就是Y" standing as a clause of their own (团结就是力量, 坚持就是胜利): the
 * classic form of a motto in modern Chinese.
 */
export function slogans(sentence: string): Proposal[] {
  const found: Proposal[] = [];
  if (!hasTriggers(sentenceTriggers(sentence), SLOGAN_VERB) || !sentence.includes('就是')) return found;
  const re = SLOGAN;
  re.lastIndex = 0;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    const [whole, subject = ''] = m;
    if (NOT_SLOGAN.test(subject)) continue;
    found.push({
      kind: 'saying',
      key: whole,
      text: whole,
      start: m.index,
      end: m.index + whole.length,
      evidence: [{ code: 'slogan-shape', weight: 2.25, note: 'a clause of the form X就是Y' }],
    });
  }
  // Two such clauses mirroring each other are one chiasmus (江山就是人民，人民就是江山).
  const out: Proposal[] = [];
  for (const p of found) {
    const last = out[out.length - 1];
    const chiasmus = (a: Proposal, b: Proposal): boolean => {
      const [x = '', y = ''] = a.key.split('就是');
      return b.key === `${y}就是${x}`;
    };
    if (last && ONE_CLAUSE_MARK.test(sentence.slice(last.end, p.start)) && chiasmus(last, p)) {
      out[out.length - 1] = { ...last, key: last.key + p.key, text: `${last.text}，${p.text}`, end: p.end };
    } else {
      out.push(p);
    }
  }
  return out;
}

// Paired frames of contrastive maxims: give up X for Y, rather X than Y, want X not Y, first X then Y,
// value X over Y. General grammar of Chinese maxims (舍小家为大家, 宁要X不要Y, 先天下之忧而忧 …).
const CONTRAST_FRAMES: readonly (readonly [string, string])[] = [
  ['舍', '为'],
  ['舍', '保'],
  ['舍', '取'],
  ['宁', '不'],
  ['宁', '勿'],
  ['宁', '毋'],
  ['要', '不要'],
  ['先', '后'],
  ['重', '轻'],
  ['弃', '取'],
];
const CONTRAST_FIRST = new Set(CONTRAST_FRAMES.map(([p]) => p.charCodeAt(0)));

/**
 * Contrastive maxims standing as a clause of their own, in a paired frame whose two slots mirror each
 * other: the same length and a shared character in the same place (舍[小家]为[大家], 宁[要小利]不[要大害]
 * …). The mirror is what makes it a coined maxim rather than a sentence that happens to use 先…后….
 * Four-character ones are left to the idiom detector.
 */
/** The frame a maxim is built on, when its two slots mirror each other; undefined otherwise. */
function contrastFrame(clause: string): readonly [string, string] | undefined {
  if (!CONTRAST_FIRST.has(clause.charCodeAt(0))) return undefined;
  for (const frame of CONTRAST_FRAMES) {
    const [p, q] = frame;
    if (!clause.startsWith(p)) continue;
    const body = clause.slice(p.length);
    const half = (body.length - q.length) / 2;
    if (!Number.isInteger(half) || half < 2 || half > 3) continue;
    const x = body.slice(0, half);
    const y = body.slice(half + q.length);
    if (body.slice(half, half + q.length) === q && x !== y && [...x].some((ch, i) => ch === y[i])) return frame;
  }
  return undefined;
}

export function contrastMaxims(sentence: string): Proposal[] {
  const out: Proposal[] = [];
  // Every maxim has a frame's first character and the first character of a frame's second word.
  if (!hasTriggers(sentenceTriggers(sentence), FRAME_WORDS)) return out;
  // The maxim ends its clause: a stretch of five or more Han characters followed by punctuation, white
  // space or the end of the text.
  const units = sentence.length;
  let runStart = -1;
  let characters = 0;
  for (let i = 0; i <= units; ) {
    const unit = i < units ? sentence.charCodeAt(i) : -1;
    const width = unit >= 0xd800 && unit <= 0xdbff && i + 1 < units && isLowSurrogate(sentence.charCodeAt(i + 1)) ? 2 : 1;
    if (unit >= 0 && isHanCode(width === 2 ? (sentence.codePointAt(i) ?? 0) : unit)) {
      if (runStart < 0) {
        runStart = i;
        characters = 0;
      }
      characters++;
    } else if (runStart >= 0) {
      if (characters >= 5 && (unit < 0 || CLAUSE_END_CODES[unit] === 1 || isJsSpace(unit))) maximAt(sentence, runStart, i, out);
      runStart = -1;
    }
    i += width;
  }
  return out;
}

/** The longest maxim that ends the Han stretch `sentence[runStart, runEnd)`, if any. */
function maximAt(sentence: string, runStart: number, runEnd: number, out: Proposal[]): void {
  for (let length = Math.min(9, runEnd - runStart); length >= 5; length--) {
    const start = runEnd - length;
    if (!CONTRAST_FIRST.has(sentence.charCodeAt(start))) continue;
    const tail = sentence.slice(start, runEnd);
    const frame = contrastFrame(tail);
    if (!frame) continue;
    out.push({
      kind: 'saying',
      key: tail,
      text: tail,
      start,
      end: runEnd,
      evidence: [{ code: 'contrast-maxim', weight: 2.25, note: `a maxim in the frame ${frame[0]}…${frame[1]}… with mirrored slots` }],
    });
    return;
  }
}

const FRAME_WORDS =
  triggerFor(CONTRAST_FRAMES.map(([p]) => p.charAt(0)).join('')) | triggerFor(CONTRAST_FRAMES.map(([, q]) => q.charAt(0)).join(''));

const CLAUSE_END_CODES = new Uint8Array(0x10000);
for (const ch of '，。；：！？“”「」、,.;:!?') CLAUSE_END_CODES[ch.charCodeAt(0)] = 1;

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
