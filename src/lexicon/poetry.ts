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

  constructor(clauses: Buffer, sources: string) {
    this.lines = new SortedLines(clauses);
    this.sources = sources.split('\n');
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
    const [at] = this.lines.find(clause);
    if (at === undefined) return undefined;
    const [, source = '0', ordinal = '0', modern = ''] = this.lines.lineAt(at).split('\t');
    const s = Number(source);
    return { clause, attribution: this.sources[s] ?? '', source: s, ordinal: Number(ordinal), modern: modern === 'm' };
  }
}

let shared: PoetryIndex | undefined;
/** The shared index, loaded on first call. */
export function poetryIndex(): PoetryIndex {
  shared ??= PoetryIndex.load();
  return shared;
}
