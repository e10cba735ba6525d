// What the pool's main thread and its worker threads say to each other. Plain data only: everything
// crosses threads by structured clone.
import type { InputRef } from '../input/index.js';
import type { FileSummary } from './per-file.js';
import type { PackedBatch } from './wire.js';

/** Main → worker: detect the file at `index` of the run's input list. */
export interface FileRequest {
  index: number;
  ref: InputRef;
}

/** A failure carried across threads: a user-facing input problem, or anything else (a bug). */
export type CarriedError = { kind: 'input'; file: string; problem: string } | { kind: 'internal'; message: string; stack?: string };

/** Worker → main, about the file at `index`, in this order: batches, then `done` or `failed`. */
export type FileReport =
  | { index: number; type: 'batch'; batch: PackedBatch; chars: number; fileChars: number }
  | { index: number; type: 'done'; summary: FileSummary }
  | { index: number; type: 'failed'; error: CarriedError };
