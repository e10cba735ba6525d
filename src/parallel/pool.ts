// Detection of many files on several cores. Each thread takes whole files (read → decode → normalise →
// sentences → detect): the main thread its share, worker threads theirs. The main thread hands every
// file's detections on in input order, file by file and batch by batch, exactly as a single thread would
// produce them, so the merged result (and every deck built from it) is the same whatever the number of
// threads.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../cli/errors.js';
import type { InputRef } from '../input/index.js';
import type { Detection } from '../types.js';
import type { CarriedError, FileReport, FileRequest } from './messages.js';
import type { FileSummary } from './per-file.js';

export type FileEvent = { type: 'batch'; index: number; detections: Detection[] } | { type: 'done'; index: number; summary: FileSummary };

const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * Below this much input, threads do not pay. Each one warms up on its own (its own lexicon, and V8
 * compiles the detector's code again in every thread), about a second of a core, and V8's compiler and
 * collector threads already keep the second core partly busy beside a single detecting thread. Measured
 * on 2 cores, quiet machine, corpora from test/bench/corpus.mjs: 10 MB 1.8 s on one thread, 2.0 s on two;
 * 100 MB 12.5 s on one, 9.5 s on two.
 */
export const PARALLEL_MIN_BYTES = 32_000_000;
export const MAX_AUTO_JOBS = 4;
/** Files sent to one worker before its first one is done, so that it never waits for the main thread. */
const FILES_IN_FLIGHT_PER_THREAD = 4;
/** Finished files held for the main thread beyond the one it is merging (bounds memory behind a big file). */
const FILES_AHEAD_PER_THREAD = 4;

/** Whether the compiled worker is there (not when the sources run under a TypeScript loader). */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

/**
 * How many threads should detect `refs`: `requested` when given (1 means the main thread alone), else
 * one per core (at most MAX_AUTO_JOBS) when there are several files and enough text to pay for them.
 * Standard input is read by the main thread, so a run that includes it stays there.
 */
export function chooseJobs(refs: readonly InputRef[], requested?: number, minBytes: number = PARALLEL_MIN_BYTES): number {
  if (refs.length < 2 || refs.some((r) => r.path === null) || !workersAvailable()) return 1;
  if (requested !== undefined) return Math.max(1, Math.min(requested, refs.length));
  let bytes = 0;
  for (const ref of refs) bytes += sizeOf(ref);
  if (bytes < minBytes) return 1;
  return Math.max(1, Math.min(availableParallelism(), refs.length, MAX_AUTO_JOBS));
}

function rebuilt(error: CarriedError): Error {
  if (error.kind === 'input') return new InputError(error.file, error.problem);
  const rethrown = new Error(error.message);
  if (error.stack !== undefined) rethrown.stack = error.stack;
  return rethrown;
}

interface Thread {
  worker: Worker;
  inFlight: number;
  /** The files this thread detects, in input order, and how many of them were sent. */
  files: number[];
  sent: number;
}

/**
 * Which thread detects each file: thread 0 is the main thread, the others are workers. Each file goes,
 * in input order, to the thread with the fewest bytes so far (the lowest-numbered among equals), so the
 * threads finish together however the sizes vary. Deterministic, and the result does not depend on it.
 */
export function assignFiles(sizes: readonly number[], threads: number): number[] {
  const load = new Array<number>(threads).fill(0);
  return sizes.map((size) => {
    let owner = 0;
    for (let t = 1; t < threads; t++) if ((load[t] ?? 0) < (load[owner] ?? 0)) owner = t;
    load[owner] = (load[owner] ?? 0) + Math.max(1, size);
    return owner;
  });
}

// Sizes looked up once per input: choosing the thread count and sharing the files both need them.
const sizes = new WeakMap<InputRef, number>();

/** The input's size in bytes (0 for standard input or a file that cannot be read: it is reported when its turn comes). */
function sizeOf(ref: InputRef): number {
  let size = sizes.get(ref);
  if (size === undefined) {
    try {
      size = ref.path === null ? 0 : statSync(ref.path).size;
    } catch {
      size = 0;
    }
    sizes.set(ref, size);
  }
  return size;
}

/** Detects file `index` in the main thread, as the single-threaded pipeline does. */
export type DetectHere = (index: number) => AsyncGenerator<FileEvent>;

/**
 * The detections of `refs` by `jobs` threads, in input order: the main thread (through `detectHere`) and
 * `jobs - 1` workers, each with its share of the files. Workers stop when the loop ends.
 */
export async function* detectInThreads(refs: readonly InputRef[], jobs: number, detectHere: DetectHere): AsyncGenerator<FileEvent> {
  const owners = assignFiles(refs.map(sizeOf), jobs);
  const reports = new Map<number, FileReport[]>();
  let fatal: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  let merging = 0;
  const threads: Thread[] = [];
  const window = FILES_AHEAD_PER_THREAD * jobs;

  const dispatch = (): void => {
    for (const thread of threads) {
      for (;;) {
        const index = thread.files[thread.sent];
        if (index === undefined || thread.inFlight >= FILES_IN_FLIGHT_PER_THREAD || index > merging + window) break;
        const ref = refs[index];
        if (!ref) break;
        const request: FileRequest = { index, ref };
        thread.sent++;
        thread.inFlight++;
        thread.worker.postMessage(request);
      }
    }
  };

  for (let t = 1; t < jobs; t++) {
    const worker = new Worker(WORKER_URL);
    const files: number[] = [];
    owners.forEach((owner, index) => {
      if (owner === t) files.push(index);
    });
    const thread: Thread = { worker, inFlight: 0, files, sent: 0 };
    worker.on('message', (report: FileReport) => {
      const list = reports.get(report.index);
      if (list) list.push(report);
      else reports.set(report.index, [report]);
      if (report.type !== 'batch') {
        thread.inFlight--;
        dispatch();
      }
      notify();
    });
    worker.on('error', (error: Error) => {
      fatal ??= error;
      notify();
    });
    worker.on('exit', (code) => {
      if (code !== 0) fatal ??= new Error(`a detection thread stopped (exit code ${code})`);
      notify();
    });
    threads.push(thread);
  }

  try {
    dispatch();
    for (; merging < refs.length; merging++) {
      if (owners[merging] === 0) {
        // The main thread's own file; between its batches the workers' reports come in and more files go out.
        yield* detectHere(merging);
        dispatch();
        continue;
      }
      for (let finished = false; !finished; ) {
        const queued = reports.get(merging);
        const report = queued?.shift();
        if (!report) {
          if (fatal) throw fatal;
          await new Promise<void>((resume) => {
            wake = resume;
          });
          continue;
        }
        if (report.type === 'failed') throw rebuilt(report.error);
        if (report.type === 'batch') yield { type: 'batch', index: merging, detections: report.detections };
        else {
          yield { type: 'done', index: merging, summary: report.summary };
          finished = true;
        }
      }
      reports.delete(merging);
      dispatch();
    }
  } finally {
    for (const thread of threads) {
      thread.worker.removeAllListeners('exit');
      void thread.worker.terminate();
    }
  }
}
