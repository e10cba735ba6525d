// A worker thread of the pool: detects the files the main thread sends, one at a time, and reports
// each file's detections in batches. It holds nothing between files but the detector's lexicon.
import { parentPort } from 'node:worker_threads';
import { InputError } from '../cli/errors.js';
import { createDetector, type Detector } from '../detect/index.js';
import { readInput } from '../input/index.js';
import type { CarriedError, FileReport, FileRequest } from './messages.js';
import { detectFile } from './per-file.js';
import { DetectionPacker } from './wire.js';

let detector: Detector | undefined;
const packer = new DetectionPacker();

function carried(error: unknown): CarriedError {
  if (error instanceof InputError) return { kind: 'input', file: error.file, problem: error.problem };
  const { message, stack } = error instanceof Error ? error : new Error(String(error));
  return stack === undefined ? { kind: 'internal', message } : { kind: 'internal', message, stack };
}

async function handle({ index, ref }: FileRequest): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const send = (report: FileReport): void => port.postMessage(report);
  try {
    // A path given as bytes arrives as a plain Uint8Array: structured clone keeps no Buffer.
    const path = ref.path === null || typeof ref.path === 'string' ? ref.path : Buffer.from(ref.path);
    const file = await readInput({ ...ref, path });
    detector ??= createDetector();
    const batches = detectFile(file, detector);
    for (let step = batches.next(); ; step = batches.next()) {
      if (step.done) {
        send({ index, type: 'done', summary: step.value });
        return;
      }
      send({ index, type: 'batch', batch: packer.pack(step.value.detections), chars: step.value.chars, fileChars: step.value.fileChars });
    }
  } catch (error) {
    send({ index, type: 'failed', error: carried(error) });
  }
}

// One file at a time, in the order sent: a second request waits for the first to finish.
let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (request: FileRequest) => {
  queue = queue.then(() => handle(request));
});
