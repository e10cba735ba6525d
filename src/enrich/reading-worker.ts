// The helper thread's side (see worker-client.ts): load and warm pinyin-pro, then answer
// requests in order, counting the replies in the shared flag.
import { createRequire } from 'node:module';
import { workerData } from 'node:worker_threads';
import { pinyinItems } from './pinyin-items.js';
import type { WorkerData, WorkerReply, WorkerRequest } from './worker-client.js';

type PinyinPro = typeof import('pinyin-pro');

const { port, signal } = workerData as WorkerData;
const flag = new Int32Array(signal);
const require = createRequire(import.meta.url);

let pinyinPro: PinyinPro | undefined;
let startupError: string | undefined;
try {
  pinyinPro = require('pinyin-pro') as PinyinPro;
  // The first call builds pinyin-pro's word index (~30 ms); done here, before anyone waits for it.
  pinyinItems(pinyinPro, '中文', false);
} catch (error) {
  startupError = error instanceof Error ? error.message : String(error);
}

async function answer(request: WorkerRequest): Promise<WorkerReply> {
  if (startupError !== undefined || !pinyinPro) return { ok: false, error: startupError ?? 'pinyin-pro not loaded' };
  if (request.op === 'pinyin') {
    const reader = pinyinPro;
    const items = request.queries.map(({ text, toneSandhi }) => pinyinItems(reader, text, toneSandhi));
    return { ok: true, items };
  }
  // Only tests ask the thread for Traditional: its module is not loaded before pinyin-pro is ready.
  const { traditionalConverter } = await import('./traditional.js');
  const convert = traditionalConverter(request.variant, request.texts);
  return { ok: true, texts: request.texts.map(convert) };
}

async function sendReply(request: WorkerRequest): Promise<void> {
  let reply: WorkerReply;
  try {
    reply = await answer(request);
  } catch (error) {
    reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
  // The flag counts the replies sent (see worker-client.ts).
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
}

// Replies go out in the order the requests came, one after the other.
let replies: Promise<void> = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  replies = replies.then(() => sendReply(request));
});
