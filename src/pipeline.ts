// The whole extraction as one call: read → decode → normalise → sentences → detect → accumulate → enrich
// → select. Files are detected one at a time per thread (several threads for a large corpus, see
// parallel/pool.ts) and merged in input order; only the accumulator's bounded state outlives a file, so
// memory does not grow with the corpus.
import { createDetector, type Detector } from './detect/index.js';
import { enrich } from './enrich/index.js';
import { readInput, resolveInputs } from './input/index.js';
import type { InputRef } from './input/index.js';
import { PhraseAccumulator } from './select/accumulate.js';
import { select } from './select/index.js';
import { scoreCandidate } from './select/rank.js';
import type { Candidate, Card, Detection, PipelineOptions, SourceInfo } from './types.js';
import { detectFile, type FileStats } from './parallel/per-file.js';
import { chooseJobs, detectInThreads, type DetectHere, type FileEvent } from './parallel/pool.js';

export interface ProgressHooks {
  fileStarted?(name: string): void;
  /**
   * A batch of the file's sentences is done: `chars` more characters of the `fileChars` it has (a large
   * file reports as it goes).
   */
  fileProgress?(name: string, chars: number, fileChars: number, phrasesSoFar: number): void;
  fileDone?(name: string, chars: number, phrasesSoFar: number): void;
}

export interface ExtractOptions extends PipelineOptions {
  stdin?: NodeJS.ReadableStream;
  progress?: ProgressHooks;
  /**
   * Threads that detect files at once (1: the main thread alone). Unset: one per core for a run of
   * several files with enough text to pay for the threads' start-up (see chooseJobs). The result is the
   * same whatever the number.
   */
  jobs?: number;
}

export interface ExtractResult {
  /** Selected cards, best first. */
  cards: Card[];
  /** One entry per input, in input order. */
  sources: SourceInfo[];
  /** Per input: characters dropped as duplicates and as markup, and sentences read. */
  stats: InputStats[];
}

export type InputStats = FileStats;

/** Resolves the arguments to input files (expanding directories) without reading them. */
export function listInputs(args: readonly string[]): Promise<InputRef[]> {
  return resolveInputs([...args]);
}

export async function extract(args: readonly string[], options: ExtractOptions): Promise<ExtractResult> {
  const refs = await listInputs(args);
  return extractFrom(refs, options);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolveYield) => setImmediate(resolveYield));
}

/**
 * The files' detections in the main thread. Detection inside a file is synchronous; without a pause
 * between batches, Ctrl-C (handled on the event loop) would wait until a large file is done.
 */
async function* detectInThread(refs: readonly InputRef[], stdin: NodeJS.ReadableStream | undefined): AsyncGenerator<FileEvent> {
  const here = detectorHere(refs, stdin);
  for (let index = 0; index < refs.length; index++) yield* here(index);
}

/** Detection of one file at a time in the main thread, with one detector for the run. */
function detectorHere(refs: readonly InputRef[], stdin: NodeJS.ReadableStream | undefined): DetectHere {
  let detector: Detector | undefined;
  return async function* detectHere(index) {
    const ref = refs[index];
    if (!ref) return;
    const file = await readInput(ref, stdin);
    detector ??= createDetector();
    const batches = detectFile(file, detector);
    for (let step = batches.next(); ; step = batches.next()) {
      if (step.done) {
        yield { type: 'done', index, summary: step.value };
        return;
      }
      yield { type: 'batch', index, detections: step.value.detections, chars: step.value.chars, fileChars: step.value.fileChars };
      await yieldToEventLoop();
    }
  };
}

export async function extractFrom(refs: readonly InputRef[], options: ExtractOptions): Promise<ExtractResult> {
  const accumulator = new PhraseAccumulator({ kinds: options.kinds });
  const sources: SourceInfo[] = [];
  const stats: InputStats[] = [];
  const jobs = chooseJobs(refs, options.jobs);
  const events = jobs > 1 ? detectInThreads(refs, jobs, detectorHere(refs, options.stdin)) : detectInThread(refs, options.stdin);
  let started = -1;
  for await (const event of events) {
    const ref = refs[event.index];
    if (!ref) continue;
    if (event.index !== started) {
      started = event.index;
      options.progress?.fileStarted?.(ref.name);
    }
    if (event.type === 'batch') {
      // The phrases so far are counted by the accumulator, not by a Set per detection.
      const detections = event.detections;
      for (let k = 0; k < detections.length; k++) accumulator.add(detections[k] as Detection);
      options.progress?.fileProgress?.(ref.name, event.chars, event.fileChars, accumulator.phraseCount());
      continue;
    }
    sources.push(event.summary.source);
    stats.push(event.summary.stats);
    options.progress?.fileDone?.(ref.name, event.summary.stats.chars, accumulator.phraseCount());
  }
  const candidates = preselect(accumulator.finish(), options);
  const sourceMap = new Map(sources.map((s) => [s.name, s]));
  const cards = enrich(candidates, sourceMap, { toneSandhi: options.toneSandhi, variant: options.variant }).map(
    (card, i) => {
      const candidate = candidates[i];
      return candidate ? { ...card, ...scoreCandidate(candidate) } : card;
    },
  );
  return { cards: select(cards, options), sources, stats };
}

/**
 * Drops what the selection would drop anyway before the costlier enrichment: other kinds, too rare,
 * already known. Ranking and `--top` stay in `select`, which sees the enriched cards.
 */
function preselect(candidates: Candidate[], options: PipelineOptions): Candidate[] {
  const kinds = new Set(options.kinds);
  return candidates.filter(
    (c) => kinds.has(c.kind) && c.count >= options.minCount && !(options.exclude?.has(c.key) ?? false),
  );
}
