// Detections as they cross from a worker to the main thread. Sent as objects, a batch costs more to copy
// than to detect: structured clone writes every key, display text and evidence note again for every
// detection, and each sentence's text twice (its original is usually the same string). Packed, each
// string and each evidence list crosses once per worker and is then named by number; a detection is nine
// numbers. The main thread rebuilds the same Detection objects a single thread would have made.
import { KINDS, type BlockRole, type Detection, type Evidence, type Kind, type Sentence } from '../types.js';

/** One batch of detections, packed. Tables grow from batch to batch of one worker, unless `fresh`. */
export interface PackedBatch {
  /** The tables start again from empty with this batch (the packer's tables were full). */
  fresh: boolean;
  /** Strings first used in this batch, numbered on from the last. */
  strings: string[];
  /** Evidence lists first used in this batch: per item, string number of code, weight, string number of note or -1. */
  evidence: number[][];
  /** The texts of this batch's sentences (and their originals where they differ): sent once, never kept. */
  texts: string[];
  /** Per sentence `SENTENCE_FIELDS` numbers: text and original text (in `texts`; -1: the same as text), role, source (a string number), paragraph, index. */
  sentences: number[];
  /** Per detection `DETECTION_FIELDS` numbers: sentence (in this batch), key, text, kind, start, end, evidence list, dictionary form, attribution (-1: none). */
  detections: Int32Array;
}

const SENTENCE_FIELDS = 6;
const DETECTION_FIELDS = 9;
const ROLES: readonly BlockRole[] = ['body', 'heading', 'caption'];
/** Past this many strings the tables start again: a long run's display texts would otherwise pile up. */
const TABLE_LIMIT = 200_000;

function kindNumber(kind: Kind): number {
  return KINDS.indexOf(kind);
}

/** The worker's side: numbers every string and evidence list the first time it is sent. */
export class DetectionPacker {
  private strings = new Map<string, number>();
  private evidence = new Map<readonly Evidence[], number>();

  /** `tableLimit`: strings kept before the tables start again. */
  constructor(private readonly tableLimit: number = TABLE_LIMIT) {}

  pack(detections: readonly Detection[]): PackedBatch {
    const fresh = this.strings.size + 4 * detections.length > this.tableLimit;
    if (fresh) {
      this.strings = new Map();
      this.evidence = new Map();
    }
    const newStrings: string[] = [];
    const newEvidence: number[][] = [];
    const stringNumber = (s: string): number => {
      let n = this.strings.get(s);
      if (n === undefined) {
        n = this.strings.size;
        this.strings.set(s, n);
        newStrings.push(s);
      }
      return n;
    };
    const evidenceNumber = (list: readonly Evidence[]): number => {
      let n = this.evidence.get(list);
      if (n === undefined) {
        const flat: number[] = [];
        for (const e of list) flat.push(stringNumber(e.code), e.weight, e.note === undefined ? -1 : stringNumber(e.note));
        n = this.evidence.size;
        this.evidence.set(list, n);
        newEvidence.push(flat);
      }
      return n;
    };
    const sentenceNumbers = new Map<Sentence, number>();
    const texts: string[] = [];
    const sentences: number[] = [];
    const packed = new Int32Array(DETECTION_FIELDS * detections.length);
    let at = 0;
    for (const d of detections) {
      let sentence = sentenceNumbers.get(d.sentence);
      if (sentence === undefined) {
        const s = d.sentence;
        sentence = sentenceNumbers.size;
        sentenceNumbers.set(s, sentence);
        texts.push(s.text);
        const text = texts.length - 1;
        let original = -1;
        if (s.originalText !== s.text) {
          texts.push(s.originalText);
          original = texts.length - 1;
        }
        sentences.push(text, original, ROLES.indexOf(s.role), stringNumber(s.source), s.paragraph, s.index);
      }
      packed[at++] = sentence;
      packed[at++] = stringNumber(d.key);
      packed[at++] = stringNumber(d.text);
      packed[at++] = kindNumber(d.kind);
      packed[at++] = d.start;
      packed[at++] = d.end;
      packed[at++] = evidenceNumber(d.evidence);
      packed[at++] = d.dictionaryForm === undefined ? -1 : stringNumber(d.dictionaryForm);
      packed[at++] = d.attribution === undefined ? -1 : stringNumber(d.attribution);
    }
    return { fresh, strings: newStrings, evidence: newEvidence, texts, sentences, detections: packed };
  }
}

/** The main thread's side, one per worker: the worker's tables, rebuilt batch by batch. */
export class DetectionUnpacker {
  private strings: string[] = [];
  private evidence: Evidence[][] = [];

  unpack(batch: PackedBatch): Detection[] {
    if (batch.fresh) {
      this.strings = [];
      this.evidence = [];
    }
    for (const s of batch.strings) this.strings.push(s);
    for (const flat of batch.evidence) {
      const list: Evidence[] = [];
      for (let i = 0; i + 2 < flat.length; i += 3) {
        const note = flat[i + 2] ?? -1;
        const e: Evidence = { code: this.string(flat[i] ?? -1), weight: flat[i + 1] ?? 0 };
        if (note !== -1) e.note = this.string(note);
        list.push(e);
      }
      this.evidence.push(list);
    }
    const sentences: Sentence[] = [];
    for (let at = 0; at + SENTENCE_FIELDS <= batch.sentences.length; at += SENTENCE_FIELDS) {
      const f = batch.sentences;
      const text = batch.texts[f[at] ?? -1] ?? '';
      const original = f[at + 1] ?? -1;
      sentences.push({
        text,
        originalText: original === -1 ? text : (batch.texts[original] ?? ''),
        role: ROLES[f[at + 2] ?? 0] ?? 'body',
        source: this.string(f[at + 3] ?? -1),
        paragraph: f[at + 4] ?? 0,
        index: f[at + 5] ?? 0,
      });
    }
    const detections: Detection[] = [];
    const p = batch.detections;
    for (let at = 0; at + DETECTION_FIELDS <= p.length; at += DETECTION_FIELDS) {
      const sentence = sentences[p[at] ?? -1];
      const evidence = this.evidence[p[at + 6] ?? -1];
      if (!sentence || !evidence) throw new Error('a packed detection names a sentence or evidence list its batch does not have');
      const d: Detection = {
        key: this.string(p[at + 1] ?? -1),
        text: this.string(p[at + 2] ?? -1),
        kind: KINDS[p[at + 3] ?? -1] ?? 'chengyu',
        start: p[at + 4] ?? 0,
        end: p[at + 5] ?? 0,
        sentence,
        evidence,
      };
      const dictionaryForm = p[at + 7] ?? -1;
      if (dictionaryForm !== -1) d.dictionaryForm = this.string(dictionaryForm);
      const attribution = p[at + 8] ?? -1;
      if (attribution !== -1) d.attribution = this.string(attribution);
      detections.push(d);
    }
    return detections;
  }

  private string(n: number): string {
    const s = this.strings[n];
    if (s === undefined) throw new Error(`a packed batch names string ${n}, which was never sent`);
    return s;
  }
}
