import { describe, expect, it } from 'vitest';
import { LARGE_INPUT_BYTES, createProgress } from '../../src/cli/progress.js';

class FakeStream {
  chunks: string[] = [];
  constructor(
    readonly isTTY: boolean,
    readonly columns = 80,
  ) {}
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }
  get text(): string {
    return this.chunks.join('');
  }
}

const ESC = '\x1b';

function run(stream: FakeStream, options: { quiet?: boolean; files?: number; bytes?: number; env?: NodeJS.ProcessEnv }): void {
  let clock = 0;
  const files = options.files ?? 3;
  const progress = createProgress({
    stream,
    quiet: options.quiet ?? false,
    totalFiles: files,
    totalBytes: options.bytes ?? 3000,
    env: options.env ?? {},
    now: () => (clock += 1000),
  });
  let phrases = 0;
  for (let i = 1; i <= files; i++) {
    progress.fileStarted(`speeches/第${i}篇讲话.txt`);
    phrases += 7;
    progress.fileDone(`speeches/第${i}篇讲话.txt`, 12_345, phrases);
  }
  progress.finish();
}

describe('progress bar', () => {
  it('draws one line on a terminal with files, characters and phrases, and clears it at the end', () => {
    const stream = new FakeStream(true);
    run(stream, { files: 3 });
    const frames = stream.text.split('\r').filter((f) => f.trim() !== '');
    expect(frames.length).toBeGreaterThan(1);
    expect(stream.text).not.toContain('\n');
    const last = frames.at(-1)!;
    expect(last).toContain('3/3 files');
    expect(last).toContain('37k chars');
    expect(last).toContain('21 phrases');
    expect(last).toContain('第3篇讲话.txt');
    // Ends with the line blanked and the cursor back at its start.
    expect(stream.text.endsWith('\r')).toBe(true);
    expect(stream.chunks.at(-1)!.trim()).toBe('');
  });

  it('moves its figures while one large file is read, and counts the file once when it is done', () => {
    const stream = new FakeStream(true);
    let clock = 0;
    const progress = createProgress({ stream, quiet: false, totalFiles: 1, totalBytes: 50 * LARGE_INPUT_BYTES, env: {}, now: () => (clock += 1000) });
    progress.fileStarted('ten-years.txt');
    for (let batch = 1; batch <= 4; batch++) progress.fileProgress('ten-years.txt', 250_000, 1_000_000, batch * 10);
    const during = stream.text.split('\r').filter((f) => f.trim() !== '').map((f) => /(\S+) chars/.exec(f)?.[1]);
    expect(during.slice(-4)).toEqual(['250k', '500k', '750k', '1.0M']);
    // The bar fills with the file: a quarter of it per batch.
    const filled = stream.text.split('\r').filter((f) => f.includes('files')).map((f) => (f.match(/█/g) ?? []).length);
    expect(filled.slice(-4)).toEqual([5, 10, 15, 20]);
    expect(stream.text.split('\r').at(-1)).toContain('0/1 files');
    progress.fileDone('ten-years.txt', 1_000_500, 40);
    expect(stream.text.split('\r').at(-1)).toMatch(/1\/1 files · 1\.0M chars · 40 phrases/);
    progress.finish();
  });

  it.each([120, 80, 50, 30, 12])('never writes past a terminal %i columns wide', (columns) => {
    const stream = new FakeStream(true, columns);
    run(stream, { files: 2 });
    const frames = stream.text.split('\r').filter((f) => f !== '');
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) {
      // eslint-disable-next-line no-control-regex
      const visible = frame.replace(/\x1b\[[0-9;]*m/g, '');
      const cells = [...visible].reduce((n, ch) => n + (/[\u2e80-\ua4cf\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
      expect(cells).toBeLessThan(columns);
    }
  });

  it('assumes 80 columns when the terminal does not say', () => {
    const stream = new FakeStream(true, 0);
    run(stream, { files: 2 });
    expect(stream.text).toContain('2/2 files');
    expect(stream.text).toContain('第2篇讲话.txt');
  });

  it('uses colour only when NO_COLOR is unset', () => {
    const coloured = new FakeStream(true);
    run(coloured, { env: {} });
    expect(coloured.text).toContain(`${ESC}[`);
    const plain = new FakeStream(true);
    run(plain, { env: { NO_COLOR: '1' } });
    expect(plain.text).not.toContain(ESC);
    expect(plain.text).toContain('3/3 files');
  });

  it('writes nothing when the stream is not a terminal, with --quiet, or for one small file', () => {
    for (const [stream, options] of [
      [new FakeStream(false), {}],
      [new FakeStream(true), { quiet: true }],
      [new FakeStream(true), { files: 1, bytes: 5000 }],
    ] as const) {
      run(stream, options);
      expect(stream.text).toBe('');
    }
  });

  it('shows a bar for one large file', () => {
    const stream = new FakeStream(true);
    run(stream, { files: 1, bytes: LARGE_INPUT_BYTES + 1 });
    expect(stream.text).toContain('1/1 files');
  });
});
