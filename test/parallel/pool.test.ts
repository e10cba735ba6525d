// Detection on several threads must give exactly what one thread gives: the same cards, sources and
// statistics, the same errors for the same files, progress in input order. Runs the built code (worker
// threads need the compiled worker; `npm test` builds first).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_SEEDS, REPO_ROOT, runCli, SEEDS_DIR, tempDir } from '../support/cli.js';

type Pipeline = typeof import('../../src/pipeline.js');
type Pool = typeof import('../../src/parallel/pool.js');

const dist = (path: string): string => new URL(`dist/${path}`, `file://${REPO_ROOT}`).href;
const { extract, listInputs } = (await import(dist('pipeline.js'))) as Pipeline;
const { chooseJobs, PARALLEL_MIN_BYTES, threadsForRequest, workersAvailable } = (await import(dist('parallel/pool.js'))) as Pool;

const OPTIONS = { kinds: ['chengyu', 'quotation', 'saying', 'term'] as const, minCount: 1, toneSandhi: false, variant: 'tw' as const };

const base = tempDir('chengyu-parallel-');
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('detection on several threads', () => {
  it('finds the compiled worker', () => {
    expect(workersAvailable()).toBe(true);
  });

  it('gives the five seeds exactly the result of one thread, for 2 and 3 threads', async () => {
    const one = await extract([SEEDS_DIR], { ...OPTIONS, jobs: 1 });
    expect(one.cards.length).toBeGreaterThan(100);
    for (const jobs of [2, 3]) {
      const many = await extract([SEEDS_DIR], { ...OPTIONS, jobs });
      expect(many).toEqual(one);
    }
  });

  it('calls the progress hooks in input order', async () => {
    const calls: string[] = [];
    await extract([...ALL_SEEDS].reverse(), {
      ...OPTIONS,
      jobs: 2,
      progress: { fileStarted: (name) => calls.push(`start ${name}`), fileDone: (name) => calls.push(`done ${name}`) },
    });
    const names = [...ALL_SEEDS].reverse().map((p) => p.split('/').pop());
    expect(calls).toEqual(names.flatMap((n) => [`start ${n}`, `done ${n}`]));
  });

  it('stops at the first bad file in input order, with the message one thread gives', () => {
    const dir = join(base, 'mixed');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.txt'), '改革要实事求是，不能削足适履。\n');
    writeFileSync(join(dir, 'b.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    writeFileSync(join(dir, 'c.txt'), Buffer.from([0xff, 0xfe, 0xfd]));
    writeFileSync(join(dir, 'd.txt'), '学习不能半途而废。\n');
    const one = runCli(['extract', dir, '-q', '--jobs', '1']);
    const two = runCli(['extract', dir, '-q', '--jobs', '2']);
    expect(one.code).toBe(3);
    expect(two.code).toBe(3);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stderr.trim().split('\n')).toHaveLength(1);
    expect(two.stderr).toContain('b.txt');
    expect(two.stdout).toBe('');
  });

  it('refuses --jobs 0 as a usage error', () => {
    const result = runCli(['extract', ALL_SEEDS[0] ?? '', '--jobs', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--jobs');
  });
});

describe('choosing the number of threads', () => {
  it('keeps one file, standard input and small runs in the main thread', async () => {
    const seeds = await listInputs([SEEDS_DIR]);
    const first = seeds.slice(0, 1);
    expect(chooseJobs(first)).toBe(1);
    expect(chooseJobs(first, 4)).toBe(1);
    expect(chooseJobs([...seeds, { name: 'stdin', path: null }], 4)).toBe(1);
    // The five seeds together are well under the threshold.
    expect(chooseJobs(seeds)).toBe(1);
  });

  it('uses threads for a large run, never more than files', async () => {
    const dir = join(base, 'large');
    mkdirSync(dir, { recursive: true });
    const text = '改革要实事求是，不能削足适履。'.repeat(200);
    writeFileSync(join(dir, 'a.txt'), text);
    writeFileSync(join(dir, 'b.txt'), text);
    const refs = await listInputs([dir]);
    const size = Buffer.byteLength(text) * 2;
    expect(chooseJobs(refs, 8)).toBe(2);
    expect(chooseJobs(refs, 1)).toBe(1);
    expect(chooseJobs(refs, undefined, size + 1)).toBe(1);
    const { availableParallelism } = await import('node:os');
    expect(chooseJobs(refs, undefined, size)).toBe(Math.min(2, availableParallelism()));
    expect(PARALLEL_MIN_BYTES).toBeGreaterThan(size);
    expect(chooseJobs(refs)).toBe(1);
  });

  it('gives --jobs at most one thread per core', () => {
    expect(threadsForRequest(1, 8)).toBe(1);
    expect(threadsForRequest(3, 8)).toBe(3);
    expect(threadsForRequest(8, 8)).toBe(8);
    expect(threadsForRequest(64, 8)).toBe(8);
    expect(threadsForRequest(Number.MAX_SAFE_INTEGER, 2)).toBe(2);
    expect(threadsForRequest(5, 1)).toBe(1);
  });

  it('runs --jobs far above the core count as the cores allow, with the result of one thread', () => {
    const one = runCli(['extract', SEEDS_DIR, '-q', '--format', 'json', '--jobs', '1']);
    const many = runCli(['extract', SEEDS_DIR, '-q', '--format', 'json', '--jobs', '9007199254740991']);
    expect(one.code).toBe(0);
    expect(many.code).toBe(0);
    expect(many.stdout).toBe(one.stdout);
  });
});

describe('sharing files between threads', () => {
  it('gives 40 files of very different sizes exactly the result of one thread, for 2, 3 and 4 threads', async () => {
    // Many files of very different sizes: threads finish out of order and the main thread detects files
    // ahead of their turn; the merge must still be the single-threaded one.
    const dir = join(base, 'many');
    mkdirSync(dir, { recursive: true });
    const sentences = ['改革要实事求是，不能削足适履。', '学习不能半途而废，要持之以恒。', '大家同舟共济，共克时艰。', '“山川异域，风月同天。”'];
    for (let i = 0; i < 40; i++) {
      const text = Array.from({ length: 1 + ((i * 37) % 300) }, (_, k) => sentences[(i + k) % sentences.length]).join('\n');
      writeFileSync(join(dir, `f${String(i).padStart(2, '0')}.txt`), text);
    }
    const one = await extract([dir], { ...OPTIONS, jobs: 1 });
    expect(one.cards.length).toBeGreaterThan(2);
    for (const jobs of [2, 3, 4]) expect(await extract([dir], { ...OPTIONS, jobs })).toEqual(one);
  });
});
