// Run-time access to dist/data/phrases.tsv, the phrase data detection needs (written by build.ts from
// CC-CEDICT, jieba's dictionary and the project's hand-made lists in src/lexicon/data/). One read, one
// pass over the lines into parallel arrays and a Map; entries are materialised only when asked for.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { lineIndex, writeLineIndex } from './cedict.js';
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

const KEY_FILTER_LOG2 = 21;
const KEY_HASH_SEED = 0x811c9dc5 | 0;

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

const PREFIX_BIT_WORDS = 1 << 14;
/** A bit per first three units of the keys of three or more units (hashed, 64 KB). */
const THREE_BIT_WORDS = 1 << 14;

/** A three-unit prefix's bit in the table of `THREE_BIT_WORDS`. */
function threeBit(first: number, second: number, third: number): number {
  let x = Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b) ^ Math.imul(third, 0xc2b2ae35);
  x ^= x >>> 15;
  x = Math.imul(x, 0x2c1b3c6d);
  x ^= x >>> 12;
  return x >>> 13;
}

/** A prefix's bit in `prefixBits` (2^19 bits). */
function prefixBit(code: number): number {
  return Math.imul(code, 0x85ebca6b) >>> 13;
}

function lineSlot(hash: number, length: number, mask: number): number {
  let x = Math.imul(hash ^ length, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x & mask;
}

export class PhraseLexicon {
  /** phrases.tsv, sorted by key in UTF-8 byte order (the build's order), searched in place. */
  private readonly bytes: Buffer;
  /** Per line: the start of the line and the end of its key (the build's `.idx`, or made on load). */
  private readonly lines: Uint32Array;
  /** For each two-unit prefix (as a number, see `pairCode`), a bit per key length (1–31 units) in use. */
  private readonly lengthMasks: PairNumbers;
  /** Key hash → line number, open addressing (-1: free): a look-up is one probe and one decoded key. */
  private readonly lineOfKey: Int32Array;
  /**
   * A bit per two-unit prefix in use (hashed, 64 KB): most positions of a text start no key, and this
   * says so from the processor's cache, before the larger tables are touched.
   */
  private readonly prefixBits: Int32Array;
  /** The key trie (see `keyTrie`): per UTF-16 unit its code in the trie, 0 for a unit no key holds. */
  private readonly unitCodes: Uint16Array;
  /** The key trie's states (see `keyTrie`): bases, labels, and the line of the key ending at each (-1: none). */
  private readonly trieBases: Int32Array;
  private readonly trieLabels: Uint16Array;
  private readonly trieLines: Int32Array;
  /** Codes 1…firstCodes are the units that start a key, and the root's children are the states 1…firstCodes. */
  private readonly firstCodes: number;
  /** See `THREE_BIT_WORDS`: most positions of a text start no key of three units or more. */
  private readonly threeBits: Int32Array;
  private readonly shortKeyStarts: Uint8Array;
  /** `lengthsAt`'s answers by prefix, filled as prefixes are met. */
  private readonly lengthsByPrefix = new PairTable<readonly number[]>();
  /** Entries already materialised, by line. */
  private readonly cache: (PhraseEntry | undefined)[];
  /** Keys already looked up (found or not), bounded: the same phrases recur across a corpus. */
  private readonly memo = new Map<string, PhraseEntry | null>();
  private readonly lengthLists = new Map<number, number[]>();
  /**
   * A bit per key, hashed (with its length): a window of text whose bit is clear is no key, decided
   * without cutting it out of the text. About 2% of other windows pass.
   */
  private readonly keyFilter: Int32Array;
  /** The same for every prefix of three or more units of every key: a walk along a window stops early. */
  private readonly prefixFilter: Int32Array;
  /** `getAt`'s last answers, direct-mapped by key hash: the key (or the window that is none) and its entry. */
  private readonly recentKeys = new Array<string | undefined>(1 << RECENT_BITS).fill(undefined);
  private readonly recentEntries = new Array<PhraseEntry | null>(1 << RECENT_BITS).fill(null);
  /** Scratch for `entriesAt`: the hash of each prefix of the window. */
  private readonly prefixHashes: Int32Array;
  readonly maxLength: number;

  /**
   * `data`: the phrases.tsv text or bytes. A string is taken as lines in any order (tests); bytes must be
   * the build's sorted file. `index` and `tables` are the build's `.idx` and `.tables` files; without
   * them (or when they do not belong to these bytes) they are made here, a scan of every line.
   */
  constructor(data: string | Buffer, index?: Buffer, tables?: Buffer) {
    this.bytes = typeof data === 'string' ? sortedLines(data) : data;
    this.lines = lineWordsOf(this.bytes, index);
    const words = tablesFit(tables, this.bytes) ? tableWords(tables) : tableWords(phraseTables(this.bytes, this.lines));
    this.maxLength = words[2] ?? 0;
    const capacity = words[3] ?? 0;
    this.keyFilter = words.subarray(TABLES_HEADER, TABLES_HEADER + FILTER_WORDS);
    this.prefixFilter = words.subarray(TABLES_HEADER + FILTER_WORDS, TABLES_HEADER + 2 * FILTER_WORDS);
    const keysAt = TABLES_HEADER + 2 * FILTER_WORDS;
    this.lengthMasks = new PairNumbers(words.subarray(keysAt, keysAt + 2 * capacity));
    const linesAt = keysAt + 2 * capacity;
    this.lineOfKey = words.subarray(linesAt, linesAt + (words[4] ?? 0));
    const bitsAt = linesAt + (words[4] ?? 0);
    this.prefixBits = words.subarray(bitsAt, bitsAt + PREFIX_BIT_WORDS);
    this.threeBits = words.subarray(bitsAt + PREFIX_BIT_WORDS, bitsAt + PREFIX_BIT_WORDS + THREE_BIT_WORDS);
    const trieAt = bitsAt + PREFIX_BIT_WORDS + THREE_BIT_WORDS;
    this.unitCodes = new Uint16Array(words.buffer, words.byteOffset + 4 * trieAt, 0x10000);
    const states = words[5] ?? 0;
    const statesAt = trieAt + UNIT_CODE_WORDS;
    this.trieBases = words.subarray(statesAt, statesAt + states);
    this.trieLines = words.subarray(statesAt + states, statesAt + 2 * states);
    this.trieLabels = new Uint16Array(words.buffer, words.byteOffset + 4 * (statesAt + 2 * states), states);
    this.firstCodes = words[6] ?? 0;
    // First units (14 bits of them, as `pairCode` keeps) of the keys of one or two units: a handful.
    this.shortKeyStarts = new Uint8Array(0x4000);
    const slots = words.subarray(keysAt, keysAt + 2 * capacity);
    for (let at = 0; at + 1 < slots.length; at += 2) {
      const code = slots[at] ?? -1;
      if (code !== -1 && ((slots[at + 1] ?? 0) & 0b110) !== 0) this.shortKeyStarts[Math.floor(code / 0x8000)] = 1;
    }
    this.prefixHashes = new Int32Array(this.maxLength + 1);
    this.cache = new Array<PhraseEntry | undefined>(this.size);
  }

  /**
   * Every unit's code in the key trie (`trieCode`), as a new array a caller may add its own marks to: the
   * codes use the low 15 bits.
   */
  trieUnitCodes(): Uint16Array {
    return this.unitCodes.slice();
  }

  /** A unit's code in the key trie (0: no key holds the unit), for `trieStepCode`. */
  trieCode(unit: number): number {
    return this.unitCodes[unit] ?? 0;
  }

  /**
   * The key trie's state after `unit` (a UTF-16 unit) from `state` (`trieStep`), or from the empty prefix
   * (`trieFirst`, `trieStep(TRIE_ROOT, unit)` in one read), or -1 when no key goes on so. A walk along a
   * text meets every key the text starts with, shortest first, in one array read or two per unit.
   */
  trieFirst(unit: number): number {
    return this.trieFirstCode(this.unitCodes[unit] ?? 0);
  }

  trieStep(state: number, unit: number): number {
    const code = this.unitCodes[unit] ?? 0;
    return code === 0 ? -1 : this.trieStepCode(state, code);
  }

  /**
   * `trieFirst` and `trieStep` for a unit given by its code (`trieCode`; `trieStepCode` wants it non-zero):
   * a scan that walks from every position of a text looks each unit's code up once, not once per walk.
   */
  trieFirstCode(code: number): number {
    return code !== 0 && code <= this.firstCodes ? code : -1;
  }

  trieStepCode(state: number, code: number): number {
    // The layout keeps every base + code inside the arrays (see `keyTrie`).
    const next = (this.trieBases[state] ?? 0) + code;
    return ((this.trieLabels[next] ?? 0) & LABEL_CODE) === code ? next : -1;
  }

  /** How many states the key trie has (they are numbered from 0). */
  get trieStates(): number {
    return this.trieLabels.length;
  }

  /** Whether a key ends at trie state `state` (the units walked to it are a key). */
  trieKeyEnds(state: number): boolean {
    return ((this.trieLabels[state] ?? 0) & KEY_END) !== 0;
  }

  /** The entry whose key ends at trie state `state`, if one does. */
  trieEntry(state: number): PhraseEntry | undefined {
    const line = this.trieLines[state] ?? -1;
    return line < 0 ? undefined : this.entryAt(line);
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
    return this.entriesWithLengths(text, at, this.lengthMaskAt(pairCode(text, at)), out);
  }

  /**
   * The key lengths in use after the two units whose `pairCode` is `code`, as `lengthMasks` holds them
   * (bit n: a key of n units; bit 31: 31 units or more), 0 when no key starts so. One probe of the prefix
   * bits, which most positions of a text fail, then one of the table.
   */
  lengthMaskAt(code: number): number {
    const bit = prefixBit(code);
    if (((this.prefixBits[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return 0;
    return this.lengthMasks.get(code) ?? 0;
  }

  /**
   * False where no key of any length starts at `text[at]` (a narrowing test, from a 64 KB table: true
   * does not promise a key). Of three or more units, the first three are tested; of one or two units,
   * the first unit.
   */
  mayStartKeyAt(text: string, at: number): boolean {
    const first = text.charCodeAt(at);
    if (this.shortKeyStarts[first & 0x3fff] === 1) return true;
    if (at + 3 > text.length) return false;
    const bit = threeBit(first, text.charCodeAt(at + 1), text.charCodeAt(at + 2));
    return ((this.threeBits[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
  }

  /** Whether some key of three or more units may start with these three units (false: none does). */
  mayStartWithThree(first: number, second: number, third: number): boolean {
    const bit = threeBit(first, second, third);
    return ((this.threeBits[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
  }

  /** `entriesAt` for a position whose `lengthMaskAt` is known: longest first, in `lengthsAt`'s order. */
  entriesWithLengths(text: string, at: number, mask: number, out: PhraseEntry[]): PhraseEntry[] {
    if (out.length > 0) out.length = 0;
    if (mask === 0) return out;
    // Keys of 31 units or more share the top bit: `lengthsAt` lists them in its own order.
    if (mask < 0) return this.entriesOfLengths(text, at, this.lengthsAt(text, at), out);
    const longest = Math.min(text.length - at, 31 - Math.clz32(mask));
    const reach = this.hashWindow(text, at, longest);
    const hashes = this.prefixHashes;
    for (let rest = mask; rest !== 0; ) {
      const length = 31 - Math.clz32(rest);
      rest ^= 1 << length;
      if (length > reach || !this.mayHave(hashes[length] ?? 0, length)) continue;
      const entry = this.getAt(text, at, length, hashes[length] ?? 0);
      if (entry) out.push(entry);
    }
    return out;
  }

  private entriesOfLengths(text: string, at: number, lengths: readonly number[], out: PhraseEntry[]): PhraseEntry[] {
    const first = lengths[0];
    if (first === undefined) return out;
    const reach = this.hashWindow(text, at, Math.min(text.length - at, first > 31 ? this.maxLength : first));
    const hashes = this.prefixHashes;
    for (const length of lengths) {
      if (length > reach || !this.mayHave(hashes[length] ?? 0, length)) continue;
      const entry = this.getAt(text, at, length, hashes[length] ?? 0);
      if (entry) out.push(entry);
    }
    return out;
  }

  /**
   * Hashes of the prefixes of the window at `at` (into `prefixHashes`), and how far some key may still
   * continue it: no key has a prefix whose filter bit is clear.
   */
  private hashWindow(text: string, at: number, longest: number): number {
    const hashes = this.prefixHashes;
    let hash = KEY_HASH_SEED;
    let reach = 0;
    for (let n = 1; n <= longest; n++) {
      hash = keyHashStep(hash, text.charCodeAt(at + n - 1));
      if (n >= 3) {
        const slot = keyFilterSlot(hash, n);
        if (((this.prefixFilter[slot >>> 5] ?? 0) & (1 << (slot & 31))) === 0) break;
      }
      hashes[n] = hash;
      reach = n;
    }
    return reach;
  }

  /**
   * The entry whose key is `text[at, at + length)`, its key hash given: the key table probed directly and
   * each candidate line's key compared byte by byte with the window, nothing cut out of the text.
   */
  private getAt(text: string, at: number, length: number, hash: number): PhraseEntry | undefined {
    // The same few thousand words recur all through a text: their last answers, by key hash, first.
    const recent = Math.imul(hash ^ length, 0x9e3779b1) >>> (32 - RECENT_BITS);
    const known = this.recentKeys[recent];
    if (known !== undefined && known.length === length && sameUnits(known, text, at)) return this.recentEntries[recent] ?? undefined;
    const entry = this.lookUpAt(text, at, length, hash);
    this.recentKeys[recent] = entry ? entry.key : text.slice(at, at + length);
    this.recentEntries[recent] = entry ?? null;
    return entry;
  }

  private lookUpAt(text: string, at: number, length: number, hash: number): PhraseEntry | undefined {
    const table = this.lineOfKey;
    const mask = table.length - 1;
    if (mask < 0) return undefined;
    for (let slot = lineSlot(hash, length, mask), line = table[slot] ?? -1; line !== -1; slot = (slot + 1) & mask, line = table[slot] ?? -1) {
      if (utf8Equals(this.bytes, this.keyStart(line), this.keyEnd(line), text, at, at + length)) return this.entryAt(line);
    }
    return undefined;
  }

  /** Whether `text` from `at`, `length` units long, is a key. */
  hasAt(text: string, at: number, length: number): boolean {
    return this.windowMayBeKey(text, at, length, -1, 0) && this.has(text.slice(at, at + length));
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
    const path = join(dir, 'phrases.tsv');
    return new PhraseLexicon(readFileSync(path), readOptional(`${path}.idx`), readOptional(`${path}.tables`));
  }

  get size(): number {
    return (this.lines.length - LINE_INDEX_HEADER) / 2;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  flagsOf(key: string): string {
    return this.get(key)?.flags ?? '';
  }

  get(key: string): PhraseEntry | undefined {
    const known = this.memo.get(key);
    if (known !== undefined) return known ?? undefined;
    const entry = this.lookUp(key);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(key, entry ?? null);
    return entry;
  }

  private lookUp(key: string): PhraseEntry | undefined {
    const table = this.lineOfKey;
    const mask = table.length - 1;
    if (mask < 0) return undefined;
    let hash = KEY_HASH_SEED;
    for (let u = 0; u < key.length; u++) hash = keyHashStep(hash, key.charCodeAt(u));
    for (let at = lineSlot(hash, key.length, mask), line = table[at] ?? -1; line !== -1; at = (at + 1) & mask, line = table[at] ?? -1) {
      if (this.bytes.toString('utf8', this.keyStart(line), this.keyEnd(line)) === key) return this.entryAt(line);
    }
    return undefined;
  }

  private keyStart(i: number): number {
    return this.lines[LINE_INDEX_HEADER + 2 * i] ?? 0;
  }

  private keyEnd(i: number): number {
    return this.lines[LINE_INDEX_HEADER + 2 * i + 1] ?? 0;
  }

  /** Line `i`'s key against `target` (UTF-8 byte order). */
  private compareKey(i: number, target: Buffer): number {
    return -target.compare(this.bytes, this.keyStart(i), this.keyEnd(i));
  }

  /** The first line whose key is at least `target`. */
  private firstAtLeast(target: Buffer): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareKey(mid, target) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether some key of `length` units (under 31) starts with the two units whose `pairCode` is `code`. */
  startsKeyOfLength(code: number, length: number): boolean {
    const bit = prefixBit(code);
    if (((this.prefixBits[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return false;
    const mask = this.lengthMasks.get(code);
    return mask !== undefined && (mask & (1 << length)) !== 0;
  }

  /** Key lengths (UTF-16 units) of the entries that start with the two units at `text[at]`, longest first. */
  lengthsAt(text: string, at: number): readonly number[] {
    const code = pairCode(text, at);
    const bit = prefixBit(code);
    if (((this.prefixBits[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return NONE;
    const mask = this.lengthMasks.get(code);
    if (mask === undefined) return NONE;
    const listed = this.lengthsByPrefix.get(code);
    if (listed) return listed;
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
    const target = Buffer.from(prefix, 'utf8');
    const out: PhraseEntry[] = [];
    for (let i = this.firstAtLeast(target); i < this.size; i++) {
      const start = this.keyStart(i);
      if (this.keyEnd(i) - start < target.length || target.compare(this.bytes, start, start + target.length) !== 0) break;
      out.push(this.entryAt(i));
    }
    return out;
  }

  /** Every entry whose flags contain one of `flags`; a scan, meant for building indexes once. */
  *withAnyFlag(flags: string): Generator<PhraseEntry> {
    for (let i = 0; i < this.size; i++) {
      const f = this.entryAt(i).flags;
      for (const c of flags) {
        if (f.includes(c)) {
          yield this.entryAt(i);
          break;
        }
      }
    }
  }

  private entryAt(i: number): PhraseEntry {
    const cached = this.cache[i];
    if (cached) return cached;
    const start = this.keyStart(i);
    let end = this.bytes.indexOf(NEWLINE, start);
    if (end < 0) end = this.bytes.length;
    const [key = '', written = '', flags = '', freq = '', attribution = '', gloss = ''] = this.bytes.toString('utf8', start, end).split('\t');
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
    this.cache[i] = entry;
    return entry;
  }
}

const NEWLINE = 0x0a;
const RECENT_BITS = 12;

/** Whether `text` from `at` holds the units of `key`. */
function sameUnits(key: string, text: string, at: number): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== text.charCodeAt(at + i)) return false;
  return true;
}

/**
 * Whether `bytes[from, to)` is the UTF-8 form of `text[start, end)`. A lone surrogate has no UTF-8 form
 * (decoding never gives one back), so a window holding one equals no key.
 */
function utf8Equals(bytes: Buffer, from: number, to: number, text: string, start: number, end: number): boolean {
  let b = from;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (b >= to || bytes[b] !== c) return false;
      b += 1;
    } else if (c < 0x800) {
      if (b + 2 > to || bytes[b] !== (0xc0 | (c >> 6)) || bytes[b + 1] !== (0x80 | (c & 0x3f))) return false;
      b += 2;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const low = i + 1 < end ? text.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || low < 0xdc00 || low > 0xdfff) return false;
      const cp = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
      if (
        b + 4 > to ||
        bytes[b] !== (0xf0 | (cp >> 18)) ||
        bytes[b + 1] !== (0x80 | ((cp >> 12) & 0x3f)) ||
        bytes[b + 2] !== (0x80 | ((cp >> 6) & 0x3f)) ||
        bytes[b + 3] !== (0x80 | (cp & 0x3f))
      )
        return false;
      b += 4;
      i++;
    } else {
      if (b + 3 > to || bytes[b] !== (0xe0 | (c >> 12)) || bytes[b + 1] !== (0x80 | ((c >> 6) & 0x3f)) || bytes[b + 2] !== (0x80 | (c & 0x3f))) return false;
      b += 3;
    }
  }
  return b === to;
}
const MEMO_LIMIT = 200_000;
const LINE_INDEX_HEADER = 3;
const LINE_INDEX_MAGIC = 0x31584449; // "IDX1", cedict.ts's line index format

function readOptional(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Lines of phrases.tsv given as text, in the build's order (UTF-8 bytes of the key), as bytes. */
function sortedLines(tsv: string): Buffer {
  const rows = tsv
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => ({ line, key: Buffer.from(line.split('\t')[0] ?? '', 'utf8') }));
  rows.sort((a, b) => Buffer.compare(a.key, b.key));
  return Buffer.from(rows.map((r) => `${r.line}\n`).join(''), 'utf8');
}

function lineWordsOf(bytes: Buffer, index: Buffer | undefined): Uint32Array {
  if (index && index.length % 4 === 0 && index.length >= LINE_INDEX_HEADER * 4) {
    const words = wordsOf(index, Uint32Array);
    const lines = words[2] ?? 0;
    if (words[0] === LINE_INDEX_MAGIC && words[1] === bytes.length && words.length === LINE_INDEX_HEADER + 2 * lines) return words;
  }
  const made = lineIndex(bytes);
  return wordsOf(made, Uint32Array);
}

const TABLES_MAGIC = 0x37425450; // "PTB7"
/**
 * Magic, byte length of the phrases.tsv they belong to, longest key, slots of the prefix → lengths table,
 * slots of the key → line table, states of the key trie, codes of the units that start a key.
 */
const TABLES_HEADER = 7;
/** The key trie's code per UTF-16 unit, two 16-bit codes a word. */
const UNIT_CODE_WORDS = 0x10000 / 2;
const FILTER_WORDS = 1 << (KEY_FILTER_LOG2 - 5);

function tablesFit(tables: Buffer | undefined, bytes: Buffer): tables is Buffer {
  return (
    tables !== undefined &&
    tables.length >= (TABLES_HEADER + 2 * FILTER_WORDS) * 4 &&
    tables.length % 4 === 0 &&
    tables.readUInt32LE(0) === TABLES_MAGIC &&
    tables.readUInt32LE(4) === bytes.length &&
    tables.length ===
      (TABLES_HEADER + 2 * FILTER_WORDS + 2 * tables.readUInt32LE(12) + tables.readUInt32LE(16) + PREFIX_BIT_WORDS + THREE_BIT_WORDS + UNIT_CODE_WORDS + (TRIE_WORDS_PER_TWO_STATES * tables.readUInt32LE(20)) / 2) * 4 &&
    tables.readUInt32LE(20) % 2 === 0 &&
    (tables.readUInt32LE(12) & (tables.readUInt32LE(12) - 1)) === 0 &&
    (tables.readUInt32LE(16) & (tables.readUInt32LE(16) - 1)) === 0
  );
}

/** The bytes as 32-bit words: a view when they are aligned (a file read whole is), else a copy. */
function wordsOf<T extends Int32Array | Uint32Array>(bytes: Buffer, Words: { new (buffer: ArrayBufferLike, offset: number, length: number): T; new (buffer: ArrayBufferLike): T }): T {
  if (bytes.byteOffset % 4 === 0) return new Words(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  return new Words(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

function tableWords(tables: Buffer): Int32Array {
  return wordsOf(tables, Int32Array);
}

/**
 * The look-up tables of a sorted phrases.tsv: key filter, prefix filter and each two-unit prefix's key
 * lengths. Written by the build next to the file (`.tables`), made on load without it.
 */
export function phraseTables(bytes: Buffer, lines: Uint32Array = lineWordsOf(bytes, undefined)): Buffer {
  const keyFilter = new Int32Array(FILTER_WORDS);
  const prefixFilter = new Int32Array(FILTER_WORDS);
  const threeBits = new Int32Array(THREE_BIT_WORDS);
  const masks = new Map<number, number>();
  let maxLength = 0;
  const count = (lines.length - LINE_INDEX_HEADER) / 2;
  let lineSlots = 64;
  while (lineSlots < 2 * count) lineSlots *= 2;
  const lineOfKey = new Int32Array(lineSlots).fill(-1);
  for (let i = 0; i < count; i++) {
    const key = bytes.toString('utf8', lines[LINE_INDEX_HEADER + 2 * i] ?? 0, lines[LINE_INDEX_HEADER + 2 * i + 1] ?? 0);
    if (key.length === 0) continue;
    let hash = KEY_HASH_SEED;
    for (let u = 0; u < key.length; u++) {
      hash = keyHashStep(hash, key.charCodeAt(u));
      if (u >= 2) {
        const at = keyFilterSlot(hash, u + 1);
        prefixFilter[at >>> 5] = (prefixFilter[at >>> 5] ?? 0) | (1 << (at & 31));
      }
    }
    if (key.length >= 3) {
      const bit = threeBit(key.charCodeAt(0), key.charCodeAt(1), key.charCodeAt(2));
      threeBits[bit >>> 5] = (threeBits[bit >>> 5] ?? 0) | (1 << (bit & 31));
    }
    const slot = keyFilterSlot(hash, key.length);
    keyFilter[slot >>> 5] = (keyFilter[slot >>> 5] ?? 0) | (1 << (slot & 31));
    let at = lineSlot(hash, key.length, lineSlots - 1);
    while ((lineOfKey[at] ?? -1) !== -1) at = (at + 1) & (lineSlots - 1);
    lineOfKey[at] = i;
    const prefix = pairCode(key, 0);
    const bit = key.length < 31 ? 1 << key.length : 1 << 31;
    masks.set(prefix, (masks.get(prefix) ?? 0) | bit);
    if (key.length > maxLength) maxLength = key.length;
  }
  // The prefix → lengths table laid out as `PairNumbers` reads it: open addressing, at most half full, each
  // code beside its value (a probe reads one cache line).
  let capacity = 64;
  while (capacity < 2 * masks.size) capacity *= 2;
  const trie = keyTrie(bytes, lines);
  const states = trie.bases.length;
  const trieAt = TABLES_HEADER + 2 * FILTER_WORDS + 2 * capacity + lineSlots + PREFIX_BIT_WORDS + THREE_BIT_WORDS;
  const words = new Int32Array(trieAt + UNIT_CODE_WORDS + (TRIE_WORDS_PER_TWO_STATES * states) / 2);
  words.set(new Int32Array(trie.unitCodes.buffer), trieAt);
  words.set(trie.bases, trieAt + UNIT_CODE_WORDS);
  words.set(trie.lines, trieAt + UNIT_CODE_WORDS + states);
  words.set(new Int32Array(trie.labels.buffer), trieAt + UNIT_CODE_WORDS + 2 * states);
  words[5] = states;
  words[6] = trie.firstCodes;
  const bitsAt = TABLES_HEADER + 2 * FILTER_WORDS + 2 * capacity + lineSlots;
  for (const prefix of masks.keys()) {
    const bit = prefixBit(prefix);
    words[bitsAt + (bit >>> 5)] = (words[bitsAt + (bit >>> 5)] ?? 0) | (1 << (bit & 31));
  }
  words.set(threeBits, bitsAt + PREFIX_BIT_WORDS);
  words[0] = TABLES_MAGIC;
  words[1] = bytes.length;
  words[2] = maxLength;
  words[3] = capacity;
  words[4] = lineSlots;
  words.set(lineOfKey, TABLES_HEADER + 2 * FILTER_WORDS + 2 * capacity);
  words.set(keyFilter, TABLES_HEADER);
  words.set(prefixFilter, TABLES_HEADER + FILTER_WORDS);
  const keysAt = TABLES_HEADER + 2 * FILTER_WORDS;
  words.fill(-1, keysAt, keysAt + 2 * capacity);
  for (const [prefix, mask] of masks) {
    let at = pairSlot(prefix, capacity - 1);
    while ((words[keysAt + 2 * at] ?? -1) !== -1) at = (at + 1) & (capacity - 1);
    words[keysAt + 2 * at] = prefix;
    words[keysAt + 2 * at + 1] = mask;
  }
  return Buffer.from(words.buffer);
}

/** Words of the tables per state of the key trie: its base, its line, its label (half a word). */
const TRIE_WORDS_PER_TWO_STATES = 5;
/** The key trie's empty prefix. */
export const TRIE_ROOT = 0;
/** A trie state's label: the code of the unit that leads to it, and this bit when a key ends there. */
const KEY_END = 0x8000;
const LABEL_CODE = 0x7fff;

interface KeyTrie {
  /** Per UTF-16 unit its code (1…n, 0 for a unit that no key holds). */
  unitCodes: Uint16Array;
  bases: Int32Array;
  labels: Uint16Array;
  lines: Int32Array;
  /** Codes 1…firstCodes are the units that start a key; the root's children are the states 1…firstCodes. */
  firstCodes: number;
}

/**
 * The keys as a double-array trie over UTF-16 units. Units are first given small codes, so the arrays stay
 * dense. The child by code c of state s is state bases[s] + c, and is one when that state's label is c:
 * no two states with children share a base, so the label alone names the parent; a state without children
 * has a base whose every child slot is free. The arrays are long enough that base + code stays inside them
 * for every state and code, so a walk needs no bounds test. A state where a key ends has `KEY_END` in its
 * label and the key's line in `lines` (the first line, should a key be listed twice, as the hash table
 * finds it). A walk touches the small labels array at each step, the bases only where it goes on.
 */
function keyTrie(bytes: Buffer, lines: Uint32Array): KeyTrie {
  const count = (lines.length - LINE_INDEX_HEADER) / 2;
  const keys: { units: number[]; line: number }[] = [];
  const uses = new Map<number, number>();
  const firsts = new Set<number>();
  for (let i = 0; i < count; i++) {
    const key = bytes.toString('utf8', lines[LINE_INDEX_HEADER + 2 * i] ?? 0, lines[LINE_INDEX_HEADER + 2 * i + 1] ?? 0);
    if (key.length === 0) continue;
    const units: number[] = [];
    for (let u = 0; u < key.length; u++) {
      const unit = key.charCodeAt(u);
      units.push(unit);
      uses.set(unit, (uses.get(unit) ?? 0) + 1);
    }
    firsts.add(key.charCodeAt(0));
    keys.push({ units, line: i });
  }
  const unitCodes = new Uint16Array(0x10000);
  // The units that start a key get the first codes: the root's children are then states 1…n, and a walk's
  // first step is the unit's code alone.
  const byUse = [...uses].sort((a, b) => Number(firsts.has(b[0])) - Number(firsts.has(a[0])) || b[1] - a[1] || a[0] - b[0]);
  if (byUse.length > LABEL_CODE) throw new Error(`phrase keys use ${byUse.length} distinct units, more than the trie's labels hold`);
  byUse.forEach(([unit], i) => (unitCodes[unit] = i + 1));
  const alphabet = byUse.length;
  for (const key of keys) key.units = key.units.map((unit) => unitCodes[unit] ?? 0);
  // Sorted by codes, the keys below a prefix are a range; the line order breaks ties (the first line wins).
  keys.sort((a, b) => {
    const n = Math.min(a.units.length, b.units.length);
    for (let i = 0; i < n; i++) if (a.units[i] !== b.units[i]) return (a.units[i] ?? 0) - (b.units[i] ?? 0);
    return a.units.length - b.units.length || a.line - b.line;
  });
  const base: number[] = [0];
  const label: number[] = [0];
  const line: number[] = [-1];
  const used: boolean[] = [true];
  const usedBases = new Set<number>();
  const leaves: number[] = [];
  let firstFree = 1;
  // Breadth first: each state's children placed at the first free base where all of them find free slots.
  const queue: { state: number; from: number; to: number; depth: number }[] = [{ state: TRIE_ROOT, from: 0, to: keys.length, depth: 0 }];
  for (let q = 0; q < queue.length; q++) {
    const { state, from, to, depth } = queue[q] as { state: number; from: number; to: number; depth: number };
    let i = from;
    const first = keys[i];
    if (first && first.units.length === depth) {
      line[state] = first.line;
      label[state] = (label[state] ?? 0) | KEY_END;
      while (i < to && (keys[i]?.units.length ?? 0) === depth) i++;
    }
    const children: { code: number; from: number; to: number }[] = [];
    while (i < to) {
      const code = keys[i]?.units[depth] ?? 0;
      let j = i + 1;
      while (j < to && keys[j]?.units[depth] === code) j++;
      children.push({ code, from: i, to: j });
      i = j;
    }
    if (children.length === 0) {
      leaves.push(state);
      continue;
    }
    const low = children[0]?.code ?? 1;
    while (used[firstFree]) firstFree++;
    let b = Math.max(firstFree, low) - low;
    for (; ; b++) {
      if (usedBases.has(b)) continue;
      if (children.every((child) => !used[b + child.code])) break;
    }
    base[state] = b;
    usedBases.add(b);
    for (const child of children) {
      const at = b + child.code;
      used[at] = true;
      label[at] = child.code;
      line[at] = -1;
      queue.push({ state: at, from: child.from, to: child.to, depth: depth + 1 });
    }
  }
  // States without children point past every used slot, where no state is.
  const dead = used.length;
  for (const leaf of leaves) base[leaf] = dead;
  let size = dead + alphabet + 1;
  for (const b of usedBases) size = Math.max(size, b + alphabet + 1);
  size += size & 1;
  const trie: KeyTrie = { unitCodes, bases: new Int32Array(size), labels: new Uint16Array(size), lines: new Int32Array(size).fill(-1), firstCodes: firsts.size };
  for (let at = 0; at < used.length; at++) {
    if (!used[at]) continue;
    trie.bases[at] = base[at] ?? dead;
    trie.labels[at] = label[at] ?? 0;
    trie.lines[at] = line[at] ?? -1;
  }
  return trie;
}

/** Writes `<phrases.tsv>.idx` and `.tables` (build time). */
export function writePhraseTables(path: string): void {
  writeLineIndex(path);
  const tmp = `${path}.tables.tmp-${process.pid}`;
  writeFileSync(tmp, phraseTables(readFileSync(path)));
  renameSync(tmp, `${path}.tables`);
}

const NONE: readonly number[] = [];


/**
 * `pairCode` → value, open addressing in typed arrays: at most positions of a text the answer is no, and
 * this says so in a few array reads the compiler inlines, where a Map or Set is a call each time.
 */
export class PairTable<T> {
  private keys: Int32Array;
  private values: (T | undefined)[];
  /** Codes set (-1: not counted yet). */
  private count = 0;

  /** `expected`: how many codes will be set, so that the table need not grow on the way. */
  constructor(expected = 16) {
    let slots = 64;
    while (slots < 4 * expected) slots *= 2;
    this.keys = new Int32Array(slots).fill(-1);
    this.values = new Array<T | undefined>(slots);
  }


  set(code: number, value: T): void {
    // Taken over from a file (fromSlots): counted when first needed.
    if (this.count < 0) this.count = this.keys.reduce((n, key) => (key === -1 ? n : n + 1), 0);
    // At most a quarter full: a miss, the usual answer, ends at the first or second slot.
    if (4 * (this.count + 1) > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let at = pairSlot(code, mask);
    while (this.keys[at] !== -1 && this.keys[at] !== code) at = (at + 1) & mask;
    if (this.keys[at] === -1) this.count++;
    this.keys[at] = code;
    this.values[at] = value;
  }

  get(code: number): T | undefined {
    const at = findSlot(this.keys, code);
    return at < 0 ? undefined : this.values[at];
  }

  has(code: number): boolean {
    return findSlot(this.keys, code) >= 0;
  }

  /** The table's slots, for writing it to a file (`PairTable.fromSlots` reads them back). */
  slots(): { keys: Int32Array; values: (T | undefined)[] } {
    return { keys: this.keys, values: this.values };
  }

  /**
   * A table over slots `slots()` gave (keys -1 where free), without setting each code again. A free slot's
   * value is never read.
   */
  static fromSlots<T>(keys: Int32Array, values: (T | undefined)[]): PairTable<T> | undefined {
    if (keys.length < 64 || (keys.length & (keys.length - 1)) !== 0 || values.length !== keys.length) return undefined;
    const table = new PairTable<T>(0);
    table.keys = keys;
    table.values = values;
    table.count = -1;
    return table;
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

/** Fibonacci hashing: the top bits of the product, as many as the table (2^k slots, `mask` = 2^k - 1) needs. */
function pairSlot(code: number, mask: number): number {
  return Math.imul(code, 0x9e3779b1) >>> Math.clz32(mask);
}

/** The slot holding `code` in an open-addressing key array (-1 marks a free slot), or -1 when absent. */
function findSlot(keys: Int32Array, code: number): number {
  const mask = keys.length - 1;
  let at = pairSlot(code, mask);
  for (let key = keys[at] ?? -1; key !== -1; key = keys[at] ?? -1) {
    if (key === code) return at;
    at = (at + 1) & mask;
  }
  return -1;
}

/**
 * `pairCode` → number in the layout `phraseTables` writes: slots of two words, the code (-1: free) and its
 * value, open addressing.
 */
class PairNumbers {
  private readonly mask: number;

  constructor(private readonly slots: Int32Array) {
    this.mask = (slots.length >>> 1) - 1;
  }

  get(code: number): number | undefined {
    const slots = this.slots;
    const mask = this.mask;
    if (mask < 0) return undefined;
    let at = pairSlot(code, mask);
    for (let key = slots[2 * at] ?? -1; key !== -1; key = slots[2 * at] ?? -1) {
      if (key === code) return slots[2 * at + 1];
      at = (at + 1) & mask;
    }
    return undefined;
  }
}

/**
 * A set of `pairCode`s (non-negative), as a `PairTable` behind a small bit filter (about 32 bits per
 * member, hashed): most codes asked about are absent, and the filter says so from the processor's cache.
 */
export class PairSet {
  private table: PairTable<true>;
  private bits: Int32Array;
  private shift: number;

  constructor(expected = 16) {
    this.table = new PairTable<true>(expected);
    let words = 128;
    while (words < expected) words *= 2;
    this.bits = new Int32Array(words);
    // The filter's bit index is the top bits of the hashed code: log2(words * 32) of them.
    this.shift = Math.clz32(words * 32 - 1);
  }

  /** The filter words and the table's key slots, for writing the set to a file. */
  words(): { bits: Int32Array; keys: Int32Array } {
    return { bits: this.bits, keys: this.table.slots().keys };
  }

  /** The set `words()` described, or undefined when the arrays cannot be one. */
  static fromWords(bits: Int32Array, keys: Int32Array): PairSet | undefined {
    if (bits.length < 128 || (bits.length & (bits.length - 1)) !== 0) return undefined;
    // A set asks only whether a code is there: its values are never read.
    const table = PairTable.fromSlots<true>(keys, new Array<true | undefined>(keys.length));
    if (!table) return undefined;
    const set = new PairSet(0);
    set.table = table;
    set.bits = bits;
    set.shift = Math.clz32(bits.length * 32 - 1);
    return set;
  }

  add(code: number): void {
    const bit = Math.imul(code, 0x9e3779b1) >>> this.shift;
    this.bits[bit >>> 5] = (this.bits[bit >>> 5] ?? 0) | (1 << (bit & 31));
    this.table.set(code, true);
  }

  has(code: number): boolean {
    const bit = Math.imul(code, 0x9e3779b1) >>> this.shift;
    if (((this.bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return false;
    return this.table.has(code);
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

export const NEAR_FORM_TABLES_FILE = 'near-forms.tables';

/**
 * The near-form matchers' bit and pair tables as the build wrote them (see FrameIndex.tables), or
 * undefined when the file is missing (they are then made on load).
 */
export function nearFormTables(dir: string = DATA_DIR): Int32Array | undefined {
  try {
    const bytes = readFileSync(join(dir, NEAR_FORM_TABLES_FILE));
    if (bytes.length % 4 !== 0) return undefined;
    if (bytes.byteOffset % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    return new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  } catch {
    return undefined;
  }
}

let shared: PhraseLexicon | undefined;
/** The phrase data, loaded once per process on first use. */
export function phraseLexicon(): PhraseLexicon {
  shared ??= PhraseLexicon.load();
  return shared;
}
