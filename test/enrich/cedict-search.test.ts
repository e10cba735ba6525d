// cedict.ts searches the sorted file in place (through the build's line index, or without one); every
// lookup must equal a plain scan.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cedict, SortedLines, type CedictEntry } from '../../src/lexicon/cedict.js';
import { DATA_DIR } from '../../src/lexicon/paths.js';

const book = cedict();
const bySimplified = new Map<string, CedictEntry[]>();
for (const entry of book.entries()) {
  const list = bySimplified.get(entry.simplified) ?? [];
  list.push(entry);
  bySimplified.set(entry.simplified, list);
}
const keys = [...bySimplified.keys()];

describe('Cedict.lookup (binary search over the bytes)', () => {
  it('counts every line', () => {
    expect(book.size).toBe([...bySimplified.values()].reduce((n, list) => n + list.length, 0));
    expect(book.size).toBeGreaterThan(100_000);
  });

  it('finds every entry of every 20th key, the first and the last, in dictionary order', () => {
    const sample = [keys[0] ?? '', keys[keys.length - 1] ?? '', ...keys.filter((_, i) => i % 20 === 0)];
    const wrong = sample.filter((key) => JSON.stringify(book.lookup(key)) !== JSON.stringify(bySimplified.get(key)));
    expect(wrong).toEqual([]);
  });

  it('finds nothing for strings next to keys that are not keys themselves', () => {
    const near = keys
      .filter((_, i) => i % 97 === 0)
      .flatMap((key) => [key.slice(0, -1), `${key}之`, `${key}\u0000`, `${key}\uffff`])
      .filter((s) => s.length > 0 && !bySimplified.has(s));
    expect(near.length).toBeGreaterThan(1000);
    expect(near.filter((s) => book.lookup(s).length > 0)).toEqual([]);
    expect(book.lookup('')).toEqual([]);
  });
});

describe('Cedict.hasPrefix', () => {
  it('agrees with a scan of every key', () => {
    const probes = keys
      .filter((_, i) => i % 613 === 0)
      .flatMap((key) => [[...key].slice(0, 3).join(''), `${[...key].slice(0, 2).join('')}乙乙`, `${key}的`]);
    expect(probes.length).toBeGreaterThan(500);
    const wrong = probes.filter((p) => book.hasPrefix(p) !== keys.some((k) => k.startsWith(p)));
    expect(wrong).toEqual([]);
    expect(probes.some((p) => !book.hasPrefix(p))).toBe(true);
  });
});

describe('SortedLines with and without the build-time line index', () => {
  const path = join(DATA_DIR, 'cedict.tsv');
  const withIndex = SortedLines.read(path);
  const withoutIndex = new SortedLines(withIndex.bytes);

  it('uses the index the build wrote, and ignores one that does not fit the file', () => {
    expect(withIndex.indexed).toBe(true);
    expect(withoutIndex.indexed).toBe(false);
    const index = readFileSync(`${path}.idx`);
    expect(new SortedLines(withIndex.bytes.subarray(0, withIndex.bytes.length - 1), index).indexed).toBe(false);
    expect(new SortedLines(Buffer.concat([Buffer.from('一\t\n'), withIndex.bytes]), index).indexed).toBe(false);
  });

  it('finds the same lines both ways, keys and near misses', () => {
    const probes = keys.filter((_, i) => i % 37 === 0).flatMap((key) => [key, `${key}之`, [...key].slice(0, 2).join('')]);
    const differ = probes.filter((p) => JSON.stringify(withIndex.find(p)) !== JSON.stringify(withoutIndex.find(p)) || withIndex.hasPrefix(p) !== withoutIndex.hasPrefix(p));
    expect(differ).toEqual([]);
    expect(withIndex.find(keys[0] ?? '').length).toBeGreaterThan(0);
    expect(withIndex.find(keys[keys.length - 1] ?? '').length).toBeGreaterThan(0);
  });
});
