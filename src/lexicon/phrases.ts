// Run-time access to dist/data/phrases.tsv, the phrase data detection needs (written by build.ts from
// CC-CEDICT, jieba's dictionary and the project's hand-made lists in src/lexicon/data/). One read, one
// pass over the lines into parallel arrays and a Map; entries are materialised only when asked for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from './paths.js';

/**
 * Flags of phrases.tsv. CC-CEDICT: C listed, I "(idiom)", P proverb, S saying/set phrase, Q poem or
 * quotation, T slogan/political/policy, V variant or cross-reference only, F literal/figurative sense,
 * L literary or classical, O a named classical source, N a name or technical term, M a noun with a
 * measure word, D colloquial/dialect/slang. jieba: i 成语, l 习用语, j any other word of its dictionary; w/W the four characters split
 * into two common/very common two-character words; b neither half is a free word (both rare); k the
 * characters are an idiom's (idiom-likeness model, src/detect/idiom-likeness.ts); z jieba's state-word tag;
 * e ends in a common noun. Project lists: q quotation, h idiom, s saying, t term,
 * x known non-idiom.
 */
export const PHRASE_FLAGS = 'CIPSQTVFLONMDiljwWebkzqhstx';

export interface PhraseEntry {
  /** Han characters only, Simplified. */
  key: string;
  /** Display form with clause punctuation (`山川异域，风月同天`). */
  text: string;
  flags: string;
  /** jieba dictionary frequency (0 when jieba does not list it; 3 is jieba's floor for rare words). */
  freq: number;
  /** For the project's quotations: work and author, e.g. `杜甫《春夜喜雨》`. */
  attribution: string;
  /** The project's own English rendering, when it has one. */
  gloss: string;
  /** Offsets in `key` where the display text has a clause break (`，`). */
  breaks: number[];
}

const HAN = /\p{Script=Han}/u;

function clauseBreaks(text: string): number[] {
  const breaks: number[] = [];
  let han = 0;
  for (const ch of text) {
    if (HAN.test(ch)) han += ch.length;
    else if (han > 0 && breaks[breaks.length - 1] !== han) breaks.push(han);
  }
  return breaks.filter((b) => b < han);
}

export class PhraseLexicon {
  /** Key → line number. Everything else is parsed from the line on demand. */
  private readonly index = new Map<string, number>();
  private readonly lineStarts: Uint32Array;
  /** For each two-unit prefix (as a number, see `pairCode`), a bit per key length (1–31 units) in use. */
  private readonly lengthMasks = new PairTable<number>();
  /** `lengthsAt`'s answers by prefix, filled as prefixes are met. */
  private readonly lengthsByPrefix = new PairTable<readonly number[]>();
  private readonly cache = new Map<number, PhraseEntry>();
  private readonly lengthLists = new Map<number, number[]>();
  /**
   * A bit per key, hashed (with its length): a window of text whose bit is clear is no key, decided
   * without cutting it out of the text and hashing it for the Map. About 2% of other windows pass.
   */
  private readonly keyFilter = new Int32Array(1 << (KEY_FILTER_LOG2 - 5));
  /** The same for every prefix of three or more units of every key: a walk along a window stops early. */
  private readonly prefixFilter = new Int32Array(1 << (KEY_FILTER_LOG2 - 5));
  /** Scratch for `entriesAt`: the hash of each prefix of the window. */
  private readonly prefixHashes: Int32Array;
  readonly maxLength: number;

  constructor(private readonly tsv: string) {
    const starts: number[] = [];
    let pos = 0;
    let maxLength = 0;
    while (pos < tsv.length) {
      let end = tsv.indexOf('\n', pos);
      if (end < 0) end = tsv.length;
      if (end > pos) {
        const tab = tsv.indexOf('\t', pos);
        const key = tsv.slice(pos, tab < 0 || tab > end ? end : tab);
        this.index.set(key, starts.length);
        starts.push(pos);
        let hash = KEY_HASH_SEED;
        for (let i = 0; i < key.length; i++) {
          hash = keyHashStep(hash, key.charCodeAt(i));
          if (i >= 2) {
            const at = keyFilterSlot(hash, i + 1) & PREFIX_FILTER_MASK;
            this.prefixFilter[at >>> 5] = (this.prefixFilter[at >>> 5] ?? 0) | (1 << (at & 31));
          }
        }
        const slot = keyFilterSlot(hash, key.length);
        this.keyFilter[slot >>> 5] = (this.keyFilter[slot >>> 5] ?? 0) | (1 << (slot & 31));
        const prefix = pairCode(key, 0);
        const bit = key.length < 31 ? 1 << key.length : 1 << 31;
        this.lengthMasks.set(prefix, (this.lengthMasks.get(prefix) ?? 0) | bit);
        if (key.length > maxLength) maxLength = key.length;
      }
      pos = end + 1;
    }
    this.lineStarts = Uint32Array.from(starts);
    this.maxLength = maxLength;
    this.prefixHashes = new Int32Array(maxLength + 1);
  }

  private mayHave(hash: number, length: number): boolean {
    const slot = keyFilterSlot(hash, length);
    return ((this.keyFilter[slot >>> 5] ?? 0) & (1 << (slot & 31))) !== 0;
  }

  /**
   * The entries whose key is `text` from `at` on, for each length `lengthsAt` gives (in its order) that
   * fits in `text`; written into `out`, which is cleared first (the hot loop reuses one array).
   */
  entriesAt(text: string, at: number, out: PhraseEntry[]): PhraseEntry[] {
    if (out.length > 0) out.length = 0;
    const lengths = this.lengthsAt(text, at);
    const first = lengths[0];
    if (first === undefined) return out;
    const longest = Math.min(text.length - at, first > 31 ? this.maxLength : first);
    const hashes = this.prefixHashes;
    let hash = KEY_HASH_SEED;
    // How far some key may still continue the window: no key has a prefix whose filter bit is clear.
    let reach = 0;
    for (let n = 1; n <= longest; n++) {
      hash = keyHashStep(hash, text.charCodeAt(at + n - 1));
      if (n >= 3) {
        const slot = keyFilterSlot(hash, n) & PREFIX_FILTER_MASK;
        if (((this.prefixFilter[slot >>> 5] ?? 0) & (1 << (slot & 31))) === 0) break;
      }
      hashes[n] = hash;
      reach = n;
    }
    for (const length of lengths) {
      if (length > reach || !this.mayHave(hashes[length] ?? 0, length)) continue;
      const entry = this.get(text.slice(at, at + length));
      if (entry) out.push(entry);
    }
    return out;
  }

  /** Whether `text` from `at`, `length` units long, is a key. */
  hasAt(text: string, at: number, length: number): boolean {
    return this.windowMayBeKey(text, at, length, -1, 0) && this.index.has(text.slice(at, at + length));
  }

  /** The entry for `text` from `at`, `length` units long, with the unit at `at + swapAt` replaced by `unit`. */
  getSwapped(text: string, at: number, length: number, swapAt: number, unit: number): PhraseEntry | undefined {
    if (!this.windowMayBeKey(text, at, length, swapAt, unit)) return undefined;
    return this.get(text.slice(at, at + swapAt) + String.fromCharCode(unit) + text.slice(at + swapAt + 1, at + length));
  }

  private windowMayBeKey(text: string, at: number, length: number, swapAt: number, unit: number): boolean {
    if (at + length > text.length) return false;
    let hash = KEY_HASH_SEED;
    for (let i = 0; i < length; i++) hash = keyHashStep(hash, i === swapAt ? unit : text.charCodeAt(at + i));
    return this.mayHave(hash, length);
  }

  static load(dir: string = DATA_DIR): PhraseLexicon {
    return new PhraseLexicon(readFileSync(join(dir, 'phrases.tsv'), 'utf8'));
  }

  get size(): number {
    return this.lineStarts.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  flagsOf(key: string): string {
    const i = this.index.get(key);
    return i === undefined ? '' : this.entryAt(i).flags;
  }

  get(key: string): PhraseEntry | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.entryAt(i);
  }

  /** Key lengths (UTF-16 units) of the entries that start with the two units at `text[at]`, longest first. */
  lengthsAt(text: string, at: number): readonly number[] {
    const code = pairCode(text, at);
    const listed = this.lengthsByPrefix.get(code);
    if (listed) return listed;
    const mask = this.lengthMasks.get(code);
    if (mask === undefined) return NONE;
    let lengths = this.lengthLists.get(mask);
    if (!lengths) {
      lengths = [];
      for (let n = 31; n >= 1; n--) if (mask & (1 << n)) lengths.push(n);
      // Keys of 31 units or more share the top bit: try every such length that fits.
      if (mask & (1 << 31)) for (let n = this.maxLength; n > 31; n--) lengths.unshift(n);
      this.lengthLists.set(mask, lengths);
    }
    this.lengthsByPrefix.set(code, lengths);
    return lengths;
  }

  /** Every entry whose key starts with `prefix` (the file is sorted by key: a binary search). */
  withPrefix(prefix: string): PhraseEntry[] {
    const keyAt = (i: number): string => {
      const start = this.lineStarts[i] ?? 0;
      return this.tsv.slice(start, this.tsv.indexOf('\t', start));
    };
    let lo = 0;
    let hi = this.lineStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byCodePoint(keyAt(mid), prefix) < 0) lo = mid + 1;
      else hi = mid;
    }
    const out: PhraseEntry[] = [];
    for (let i = lo; i < this.lineStarts.length && keyAt(i).startsWith(prefix); i++) out.push(this.entryAt(i));
    return out;
  }

  /** Every entry whose flags contain one of `flags`; a scan, meant for building indexes once. */
  *withAnyFlag(flags: string): Generator<PhraseEntry> {
    for (let i = 0; i < this.lineStarts.length; i++) {
      const f = this.flagsAt(i);
      for (const c of flags) {
        if (f.includes(c)) {
          yield this.entryAt(i);
          break;
        }
      }
    }
  }

  private flagsAt(i: number): string {
    const start = this.lineStarts[i] ?? 0;
    const t1 = this.tsv.indexOf('\t', start);
    const t2 = this.tsv.indexOf('\t', t1 + 1);
    const t3 = this.tsv.indexOf('\t', t2 + 1);
    const nl = this.tsv.indexOf('\n', t2 + 1);
    return this.tsv.slice(t2 + 1, t3 < 0 || (nl >= 0 && t3 > nl) ? nl : t3);
  }

  private entryAt(i: number): PhraseEntry {
    const cached = this.cache.get(i);
    if (cached) return cached;
    const start = this.lineStarts[i] ?? 0;
    let end = this.tsv.indexOf('\n', start);
    if (end < 0) end = this.tsv.length;
    const [key = '', written = '', flags = '', freq = '', attribution = '', gloss = ''] = this.tsv.slice(start, end).split('\t');
    const text = written || key;
    const entry: PhraseEntry = {
      key,
      text,
      flags,
      freq: Number(freq) || 0,
      attribution,
      gloss,
      breaks: text === key ? [] : clauseBreaks(text),
    };
    this.cache.set(i, entry);
    return entry;
  }
}

const NONE: readonly number[] = [];

const KEY_FILTER_LOG2 = 21;
const KEY_HASH_SEED = 0x811c9dc5 | 0;
const PREFIX_FILTER_MASK = (1 << KEY_FILTER_LOG2) - 1;

function keyHashStep(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, 0x01000193);
}

function keyFilterSlot(hash: number, length: number): number {
  let x = Math.imul(hash ^ length, 0x9e3779b1);
  x ^= x >>> 15;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  return x >>> (32 - KEY_FILTER_LOG2);
}

/**
 * `pairCode` → value, open addressing in typed arrays: at most positions of a text the answer is no, and
 * this says so in a few array reads the compiler inlines, where a Map or Set is a call each time.
 */
export class PairTable<T> {
  private keys = new Int32Array(64).fill(-1);
  private values: (T | undefined)[] = new Array<T | undefined>(64);
  private count = 0;

  private static slot(code: number, mask: number): number {
    const x = Math.imul(code, 0x9e3779b1);
    return (x ^ (x >>> 16)) & mask;
  }

  set(code: number, value: T): void {
    if (2 * (this.count + 1) > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let at = PairTable.slot(code, mask);
    while (this.keys[at] !== -1 && this.keys[at] !== code) at = (at + 1) & mask;
    if (this.keys[at] === -1) this.count++;
    this.keys[at] = code;
    this.values[at] = value;
  }

  get(code: number): T | undefined {
    const keys = this.keys;
    const mask = keys.length - 1;
    let at = PairTable.slot(code, mask);
    for (let key = keys[at] ?? -1; key !== -1; key = keys[at] ?? -1) {
      if (key === code) return this.values[at];
      at = (at + 1) & mask;
    }
    return undefined;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Array<T | undefined>(keys.length * 2);
    this.count = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] ?? -1;
      if (key !== -1) this.set(key, values[i] as T);
    }
  }
}

/** A set of `pairCode`s (non-negative), as a `PairTable`. */
export class PairSet {
  private readonly table = new PairTable<true>();

  add(code: number): void {
    this.table.set(code, true);
  }

  has(code: number): boolean {
    return this.table.get(code) !== undefined;
  }
}

/**
 * Two UTF-16 units folded into one small integer: a Map or Set key that costs no allocation on the hot
 * path. Lossy (units that differ only in their top bits share a code), so it only ever narrows a search:
 * every hit is confirmed on the string itself.
 */
export function pairCode(text: string, at: number): number {
  return ((text.charCodeAt(at) || 0) & 0x3fff) * 0x8000 + ((text.charCodeAt(at + 1) || 0) & 0x7fff);
}

/** The order build.ts sorts phrases.tsv in: by code point (UTF-8 byte order), not by UTF-16 unit. */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * Keys the near-form matchers start from, listed by the build (dist/data/near-forms.json) so that no run
 * scans the lexicon for them.
 */
export interface NearFormIndex {
  /** Set phrases of five to eight characters (adapted with a slot swapped). */
  frames: string[];
  /** Idioms of six to eight characters (adapted more freely). */
  heads: string[];
  /** Verb-object 惯用语 of three characters (split by an inserted modifier: 开历史倒车). */
  verbObject: string[];
  /** Four-character idioms that are not two common words (split around a modifier ending in 的). */
  splittable: string[];
  /** Clauses of the project's multi-clause quotations: the clause, its whole quotation's key, its index. */
  quotationParts: [string, string, number][];
}

let sharedNearForms: NearFormIndex | undefined;
/** The near-form index, loaded once per process on first use. */
export function nearFormIndex(dir: string = DATA_DIR): NearFormIndex {
  sharedNearForms ??= JSON.parse(readFileSync(join(dir, 'near-forms.json'), 'utf8')) as NearFormIndex;
  return sharedNearForms;
}

let shared: PhraseLexicon | undefined;
/** The phrase data, loaded once per process on first use. */
export function phraseLexicon(): PhraseLexicon {
  shared ??= PhraseLexicon.load();
  return shared;
}
