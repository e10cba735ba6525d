// Run-time access to the quotation index built from chinese-poetry (dist/data/quotation-index.tsv, sorted
// by clause, and quotation-sources.tsv, one attribution per line; see poetry-build.ts). Loaded on first
// look-up only, searched in place like the dictionary: one file read, no parsing of its 100k lines.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SortedLines } from './cedict.js';
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
  private readonly lines: SortedLines;
  private readonly sources: string[];

  /** The first two characters of every clause: most look-ups end here, with no search. */
  private readonly starts = new Set<number>();

  constructor(clauses: Buffer, sources: string) {
    this.lines = new SortedLines(clauses);
    this.sources = sources.split('\n');
    for (let at = 0; at < clauses.length; ) {
      // Clauses start with two Han characters: three UTF-8 bytes each, four outside the BMP.
      const firstLength = (clauses[at] ?? 0) >= 0xf0 ? 4 : 3;
      this.starts.add(startCode(utf8CodePoint(clauses, at), utf8CodePoint(clauses, at + firstLength)));
      const newline = clauses.indexOf(0x0a, at);
      at = newline < 0 ? clauses.length : newline + 1;
    }
  }

  /** The index in `dir`; an empty one when the build had no chinese-poetry to read. */
  static load(dir: string = DATA_DIR): PoetryIndex {
    const clauses = join(dir, 'quotation-index.tsv');
    const sources = join(dir, 'quotation-sources.tsv');
    if (!existsSync(clauses) || !existsSync(sources)) return new PoetryIndex(Buffer.alloc(0), '');
    return new PoetryIndex(readFileSync(clauses), readFileSync(sources, 'utf8'));
  }

  get empty(): boolean {
    return this.lines.bytes.length === 0;
  }

  lookup(clause: string): IndexedLine | undefined {
    if (this.empty) return undefined;
    const first = clause.codePointAt(0) ?? 0;
    const second = clause.codePointAt(first > 0xffff ? 2 : 1) ?? 0;
    if (!this.starts.has(startCode(first, second))) return undefined;
    const [at] = this.lines.find(clause);
    if (at === undefined) return undefined;
    const [, source = '0', ordinal = '0', modern = ''] = this.lines.lineAt(at).split('\t');
    const s = Number(source);
    return { clause, attribution: this.sources[s] ?? '', source: s, ordinal: Number(ordinal), modern: modern === 'm' };
  }
}

/** Two code points folded into a small integer (lossy: it only narrows a search, every hit is confirmed). */
function startCode(first: number, second: number): number {
  return ((first & 0x7fff) << 15) | (second & 0x7fff);
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
