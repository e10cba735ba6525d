// Run-time access to dist/data/cedict.tsv. The file is sorted by simplified form (UTF-8 byte order), so a
// lookup is a binary search over the raw bytes, through the line index the build writes next to it
// (cedict.tsv.idx). Loading is two file reads: no newline scan (it alone cost ~15 ms of every CLI run),
// no parsing of 124k entries into objects.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
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

/** `<file>.idx`: magic, the file's byte length, the line count, then each line's start and key end. */
const INDEX_MAGIC = 0x31584449; // "IDX1"
const INDEX_HEADER = 3;

/** The line index of a sorted file (Uint32 little-endian), written at build time by `writeLineIndex`. */
export function lineIndex(bytes: Buffer): Buffer {
  const words: number[] = [INDEX_MAGIC, bytes.length, 0];
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(NEWLINE, start);
    const lineEnd = newline < 0 ? bytes.length : newline;
    const tab = bytes.indexOf(TAB, start);
    words.push(start, tab < 0 || tab > lineEnd ? lineEnd : tab);
    start = lineEnd + 1;
  }
  words[2] = (words.length - INDEX_HEADER) / 2;
  const out = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => out.writeUInt32LE(w, i * 4));
  return out;
}

function readIndexOf(path: string): Buffer | undefined {
  try {
    return readFileSync(`${path}.idx`);
  } catch {
    return undefined;
  }
}

export function writeLineIndex(path: string): void {
  const tmp = `${path}.idx.tmp-${process.pid}`;
  writeFileSync(tmp, lineIndex(readFileSync(path)));
  renameSync(tmp, `${path}.idx`);
}

/**
 * A text file of lines sorted by their first tab-separated field in UTF-8 byte order, searched in place.
 * Shared by the dictionary and by the build-time tables that follow the same layout (readings.tsv).
 * With the build's line index (`<file>.idx`, read whole: no scan) a probe is one native compare; without
 * it (or if it does not match the file) a probe lands anywhere and steps to the next line start.
 */
export class SortedLines {
  private readonly index: Uint32Array | undefined;

  constructor(
    readonly bytes: Buffer,
    index?: Buffer,
  ) {
    if (index && index.length % 4 === 0 && index.length >= INDEX_HEADER * 4) {
      const words = new Uint32Array(index.buffer.slice(index.byteOffset, index.byteOffset + index.length));
      const lines = words[2] ?? 0;
      const fits = words[0] === INDEX_MAGIC && words[1] === bytes.length && words.length === INDEX_HEADER + 2 * lines;
      // A few lines checked against the file: an index from another build is ignored, not trusted.
      const checked = [0, lines >> 1, lines - 1].every((i) => i < 0 || i >= lines || this.indexedLineMatches(words, i));
      if (fits && checked) this.index = words;
    }
  }

  /** Reads `path` and, when present, its line index. */
  static read(path: string): SortedLines {
    return new SortedLines(readFileSync(path), readIndexOf(path));
  }

  /** Whether the index is in use (tests). */
  get indexed(): boolean {
    return this.index !== undefined;
  }

  private indexedLineMatches(words: Uint32Array, i: number): boolean {
    const start = words[INDEX_HEADER + 2 * i] ?? 0;
    const keyEnd = words[INDEX_HEADER + 2 * i + 1] ?? 0;
    return (start === 0 || this.bytes[start - 1] === NEWLINE) && keyEnd <= this.bytes.length && (keyEnd === this.bytes.length || this.bytes[keyEnd] === TAB || this.bytes[keyEnd] === NEWLINE);
  }

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

  /** Line `i`'s key against `key`, through the index. */
  private compareIndexed(index: Uint32Array, i: number, key: Buffer): number {
    return -key.compare(this.bytes, index[INDEX_HEADER + 2 * i] ?? 0, index[INDEX_HEADER + 2 * i + 1] ?? 0);
  }

  /** The starts of the lines whose key is at least `target`, from the first one, while `take` holds. */
  private linesFrom(target: Buffer, take: (start: number, keyEnd: number) => boolean): number[] {
    const found: number[] = [];
    const index = this.index;
    if (index) {
      const lines = (index.length - INDEX_HEADER) / 2;
      let lo = 0;
      let hi = lines;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.compareIndexed(index, mid, target) < 0) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < lines; i++) {
        const start = index[INDEX_HEADER + 2 * i] ?? 0;
        if (!take(start, index[INDEX_HEADER + 2 * i + 1] ?? 0)) break;
        found.push(start);
      }
      return found;
    }
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
    for (let at = lo; at < this.bytes.length; at = this.nextLineStart(at)) {
      const newline = this.bytes.indexOf(NEWLINE, at);
      const lineEnd = newline < 0 ? this.bytes.length : newline;
      const tab = this.bytes.indexOf(TAB, at);
      if (!take(at, tab < 0 || tab > lineEnd ? lineEnd : tab)) break;
      found.push(at);
    }
    return found;
  }

  /** Whether some line's key starts with `prefix` (bytes). */
  hasPrefix(prefix: string): boolean {
    const target = Buffer.from(prefix, 'utf8');
    let first = true;
    const hit = this.linesFrom(target, (start, keyEnd) => {
      const take = first && keyEnd - start >= target.length && target.compare(this.bytes, start, start + target.length) === 0;
      first = false;
      return take;
    });
    return hit.length > 0;
  }

  /** The starts of every line whose key is exactly `key`, in file order. */
  find(key: string): number[] {
    const target = Buffer.from(key, 'utf8');
    return this.linesFrom(target, (start, keyEnd) => target.compare(this.bytes, start, keyEnd) === 0);
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

  /** `index`: the build's line index of the file (cedict.tsv.idx), optional. */
  constructor(bytes: Buffer, index?: Buffer) {
    this.lines = new SortedLines(bytes, index);
  }

  static load(dir: string = DATA_DIR): Cedict {
    const path = join(dir, 'cedict.tsv');
    return new Cedict(readFileSync(path), readIndexOf(path));
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
