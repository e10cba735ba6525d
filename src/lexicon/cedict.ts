// Run-time access to dist/data/cedict.tsv. The file is sorted by simplified form (UTF-8 byte order), so a
// lookup is a binary search directly over the raw bytes: a probe lands anywhere, steps to the next line
// start and compares that line's key in place. Loading is one file read: no newline scan, no line index,
// no parsing of 124k entries into objects (the newline scan alone cost ~15 ms of every CLI run).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from './paths.js';

export interface CedictEntry {
  simplified: string;
  traditional: string;
  /** CC-CEDICT numbered pinyin, e.g. `xue1 zu2 shi4 lu:3`. */
  pinyin: string;
  definitions: string[];
}

const TAB = 0x09;
const NEWLINE = 0x0a;

/**
 * A text file of lines sorted by their first tab-separated field in UTF-8 byte order, searched in place.
 * Shared by the dictionary and by the build-time tables that follow the same layout (readings.tsv).
 */
export class SortedLines {
  constructor(readonly bytes: Buffer) {}

  /** The start of the line after the one containing `pos` (the file's length after the last line). */
  nextLineStart(pos: number): number {
    const newline = this.bytes.indexOf(NEWLINE, pos);
    return newline < 0 ? this.bytes.length : newline + 1;
  }

  /** The first line start at or after `pos`. */
  private lineStartFrom(pos: number): number {
    return pos === 0 || this.bytes[pos - 1] === NEWLINE ? pos : this.nextLineStart(pos);
  }

  /**
   * Compares the key of the line starting at `start` with `key` (UTF-8 byte order). Buffer's native
   * compare, not a loop: at start-up this code runs in V8's interpreter, where a byte loop is slow.
   */
  private compareKeyAt(start: number, key: Buffer): number {
    const newline = this.bytes.indexOf(NEWLINE, start);
    const lineEnd = newline < 0 ? this.bytes.length : newline;
    const tab = this.bytes.indexOf(TAB, start);
    const keyEnd = tab < 0 || tab > lineEnd ? lineEnd : tab;
    return -key.compare(this.bytes, start, keyEnd);
  }

  /** Whether some line's key starts with `prefix` (bytes). */
  hasPrefix(prefix: string): boolean {
    const target = Buffer.from(prefix, 'utf8');
    const at = this.lowerBound(target);
    return at + target.length <= this.bytes.length && target.compare(this.bytes, at, at + target.length) === 0;
  }

  /** The start of the first line whose key is not smaller than `target` (the file's length if none). */
  private lowerBound(target: Buffer): number {
    // Invariant: lo and hi are line starts (or the file's end); every line starting before lo has a
    // smaller key, every line starting at or after hi has a key at least as large.
    let lo = 0;
    let hi = this.bytes.length;
    while (lo < hi) {
      const probe = this.lineStartFrom((lo + hi) >>> 1);
      const line = probe < hi ? probe : lo;
      if (this.compareKeyAt(line, target) < 0) lo = this.nextLineStart(line);
      else hi = line;
    }
    return lo;
  }

  /** The starts of every line whose key is exactly `key`, in file order. */
  find(key: string): number[] {
    const target = Buffer.from(key, 'utf8');
    const lo = this.lowerBound(target);
    const found: number[] = [];
    for (let at = lo; at < this.bytes.length && this.compareKeyAt(at, target) === 0; at = this.nextLineStart(at)) found.push(at);
    return found;
  }

  /** The line starting at `start`, without its newline. */
  lineAt(start: number): string {
    const end = this.bytes.indexOf(NEWLINE, start);
    return this.bytes.toString('utf8', start, end < 0 ? this.bytes.length : end);
  }
}

export class Cedict {
  private readonly lines: SortedLines;
  private lineCount: number | undefined;

  constructor(bytes: Buffer) {
    this.lines = new SortedLines(bytes);
  }

  static load(dir: string = DATA_DIR): Cedict {
    return new Cedict(readFileSync(join(dir, 'cedict.tsv')));
  }

  /** Number of entries (counted on first use; lookups do not need it). */
  get size(): number {
    if (this.lineCount === undefined) {
      let count = 0;
      for (let at = 0; at < this.lines.bytes.length; at = this.lines.nextLineStart(at)) count++;
      this.lineCount = count;
    }
    return this.lineCount;
  }

  private entryAt(start: number): CedictEntry {
    const [simplified = '', traditional = '', pinyin = '', defs = ''] = this.lines.lineAt(start).split('\t');
    return { simplified, traditional, pinyin, definitions: defs.split('/').filter((d) => d.length > 0) };
  }

  /** Every entry whose simplified form is exactly `simplified`, in dictionary order. */
  lookup(simplified: string): CedictEntry[] {
    return this.lines.find(simplified).map((start) => this.entryAt(start));
  }

  has(simplified: string): boolean {
    return this.lines.find(simplified).length > 0;
  }

  /** Whether any entry's simplified form starts with `prefix`. */
  hasPrefix(prefix: string): boolean {
    return this.lines.hasPrefix(prefix);
  }

  /** Every entry, in file order; for build-time checks and measurements, not the hot path. */
  *entries(): Generator<CedictEntry> {
    for (let at = 0; at < this.lines.bytes.length; at = this.lines.nextLineStart(at)) yield this.entryAt(at);
  }
}

let shared: Cedict | undefined;
/** The dictionary, loaded once per process on first use. */
export function cedict(): Cedict {
  shared ??= Cedict.load();
  return shared;
}
