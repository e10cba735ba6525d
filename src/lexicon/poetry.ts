// Run-time access to the quotation index built from chinese-poetry (dist/data/quotation-index.tsv, sorted
// by clause, and quotation-sources.tsv, one attribution per line; see poetry-build.ts). Loaded on first
// look-up only, searched like the dictionary: the clause filters settle most look-ups, and the rest read one
// block of the file through the build's block index (the whole 2.6 MB file only when that index is missing).
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SortedBlocks, SortedLines, type SortedTable } from './cedict.js';
import { DATA_DIR } from './paths.js';

export interface IndexedLine {
  clause: string;
  /** Work and author, e.g. `杜甫《春夜喜雨》`, `《论语·为政》`. */
  attribution: string;
  /** The source text the clause was kept under (its most canonical one). */
  source: number;
  /** The clause's position in that source; consecutive clauses differ by 1. */
  ordinal: number;
  /** Every word of it is a very common modern word: on its own it proves nothing. */
  modern: boolean;
}

export class PoetryIndex {
  private readonly table: SortedTable;
  private readonly byteLength: number;
  private readonly sources: string[];
  /**
   * A bit per (first two characters, length) of the clauses, hashed: most look-ups end here, with no
   * search. Written by the build next to the index (quotation-index.tsv.filter); made on load without it.
   */
  private readonly filter: Uint8Array;
  /** A bit per first two characters of the clauses, hashed (length aside): where none starts, none is. */
  private readonly starts: Uint8Array;
  /** A bit per whole clause (all its units hashed, with its length): a look-up it rules out cuts nothing out of the text. */
  private readonly whole: Uint8Array;
  /**
   * Per last two characters of the clauses (hashed), the lengths of the clauses ending so: 16 bits, little
   * endian, bit n for a clause of n UTF-16 units (bit 15: 15 or more). A text clause ending otherwise ends
   * no line, and a look-up of a length not there finds nothing: most look-ups end here.
   */
  private readonly ends: Uint8Array;
  /** Look-ups already made (the same clauses recur across a corpus), bounded. */
  private readonly memo = new Map<string, IndexedLine | null>();

  /** `bits`: the filters as `clauseFilter` makes them (header included), for a file of `byteLength` bytes. */
  constructor(table: SortedTable, byteLength: number, sources: string, bits: Buffer) {
    this.table = table;
    this.byteLength = byteLength;
    this.sources = sources.split('\n');
    this.filter = bits.subarray(FILTER_HEADER, FILTER_HEADER + FILTER_BYTES);
    this.starts = bits.subarray(FILTER_HEADER + FILTER_BYTES, FILTER_HEADER + FILTER_BYTES + START_BYTES);
    this.whole = bits.subarray(FILTER_HEADER + FILTER_BYTES + START_BYTES, FILTER_HEADER + FILTER_BYTES + START_BYTES + WHOLE_BYTES);
    this.ends = bits.subarray(FILTER_HEADER + FILTER_BYTES + START_BYTES + WHOLE_BYTES);
  }

  /** An index over the clause file's bytes in memory (its line index and filters made when not given). */
  static fromBytes(clauses: Buffer, sources: string, lineIndex?: Buffer, filter?: Buffer): PoetryIndex {
    const bits = filterFits(filter, clauses.length) ? filter : clauseFilter(clauses);
    return new PoetryIndex(new SortedLines(clauses, lineIndex), clauses.length, sources, bits);
  }

  /** The index in `dir`; an empty one when the build had no chinese-poetry to read. */
  static load(dir: string = DATA_DIR): PoetryIndex {
    const clauses = join(dir, 'quotation-index.tsv');
    const sources = join(dir, 'quotation-sources.tsv');
    if (!existsSync(clauses) || !existsSync(sources)) return PoetryIndex.fromBytes(Buffer.alloc(0), '');
    const sourceText = readFileSync(sources, 'utf8');
    const filter = readOptional(`${clauses}.filter`);
    const size = statSync(clauses).size;
    const blocks = size > 0 && filterFits(filter, size) ? SortedBlocks.open(clauses) : undefined;
    if (blocks && filter) return new PoetryIndex(blocks, size, sourceText, filter);
    return PoetryIndex.fromBytes(readFileSync(clauses), sourceText, readOptional(`${clauses}.idx`), filter);
  }

  get empty(): boolean {
    return this.byteLength === 0;
  }

  /**
   * Whether `text[start, end)` may be a clause of the index (false: `lookup` of it finds nothing), decided
   * without cutting it out.
   */
  mayHold(text: string, start: number, end: number): boolean {
    if (this.empty) return false;
    const first = start < end ? (text.codePointAt(start) ?? 0) : 0;
    const secondAt = start + (first > 0xffff ? 2 : 1);
    const second = secondAt < end ? (text.codePointAt(secondAt) ?? 0) : 0;
    const slot = filterSlot(first, second, end - start);
    if (((this.filter[slot >>> 3] ?? 0) & (1 << (slot & 7))) === 0) return false;
    const bit = wholeSlot(text, start, end);
    return ((this.whole[bit >>> 3] ?? 0) & (1 << (bit & 7))) !== 0;
  }

  /**
   * Whether some clause of the index may start at `text[start]` (false: no `lookup` of a clause starting
   * there finds anything), decided from its first two characters.
   */
  mayStart(text: string, start: number): boolean {
    if (this.empty) return false;
    const first = text.codePointAt(start) ?? 0;
    const second = text.codePointAt(start + (first > 0xffff ? 2 : 1)) ?? 0;
    const slot = startSlot(first, second);
    return ((this.starts[slot >>> 3] ?? 0) & (1 << (slot & 7))) !== 0;
  }

  /**
   * Whether some clause of the index may end where `text` ends (false: no `lookup` of a string ending
   * there finds anything), decided from its last two characters.
   */
  mayEndWith(text: string): boolean {
    if (this.empty) return false;
    return this.endingLengths(text, text.length) !== 0;
  }

  /**
   * The lengths of the clauses of the index that may end where `text[start, end)` ends, for any start that
   * leaves two or more code points in it (the last two are read): bit n (n < 15) for n UTF-16 units, bit 15
   * for 15 or more. A `lookup` of a string of n units ending so finds nothing unless bit n is set.
   */
  endingLengths(text: string, end: number): number {
    if (this.empty) return 0;
    const slot = endSlot(text, end);
    return (this.ends[2 * slot] ?? 0) | ((this.ends[2 * slot + 1] ?? 0) << 8);
  }

  lookup(clause: string): IndexedLine | undefined {
    if (!this.mayHold(clause, 0, clause.length)) return undefined;
    const known = this.memo.get(clause);
    if (known !== undefined) return known ?? undefined;
    const line = this.search(clause);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(clause, line ?? null);
    return line;
  }

  private search(clause: string): IndexedLine | undefined {
    const [line] = this.table.linesOf(clause);
    if (line === undefined) return undefined;
    const [, source = '0', ordinal = '0', modern = ''] = line.split('\t');
    const s = Number(source);
    return { clause, attribution: this.sources[s] ?? '', source: s, ordinal: Number(ordinal), modern: modern === 'm' };
  }
}

const MEMO_LIMIT = 50_000;

function readOptional(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

const FILTER_BITS_LOG2 = 21;
const FILTER_BYTES = 1 << (FILTER_BITS_LOG2 - 3);
const START_BITS_LOG2 = 19;
const START_BYTES = 1 << (START_BITS_LOG2 - 3);
const WHOLE_BITS_LOG2 = 21;
const WHOLE_BYTES = 1 << (WHOLE_BITS_LOG2 - 3);
/**
 * The end table: 2^18 slots of 16 bits (a line's length in it), by the clause's last two characters. With
 * 2^16 slots, 73% of the text clauses of four or more characters hit a slot some line's end had filled (the
 * 105k lines' end pairs crowd it), and went on to the start filter and the look-ups; 2^18 slots pass fewer
 * (poetry quotations alone ~90 → ~83 CPU-ms warm over the 10 MB corpus), the larger table notwithstanding.
 */
const END_SLOTS_LOG2 = 18;
const END_BYTES = 2 << END_SLOTS_LOG2;
/** The end table's bit for a clause of `units` UTF-16 units. */
function lengthBit(units: number): number {
  return 1 << Math.min(units, 15);
}
const FILTER_MAGIC = 0x36544c46; // "FLT6": the clause, start and whole-clause filters and the end table
/** Magic, then the byte length of the clause file the filter was made from (a stale filter is not used). */
const FILTER_HEADER = 8;

function filterFits(filter: Buffer | undefined, clauseBytes: number): filter is Buffer {
  return (
    filter !== undefined &&
    filter.length === FILTER_HEADER + FILTER_BYTES + START_BYTES + WHOLE_BYTES + END_BYTES &&
    filter.readUInt32LE(0) === FILTER_MAGIC &&
    filter.readUInt32LE(4) === clauseBytes
  );
}

/** The filter's bit for a clause starting with these two code points, `units` UTF-16 units long. */
function filterSlot(first: number, second: number, units: number): number {
  return pairSlot(first, second ^ (units << 22), FILTER_BITS_LOG2);
}

/** Two numbers hashed to a bit of a filter of 2^`bitsLog2` bits. */
function pairSlot(a: number, b: number, bitsLog2: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 13;
  return h >>> (32 - bitsLog2);
}

/** The start filter's bit for a clause starting with these two code points. */
function startSlot(first: number, second: number): number {
  let h = Math.imul(first, 0x85ebca6b) ^ Math.imul(second, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> (32 - START_BITS_LOG2);
}

/** The end table's slot for the last two code points before `end` (0 for one that is not there). */
function endSlot(text: string, end: number): number {
  let at = end;
  const last = codePointBefore(text, at);
  at -= last > 0xffff ? 2 : 1;
  const before = at > 0 ? codePointBefore(text, at) : 0;
  return pairSlot(last, before, END_SLOTS_LOG2);
}

/** The code point that ends just before `at` (a surrogate pair read as one). */
function codePointBefore(text: string, at: number): number {
  const unit = at > 0 ? text.charCodeAt(at - 1) : 0;
  if (unit >= 0xdc00 && unit <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return 0x10000 + ((high - 0xd800) << 10) + (unit - 0xdc00);
  }
  return unit;
}

/** The whole-clause filter's bit for `text[start, end)`: its UTF-16 units hashed, and its length. */
function wholeSlot(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (end - start), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> (32 - WHOLE_BITS_LOG2);
}

/** The filters of a clause file (header and bits), for the build to write and for loads without them. */
export function clauseFilter(clauses: Buffer): Buffer {
  const out = Buffer.alloc(FILTER_HEADER + FILTER_BYTES + START_BYTES + WHOLE_BYTES + END_BYTES);
  out.writeUInt32LE(FILTER_MAGIC, 0);
  out.writeUInt32LE(clauses.length, 4);
  for (let at = 0; at < clauses.length; ) {
    const newline = clauses.indexOf(0x0a, at);
    const lineEnd = newline < 0 ? clauses.length : newline;
    if (lineEnd > at) {
      // Clauses are Han characters: three UTF-8 bytes each, four (two UTF-16 units) outside the BMP.
      const firstLength = (clauses[at] ?? 0) >= 0xf0 ? 4 : 3;
      let units = 0;
      for (let i = at; i < lineEnd && clauses[i] !== 0x09; i++) {
        const byte = clauses[i] ?? 0;
        if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
      }
      const first = utf8CodePoint(clauses, at);
      const second = utf8CodePoint(clauses, at + firstLength);
      const slot = filterSlot(first, second, units);
      out[FILTER_HEADER + (slot >>> 3)] = (out[FILTER_HEADER + (slot >>> 3)] ?? 0) | (1 << (slot & 7));
      const start = FILTER_HEADER + FILTER_BYTES + (startSlot(first, second) >>> 3);
      out[start] = (out[start] ?? 0) | (1 << (startSlot(first, second) & 7));
      let tab = clauses.indexOf(0x09, at);
      if (tab < 0 || tab > lineEnd) tab = lineEnd;
      const clause = clauses.toString('utf8', at, tab);
      const bit = wholeSlot(clause, 0, clause.length);
      const whole = FILTER_HEADER + FILTER_BYTES + START_BYTES + (bit >>> 3);
      out[whole] = (out[whole] ?? 0) | (1 << (bit & 7));
      const ends = FILTER_HEADER + FILTER_BYTES + START_BYTES + WHOLE_BYTES + 2 * endSlot(clause, clause.length);
      const lengths = ((out[ends] ?? 0) | ((out[ends + 1] ?? 0) << 8)) | lengthBit(clause.length);
      out[ends] = lengths & 0xff;
      out[ends + 1] = lengths >>> 8;
    }
    at = lineEnd + 1;
  }
  return out;
}

/** Writes `<clause file>.filter` (build time). */
export function writeClauseFilter(path: string): void {
  const tmp = `${path}.filter.tmp-${process.pid}`;
  writeFileSync(tmp, clauseFilter(readFileSync(path)));
  renameSync(tmp, `${path}.filter`);
}

/** The code point of the three- or four-byte UTF-8 sequence at `at` (Han characters only). */
function utf8CodePoint(bytes: Buffer, at: number): number {
  const b0 = bytes[at] ?? 0;
  const b1 = (bytes[at + 1] ?? 0) & 0x3f;
  const b2 = (bytes[at + 2] ?? 0) & 0x3f;
  if (b0 >= 0xf0) return ((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | ((bytes[at + 3] ?? 0) & 0x3f);
  return ((b0 & 0x0f) << 12) | (b1 << 6) | b2;
}

let shared: PoetryIndex | undefined;
/** The shared index, loaded on first call. */
export function poetryIndex(): PoetryIndex {
  shared ??= PoetryIndex.load();
  return shared;
}
