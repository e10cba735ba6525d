// Run-time access to dist/data/cedict.tsv. The file is sorted by simplified form (UTF-8 byte order), so a
// lookup is a binary search. A CLI run looks up a thousand-odd words of a 9 MB file, so it reads only the
// small block index the build writes next to it (cedict.tsv.blocks: the first key of every ~1 KB block of
// lines) and then, by positioned reads, the few blocks its lookups land in. Reading the whole file (27 ms in
// a fresh process, plus the garbage collector's work for 9 MB of external memory) is the fallback when the
// block index is missing or from another build; so is SortedLines, the whole file in memory with its line
// index (cedict.tsv.idx).
import { closeSync, fstatSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
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

/** Lookups in a text file of lines sorted by their first tab-separated field (UTF-8 byte order). */
export interface SortedTable {
  /** Every line whose key is exactly `key`, in file order, without its newline. */
  linesOf(key: string): string[];
  /** Whether some line's key starts with `prefix`. */
  hasPrefix(prefix: string): boolean;
  /** Every line, in file order (build-time checks and tests; reads the whole file). */
  lines(): Generator<string>;
  /** Releases the open file, if any (later lookups still work). */
  close?(): void;
}

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
export class SortedLines implements SortedTable {
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

  linesOf(key: string): string[] {
    return this.find(key).map((start) => this.lineAt(start));
  }

  *lines(): Generator<string> {
    for (let at = 0; at < this.bytes.length; at = this.nextLineStart(at)) yield this.lineAt(at);
  }
}

/**
 * `<file>.blocks`: magic, the file's byte length, the block count n, the n + 1 block starts (the last is
 * the file's length), then the blocks' first keys as UTF-8 text, one per line. Blocks hold whole lines
 * and end only where the key changes, so all lines of one key are in one block.
 */
const BLOCKS_MAGIC = 0x324b4c42; // "BLK2"
const BLOCKS_HEADER = 3;
/**
 * About a kilobyte: fifteen-odd dictionary lines per block. Smaller blocks make the index larger (it is
 * read whole); larger ones make each lookup read and split more lines it does not need.
 */
export const BLOCK_BYTES = 1024;

/** The block index of a sorted file (see BLOCKS_MAGIC), written at build time by `writeBlockIndex`. */
export function blockIndex(bytes: Buffer, blockBytes: number = BLOCK_BYTES): Buffer {
  const starts: number[] = [];
  const keys: Buffer[] = [];
  let blockStart = -1;
  let previousKey: Buffer | undefined;
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(NEWLINE, start);
    const lineEnd = newline < 0 ? bytes.length : newline;
    const tab = bytes.indexOf(TAB, start);
    const key = bytes.subarray(start, tab < 0 || tab > lineEnd ? lineEnd : tab);
    const keyChanges = previousKey === undefined || !key.equals(previousKey);
    if (blockStart < 0 || (start - blockStart >= blockBytes && keyChanges)) {
      blockStart = start;
      starts.push(start);
      keys.push(key);
    }
    previousKey = key;
    start = lineEnd + 1;
  }
  const words = [BLOCKS_MAGIC, bytes.length, starts.length, ...starts, bytes.length];
  const head = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => head.writeUInt32LE(w, i * 4));
  const keyText = keys.flatMap((key, i) => (i === 0 ? [key] : [Buffer.from('\n'), key]));
  return Buffer.concat([head, ...keyText]);
}

export function writeBlockIndex(path: string): number {
  const index = blockIndex(readFileSync(path));
  const tmp = `${path}.blocks.tmp-${process.pid}`;
  writeFileSync(tmp, index);
  renameSync(tmp, `${path}.blocks`);
  return index.readUInt32LE(8);
}

/**
 * A string's UTF-8 bytes as a string of the same length with one character per byte (latin1). Such
 * "byte strings" compare with JavaScript's own < and === in UTF-8 byte order, the order the files are
 * sorted in, and a block of the file decodes to one at a tenth of the cost of UTF-8 decoding. An unpaired
 * surrogate becomes the bytes of U+FFFD, as in the file.
 */
function byteString(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** What ends a key. */
const LINE_BREAKS = /[\t\n]/;

/** The start of the first line at or after `from` (a line start) that begins with `prefix`, or -1. */
function lineStartingWith(text: string, prefix: string, from: number): number {
  if (from === 0 && text.startsWith(prefix)) return 0;
  const at = text.indexOf(`\n${prefix}`, from === 0 ? 0 : from - 1);
  return at < 0 ? -1 : at + 1;
}

/** A block does not match the index: the file is not the one the index was built from. */
class StaleIndex extends Error {}

/**
 * A sorted file searched through its block index with positioned reads: each lookup reads at most one
 * block (kept for later lookups), and searches it with one or two native string searches. Without a usable
 * index, or as soon as a block does not match it, the whole file is read and searched in memory
 * (SortedLines), with the same results.
 */
export class SortedBlocks implements SortedTable {
  private fd: number | undefined;
  /** The blocks read so far, as byte strings (see byteString), without their last newline. */
  private readonly blocks = new Map<number, string>();
  private whole: SortedLines | undefined;

  private constructor(
    readonly path: string,
    fd: number,
    private readonly blockStarts: Uint32Array,
    /** Each block's first key as a byte string. */
    private readonly firstKeys: readonly string[],
  ) {
    this.fd = fd;
  }

  /** The file through its block index, or undefined when the index is missing or does not fit the file. */
  static open(path: string): SortedBlocks | undefined {
    let index: Buffer;
    try {
      index = readFileSync(`${path}.blocks`);
    } catch {
      return undefined;
    }
    if (index.length < BLOCKS_HEADER * 4 || index.readUInt32LE(0) !== BLOCKS_MAGIC) return undefined;
    const n = index.readUInt32LE(8);
    const wordsEnd = (BLOCKS_HEADER + n + 1) * 4;
    if (n === 0 || index.length < wordsEnd) return undefined;
    const words = new Uint32Array(index.buffer.slice(index.byteOffset, index.byteOffset + wordsEnd));
    const blockStarts = words.subarray(BLOCKS_HEADER);
    // One decode and one split: no call per key. A newline byte never occurs inside a UTF-8 character.
    const firstKeys = index.toString('latin1', wordsEnd).split('\n');
    if (firstKeys.length !== n || blockStarts[n] !== words[1]) return undefined;
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return undefined;
    }
    if (fstatSync(fd).size !== words[1]) {
      closeSync(fd);
      return undefined;
    }
    return new SortedBlocks(path, fd, blockStarts, firstKeys);
  }

  /** Whether lookups still go through the index (tests). */
  get blockwise(): boolean {
    return this.whole === undefined;
  }

  /** Blocks read so far (tests and measurements). */
  get blocksRead(): number {
    return this.blocks.size;
  }

  /** The first block whose first key is at least `target` (the block count when there is none). */
  private firstBlockFrom(target: string): number {
    let lo = 0;
    let hi = this.firstKeys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.firstKeys[mid] ?? '') < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private block(b: number): string {
    const known = this.blocks.get(b);
    if (known !== undefined) return known;
    const start = this.blockStarts[b] ?? 0;
    const end = this.blockStarts[b + 1] ?? 0;
    if (end <= start) throw new StaleIndex();
    // One byte before the block too: it must be the previous line's newline.
    const from = start > 0 ? start - 1 : 0;
    const bytes = Buffer.allocUnsafe(end - from);
    const fd = this.fd;
    if (fd === undefined || readSync(fd, bytes, 0, bytes.length, from) !== bytes.length) throw new StaleIndex();
    if (start > 0 && bytes[0] !== NEWLINE) throw new StaleIndex();
    const bodyStart = start > 0 ? 1 : 0;
    const bodyEnd = bytes.length > bodyStart && bytes[bytes.length - 1] === NEWLINE ? bytes.length - 1 : bytes.length;
    const text = bytes.toString('latin1', bodyStart, bodyEnd);
    const firstKey = this.firstKeys[b] ?? '';
    const after = text.charCodeAt(firstKey.length);
    if (!text.startsWith(firstKey) || !(Number.isNaN(after) || after === TAB || after === NEWLINE)) throw new StaleIndex();
    this.blocks.set(b, text);
    return text;
  }

  /** Answers from the index; when a block shows that the index is stale, from the whole file instead. */
  private answer<T>(blockwise: () => T, inMemory: (lines: SortedLines) => T): T {
    if (this.whole) return inMemory(this.whole);
    try {
      return blockwise();
    } catch (error) {
      if (!(error instanceof StaleIndex)) throw error;
      this.whole = SortedLines.read(this.path);
      this.blocks.clear();
      this.close();
      return inMemory(this.whole);
    }
  }

  /** Closes the file; later lookups read it whole. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  linesOf(key: string): string[] {
    return this.answer(
      () => {
        // No key holds a tab or a newline (they end it).
        if (LINE_BREAKS.test(key)) return [];
        const wanted = byteString(key);
        const b = this.firstBlockFrom(wanted);
        // A key's lines are never split between blocks: they open block b, or lie inside block b - 1.
        const at = b < this.firstKeys.length && this.firstKeys[b] === wanted ? b : b - 1;
        if (at < 0) return [];
        const text = this.block(at);
        const found: string[] = [];
        // The lines starting with the key are consecutive, those whose key is exactly it first.
        for (let line = lineStartingWith(text, wanted, 0); line >= 0; ) {
          const after = text.charCodeAt(line + wanted.length);
          if (!(Number.isNaN(after) || after === TAB || after === NEWLINE)) break;
          const newline = text.indexOf('\n', line);
          const lineEnd = newline < 0 ? text.length : newline;
          found.push(Buffer.from(text.slice(line, lineEnd), 'latin1').toString('utf8'));
          line = newline < 0 ? -1 : lineStartingWith(text, wanted, lineEnd + 1);
        }
        return found;
      },
      (lines) => lines.linesOf(key),
    );
  }

  hasPrefix(prefix: string): boolean {
    return this.answer(
      () => {
        // A key starting with `prefix` exists if and only if the smallest key at least `prefix` starts with
        // it. That key lies in block b - 1 or opens block b (the index holds that one); keys before block
        // b - 1 are all smaller than `prefix`. A line starting with a prefix without tab or newline has a
        // key starting with it.
        if (LINE_BREAKS.test(prefix)) return false;
        const wanted = byteString(prefix);
        const b = this.firstBlockFrom(wanted);
        if (this.firstKeys[b]?.startsWith(wanted)) return true;
        if (b === 0) return false;
        return lineStartingWith(this.block(b - 1), wanted, 0) >= 0;
      },
      (lines) => lines.hasPrefix(prefix),
    );
  }

  *lines(): Generator<string> {
    yield* (this.whole ?? SortedLines.read(this.path)).lines();
  }
}

/** A sorted file through its block index when the build wrote one that fits, else read whole. */
export function openSortedTable(path: string): SortedTable {
  return SortedBlocks.open(path) ?? SortedLines.read(path);
}

/**
 * `<file>.prefixes`: a Bloom filter of every prefix of three or more characters of the file's keys, so
 * that a prefix search (one per position of every context sentence, most of them for no word at all) is
 * usually settled without touching the file. Magic, the file's byte length, then 2^20 bits, four hashes
 * per prefix: with the dictionary's ~82,000 such prefixes, about one absent prefix in 200 still searches.
 */
const PREFIXES_MAGIC = 0x31584650; // "PFX1"
const PREFIXES_HEADER_BYTES = 8;
const PREFIX_FILTER_BITS_LOG2 = 20;
const PREFIX_FILTER_HASHES = 4;
/** The shortest prefix the filter holds (the only length the CLI asks about starts at three). */
export const PREFIX_FILTER_MIN = 3;

/** The filter's bit numbers for `text`: FNV-1a over its UTF-16 units, then double hashing. */
function prefixBits(text: string, visit: (bit: number) => boolean): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  const h1 = h >>> 0;
  const h2 = (Math.imul(h1 ^ (h1 >>> 15), 0x2c1b3c6d) >>> 0) | 1;
  const mask = (1 << PREFIX_FILTER_BITS_LOG2) - 1;
  for (let k = 0; k < PREFIX_FILTER_HASHES; k++) if (!visit((h1 + Math.imul(k, h2)) & mask)) return false;
  return true;
}

/** Every prefix of three or more characters of a sorted file's keys. */
export function keyPrefixes(bytes: Buffer): Set<string> {
  const prefixes = new Set<string>();
  for (const line of new SortedLines(bytes).lines()) {
    const tab = line.indexOf('\t');
    const chars = [...(tab < 0 ? line : line.slice(0, tab))];
    let prefix = chars.slice(0, PREFIX_FILTER_MIN - 1).join('');
    for (let n = PREFIX_FILTER_MIN; n <= chars.length; n++) {
      prefix += chars[n - 1] ?? '';
      prefixes.add(prefix);
    }
  }
  return prefixes;
}

/** The prefix filter of a sorted file's keys (header and bits), written at build time. */
export function prefixFilter(bytes: Buffer, prefixes: Iterable<string> = keyPrefixes(bytes)): Buffer {
  const out = Buffer.alloc(PREFIXES_HEADER_BYTES + (1 << (PREFIX_FILTER_BITS_LOG2 - 3)));
  out.writeUInt32LE(PREFIXES_MAGIC, 0);
  out.writeUInt32LE(bytes.length, 4);
  const bits = out.subarray(PREFIXES_HEADER_BYTES);
  for (const prefix of prefixes) {
    prefixBits(prefix, (bit) => {
      bits[bit >>> 3] = (bits[bit >>> 3] ?? 0) | (1 << (bit & 7));
      return true;
    });
  }
  return out;
}

/** Writes `<file>.prefixes`; returns the number of prefixes it holds. */
export function writePrefixFilter(path: string): number {
  const bytes = readFileSync(path);
  const prefixes = keyPrefixes(bytes);
  const tmp = `${path}.prefixes.tmp-${process.pid}`;
  writeFileSync(tmp, prefixFilter(bytes, prefixes));
  renameSync(tmp, `${path}.prefixes`);
  return prefixes.size;
}

const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/** A loaded prefix filter: `mayHave` is false only when no key starts with the prefix. */
export class PrefixFilter {
  private constructor(private readonly bits: Buffer) {}

  /** The filter written next to `path`, or undefined when it is missing or made from another file. */
  static read(path: string): PrefixFilter | undefined {
    try {
      const filter = readFileSync(`${path}.prefixes`);
      const fits =
        filter.length === PREFIXES_HEADER_BYTES + (1 << (PREFIX_FILTER_BITS_LOG2 - 3)) &&
        filter.readUInt32LE(0) === PREFIXES_MAGIC &&
        filter.readUInt32LE(4) === statSync(path).size;
      return fits ? new PrefixFilter(filter.subarray(PREFIXES_HEADER_BYTES)) : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Whether some key may start with `prefix`. Only prefixes of three or more characters without a
   * surrogate are filtered (a character above U+FFFF counts two UTF-16 units, an unpaired surrogate is
   * searched as U+FFFD); for the others the answer is always "may".
   */
  mayHave(prefix: string): boolean {
    if (prefix.length < PREFIX_FILTER_MIN || ANY_SURROGATE.test(prefix)) return true;
    return prefixBits(prefix, (bit) => ((this.bits[bit >>> 3] ?? 0) & (1 << (bit & 7))) !== 0);
  }
}

export class Cedict {
  private lineCount: number | undefined;

  constructor(
    private readonly table: SortedTable,
    private readonly prefixes?: PrefixFilter,
  ) {}

  static load(dir: string = DATA_DIR): Cedict {
    const path = join(dir, 'cedict.tsv');
    return new Cedict(openSortedTable(path), PrefixFilter.read(path));
  }

  /** Number of entries (counted on first use by reading the whole file; lookups do not need it). */
  get size(): number {
    if (this.lineCount === undefined) {
      let count = 0;
      for (const _ of this.table.lines()) count++;
      this.lineCount = count;
    }
    return this.lineCount;
  }

  private static entryOf(line: string): CedictEntry {
    const [simplified = '', traditional = '', pinyin = '', defs = ''] = line.split('\t');
    return { simplified, traditional, pinyin, definitions: defs.split('/').filter((d) => d.length > 0) };
  }

  /** Every entry whose simplified form is exactly `simplified`, in dictionary order. */
  lookup(simplified: string): CedictEntry[] {
    return this.table.linesOf(simplified).map(Cedict.entryOf);
  }

  has(simplified: string): boolean {
    return this.table.linesOf(simplified).length > 0;
  }

  /** Whether any entry's simplified form starts with `prefix`. */
  hasPrefix(prefix: string): boolean {
    if (this.prefixes && !this.prefixes.mayHave(prefix)) return false;
    return this.table.hasPrefix(prefix);
  }

  /** Every entry, in file order; for build-time checks and measurements, not the hot path. */
  *entries(): Generator<CedictEntry> {
    for (const line of this.table.lines()) yield Cedict.entryOf(line);
  }
}

let shared: Cedict | undefined;
/** The dictionary, loaded once per process on first use. */
export function cedict(): Cedict {
  shared ??= Cedict.load();
  return shared;
}
