// Run-time access to dist/data/cedict.tsv. The file is sorted by simplified form, so a lookup is a binary
// search over line offsets in the raw bytes: loading costs one read and one newline scan, not parsing
// 124k entries into objects.
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

export class Cedict {
  private readonly lineStarts: Uint32Array;

  constructor(private readonly bytes: Buffer) {
    const starts: number[] = [];
    let pos = 0;
    while (pos < bytes.length) {
      starts.push(pos);
      const nl = bytes.indexOf(NEWLINE, pos);
      if (nl < 0) break;
      pos = nl + 1;
    }
    this.lineStarts = Uint32Array.from(starts);
  }

  static load(dir: string = DATA_DIR): Cedict {
    return new Cedict(readFileSync(join(dir, 'cedict.tsv')));
  }

  get size(): number {
    return this.lineStarts.length;
  }

  private keyAt(i: number): Buffer {
    const start = this.lineStarts[i] ?? 0;
    const tab = this.bytes.indexOf(TAB, start);
    return this.bytes.subarray(start, tab);
  }

  private entryAt(i: number): CedictEntry {
    const start = this.lineStarts[i] ?? 0;
    const end = this.bytes.indexOf(NEWLINE, start);
    const [simplified = '', traditional = '', pinyin = '', defs = ''] = this.bytes
      .toString('utf8', start, end < 0 ? this.bytes.length : end)
      .split('\t');
    return { simplified, traditional, pinyin, definitions: defs.split('/').filter((d) => d.length > 0) };
  }

  /** Every entry whose simplified form is exactly `simplified`, in dictionary order. */
  lookup(simplified: string): CedictEntry[] {
    const key = Buffer.from(simplified, 'utf8');
    let lo = 0;
    let hi = this.lineStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (Buffer.compare(this.keyAt(mid), key) < 0) lo = mid + 1;
      else hi = mid;
    }
    const found: CedictEntry[] = [];
    for (let i = lo; i < this.lineStarts.length && Buffer.compare(this.keyAt(i), key) === 0; i++) {
      found.push(this.entryAt(i));
    }
    return found;
  }

  has(simplified: string): boolean {
    return this.lookup(simplified).length > 0;
  }

  /** Every entry, in file order; for build-time checks and measurements, not the hot path. */
  *entries(): Generator<CedictEntry> {
    for (let i = 0; i < this.lineStarts.length; i++) yield this.entryAt(i);
  }
}

let shared: Cedict | undefined;
/** The dictionary, loaded once per process on first use. */
export function cedict(): Cedict {
  shared ??= Cedict.load();
  return shared;
}
