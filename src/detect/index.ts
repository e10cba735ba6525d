// The detector: every kind's detector proposes phrases in a sentence, then the longest claims win and
// the shorter phrases inside them are kept as nested detections (the accumulator uses them to decide
// whether a phrase also stands alone). Pure and deterministic; the lexicon is loaded once.
import type { Detection, Evidence, Sentence } from '../types.js';
import { nearFormIndex, nearFormTables, phraseLexicon, type PhraseEntry, type PhraseLexicon } from '../lexicon/phrases.js';
import { chengyuProposal, chengyuVerdict } from './chengyu.js';
import { findCues, type Cue } from './cues.js';
import { FrameIndex, dictionaryMatches, type ExactMatchFilter } from './match.js';
import { scoreOf, type DictionaryMatch, type Proposal } from './proposal.js';
import { QuotationParts, classicalCouplets, quotationProposal, quotationVerdict, quotationsFromCues } from './quotation.js';
import { contrastMaxims, sayingProposal, sayingVerdict, sayingsFromCues, slogans } from './saying.js';
import { quotedCoinages, termProposal, termShapes, termVerdict } from './term.js';
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

/** Which parts a detector runs, decided once per detector rather than asked of a Set per sentence. */
interface PartsOn {
  dictionary: boolean;
  lists: boolean;
  adaptations: boolean;
  cues: boolean;
  couplets: boolean;
  quotationParts: boolean;
  termShapes: boolean;
  coinages: boolean;
  poetryIndex: boolean;
}

function partsOn(options: DetectorOptions): PartsOn {
  const off = options.disable ?? NO_PARTS;
  return {
    dictionary: !off.has('dictionary'),
    lists: !off.has('lists'),
    adaptations: !off.has('adaptations'),
    cues: !off.has('cues'),
    couplets: !off.has('couplets'),
    quotationParts: !off.has('quotation-parts') && !off.has('lists'),
    termShapes: !off.has('term-shapes'),
    coinages: !off.has('coinages'),
    poetryIndex: !off.has('poetry-index'),
  };
}

/** All proposals for one sentence, one per span (the best-scoring kind, with the others' text signals). */
export function propose(
  sentence: string,
  lexicon: PhraseLexicon,
  frames: FrameIndex,
  parts: QuotationParts,
  options: DetectorOptions = {},
  poetry?: PoetryIndex,
): Proposal[] {
  return proposeWith(sentence, lexicon, frames, parts, partsOn(options), poetry);
}

function proposeWith(sentence: string, lexicon: PhraseLexicon, frames: FrameIndex, parts: QuotationParts, on: PartsOn, poetry?: PoetryIndex): Proposal[] {
  const proposals: Proposal[] = [];
  if (on.dictionary) {
    // Without the project's lists every entry's flags change before it is judged: no entry is ruled out.
    const matches = dictionaryMatches(sentence, lexicon, on.adaptations ? frames : emptyFrames(lexicon), on.lists ? PROPOSED_EXACTLY : undefined);
    judgeMatches(matches, on.lists, proposals);
  }
  const cues = on.cues ? findCues(sentence) : NO_CUES;
  if (cues.length > 0) proposals.push(...quotationsFromCues(cues), ...sayingsFromCues(cues));
  if (poetry && on.poetryIndex) pushAll(proposals, poetryQuotations(sentence, poetry, lexicon, cues));
  // A quoted couplet listed beside a known quotation (“山川异域，风月同天”、“…”) is quoted as one too.
  if (on.couplets) pushAll(proposals, classicalCouplets(sentence, proposals));
  if (on.quotationParts) pushAll(proposals, parts.find(sentence));
  if (on.termShapes) {
    pushAll(proposals, termShapes(sentence));
    pushAll(proposals, slogans(sentence));
    pushAll(proposals, contrastMaxims(sentence));
  }
  if (on.coinages) pushAll(proposals, quotedCoinages(sentence, lexicon));

  return mergeSameSpan(proposals, sentence.length < SPAN_PACK);
}

/**
 * The proposals of the judges for the sentence's dictionary matches, into `proposals`. Indexed loops, not
 * iterators: the code runs thousands of times before it is optimised, and iterators are slow until then.
 */
function judgeMatches(matches: readonly DictionaryMatch[], lists: boolean, proposals: Proposal[]): void {
  for (let m = 0; m < matches.length; m++) {
    const found = matches[m] as DictionaryMatch;
    // Ablation without the project's lists: judge every phrase on the dictionaries' evidence alone.
    const match = lists ? found : { ...found, entry: { ...found.entry, flags: found.entry.flags.replace(/[qhstx]/g, '') } };
    // The project's lists name a phrase's kind outright (三十而立 is a line of the Analects before it is
    // an idiom); other phrases go to every judge and the strongest evidence wins.
    const judged = judgedEntry(match.entry);
    if (match.variant === undefined && !match.adapted) {
      // Nearly every match is exact, of a few hundred entries: their verdicts are remembered.
      const verdicts = exactVerdicts(judged, match);
      for (let v = 0; v < verdicts.length; v++) {
        const verdict = verdicts[v] as Verdict;
        proposals.push(verdict.judge.proposal(match, verdict.evidence));
      }
      continue;
    }
    if (judged.listed >= 0) {
      const p = judgeNearForm(judged.listed, match);
      if (p) proposals.push(p);
      continue;
    }
    for (let judge = 0; judge < JUDGES.length; judge++) {
      const p = judgeNearForm(judge, match);
      if (p) proposals.push(p);
    }
  }
}

/** Proposals grouped by span: fewer than this are grouped by comparing spans pairwise, more through a Map. */
const PAIRWISE_LIMIT = 24;

/**
 * One proposal per span, spans in first-seen order: the best-scoring kind, with the text signals of the
 * others. `packed`: offsets are small enough to pack a span into one number.
 */
function mergeSameSpan(proposals: Proposal[], packed: boolean): Proposal[] {
  const count = proposals.length;
  // A lone proposal per span (the usual case) is kept as it is: there is nothing to merge into it.
  if (count <= 1) return proposals;
  const merged: Proposal[] = [];
  if (count <= PAIRWISE_LIMIT) {
    let grouped = 0;
    for (let i = 0; i < count; i++) {
      const p = proposals[i] as Proposal;
      if ((grouped & (1 << i)) !== 0) continue;
      let list: Proposal[] | undefined;
      for (let j = i + 1; j < count; j++) {
        const q = proposals[j] as Proposal;
        if (q.start !== p.start || q.end !== p.end) continue;
        grouped |= 1 << j;
        (list ??= [p]).push(q);
      }
      merged.push(list ? mergeGroup(list) : p);
    }
    return merged;
  }
  const bySpan = new Map<number | string, Proposal[]>();
  for (const p of proposals) {
    const span = packed ? p.start * SPAN_PACK + p.end : `${p.start}:${p.end}`;
    const list = bySpan.get(span);
    if (list) list.push(p);
    else bySpan.set(span, [p]);
  }
  for (const list of bySpan.values()) merged.push(list.length === 1 ? (list[0] as Proposal) : mergeGroup(list));
  return merged;
}

/** Proposals of one span merged into the best one (a new object; the proposals are left as they are). */
function mergeGroup(list: Proposal[]): Proposal {
  // Quotation marks alone are the weakest claim: a dictionary phrase or a cue at the same span wins. An
  // insertion sort (stable, as the sort it replaces): a span has two or three proposals.
  for (let i = 1; i < list.length; i++) {
    const p = list[i] as Proposal;
    let at = i;
    while (at > 0 && mergesBefore(p, list[at - 1] as Proposal)) {
      list[at] = list[at - 1] as Proposal;
      at--;
    }
    list[at] = p;
  }
  const best = list[0] as Proposal;
  const evidence: Evidence[] = best.evidence.slice();
  for (let i = 1; i < list.length; i++) {
    const other = list[i] as Proposal;
    for (const e of other.evidence) {
      if (SIGNAL_CODES.has(e.code) && !hasCode(evidence, e.code)) evidence.push({ ...e, weight: Math.min(e.weight, 0.5) });
    }
    best.attribution ??= other.attribution;
  }
  const merged: Proposal = { kind: best.kind, key: best.key, text: best.text, start: best.start, end: best.end, evidence };
  if (best.dictionaryForm !== undefined) merged.dictionaryForm = best.dictionaryForm;
  if (best.attribution !== undefined) merged.attribution = best.attribution;
  return merged;
}

/**
 * Whether proposal `a` is merged into before `b`, as the comparator
 * `signalOnly(a) - signalOnly(b) || score(b) - score(a) || kind order` reads.
 */
function mergesBefore(a: Proposal, b: Proposal): boolean {
  const bySignal = signalOnly(a) - signalOnly(b);
  if (bySignal) return bySignal < 0;
  const byScore = scoreOf(b.evidence) - scoreOf(a.evidence);
  if (byScore) return byScore < 0;
  return KIND_ORDER[a.kind] < KIND_ORDER[b.kind];
}

function hasCode(evidence: readonly Evidence[], code: string): boolean {
  for (let i = 0; i < evidence.length; i++) if ((evidence[i] as Evidence).code === code) return true;
  return false;
}

const KIND_ORDER = { quotation: 0, saying: 1, chengyu: 2, term: 3 } as const;

function signalOnly(p: Proposal): number {
  for (const e of p.evidence) if (e.code !== 'quoted-coinage' && e.code !== 'quoted-figurative' && e.code !== 'speech-words') return 0;
  return 1;
}

const NO_CUES: readonly Cue[] = [];

function pushAll(into: Proposal[], more: readonly Proposal[]): void {
  for (let i = 0; i < more.length; i++) into.push(more[i] as Proposal);
}

interface Judge {
  /** The evidence for the kind, or null when the match is not of it. */
  verdict(match: DictionaryMatch): Evidence[] | null;
  proposal(match: DictionaryMatch, evidence: Evidence[]): Proposal;
}

/** Every judge, in the order their proposals are made; a project list's flag names one of them. */
const JUDGES: readonly Judge[] = [
  { verdict: quotationVerdict, proposal: quotationProposal },
  { verdict: termVerdict, proposal: termProposal },
  { verdict: sayingVerdict, proposal: sayingProposal },
  { verdict: chengyuVerdict, proposal: chengyuProposal },
];
/** The list flag of each judge (q, t, s, h): the first one an entry has names its kind. */
const LIST_FLAGS = 'qtsh';

/** A judge's verdict on a dictionary entry matched exactly, when it is of the judge's kind. */
interface Verdict {
  judge: Judge;
  /** Shared by every proposal of the entry: nothing downstream changes it. */
  evidence: Evidence[];
}

/**
 * The judges' verdicts on a dictionary entry matched exactly, remembered per entry: they depend on the
 * entry alone (and, for sayings, on whether the written form has a clause break), never on the sentence.
 */
interface JudgedEntry {
  /** The judge a project list names (index in JUDGES), or -1. */
  listed: number;
  /**
   * The verdicts that found the entry of the judge's kind, in the judges' order (of the listed judge only,
   * for a listed entry): without and with a clause break in the written form; undefined until asked.
   */
  verdicts: (readonly Verdict[] | undefined)[];
  /** The slot of `verdicts` for a written form that is the entry's key, or its text (most are one of them). */
  keySlot: number;
  textSlot: number;
}

const judgedEntries = new WeakMap<PhraseEntry, JudgedEntry>();

function judgedEntry(entry: PhraseEntry): JudgedEntry {
  let judged = judgedEntries.get(entry);
  if (!judged) {
    let listed = -1;
    for (let j = 0; j < LIST_FLAGS.length && listed < 0; j++) if (entry.flags.includes(LIST_FLAGS[j] as string)) listed = j;
    judged = { listed, verdicts: [undefined, undefined], keySlot: breakSlot(entry.key), textSlot: breakSlot(entry.text) };
    judgedEntries.set(entry, judged);
  }
  return judged;
}

/** The slot of `JudgedEntry.verdicts` for a written form: 1 when it has a clause break. */
function breakSlot(text: string): number {
  return text.includes('，') ? 1 : 0;
}

/** The verdicts on an exact match of the entry: one proposal each. */
function exactVerdicts(judged: JudgedEntry, match: DictionaryMatch): readonly Verdict[] {
  const text = match.text;
  const slot = text === match.entry.key ? judged.keySlot : text === match.entry.text ? judged.textSlot : breakSlot(text);
  let verdicts = judged.verdicts[slot];
  if (!verdicts) {
    const found: Verdict[] = [];
    for (let index = 0; index < JUDGES.length; index++) {
      if (judged.listed >= 0 && index !== judged.listed) continue;
      const judge = JUDGES[index] as Judge;
      const evidence = judge.verdict(match);
      if (evidence) found.push({ judge, evidence });
    }
    verdicts = found;
    judged.verdicts[slot] = verdicts;
  }
  return verdicts;
}

/**
 * The entries some judge makes a proposal of when matched exactly, written with or without a clause break:
 * the scan makes no exact match of the others. Judged with the entry's own flags (an ablation without the
 * lists judges changed flags, and passes no filter).
 */
const PROPOSED_EXACTLY: ExactMatchFilter = {
  mayPropose(entry: PhraseEntry): boolean {
    const judged = judgedEntry(entry);
    return slotVerdicts(judged, entry, 0).length > 0 || slotVerdicts(judged, entry, 1).length > 0;
  },
};

/**
 * The verdicts on an exact match of `entry` written with a clause break (`slot` 1) or without (0). The
 * verdicts read nothing of the match but the entry and whether its text has a clause break, so a written
 * form of the slot stands for all of them: its key or text when one is of the slot, else the key broken.
 */
function slotVerdicts(judged: JudgedEntry, entry: PhraseEntry, slot: number): readonly Verdict[] {
  const known = judged.verdicts[slot];
  if (known) return known;
  const key = entry.key;
  const half = key.length >> 1;
  const text = judged.keySlot === slot ? key : judged.textSlot === slot ? entry.text : slot === 1 ? `${key.slice(0, half)}，${key.slice(half)}` : key.replace(/，/g, '');
  return exactVerdicts(judged, { entry, key, start: 0, end: key.length, text });
}

/** The proposal of one judge for a near-form match (its evidence depends on the written form). */
function judgeNearForm(index: number, match: DictionaryMatch): Proposal | null {
  const judge = JUDGES[index] as Judge;
  const evidence = judge.verdict(match);
  return evidence ? judge.proposal(match, evidence) : null;
}

/** Longest first; among equals the best evidence; then the earliest. Partial overlaps lose. */
export function resolve(proposals: readonly Proposal[]): { top: Proposal[]; nested: Proposal[] } {
  if (proposals.length <= 1) return { top: [...proposals], nested: [] };
  const count = proposals.length;
  // The claims in order, scores computed once; insertion sorts into scratch arrays (a sentence has a few
  // claims: no comparator closures, no wrapper objects per claim).
  const order = resolveOrder;
  const scores = resolveScores;
  for (let i = 0; i < count; i++) {
    const p = proposals[i] as Proposal;
    const score = scoreOf(p.evidence);
    let at = i;
    while (at > 0 && claimsBefore(p, score, order[at - 1] as Proposal, scores[at - 1] as number)) {
      order[at] = order[at - 1] as Proposal;
      scores[at] = scores[at - 1] as number;
      at--;
    }
    order[at] = p;
    scores[at] = score;
  }
  const top: Proposal[] = [];
  const nested: Proposal[] = [];
  for (let i = 0; i < count; i++) {
    const p = order[i] as Proposal;
    if (within(top, p)) {
      if (!crossedByNested(nested, p)) insertByPosition(nested, p);
      continue;
    }
    if (!overlapsAny(top, p)) insertByPosition(top, p);
  }
  // The scratch arrays hold no proposal past the sentence.
  order.fill(undefined, 0, count);
  return { top, nested };
}

// Scratch arrays of `resolve`, grown to the most claims a sentence has had.
const resolveOrder: (Proposal | undefined)[] = [];
const resolveScores: number[] = [];

/** Whether claim `a` (score `scoreA`) is resolved before claim `b`: longer, better evidence, earlier, kind. */
function claimsBefore(a: Proposal, scoreA: number, b: Proposal, scoreB: number): boolean {
  // As the comparator `b.length - a.length || scoreB - scoreA || a.start - b.start || kind order` reads.
  const byLength = b.end - b.start - (a.end - a.start);
  if (byLength) return byLength < 0;
  const byScore = scoreB - scoreA;
  if (byScore) return byScore < 0;
  if (a.start !== b.start) return a.start < b.start;
  return KIND_ORDER[a.kind] < KIND_ORDER[b.kind];
}

/** Whether some claim of `top` contains `p`. */
function within(top: readonly Proposal[], p: Proposal): boolean {
  for (let i = 0; i < top.length; i++) {
    const t = top[i] as Proposal;
    if (t.start <= p.start && p.end <= t.end) return true;
  }
  return false;
}

/** Whether some nested claim overlaps `p` without containing it. */
function crossedByNested(nested: readonly Proposal[], p: Proposal): boolean {
  for (let i = 0; i < nested.length; i++) {
    const n = nested[i] as Proposal;
    if (overlaps(n, p) && !(n.start <= p.start && p.end <= n.end)) return true;
  }
  return false;
}

function overlapsAny(top: readonly Proposal[], p: Proposal): boolean {
  for (let i = 0; i < top.length; i++) if (overlaps(top[i] as Proposal, p)) return true;
  return false;
}

/**
 * Inserts `p` by position (start, then the longer first), after any it ties with: the stable order the
 * claims arrive in, as a stable sort of the whole list would leave them.
 */
function insertByPosition(list: Proposal[], p: Proposal): void {
  let at = list.length;
  list.push(p);
  while (at > 0 && positionBefore(p, list[at - 1] as Proposal)) {
    list[at] = list[at - 1] as Proposal;
    at--;
  }
  list[at] = p;
}

function positionBefore(a: Proposal, b: Proposal): boolean {
  return a.start < b.start || (a.start === b.start && b.end < a.end);
}

function overlaps(a: Proposal, b: Proposal): boolean {
  return a.start < b.end && b.start < a.end;
}


// The near-form tables depend on the lexicon alone: built once per lexicon, not once per detector (a
// run's detector is new, and building them takes ten to twenty milliseconds).
const framesOf = new WeakMap<PhraseLexicon, FrameIndex>();
const partsOf = new WeakMap<PhraseLexicon, QuotationParts>();

function sharedFrames(lexicon: PhraseLexicon): FrameIndex {
  let frames = framesOf.get(lexicon);
  if (!frames) {
    frames = new FrameIndex(nearFormIndex(), lexicon, nearFormTables());
    framesOf.set(lexicon, frames);
  }
  return frames;
}

const emptyFramesOf = new WeakMap<PhraseLexicon, FrameIndex>();

/** A FrameIndex without near-forms, for ablation runs without adaptations. */
function emptyFrames(lexicon: PhraseLexicon): FrameIndex {
  let frames = emptyFramesOf.get(lexicon);
  if (!frames) {
    frames = FrameIndex.empty(lexicon);
    emptyFramesOf.set(lexicon, frames);
  }
  return frames;
}

function sharedParts(lexicon: PhraseLexicon): QuotationParts {
  let parts = partsOf.get(lexicon);
  if (!parts) {
    parts = new QuotationParts(nearFormIndex().quotationParts, lexicon);
    partsOf.set(lexicon, parts);
  }
  return parts;
}

export function createDetector(options: DetectorOptions = {}): Detector {
  const lexicon = phraseLexicon();
  let frames: FrameIndex | undefined;
  let parts: QuotationParts | undefined;
  let poetry: PoetryIndex | undefined;
  const on = partsOn(options);
  const usePoetry = on.poetryIndex;
  return {
    detect(sentence: Sentence): Detection[] {
      // Built on first use: these scan the lexicon once (tens of milliseconds), paid only by runs that detect.
      frames ??= sharedFrames(lexicon);
      parts ??= sharedParts(lexicon);
      // The classical-line index (2–3 MB) is read on the first sentence that has a clause it could hold.
      if (usePoetry && !poetry && hasCandidateClause(sentence.text)) poetry = poetryIndex();
      const proposals = proposeWith(sentence.text, lexicon, frames, parts, on, poetry);
      // Most sentences have no phrase at all.
      if (proposals.length === 0) return [];
      // One phrase (the next most common case) has nothing to resolve.
      if (proposals.length === 1) return [detectionOf(proposals[0] as Proposal, sentence)];
      const { top, nested } = resolve(proposals);
      // Both lists are in position order: merged, the top claim first where positions tie (as a stable
      // sort of the top claims followed by the nested ones leaves them).
      const detections: Detection[] = [];
      let t = 0;
      let n = 0;
      while (t < top.length || n < nested.length) {
        const next = n >= nested.length || (t < top.length && !positionBefore(nested[n] as Proposal, top[t] as Proposal)) ? (top[t++] as Proposal) : (nested[n++] as Proposal);
        detections.push(detectionOf(next, sentence));
      }
      return detections;
    },
  };
}

function detectionOf(p: Proposal, sentence: Sentence): Detection {
  const d: Detection = { key: p.key, text: p.text, kind: p.kind, start: p.start, end: p.end, sentence, evidence: p.evidence };
  if (p.dictionaryForm) d.dictionaryForm = p.dictionaryForm;
  if (p.attribution) d.attribution = p.attribution;
  return d;
}
