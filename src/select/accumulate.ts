// Merging detections over all inputs: one Candidate per key, with its total count, every source in
// first-seen order, the union of the evidence and a bounded, deterministic sample of occurrences (the
// first ones met, body text before headings and captions), so memory stays flat on a large corpus.
import type { Candidate, Detection, Evidence, Kind, Occurrence, Sentence } from '../types.js';
import { KINDS } from '../types.js';

export interface AccumulatorOptions {
  /**
   * The kinds that will be selected. A phrase inside a longer phrase of one of these kinds is not a card
   * of its own there; inside a phrase of another kind (which will not be shown) it still stands alone.
   */
  kinds?: readonly Kind[];
  /** Occurrences kept per phrase for choosing its context (default 4; 2 for uses inside longer phrases). */
  sampleSize?: number;
}

interface Entry {
  key: string;
  text: string;
  firstSeen: number;
  /** Evidence weight seen per kind, to settle a phrase detected as different kinds in different places. */
  kindWeight: number[];
  count: number;
  nestedCount: number;
  sources: string[];
  /** The numbers (see `sourceNumber`) of `sources`, and that of the source last seen: the usual repeat. */
  sourceNumbers: Set<number>;
  lastSourceNumber: number;
  evidence: Map<string, Evidence>;
  /**
   * The evidence list merged last. Detectors share one list among the detections of a dictionary entry,
   * and merging a list again changes nothing, so the usual repeat costs one comparison.
   */
  lastEvidence: readonly Evidence[] | undefined;
  /** `max(0.01, total weight)` of `lastEvidence`, so a repeated list is not summed again. */
  lastWeight: number;
  occurrences: Occurrence[];
  /** How many of `occurrences` are not from body text (headings, captions): those a body one may replace. */
  otherOccurrences: number;
  nestedOccurrences: Occurrence[];
  /** Present from the start (undefined until known), so that every entry keeps one shape. */
  dictionaryForm: string | undefined;
  attribution: string | undefined;
}

const KIND_RANK: Record<Kind, number> = { quotation: 0, saying: 1, chengyu: 2, term: 3 };
const KIND_OF_RANK: readonly Kind[] = ['quotation', 'saying', 'chengyu', 'term'];

/**
 * The kind with the most evidence weight (by `KIND_RANK`: quotation, saying, chengyu, term), the first in
 * that order among equals; a kind never seen has no weight (every detection adds at least 0.01).
 */
function heaviestKind(weights: readonly number[]): Kind {
  let best = -1;
  for (let rank = 0; rank < weights.length; rank++) {
    const weight = weights[rank] ?? 0;
    if (weight > 0 && (best < 0 || weight > (weights[best] ?? 0))) best = rank;
  }
  return KIND_OF_RANK[best] ?? 'chengyu';
}

function weightOf(evidence: readonly Evidence[]): number {
  let total = 0;
  for (const e of evidence) total += e.weight;
  return total;
}

/** The display text to keep when the same key was written differently: the one that shows its clauses. */
function betterText(current: string, offered: string): string {
  if (offered === current) return current;
  return commas(offered) > commas(current) ? offered : current;
}

function commas(s: string): number {
  let n = 0;
  for (let at = s.indexOf('，'); at >= 0; at = s.indexOf('，', at + 1)) n++;
  return n;
}

export class PhraseAccumulator {
  private readonly entries = new Map<string, Entry>();
  /**
   * A number per distinct source name, so that each entry compares and stores small integers: the names
   * of the other files an entry was seen in differ from the current one only near their end, and
   * comparing or hashing them per detection cost more than the rest of `record`.
   */
  private readonly sourceNumbers = new Map<string, number>();
  private currentSource: string | undefined;
  private currentSourceNumber = -1;
  private readonly kinds: ReadonlySet<Kind>;
  private readonly sampleSize: number;
  /**
   * The detections of the sentence being read: the first `pendingCount` entries (those after them are
   * stale, left from a longer earlier sentence, and never read). Counted rather than emptied with
   * `length = 0`, which would drop the backing store and make every sentence allocate a new one.
   */
  private readonly pending: Detection[] = [];
  private pendingCount = 0;
  private pendingSentence: Sentence | undefined;
  private seen = 0;

  constructor(options: AccumulatorOptions = {}) {
    this.kinds = new Set(options.kinds ?? KINDS);
    this.sampleSize = Math.max(1, options.sampleSize ?? 4);
  }

  /** Detections arrive sentence by sentence; nesting is settled once a sentence's detections are all in. */
  add(d: Detection): void {
    const pendingSentence = this.pendingSentence;
    if (pendingSentence !== undefined && !sameSentence(pendingSentence, d.sentence)) this.flush();
    this.pendingSentence = d.sentence;
    if (this.pendingCount < this.pending.length) this.pending[this.pendingCount] = d;
    else this.pending.push(d);
    this.pendingCount++;
  }

  /**
   * How many distinct phrases (keys) were added so far: those merged, and those of the sentence still
   * pending that are not merged yet. The same number as a Set of every key added, without hashing each
   * detection's key a second time.
   */
  phraseCount(): number {
    let count = this.entries.size;
    const ds = this.pending;
    for (let i = 0; i < this.pendingCount; i++) {
      const key = (ds[i] as Detection).key;
      if (this.entries.has(key)) continue;
      let earlier = false;
      for (let j = 0; j < i && !earlier; j++) earlier = (ds[j] as Detection).key === key;
      if (!earlier) count++;
    }
    return count;
  }

  private flush(): void {
    const ds = this.pending;
    const n = this.pendingCount;
    // The usual sentence has one detection, which nothing can contain.
    if (n === 1) this.record(ds[0] as Detection, false);
    else {
      for (let i = 0; i < n; i++) {
        const d = ds[i] as Detection;
        let nested = false;
        for (let j = 0; j < n && !nested; j++) {
          const o = ds[j] as Detection;
          nested = j !== i && o.start <= d.start && d.end <= o.end && o.end - o.start > d.end - d.start && this.kinds.has(o.kind);
        }
        this.record(d, nested);
      }
    }
    this.pendingCount = 0;
    this.pendingSentence = undefined;
  }

  private record(d: Detection, nested: boolean): void {
    let entry = this.entries.get(d.key);
    if (!entry) {
      entry = {
        key: d.key,
        text: d.text,
        firstSeen: this.seen++,
        kindWeight: [0, 0, 0, 0],
        count: 0,
        nestedCount: 0,
        sources: [],
        sourceNumbers: new Set(),
        lastSourceNumber: -1,
        evidence: new Map(),
        lastEvidence: undefined,
        lastWeight: 0,
        occurrences: [],
        otherOccurrences: 0,
        nestedOccurrences: [],
        dictionaryForm: undefined,
        attribution: undefined,
      };
      this.entries.set(d.key, entry);
    }
    entry.text = betterText(entry.text, d.text);
    if (d.evidence !== entry.lastEvidence) {
      for (const e of d.evidence) {
        const known = entry.evidence.get(e.code);
        if (!known || e.weight > known.weight) entry.evidence.set(e.code, e);
      }
      entry.lastEvidence = d.evidence;
      entry.lastWeight = Math.max(0.01, weightOf(d.evidence));
    }
    const rank = KIND_RANK[d.kind];
    entry.kindWeight[rank] = (entry.kindWeight[rank] ?? 0) + entry.lastWeight;
    const source = d.sentence.source;
    const number = this.sourceNumber(source);
    // Detections arrive file by file: the source last added is the usual one.
    if (entry.lastSourceNumber !== number && !entry.sourceNumbers.has(number)) {
      entry.sourceNumbers.add(number);
      entry.sources.push(source);
    }
    entry.lastSourceNumber = number;
    entry.dictionaryForm ??= d.dictionaryForm;
    entry.attribution ??= d.attribution;
    if (nested) {
      entry.nestedCount++;
      if (entry.nestedOccurrences.length < Math.min(2, this.sampleSize)) entry.nestedOccurrences.push(occurrenceOf(d));
    } else {
      entry.count++;
      this.keepSample(entry, d);
    }
  }

  /** The number of `source`; the current file's, without a look-up, for every detection but its first. */
  private sourceNumber(source: string): number {
    if (source !== this.currentSource) {
      let number = this.sourceNumbers.get(source);
      if (number === undefined) {
        number = this.sourceNumbers.size;
        this.sourceNumbers.set(source, number);
      }
      this.currentSource = source;
      this.currentSourceNumber = number;
    }
    return this.currentSourceNumber;
  }

  private keepSample(entry: Entry, d: Detection): void {
    const sample = entry.occurrences;
    const body = d.sentence.role === 'body';
    if (sample.length < this.sampleSize) {
      sample.push(occurrenceOf(d));
      if (!body) entry.otherOccurrences++;
      return;
    }
    // A body sentence replaces the last heading or caption in a full sample: contexts are taken from body text.
    if (!body || entry.otherOccurrences === 0) return;
    for (let i = sample.length - 1; i >= 0; i--) {
      if (sample[i]?.sentence.role !== 'body') {
        sample.splice(i, 1);
        sample.push(occurrenceOf(d));
        entry.otherOccurrences--;
        return;
      }
    }
  }

  /** Every merged phrase, standing alone or not, in first-seen order. */
  finishAll(): Candidate[] {
    this.flush();
    return [...this.entries.values()]
      .sort((a, b) => a.firstSeen - b.firstSeen)
      .map((e) => {
        const standsAlone = e.count > 0;
        const kind = heaviestKind(e.kindWeight);
        return {
          key: e.key,
          text: e.text,
          kind,
          count: standsAlone ? e.count : e.nestedCount,
          sources: [...e.sources],
          evidence: [...e.evidence.values()],
          occurrences: standsAlone ? [...e.occurrences] : [...e.nestedOccurrences],
          ...(e.dictionaryForm ? { dictionaryForm: e.dictionaryForm } : {}),
          ...(e.attribution ? { attribution: e.attribution } : {}),
          standsAlone,
        };
      });
  }

  /**
   * The phrases that are cards: those used at least once outside every longer selected phrase. `count` is
   * the number of such uses (a phrase inside a longer one is not counted twice).
   */
  finish(): Candidate[] {
    return this.finishAll().filter((c) => c.standsAlone);
  }
}

function occurrenceOf(d: Detection): Occurrence {
  return { sentence: d.sentence, start: d.start, end: d.end };
}

function sameSentence(a: Sentence, b: Sentence): boolean {
  return a === b || (a.source === b.source && a.index === b.index && a.text === b.text);
}
