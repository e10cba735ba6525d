// Detection of many files on several cores. Worker threads each take whole files (read → decode →
// normalise → sentences → detect); the main thread receives their detections and hands them on in input
// order, file by file and batch by batch, exactly as a single thread would produce them, so the merged
// result (and every deck built from it) is the same whatever the number of threads.
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
 * on 2 cores, quiet machine, corpora from test/bench/corpus.mjs: 10 MB 1.75 s on one thread, 1.9 s on two;
 * 100 MB 13.4 s on one, 9.5 s on two.
 */
export const PARALLEL_MIN_BYTES = 32_000_000;
export const MAX_AUTO_JOBS = 4;
/** Files sent to one thread before its first one is done, so that it never waits for the main thread. */
const FILES_IN_FLIGHT_PER_THREAD = 2;
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
  for (const ref of refs) {
    try {
      bytes += ref.path === null ? 0 : statSync(ref.path).size;
    } catch {
      // Reported with its file name when the file's turn comes.
    }
  }
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
}

/** The detections of `refs` by `jobs` worker threads, in input order. Workers stop when the loop ends. */
export async function* detectInWorkers(refs: readonly InputRef[], jobs: number): AsyncGenerator<FileEvent> {
  const reports = new Map<number, FileReport[]>();
  let fatal: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  let nextToSend = 0;
  let merging = 0;
  const threads: Thread[] = [];

  const dispatch = (): void => {
    for (const thread of threads) {
      while (
        thread.inFlight < FILES_IN_FLIGHT_PER_THREAD &&
        nextToSend < refs.length &&
        nextToSend <= merging + FILES_AHEAD_PER_THREAD * threads.length
      ) {
        const ref = refs[nextToSend];
        if (!ref) break;
        const request: FileRequest = { index: nextToSend++, ref };
        thread.inFlight++;
        thread.worker.postMessage(request);
      }
    }
  };

  for (let i = 0; i < jobs; i++) {
    const worker = new Worker(WORKER_URL);
    const thread: Thread = { worker, inFlight: 0 };
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
