// One input file from bytes to detections: decode → normalise → sentences → detect. The same code runs
// in the main thread and in the worker threads of the pool, so a file gives the same detections in both.
import type { Detector } from '../detect/index.js';
import { decode, normalise, splitSentences } from '../input/index.js';
import type { Detection, InputFile, Sentence, SourceInfo } from '../types.js';

export interface FileStats {
  name: string;
  encoding: string;
  chars: number;
  sentences: number;
  duplicateChars: number;
  markupChars: number;
}

export interface FileSummary {
  source: SourceInfo;
  stats: FileStats;
}

/**
 * Sentences per batch of detections. A batch is what the main thread merges at once (and, in the main
 * thread, the work between two pauses for Ctrl-C: 2000 sentences take well under 0.1 s).
 */
export const SENTENCES_PER_BATCH = 2000;

const NO_BYTES = new Uint8Array(0);

/**
 * Detects every sentence of `file`, handing the detections over in batches of whole sentences, in order.
 * A batch may be empty. Returns what the file contributes besides its detections.
 *
 * The file's bytes are taken: once decoded they are released (`file.bytes` is left empty), because the
 * bytes of a large file would otherwise stay alive beside its text for the whole detection (a third of
 * the peak memory of a 100 MB file).
 */
/** A batch of a file's detections, and how many characters of sentences it covers (for progress). */
export interface DetectionBatch {
  detections: Detection[];
  chars: number;
  /** Characters of all the file's sentences: with `chars`, how far through the file the batch is. */
  fileChars: number;
}

export function* detectFile(file: InputFile, detector: Detector): Generator<DetectionBatch, FileSummary> {
  const decoded = decode(file);
  file.bytes = NO_BYTES;
  const document = normalise(decoded);
  const sentences = splitSentences(document);
  let fileChars = 0;
  for (let s = 0; s < sentences.length; s++) fileChars += (sentences[s] as Sentence).text.length;
  let batch: Detection[] = [];
  let inBatch = 0;
  let batchChars = 0;
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s] as Sentence;
    const found = detector.detect(sentence);
    for (let k = 0; k < found.length; k++) batch.push(found[k] as Detection);
    batchChars += sentence.text.length;
    if (++inBatch === SENTENCES_PER_BATCH) {
      yield { detections: batch, chars: batchChars, fileChars };
      batch = [];
      inBatch = 0;
      batchChars = 0;
    }
  }
  if (batch.length > 0 || batchChars > 0) yield { detections: batch, chars: batchChars, fileChars };
  let chars = 0;
  for (const block of document.blocks) chars += block.text.length;
  return {
    source: document.source,
    stats: {
      name: file.name,
      encoding: decoded.encoding,
      chars,
      sentences: sentences.length,
      duplicateChars: document.stats.duplicateChars,
      markupChars: document.stats.markupChars,
    },
  };
}
