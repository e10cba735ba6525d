// Detection of many files on several cores. Each thread takes whole files (read → decode → normalise →
// sentences → detect), the next one in input order whenever it is free: the main thread and the worker
// threads alike. The main thread hands every
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
import { DetectionUnpacker } from './wire.js';

/**
 * A file's detections, batch by batch (`chars`: the characters of sentences the batch covers, of
 * `fileChars` in the whole file), then its end.
 */
export type FileEvent =
  | { type: 'batch'; index: number; detections: Detection[]; chars: number; fileChars: number }
  | { type: 'done'; index: number; summary: FileSummary };

const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * Below this much input, threads do not pay. Each one warms up on its own (its own lexicon, and V8
 * compiles the detectors' code again in every thread: the first ~5,000 sentences of a thread run about
 * twice as slowly), and V8's compiler and collector threads already keep the second core partly busy
 * beside a single detecting thread. Measured on 2 cores, quiet machine, whole `extract` processes on
 * corpora from test/bench/corpus.mjs: 10 MB 1.31 s on one thread, 1.55 s on two; 20 MB 2.0 s on either;
 * 100 MB 7.1 s on one, 5.6 s on two.
 */
export const PARALLEL_MIN_BYTES = 32_000_000;
export const MAX_AUTO_JOBS = 4;
/**
 * Files sent to a worker before the one it works on is done, so that it never waits for the main thread
 * to send the next; few, so that a slow worker does not hold files a free thread could take.
 */
const FILES_IN_FLIGHT_PER_WORKER = 2;
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

/**
 * The threads a `--jobs` request gets: at most one per core. More cannot detect at once, and each extra
 * one only adds its warm-up and ~25 MB: `--jobs 64` over a big folder on two cores took 3.6 times as long
 * as `--jobs 2` and a gigabyte of memory, and a request as large as the folder could exhaust memory.
 */
export function threadsForRequest(requested: number, cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(requested, cores));
}

function rebuilt(error: CarriedError): Error {
  if (error.kind === 'input') return new InputError(error.file, error.problem);
  const rethrown = new Error(error.message);
  if (error.stack !== undefined) rethrown.stack = error.stack;
  return rethrown;
}

interface WorkerThread {
  worker: Worker;
  /** Files sent and not yet reported done or failed. */
  inFlight: number;
}

/** What a file's detection left for the main thread to merge, in order: batches, then the end. */
type Pending =
  | { type: 'batch'; detections: Detection[]; chars: number; fileChars: number }
  | { type: 'done'; summary: FileSummary }
  | { type: 'failed'; error: Error };

/** The input's size in bytes (0 for standard input or a file that cannot be read: it is reported when its turn comes). */
function sizeOf(ref: InputRef): number {
  try {
    return ref.path === null ? 0 : statSync(ref.path).size;
  } catch {
    return 0;
  }
}

/** Detects file `index` in the main thread, as the single-threaded pipeline does. */
export type DetectHere = (index: number) => AsyncGenerator<FileEvent>;

/**
 * The detections of `refs` by `jobs` threads, in input order: the main thread (through `detectHere`) and
 * `jobs - 1` workers. Files are handed out in input order to whichever thread is free: a worker asks for
 * its next file when one is done, and the main thread, when the file it must merge next is still being
 * detected elsewhere, takes the next file itself and keeps its detections until their turn. So a thread
 * that is still warming up (V8 compiles the detectors anew in every thread) simply does fewer files.
 * Workers stop when the loop ends.
 */
export async function* detectInThreads(refs: readonly InputRef[], jobs: number, detectHere: DetectHere): AsyncGenerator<FileEvent> {
  // Files detected (or being detected) and not merged yet, by index; at most `window` files ahead of `merging`.
  const pending = new Map<number, Pending[]>();
  let fatal: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  let merging = 0;
  /** The first file no thread has taken: files are taken in input order. */
  let nextFile = 0;
  const window = FILES_AHEAD_PER_THREAD * jobs;
  const mayTake = (): boolean => nextFile < refs.length && nextFile <= merging + window;
  const queueOf = (index: number): Pending[] => {
    let queue = pending.get(index);
    if (!queue) pending.set(index, (queue = []));
    return queue;
  };
  const workers: WorkerThread[] = [];

  const dispatch = (): void => {
    for (const thread of workers) {
      while (thread.inFlight < FILES_IN_FLIGHT_PER_WORKER && mayTake()) {
        const index = nextFile++;
        const ref = refs[index];
        if (!ref) break;
        queueOf(index);
        const request: FileRequest = { index, ref };
        thread.inFlight++;
        thread.worker.postMessage(request);
      }
    }
  };

  /** Detects file `index` here, ahead of its turn, keeping what it gives (or the error it stops with). */
  const detectAhead = async (index: number): Promise<void> => {
    const queue = queueOf(index);
    try {
      for await (const event of detectHere(index)) {
        queue.push(
          event.type === 'batch'
            ? { type: 'batch', detections: event.detections, chars: event.chars, fileChars: event.fileChars }
            : { type: 'done', summary: event.summary },
        );
      }
    } catch (error) {
      queue.push({ type: 'failed', error: error instanceof Error ? error : new Error(String(error)) });
    }
  };

  for (let t = 1; t < jobs; t++) {
    const worker = new Worker(WORKER_URL);
    const thread: WorkerThread = { worker, inFlight: 0 };
    const unpacker = new DetectionUnpacker();
    worker.on('message', (report: FileReport) => {
      const queue = queueOf(report.index);
      // Unpacked as it comes, in the order the worker packed it: the tables grow batch by batch.
      if (report.type === 'batch') {
        queue.push({ type: 'batch', detections: unpacker.unpack(report.batch), chars: report.chars, fileChars: report.fileChars });
      }
      else if (report.type === 'done') queue.push({ type: 'done', summary: report.summary });
      else queue.push({ type: 'failed', error: rebuilt(report.error) });
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
    workers.push(thread);
  }

  try {
    dispatch();
    for (; merging < refs.length; merging++) {
      if (merging === nextFile) {
        // No thread has taken it: the main thread detects it and hands it on as it goes.
        nextFile++;
        yield* detectHere(merging);
        dispatch();
        continue;
      }
      for (let finished = false; !finished; ) {
        const item = pending.get(merging)?.shift();
        if (!item) {
          if (fatal) throw fatal;
          // Rather than wait for the worker that has this file, take the next one.
          if (mayTake()) await detectAhead(nextFile++);
          else
            await new Promise<void>((resume) => {
              wake = resume;
            });
          continue;
        }
        if (item.type === 'failed') throw item.error;
        if (item.type === 'batch') yield { type: 'batch', index: merging, detections: item.detections, chars: item.chars, fileChars: item.fileChars };
        else {
          yield { type: 'done', index: merging, summary: item.summary };
          finished = true;
        }
      }
      pending.delete(merging);
      dispatch();
    }
  } finally {
    for (const thread of workers) {
      thread.worker.removeAllListeners('exit');
      void thread.worker.terminate();
    }
  }
}
