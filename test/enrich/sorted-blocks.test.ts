// SortedBlocks (lookups through the build's block index, reading one block of the file per lookup) must
// answer exactly as the whole file searched in memory (SortedLines) and as a plain scan: on the built
// tables over many keys and near misses, on random files cut into blocks of every size, and when the
// index does not fit the file (then it reads the file whole). The dictionary's prefix filter may only
// ever answer "no" for a prefix no key has.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { blockIndex, BLOCK_BYTES, Cedict, keyPrefixes, openSortedTable, PrefixFilter, prefixFilter, SortedBlocks, SortedLines } from '../../src/lexicon/cedict.js';
import { DATA_DIR } from '../../src/lexicon/paths.js';

const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
const keyOf = (line: string): string => line.split('\t')[0] ?? '';

describe.each(['cedict.tsv', 'readings.tsv', 'opencc-pairs.tsv'])('%s through its block index', (file) => {
  const path = join(DATA_DIR, file);
  const blocks = SortedBlocks.open(path);
  const whole = SortedLines.read(path);
  const keys = [...new Set([...whole.lines()].map(keyOf))];

  it('has a block index that fits the file', () => {
    expect(blocks).toBeDefined();
    expect(blocks?.blockwise).toBe(true);
    expect(openSortedTable(path)).toBeInstanceOf(SortedBlocks);
  });

  it('finds the same lines as the whole file for keys, near misses and prefixes', () => {
    const probes = keys
      .filter((_, i) => i % 11 === 0)
      .flatMap((key) => [key, `${key}之`, `${key}\u0000`, [...key].slice(0, -1).join(''), [...key].slice(0, 2).join('')]);
    probes.push(keys[0] ?? '', keys[keys.length - 1] ?? '', '', '\u0000', '\uffff', '𠀀', '\ufffd', '\ud800', `${keys[1]}\t`, `${keys[2]}\n${keys[3]}`);
    expect(probes.length).toBeGreaterThan(5000);
    const differ = probes.filter(
      (p) => JSON.stringify(blocks?.linesOf(p)) !== JSON.stringify(whole.linesOf(p)) || blocks?.hasPrefix(p) !== whole.hasPrefix(p),
    );
    expect(differ).toEqual([]);
    // The dictionary's keys repeat (one line per reading): those runs are found whole.
    if (file === 'cedict.tsv') expect(probes.filter((p) => (blocks?.linesOf(p).length ?? 0) > 1).length).toBeGreaterThan(100);
    // Every block read matched the index: nothing fell back to reading the whole file.
    expect(blocks?.blockwise).toBe(true);
  });

  it('reads every line in file order', () => {
    expect([...(blocks?.lines() ?? [])]).toEqual([...whole.lines()]);
  });
});

const dir = mkdtempSync(join(tmpdir(), 'chengyu-blocks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes sorted lines and their block index; returns the file's path. */
function writeTable(name: string, lines: readonly string[], blockBytes: number): string {
  const path = join(dir, name);
  const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''));
  writeFileSync(path, bytes);
  writeFileSync(`${path}.blocks`, blockIndex(bytes, blockBytes));
  return path;
}

const scanLines = (lines: readonly string[], key: string): string[] => lines.filter((l) => keyOf(l) === key);
const scanPrefix = (lines: readonly string[], prefix: string): boolean => lines.some((l) => keyOf(l).startsWith(prefix));

describe('SortedBlocks on random files', () => {
  // Few distinct characters (one, two, three and four UTF-8 bytes) so that keys repeat and share prefixes.
  const char = fc.constantFrom('a', 'b', 'é', '一', '丁', '，', '𠀀', '\uffff', '\ufffd');
  const key = fc.array(char, { minLength: 0, maxLength: 4 }).map((cs) => cs.join(''));
  // Probes may also hold an unpaired surrogate, which UTF-8 writes as U+FFFD (as the file does), and the
  // tab or newline that end a key in the file.
  const probe = fc.array(fc.oneof(char, fc.constantFrom('\ud800', '\t', '\n', 'x')), { minLength: 0, maxLength: 4 }).map((cs) => cs.join(''));
  const line = fc.tuple(key, fc.constantFrom('', 'x', 'value with spaces', '值', '一', 'a丁')).map(([k, v]) => (v ? `${k}\t${v}` : k));

  it('answers every lookup as a scan of the lines, for every block size', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 200 }), fc.array(probe, { maxLength: 20 }), (raw, blockBytes, extra) => {
        const lines = [...raw].sort((a, b) => byBytes(keyOf(a), keyOf(b)));
        const path = writeTable(`random-${n++}.tsv`, lines, blockBytes);
        const table = SortedBlocks.open(path);
        const whole = SortedLines.read(path);
        expect(table).toBeDefined();
        const probes = [...lines.map(keyOf), ...extra];
        for (const p of probes) {
          const asWritten = Buffer.from(p).toString();
          expect(table?.linesOf(p)).toEqual(scanLines(lines, asWritten));
          expect(table?.hasPrefix(p)).toBe(scanPrefix(lines, asWritten));
          expect(table?.linesOf(p)).toEqual(whole.linesOf(p));
          expect(table?.hasPrefix(p)).toBe(whole.hasPrefix(p));
        }
        expect(table?.blockwise).toBe(true);
        table?.close();
      }),
      { numRuns: 150, seed: 20261121 },
    );
  });

  it('keeps all lines of one key in one block', () => {
    const lines = [...Array.from({ length: 50 }, (_, i) => `一\t${i}`), '丁\tz', ...Array.from({ length: 50 }, (_, i) => `丁丁\t${i}`)];
    const path = writeTable('runs.tsv', lines, 8);
    const table = SortedBlocks.open(path);
    expect(table?.linesOf('一')).toEqual(scanLines(lines, '一'));
    expect(table?.linesOf('一')).toHaveLength(50);
    expect(table?.linesOf('丁丁')).toHaveLength(50);
    // One block for 一's fifty lines, one each for 丁 and 丁丁: a lookup reads only its own.
    expect(table?.blocksRead).toBe(2);
  });
});

describe('SortedBlocks with an index that does not fit', () => {
  const lines = Array.from({ length: 400 }, (_, i) => `k${String(i).padStart(4, '0')}\tv${i}`);

  it('is not used when the index is missing or records another length', () => {
    const path = join(dir, 'plain.tsv');
    writeFileSync(path, lines.join('\n') + '\n');
    expect(SortedBlocks.open(path)).toBeUndefined();
    expect(openSortedTable(path)).toBeInstanceOf(SortedLines);
    writeFileSync(`${path}.blocks`, blockIndex(Buffer.from(lines.slice(1).join('\n') + '\n'), 64));
    expect(SortedBlocks.open(path)).toBeUndefined();
    writeFileSync(`${path}.blocks`, Buffer.from('not an index'));
    expect(SortedBlocks.open(path)).toBeUndefined();
  });

  it('reads the file whole, with the same answers, when a block does not match', () => {
    const path = writeTable('stale.tsv', lines, 64);
    // Same length, other content: every line's key shifted by one (k0000 → k0001 …).
    const shifted = lines.map((_, i) => `k${String(i + 1).padStart(4, '0')}\tv${i}`);
    writeFileSync(path, shifted.join('\n') + '\n');
    expect(readFileSync(path).length).toBe(Buffer.from(lines.join('\n') + '\n').length);
    const table = SortedBlocks.open(path);
    expect(table?.blockwise).toBe(true);
    expect(table?.linesOf('k0200')).toEqual(scanLines(shifted, 'k0200'));
    expect(table?.blockwise).toBe(false);
    for (const p of ['k0000', 'k0001', 'k0400', 'k03', 'k9']) {
      expect(table?.linesOf(p)).toEqual(scanLines(shifted, p));
      expect(table?.hasPrefix(p)).toBe(scanPrefix(shifted, p));
    }
  });

  it('reads the file whole when the index is corrupt (block starts out of order)', () => {
    const path = writeTable('corrupt.tsv', lines, 64);
    const index = readFileSync(`${path}.blocks`);
    // Swap the starts of blocks 3 and 4.
    const third = index.readUInt32LE(12 + 3 * 4);
    index.writeUInt32LE(index.readUInt32LE(12 + 4 * 4), 12 + 3 * 4);
    index.writeUInt32LE(third, 12 + 4 * 4);
    writeFileSync(`${path}.blocks`, index);
    const table = SortedBlocks.open(path);
    const whole = SortedLines.read(path);
    for (const p of [...lines.map(keyOf), 'k02', 'k9']) {
      expect(table?.linesOf(p)).toEqual(whole.linesOf(p));
      expect(table?.hasPrefix(p)).toBe(whole.hasPrefix(p));
    }
    expect(table?.blockwise).toBe(false);
  });

  it('still answers after close, from the whole file', () => {
    const path = writeTable('closed.tsv', lines, 64);
    const table = SortedBlocks.open(path);
    table?.close();
    expect(table?.linesOf('k0123')).toEqual(scanLines(lines, 'k0123'));
    expect(table?.hasPrefix('k03')).toBe(true);
    expect(table?.blockwise).toBe(false);
  });

  it('uses about a kilobyte per block on the dictionary', () => {
    const index = readFileSync(join(DATA_DIR, 'cedict.tsv.blocks'));
    const fileBytes = index.readUInt32LE(4);
    const count = index.readUInt32LE(8);
    expect(fileBytes / count).toBeGreaterThan(BLOCK_BYTES);
    expect(fileBytes / count).toBeLessThan(2 * BLOCK_BYTES);
  });
});

describe('the dictionary’s prefix filter', () => {
  const path = join(DATA_DIR, 'cedict.tsv');
  const bytes = readFileSync(path);
  const filter = PrefixFilter.read(path);
  const prefixes = keyPrefixes(bytes);

  it('is written by the build for this file', () => {
    expect(filter).toBeDefined();
    expect(prefixes.size).toBeGreaterThan(50_000);
  });

  it('lets every prefix of every key through (no false "no")', () => {
    const blocked = [...prefixes].filter((p) => !filter?.mayHave(p));
    expect(blocked).toEqual([]);
  });

  it('stops almost every string that starts no key, and lets short or surrogate strings through', () => {
    const absent = [...prefixes]
      .filter((_, i) => i % 7 === 0)
      .flatMap((p) => [`${p}乙乙`, `乙${p}`, `${[...p].slice(0, 2).join('')}〇`])
      .filter((p) => !prefixes.has(p));
    expect(absent.length).toBeGreaterThan(20_000);
    const passed = absent.filter((p) => filter?.mayHave(p)).length;
    expect(passed / absent.length).toBeLessThan(0.02);
    expect(filter?.mayHave('乙乙')).toBe(true);
    expect(filter?.mayHave('乙乙\ud800')).toBe(true);
  });

  it('is ignored when made from another file', () => {
    const other = join(dir, 'other.tsv');
    writeFileSync(other, '一二三\tx\n');
    writeFileSync(`${other}.prefixes`, prefixFilter(bytes));
    expect(PrefixFilter.read(other)).toBeUndefined();
    writeFileSync(`${other}.prefixes`, prefixFilter(readFileSync(other)));
    expect(PrefixFilter.read(other)?.mayHave('一二三')).toBe(true);
    expect(PrefixFilter.read(other)?.mayHave('一二四')).toBe(false);
  });

  it('changes no answer of Cedict.hasPrefix', () => {
    const withFilter = Cedict.load();
    const withoutFilter = new Cedict(SortedLines.read(path));
    const probes = [...prefixes].filter((_, i) => i % 13 === 0).flatMap((p) => [p, `${p}乙`, `${[...p].slice(0, 2).join('')}〇`]);
    expect(probes.filter((p) => withFilter.hasPrefix(p) !== withoutFilter.hasPrefix(p))).toEqual([]);
  });
});
