// The CLI's helper thread for pinyin-pro, which costs ~70 ms to load and index, every run: context pinyin
// needs it whatever the phrases are. Started when a command begins, the thread loads it on the second
// core while the main thread reads and detects; enrichment then asks it synchronously (a shared flag and
// Atomics.wait), so the enrich code stays synchronous and computes exactly what it computes in-process:
// the same library calls with the same arguments, only in another thread. A round trip costs ~0.1 ms on
// an idle machine and ~1 ms on a busy one, so enrich asks for whole batches at once (see
// prefetchPinyin in reading-sources.ts). Without a started thread (library use, tests run from the
// sources, a busy machine, CHENGYU_DECK_WORKER=never) or when it fails, every call is answered in-process. The thread
// also converts to Traditional on request (tests); the CLI converts in-process.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Variant } from './traditional.js';

/** pinyin-pro's answer reduced to what the readings use: the text read, its pinyin, whether it is Chinese. */
export type PinyinItem = [origin: string, pinyin: string, isZh: boolean];

/** Readings of several texts in one round trip: `items[i]` answers `queries[i]`. */
export interface PinyinQuery {
  text: string;
  toneSandhi: boolean;
}

export type WorkerRequest = { op: 'pinyin'; queries: PinyinQuery[] } | { op: 'traditional'; variant: Variant; texts: string[] };

export interface WorkerAnswer {
  ok: true;
  items?: PinyinItem[][];
  texts?: string[];
}
export type WorkerReply = WorkerAnswer | { ok: false; error: string };

export interface WorkerData {
  port: MessagePort;
  signal: SharedArrayBuffer;
}

/** A request unanswered this long means the thread is stuck or dead: fall back to in-process. */
const REPLY_TIMEOUT_MS = 20_000;

interface Client {
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
}

let client: Client | undefined;

/**
 * Whether a core is idle enough for the thread to run beside the main one. On a busy machine the thread
 * only competes with the main thread for the same core and adds its own start-up (~40 ms), so the main
 * thread is then faster alone. Measured on 2 cores (extract of a 2.6k-character speech, median of 10–15,
 * thread forced on / off): load 1.25: 395 / 421 ms; 1.5: 387 / 423 ms; 2.1: 505 / 463 ms; 4.4: 528 /
 * 500 ms. Where the system says how many threads are runnable right now (Linux), that is asked: the
 * one-minute load average still counts work that ended up to a minute ago (a build, this command's own
 * previous runs) and would keep the thread off on a machine that has gone idle. Elsewhere the load
 * average, crude but free.
 */
function spareCore(): boolean {
  return coreIsSpare(availableParallelism(), runnableNow(), loadavg()[0] ?? 0);
}

/**
 * The decision itself: never on one core; with `runnable` threads runnable now (this one included), when
 * no other thread needs a core; without that count, when the load average leaves a quarter of a core free.
 */
export function coreIsSpare(cores: number, runnable: number | undefined, loadAverage: number): boolean {
  if (cores < 2) return false;
  if (runnable !== undefined) return cores - runnable >= 1;
  return cores - loadAverage >= SPARE_CORE;
}

/**
 * Threads runnable at this instant, this one included (the fourth field of /proc/loadavg), when known: the
 * fewest of a few readings, as a process that only passes through (the shell or parent that just started
 * this one) is runnable in one reading and gone in the next, while a busy one stays.
 */
function runnableNow(): number | undefined {
  let fewest: number | undefined;
  try {
    for (let reading = 0; reading < RUNNABLE_READINGS; reading++) {
      const runnable = Number.parseInt(readFileSync('/proc/loadavg', 'latin1').split(' ')[3] ?? '', 10);
      if (!Number.isFinite(runnable) || runnable < 1) return undefined;
      fewest = fewest === undefined ? runnable : Math.min(fewest, runnable);
    }
  } catch {
    return undefined;
  }
  return fewest;
}
const RUNNABLE_READINGS = 3;
const SPARE_CORE = 0.25;

/**
 * Whether the CLI should start the thread: when a core is spare, unless CHENGYU_DECK_WORKER says
 * `never` (everything in-process) or `always` (for measurements).
 */
export function readingWorkerWanted(): boolean {
  const setting = process.env.CHENGYU_DECK_WORKER;
  if (setting === 'never') return false;
  if (setting === 'always') return true;
  return spareCore();
}

/**
 * Starts the helper thread if the compiled worker is there (not when running from the TypeScript sources;
 * tests pass the built one); otherwise everything runs in-process.
 */
export function startReadingWorker(url: URL = new URL('./reading-worker.js', import.meta.url)): void {
  if (client) return;
  if (!existsSync(fileURLToPath(url))) return;
  try {
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const data: WorkerData = { port: port2, signal };
    const worker = new Worker(url, { workerData: data, transferList: [port2] });
    // Neither the thread nor its port may keep the process alive once the command is done.
    worker.unref();
    port1.unref();
    worker.on('error', () => stopReadingWorker());
    client = { worker, port: port1, flag: new Int32Array(signal) };
  } catch {
    client = undefined;
  }
}

/** Whether requests go to a helper thread (for tests). */
export function readingWorkerRunning(): boolean {
  return client !== undefined;
}

export function stopReadingWorker(): void {
  const current = client;
  client = undefined;
  unanswered = 0;
  received = 0;
  if (current) {
    current.port.close();
    void current.worker.terminate();
  }
}

/**
 * Requests posted and not yet received. The thread answers in order, adding one to the shared flag after
 * each reply, so several requests can be under way: the main thread takes the first reply while the
 * thread computes the next.
 */
let unanswered = 0;
/** Replies received so far from the current thread (its flag counts the replies sent). */
let received = 0;

/**
 * Posts a request without waiting, so the main thread can work meanwhile; `receiveReadingReply` then
 * takes the answers in the order the requests were posted. False when there is no thread (the caller
 * computes in-process).
 */
export function postReadingRequest(request: WorkerRequest): boolean {
  const current = client;
  if (!current) return false;
  current.port.postMessage(request);
  unanswered++;
  return true;
}

/** The answer to the oldest unanswered request (waiting for it if need be), or undefined if the thread failed. */
export function receiveReadingReply(): WorkerAnswer | undefined {
  const current = client;
  if (!current || unanswered === 0) return undefined;
  unanswered--;
  // Returns at once when the thread has already sent more replies than were received.
  Atomics.wait(current.flag, 0, received, REPLY_TIMEOUT_MS);
  received++;
  const reply = receiveMessageOnPort(current.port)?.message as WorkerReply | undefined;
  if (!reply || !reply.ok) {
    stopReadingWorker();
    return undefined;
  }
  return reply;
}

/**
 * The thread's answer, or undefined when there is no thread, it failed, or earlier requests are still
 * unanswered (the caller computes in-process).
 */
export function askReadingWorker(request: WorkerRequest): WorkerAnswer | undefined {
  if (unanswered > 0) return undefined;
  return postReadingRequest(request) ? receiveReadingReply() : undefined;
}
