// One file from bytes to detections, as both the main thread and the workers run it.
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detect/index.js';
import { detectFile } from '../../src/parallel/per-file.js';
import type { Detection, InputFile } from '../../src/types.js';

// Written for this test.
const TEXT = '在困难面前，邻里之间守望相助，大家同舟共济。\n\n改革要实事求是，不能削足适履。\n';

function run(file: InputFile): { detections: Detection[]; chars: number; batchChars: number } {
  const detections: Detection[] = [];
  let batchChars = 0;
  const batches = detectFile(file, createDetector());
  for (let step = batches.next(); ; step = batches.next()) {
    if (step.done) return { detections, chars: step.value.stats.chars, batchChars };
    detections.push(...step.value.detections);
    batchChars += step.value.chars;
  }
}

describe('detectFile', () => {
  it('detects the file and lets its bytes go once they are decoded', () => {
    const file: InputFile = { name: 'talk.txt', path: null, bytes: Buffer.from(TEXT, 'utf8') };
    const batches = detectFile(file, createDetector());
    const first = batches.next();
    expect(first.done).toBe(false);
    expect(file.bytes.length).toBe(0);
    const again = run({ name: 'talk.txt', path: null, bytes: Buffer.from(TEXT, 'utf8') });
    expect(again.detections.map((d) => d.key)).toEqual(expect.arrayContaining(['守望相助', '同舟共济', '实事求是', '削足适履']));
    expect(again.chars).toBeGreaterThan(20);
  });

  it('says with each batch how much of the file it covers, for the progress of a large file', () => {
    // 5,000 distinct one-sentence paragraphs: three batches.
    const long = Array.from({ length: 5000 }, (_, i) => `第${i}句：邻里之间守望相助。`).join('\n\n');
    const batches = detectFile({ name: 'long.txt', path: null, bytes: Buffer.from(long, 'utf8') }, createDetector());
    const covered: number[] = [];
    const totals: number[] = [];
    let step = batches.next();
    for (; !step.done; step = batches.next()) {
      covered.push(step.value.chars);
      totals.push(step.value.fileChars);
    }
    expect(covered.length).toBe(3);
    expect(covered.every((chars) => chars > 0)).toBe(true);
    expect(covered.reduce((a, b) => a + b, 0)).toBe(step.value.stats.chars);
    expect(totals).toEqual([step.value.stats.chars, step.value.stats.chars, step.value.stats.chars]);
  });
});
