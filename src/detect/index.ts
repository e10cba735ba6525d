// The detector: every kind's detector proposes phrases in a sentence, then the longest claims win and
// the shorter phrases inside them are kept as nested detections (the accumulator uses them to decide
// whether a phrase also stands alone). Pure and deterministic; the lexicon is loaded once.
import type { Detection, Evidence, Sentence } from '../types.js';
import { nearFormIndex, phraseLexicon, type PhraseLexicon } from '../lexicon/phrases.js';
import { judgeChengyu } from './chengyu.js';
import { findCues } from './cues.js';
import { FrameIndex, dictionaryMatches } from './match.js';
import { scoreOf, type DictionaryMatch, type Proposal } from './proposal.js';
import { QuotationParts, classicalCouplets, judgeQuotation, quotationsFromCues } from './quotation.js';
import { contrastMaxims, judgeSaying, sayingsFromCues, slogans } from './saying.js';
import { judgeTerm, quotedCoinages, termShapes } from './term.js';
import { poetryIndex, type PoetryIndex } from '../lexicon/poetry.js';
import { hasCandidateClause, poetryQuotations } from './poetry.js';

export interface Detector {
  detect(sentence: Sentence): Detection[];
}

export interface DetectorOptions {
  /** Leave out one kind of evidence source, for ablation measurements. */
  disable?: ReadonlySet<DetectorPart>;
}

export type DetectorPart =
  | 'dictionary'
  | 'lists'
  | 'adaptations'
  | 'cues'
  | 'couplets'
  | 'quotation-parts'
  | 'term-shapes'
  | 'coinages'
  | 'poetry-index';

/** Every part, for ablation runs. */
export const DETECTOR_PARTS: readonly DetectorPart[] = ['dictionary', 'lists', 'adaptations', 'cues', 'couplets', 'quotation-parts', 'term-shapes', 'coinages', 'poetry-index'];

const NO_PARTS: ReadonlySet<DetectorPart> = new Set<DetectorPart>();
const SPAN_PACK = 2 ** 20;

// Signals that travel with a phrase when another detector claims the same span with more weight.
const SIGNAL_CODES = new Set(['quoted', 'quoted-coinage', 'quoted-figurative', 'cue', 'weak-cue', 'balanced']);

/** All proposals for one sentence, one per span (the best-scoring kind, with the others' text signals). */
export function propose(
  sentence: string,
  lexicon: PhraseLexicon,
  frames: FrameIndex,
  parts: QuotationParts,
  options: DetectorOptions = {},
  poetry?: PoetryIndex,
): Proposal[] {
  const off = options.disable ?? NO_PARTS;
  const proposals: Proposal[] = [];
  if (!off.has('dictionary')) {
    const matches = dictionaryMatches(sentence, lexicon, off.has('adaptations') ? FrameIndex.empty(lexicon) : frames);
    for (const found of matches) {
      // Ablation without the project's lists: judge every phrase on the dictionaries' evidence alone.
      const match = off.has('lists') ? { ...found, entry: { ...found.entry, flags: found.entry.flags.replace(/[qhstx]/g, '') } } : found;
      // The project's lists name a phrase's kind outright (三十而立 is a line of the Analects before it is
      // an idiom); other phrases go to every judge and the strongest evidence wins.
      const listed = HAND_KIND.find(([flag]) => match.entry.flags.includes(flag));
      const judges = listed ? [listed[1]] : ALL_JUDGES;
      for (const judge of judges) {
        const p = judge(match);
        if (p) proposals.push(p);
      }
    }
  }
  const cues = off.has('cues') ? [] : findCues(sentence);
  proposals.push(...quotationsFromCues(cues), ...sayingsFromCues(cues));
  if (poetry && !off.has('poetry-index')) proposals.push(...poetryQuotations(sentence, poetry, lexicon, cues));
  if (!off.has('couplets')) {
    // A quoted couplet listed beside a known quotation (“山川异域，风月同天”、“…”) is quoted as one too.
    const known = proposals.filter((p) => p.kind === 'quotation' && scoreOf(p.evidence) >= 3.5);
    const beside = (start: number, end: number): boolean =>
      known.some((q) => (q.end <= start && start - q.end <= 3) || (end <= q.start && q.start - end <= 3));
    proposals.push(...classicalCouplets(sentence, beside));
  }
  if (!off.has('quotation-parts') && !off.has('lists')) proposals.push(...parts.find(sentence));
  if (!off.has('term-shapes')) proposals.push(...termShapes(sentence), ...slogans(sentence), ...contrastMaxims(sentence));
  if (!off.has('coinages')) proposals.push(...quotedCoinages(sentence, lexicon));

  const bySpan = new Map<number | string, Proposal[]>();
  // A span as one number while offsets stay small enough to pack exactly (sentences under a million units).
  const packed = sentence.length < SPAN_PACK;
  for (const p of proposals) {
    const span = packed ? p.start * SPAN_PACK + p.end : `${p.start}:${p.end}`;
    const list = bySpan.get(span);
    if (list) list.push(p);
    else bySpan.set(span, [p]);
  }
  const merged: Proposal[] = [];
  for (const list of bySpan.values()) {
    // Quotation marks alone are the weakest claim: a dictionary phrase or a cue at the same span wins.
    list.sort((a, b) => signalOnly(a) - signalOnly(b) || scoreOf(b.evidence) - scoreOf(a.evidence) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
    const [best, ...rest] = list;
    if (!best) continue;
    const evidence: Evidence[] = [...best.evidence];
    for (const other of rest) {
      for (const e of other.evidence) {
        if (SIGNAL_CODES.has(e.code) && !evidence.some((x) => x.code === e.code)) evidence.push({ ...e, weight: Math.min(e.weight, 0.5) });
      }
      best.attribution ??= other.attribution;
    }
    merged.push({ ...best, evidence });
  }
  return merged;
}

const KIND_ORDER = { quotation: 0, saying: 1, chengyu: 2, term: 3 } as const;
const ALL_JUDGES: readonly ((m: DictionaryMatch) => Proposal | null)[] = [judgeQuotation, judgeTerm, judgeSaying, judgeChengyu];

function signalOnly(p: Proposal): number {
  return p.evidence.every((e) => e.code === 'quoted-coinage' || e.code === 'quoted-figurative' || e.code === 'speech-words') ? 1 : 0;
}

const HAND_KIND: readonly (readonly [string, (m: DictionaryMatch) => Proposal | null])[] = [
  ['q', judgeQuotation],
  ['t', judgeTerm],
  ['s', judgeSaying],
  ['h', judgeChengyu],
];

/** Longest first; among equals the best evidence; then the earliest. Partial overlaps lose. */
export function resolve(proposals: readonly Proposal[]): { top: Proposal[]; nested: Proposal[] } {
  // Scores computed once, not at every comparison.
  const scored = proposals.map((p) => ({ p, score: scoreOf(p.evidence) }));
  scored.sort(
    (a, b) => b.p.end - b.p.start - (a.p.end - a.p.start) || b.score - a.score || a.p.start - b.p.start || KIND_ORDER[a.p.kind] - KIND_ORDER[b.p.kind],
  );
  const order = scored.map((s) => s.p);
  const top: Proposal[] = [];
  const nested: Proposal[] = [];
  for (const p of order) {
    const container = top.find((t) => t.start <= p.start && p.end <= t.end);
    if (container) {
      if (!nested.some((n) => overlaps(n, p) && !(n.start <= p.start && p.end <= n.end))) nested.push(p);
      continue;
    }
    if (top.some((t) => overlaps(t, p))) continue;
    top.push(p);
  }
  const byPosition = (a: Proposal, b: Proposal): number => a.start - b.start || b.end - a.end;
  return { top: top.sort(byPosition), nested: nested.sort(byPosition) };
}

function overlaps(a: Proposal, b: Proposal): boolean {
  return a.start < b.end && b.start < a.end;
}


export function createDetector(options: DetectorOptions = {}): Detector {
  const lexicon = phraseLexicon();
  let frames: FrameIndex | undefined;
  let parts: QuotationParts | undefined;
  let poetry: PoetryIndex | undefined;
  const usePoetry = !options.disable?.has('poetry-index');
  return {
    detect(sentence: Sentence): Detection[] {
      // Built on first use: these scan the lexicon once (tens of milliseconds), paid only by runs that detect.
      const index = nearFormIndex();
      frames ??= new FrameIndex(index, lexicon);
      parts ??= new QuotationParts(index.quotationParts, lexicon);
      // The classical-line index (2–3 MB) is read on the first sentence that has a clause it could hold.
      if (usePoetry && !poetry && hasCandidateClause(sentence.text)) poetry = poetryIndex();
      const { top, nested } = resolve(propose(sentence.text, lexicon, frames, parts, options, poetry));
      return [...top, ...nested]
        .sort((a, b) => a.start - b.start || b.end - a.end)
        .map((p) => ({
          key: p.key,
          text: p.text,
          kind: p.kind,
          start: p.start,
          end: p.end,
          sentence,
          evidence: p.evidence,
          ...(p.dictionaryForm ? { dictionaryForm: p.dictionaryForm } : {}),
          ...(p.attribution ? { attribution: p.attribution } : {}),
        }));
    },
  };
}
