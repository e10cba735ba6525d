// 名句/典故: lines quoted from classical texts, poetry, philosophers or famous authors. Evidence: the
// project's list of much-quoted lines (with work and author), CC-CEDICT entries that quote a poem, a cue
// that announces a quotation (古人云, 孔子说, 《论语》说, 正如…所说), and the shape of a classical couplet
// (two balanced clauses with classical function words).
import type { Evidence } from '../types.js';
import { PairTable, pairCode, type PhraseEntry, type PhraseLexicon } from '../lexicon/phrases.js';
import { hanOnly } from '../lexicon/paths.js';
import type { Cue } from './cues.js';
import { classicalScore, has, scoreOf, type DictionaryMatch, type Proposal, variantEvidence, matchProposal, cueProposal, nameOrTechnical } from './proposal.js';
import { clausesWithOffsets, hanRuns, isJsSpace, spanOf, type HanRun } from './text.js';

export const QUOTATION_THRESHOLD = 2;

export function judgeQuotation(match: DictionaryMatch): Proposal | null {
  const evidence = quotationVerdict(match);
  return evidence ? quotationProposal(match, evidence) : null;
}

/** The evidence that a dictionary match is a quotation, or null when it is not one. */
export function quotationVerdict(match: DictionaryMatch): Evidence[] | null {
  const { entry } = match;
  const f = entry.flags;
  const length = entry.key.length;
  const ev: Evidence[] = [];
  if (has(f, 'q')) ev.push({ code: 'quotation-list', weight: 4, note: `a much-quoted line${entry.attribution ? `: ${entry.attribution}` : ''}` });
  if (has(f, 'Q') && length >= 4) ev.push({ code: 'cedict-quotation', weight: 2, note: 'CC-CEDICT cites it as a line of verse or a quotation' });
  if (has(f, 'O') && length >= 5) ev.push({ code: 'cedict-source', weight: 1.5, note: 'CC-CEDICT names its classical source' });
  if (ev.length === 0) return null;
  if (nameOrTechnical(f)) ev.push({ code: 'name-or-technical', weight: -3, note: 'CC-CEDICT: a name or technical term' });
  ev.push(...variantEvidence(match));
  if (scoreOf(ev) < QUOTATION_THRESHOLD) return null;
  return ev;
}

export function quotationProposal(match: DictionaryMatch, evidence: Evidence[]): Proposal {
  const proposal = matchProposal('quotation', match, evidence);
  if (match.entry.attribution) proposal.attribution = match.entry.attribution;
  return proposal;
}

/** Two or four clauses of 4–8 characters of (nearly) one length: clauses of five or more may differ by one. */
function balancedClauses(clauses: readonly string[]): boolean {
  if (clauses.length !== 2 && clauses.length !== 4) return false;
  const n = clauses[0]?.length ?? 0;
  if (n < 4 || n > 8) return false;
  return clauses.every((c) => c.length === n || (n >= 5 && c.length >= 5 && Math.abs(c.length - n) <= 1));
}

/** `balancedClauses` of two clauses of these lengths, without an array. */
function balancedPair(n: number, m: number): boolean {
  if (n < 4 || n > 8) return false;
  return m === n || (n >= 5 && m >= 5 && Math.abs(m - n) <= 1);
}

/** Five- and seven-character lines of equal length are the metres of classical verse (五言, 七言). */
function verseMetre(a: string, b: string): boolean {
  return a.length === b.length && (a.length === 5 || a.length === 7);
}

/** Quotations announced by a cue. */
export function quotationsFromCues(cues: readonly Cue[]): Proposal[] {
  const out: Proposal[] = [];
  for (const cue of cues) {
    if (cue.kind !== 'quotation') continue;
    const clauses = cue.text.split('，').map(hanOnly);
    const ev: Evidence[] = [
      cue.weak
        ? { code: 'weak-cue', weight: 1, note: `introduced by ${cue.cue}` }
        : { code: 'cue', weight: 2.5, note: `introduced by ${cue.cue}` },
    ];
    if (cue.quoted) ev.push({ code: 'quoted', weight: 0.25, note: 'in quotation marks' });
    if (balancedClauses(clauses)) ev.push({ code: 'balanced', weight: 0.5, note: 'balanced clauses (对仗)' });
    if (classicalScore(hanOnly(cue.text)) >= 1) ev.push({ code: 'classical-words', weight: 0.5, note: 'classical function words' });
    if (scoreOf(ev) < QUOTATION_THRESHOLD) continue;
    out.push(cueProposal('quotation', cue, ev));
  }
  return out;
}

/** `QuotationParts`' pair filter has 2^16 bits (8 KB): a few hundred parts set under 1 % of them. */
const PAIR_BITS_LOG2 = 16;

/**
 * The pair filter's bit for two units. Units whose `pairCode`s are equal (the first's low 14 bits and the
 * second's low 15) share a bit, so the filter passes wherever the pair table can have the code.
 */
function pairBit(first: number, second: number): number {
  return Math.imul(((first & 0x3fff) << 8) | (second & 0xff), 0x9e3779b1) >>> (32 - PAIR_BITS_LOG2);
}

// A regular expression literal is a new object each time it is evaluated: those of the per-sentence code
// are made once here.
/** Clause punctuation or space, and something of it. */
const CLAUSE_SEPARATOR = /^[，、；,;\s]+$/;
const OPENS_AT_END = /[“「『"‘]$/;
const CLOSES_AT_START = /^[”」』"’]/;

/**
 * Couplets nobody announced: two adjacent clauses of the same length (4–7 characters) that both read
 * classically, or that are quoted and read classically together. Modern parallel slogans
 * (要团结不要分裂，要合作不要对抗) have no classical function words and stay out. `earlier`: the
 * sentence's proposals so far, among them the known quotations a quoted couplet may stand beside.
 */
export function classicalCouplets(sentence: string, earlier: readonly Proposal[] = NO_PROPOSALS): Proposal[] {
  const out: Proposal[] = [];
  const clauses = clausesWithOffsets(sentence);
  for (let i = 0; i + 1 < clauses.length; i++) {
    const a = clauses[i];
    const b = clauses[i + 1];
    if (!a || !b) continue;
    if (!balancedPair(a.hanLength, b.hanLength)) continue;
    if (!onlyClauseGap(sentence, a.end, b.start)) continue;
    const ca = classicalScore(a.han);
    const cb = classicalScore(b.han);
    const quoted = a.quoted && b.quoted;
    const ev: Evidence[] = [{ code: 'balanced', weight: 1.25, note: 'two balanced clauses (对仗)' }];
    if (quoted) ev.push({ code: 'quoted', weight: 0.5, note: 'in quotation marks' });
    if (ca >= 1 && cb >= 1) ev.push({ code: 'classical-words', weight: 0.75, note: 'classical function words in both clauses' });
    else if (quoted && ca + cb >= 1) ev.push({ code: 'classical-words', weight: 0.5, note: 'classical function words' });
    else if (quoted && verseMetre(a.han, b.han)) ev.push({ code: 'verse-metre', weight: 0.75, note: 'a quoted couplet in the metre of classical verse' });
    else if (quoted && besideKnownQuotation(earlier, a.start, b.end)) ev.push({ code: 'listed-with-quotation', weight: 0.75, note: 'quoted beside a known quotation' });
    else continue;
    if (scoreOf(ev) < QUOTATION_THRESHOLD) continue;
    out.push({
      kind: 'quotation',
      key: a.han + b.han,
      text: `${a.han}，${b.han}`,
      start: a.start,
      end: b.end,
      evidence: ev,
    });
  }
  return out;
}

const NO_PROPOSALS: readonly Proposal[] = [];
const CLAUSE_GAP_CODES = new Uint8Array(0x10000);
for (const ch of '，、；,;') CLAUSE_GAP_CODES[ch.charCodeAt(0)] = 1;

/** Whether `sentence[from, to)` holds nothing but clause punctuation and white space (or nothing at all). */
function onlyClauseGap(sentence: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const unit = sentence.charCodeAt(i);
    if (CLAUSE_GAP_CODES[unit] !== 1 && !isJsSpace(unit)) return false;
  }
  return true;
}

/** Whether a quotation of `earlier` with a score of 3.5 or more ends or starts within three units of the span. */
function besideKnownQuotation(earlier: readonly Proposal[], start: number, end: number): boolean {
  for (let i = 0; i < earlier.length; i++) {
    const q = earlier[i] as Proposal;
    if (q.kind !== 'quotation' || scoreOf(q.evidence) < 3.5) continue;
    if ((q.end <= start && start - q.end <= 3) || (end <= q.start && q.start - end <= 3)) return true;
  }
  return false;
}

/**
 * One clause of a much-quoted couplet used alone (天涯若比邻 from 海内存知己，天涯若比邻) is recognised
 * as that quotation, with the full line as its dictionary form.
 */
export class QuotationParts {
  private readonly parts = new Map<string, PhraseEntry>();
  private readonly wholeKeys = new Map<string, string>();
  /** Four-character clauses other than a quotation's first: too plain to stand for it unless quoted. */
  private readonly needQuotes = new Set<string>();
  private readonly lengths: number[] = [];
  /** The shortest part's length: no part starts fewer units than this before the end of a run. */
  private readonly shortest: number;
  /** By the `pairCode` of their first two units, the lengths of the parts (bit n: n units). */
  private readonly lengthsByStart: PairTable<number>;
  /** Some part is 31 units or longer (none of the project's are): every length is tried at every start. */
  private readonly longParts: boolean;
  /**
   * The scan's first filter: a bit per the parts' first two units as `pairCode` sees them (14 bits of the
   * first, of the second only its low 8), hashed. One look-up per position and no branch on the common
   * answer (a third of the text's units start some part, too many, and too irregularly, to branch on each).
   */
  private readonly pairBits = new Int32Array(1 << (PAIR_BITS_LOG2 - 5));
  /** 1 for each unit some part starts with: tested where the pair bits pass. */
  private readonly firstUnits = new Uint8Array(0x10000);

  constructor(
    parts: readonly (readonly [string, string, number])[],
    private readonly lexicon: PhraseLexicon,
  ) {
    this.lengthsByStart = new PairTable<number>(parts.length);
    let longParts = false;
    for (const [part, whole, index] of parts) {
      if (!this.wholeKeys.has(part)) this.wholeKeys.set(part, whole);
      if (part.length === 4 && index > 0) this.needQuotes.add(part);
      const code = pairCode(part, 0);
      if (part.length < 31) this.lengthsByStart.set(code, (this.lengthsByStart.get(code) ?? 0) | (1 << part.length));
      else longParts = true;
      // An empty part's code is that of two units 0; a part of one unit has a second unit 0.
      const bit = pairBit(part.charCodeAt(0) || 0, part.charCodeAt(1) || 0);
      this.pairBits[bit >>> 5] = (this.pairBits[bit >>> 5] ?? 0) | (1 << (bit & 31));
      if (part.length > 0) this.firstUnits[part.charCodeAt(0)] = 1;
      if (!this.lengths.includes(part.length)) this.lengths.push(part.length);
    }
    this.longParts = longParts;
    this.lengths.sort((x, y) => y - x);
    this.shortest = this.lengths.reduce((shortest, length) => Math.min(shortest, length), Infinity);
  }

  private wholeOf(part: string): PhraseEntry | undefined {
    const known = this.parts.get(part);
    if (known) return known;
    const key = this.wholeKeys.get(part);
    const entry = key === undefined ? undefined : this.lexicon.get(key);
    if (entry) this.parts.set(part, entry);
    return entry;
  }

  find(sentence: string): Proposal[] {
    const parts = this.findParts(sentence);
    if (parts.length === 0) return parts;
    const merged = mergeAdjacentParts(sentence, parts);
    // A plain four-character clause stands for its quotation only in quotation marks or beside its fellow
    // clauses (merged above, which keeps the longer proposal).
    const quoted = (p: Proposal): boolean => OPENS_AT_END.test(sentence.slice(0, p.start)) && CLOSES_AT_START.test(sentence.slice(p.end));
    return merged.filter((p) => !this.needQuotes.has(p.key) || quoted(p) || merged.some((m) => m !== p && m.start <= p.start && p.end <= m.end));
  }

  private findParts(sentence: string): Proposal[] {
    const out: Proposal[] = [];
    const pairBits = this.pairBits;
    const runs = hanRuns(sentence);
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r] as HanRun;
      const han = run.han;
      const units = han.length;
      const lastStart = units - Math.max(this.shortest, 1);
      let next = units > 0 ? han.charCodeAt(0) : 0;
      for (let k = 0; k <= lastStart; k++) {
        const unit = next;
        // After the run's last unit, a second unit 0, as `pairCode` reads it.
        next = k + 1 < units ? han.charCodeAt(k + 1) : 0;
        const bit = pairBit(unit, next);
        if (((pairBits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) continue;
        if (this.firstUnits[unit] !== 1) continue;
        const code = pairCode(han, k);
        if (this.longParts) {
          for (const length of this.lengths) this.partAt(run, k, length, out);
          continue;
        }
        // Only the lengths some part starting with these two units has, longest first.
        const lengths = this.lengthsByStart.get(code);
        for (let rest = lengths ?? 0; rest !== 0; ) {
          const length = 31 - Math.clz32(rest);
          rest ^= 1 << length;
          this.partAt(run, k, length, out);
        }
      }
    }
    return out;
  }

  private partAt(run: HanRun, k: number, length: number, out: Proposal[]): void {
    const part = run.han.slice(k, k + length);
    if (part.length !== length || !this.wholeKeys.has(part)) return;
    const whole = this.wholeOf(part);
    if (!whole) return;
    // Built field by field (no spreads): the span object is read, not copied.
    const span = spanOf(run, k, k + length);
    const proposal: Proposal = {
      kind: 'quotation',
      key: part,
      text: part,
      start: span.start,
      end: span.end,
      evidence: [{ code: 'quotation-part', weight: 3.5, note: `part of ${whole.text}${whole.attribution ? ` (${whole.attribution})` : ''}` }],
      dictionaryForm: whole.text,
    };
    if (whole.attribution) proposal.attribution = whole.attribution;
    out.push(proposal);
  }

}

/**
 * Clauses of one quotation quoted together with a clause left out (各美其美，美美与共 from 各美其美，美人之美，
 * 美美与共，天下大同) are one quotation, as written. A clause comes once in it: a text repeating a clause
 * (风月同天，风月同天，…) goes on with a new run, so runs stay as short as quotations, not as the text.
 */
function mergeAdjacentParts(sentence: string, parts: Proposal[]): Proposal[] {
  const sorted = [...parts].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Proposal[] = [...sorted];
  const inRun: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let current = sorted[i];
    if (!current) continue;
    inRun.length = 0;
    inRun.push(current.key);
    for (let j = i + 1; j < sorted.length; j++) {
      const next = sorted[j];
      if (!next || next.dictionaryForm !== current.dictionaryForm || next.start < current.end) continue;
      if (!CLAUSE_SEPARATOR.test(sentence.slice(current.end, next.start)) || inRun.includes(next.key)) break;
      inRun.push(next.key);
      current = {
        ...current,
        key: current.key + next.key,
        text: `${current.text}，${next.text}`,
        end: next.end,
        evidence: [{ code: 'quotation-parts', weight: 3.75, note: `clauses of ${current.dictionaryForm ?? ''}` }],
      };
      out.push(current);
    }
  }
  return out;
}
