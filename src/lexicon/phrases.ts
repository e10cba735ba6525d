// Run-time access to dist/data/phrases.tsv, the phrase data detection needs (written by build.ts from
// CC-CEDICT, jieba's dictionary and the project's hand-made lists in src/lexicon/data/). The file, its line
// index and the key trie the build wrote beside it are read whole and used in place: every look-up by key
// is a walk of the trie; entries are materialised only when asked for.
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

export class PhraseLexicon {
  /** phrases.tsv, sorted by key in UTF-8 byte order (the build's order), searched in place. */
  private readonly bytes: Buffer;
  /** Per line: the start of the line and the end of its key (the build's `.idx`, or made on load). */
  private readonly lines: Uint32Array;
  /**
   * The key trie (see `keyTrie`), which answers every look-up by key: per UTF-16 unit its code in the
   * trie, 0 for a unit no key holds.
   */
  private readonly unitCodes: Uint16Array;
  /** The key trie's states (see `keyTrie`): bases, labels, and the line of the key ending at each (-1: none). */
  private readonly trieBases: Int32Array;
  private readonly trieLabels: Uint16Array;
  private readonly trieLines: Int32Array;
  /** Codes 1…firstCodes are the units that start a key, and the root's children are the states 1…firstCodes. */
  private readonly firstCodes: number;
  /** `lengthsAt`'s answers by the trie state of their two units, filled as prefixes are met. */
  private readonly lengthsByState = new Map<number, readonly number[]>();
  /** Entries already materialised, by line. */
  private readonly cache: (PhraseEntry | undefined)[];
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
    const states = words[3] ?? 0;
    this.firstCodes = words[4] ?? 0;
    this.unitCodes = new Uint16Array(words.buffer, words.byteOffset + 4 * TABLES_HEADER, 0x10000);
    const statesAt = TABLES_HEADER + UNIT_CODE_WORDS;
    this.trieBases = words.subarray(statesAt, statesAt + states);
    this.trieLines = words.subarray(statesAt + states, statesAt + 2 * states);
    this.trieLabels = new Uint16Array(words.buffer, words.byteOffset + 4 * (statesAt + 2 * states), states);
    this.cache = new Array<PhraseEntry | undefined>(this.size);
  }

  /**
   * Every unit's code in the key trie (`trieCode`), as a new array a caller may add its own marks to: the
   * codes use the low 15 bits.
   */
  trieUnitCodes(): Uint16Array {
    return this.unitCodes.slice();
  }

  /**
   * The key trie's arrays, for a scan that walks from every position of a text and steps inline (a method
   * call per unit costs most while the scan runs unoptimised, its first thousands of sentences): state s
   * steps on code c to `bases[s] + c` when `labels[bases[s] + c] & TRIE_LABEL_CODE` is c (the layout keeps
   * every base + code inside the arrays); a key ends at s when `labels[s] & TRIE_KEY_END`; the root's
   * children are the states 1…`firstCodes`, numbered as their codes. Read only.
   */
  trieArrays(): { readonly bases: Int32Array; readonly labels: Uint16Array; readonly firstCodes: number } {
    return { bases: this.trieBases, labels: this.trieLabels, firstCodes: this.firstCodes };
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

  /**
   * The trie state after the units of `text[from, to)` (`TRIE_ROOT` for none), or -1 when no key starts
   * with them. A unit outside the text (NaN) has no code. No key holds a lone surrogate (keys are decoded
   * UTF-8), so a window with one never walks to a key's end.
   */
  private walk(text: string, from: number, to: number): number {
    let state = TRIE_ROOT;
    for (let at = from; at < to; at++) {
      const code = this.unitCodes[text.charCodeAt(at)] ?? 0;
      if (code === 0) return -1;
      state = this.trieStepCode(state, code);
      if (state < 0) return -1;
    }
    return state;
  }

  /**
   * The entries whose key is `text` from `at` on, longest first, written into `out`, which is cleared first
   * (a hot loop may reuse one array). A key of one unit is listed only where `text[at]` is the text's last
   * unit or is followed by U+0000 or U+8000, as the pair-prefix table this replaced listed it.
   */
  entriesAt(text: string, at: number, out: PhraseEntry[]): PhraseEntry[] {
    if (out.length > 0) out.length = 0;
    let state = TRIE_ROOT;
    for (let n = at; n < text.length; n++) {
      const code = this.unitCodes[text.charCodeAt(n)] ?? 0;
      if (code === 0) break;
      state = this.trieStepCode(state, code);
      if (state < 0) break;
      const line = this.trieLines[state] ?? -1;
      if (line >= 0 && (n > at || ((text.charCodeAt(at + 1) || 0) & 0x7fff) === 0)) out.push(this.entryAt(line));
    }
    return out.reverse();
  }

  /**
   * False where no key of any length starts at `text[at]`: no key of one or two units is there, and no
   * key of three or more starts with the three units there. A narrowing test for callers (true promises
   * no key of the window's length); answered exactly by a walk of at most three units.
   */
  mayStartKeyAt(text: string, at: number): boolean {
    let state = TRIE_ROOT;
    for (let n = 0; n < 3; n++) {
      if (at + n >= text.length) return false;
      state = this.trieStep(state, text.charCodeAt(at + n));
      if (state < 0) return false;
      if (n < 2 && this.trieKeyEnds(state)) return true;
    }
    return true;
  }

  /** Whether some key of three or more units starts with these three units (false: none does). */
  mayStartWithThree(first: number, second: number, third: number): boolean {
    return this.trieStep(this.trieStep(this.trieFirst(first), second), third) >= 0;
  }

  /** Whether `text` from `at`, `length` units long, is a key. */
  hasAt(text: string, at: number, length: number): boolean {
    if (at < 0 || at + length > text.length) return false;
    const state = this.walk(text, at, at + length);
    return state > TRIE_ROOT && this.trieKeyEnds(state);
  }

  /**
   * The entry for `text` from `at`, `length` units long, with the unit at `at + swapAt` (`swapAt` inside
   * the window) replaced by the UTF-16 unit `unit`: one walk, no string made.
   */
  getSwapped(text: string, at: number, length: number, swapAt: number, unit: number): PhraseEntry | undefined {
    if (at < 0 || at + length > text.length || swapAt < 0 || swapAt >= length) return undefined;
    let state = TRIE_ROOT;
    for (let i = 0; i < length && state >= 0; i++) state = this.trieStep(state, i === swapAt ? unit : text.charCodeAt(at + i));
    return state < 0 ? undefined : this.trieEntry(state);
  }

  static load(dir: string = DATA_DIR): PhraseLexicon {
    const path = join(dir, 'phrases.tsv');
    return new PhraseLexicon(readFileSync(path), readOptional(`${path}.idx`), readOptional(`${path}.tables`));
  }

  get size(): number {
    return (this.lines.length - LINE_INDEX_HEADER) / 2;
  }

  has(key: string): boolean {
    const state = this.walk(key, 0, key.length);
    return state > TRIE_ROOT && this.trieKeyEnds(state);
  }

  flagsOf(key: string): string {
    return this.get(key)?.flags ?? '';
  }

  /** The entry of `key`: a walk of the key trie, one or two array reads per unit, nothing hashed. */
  get(key: string): PhraseEntry | undefined {
    const state = this.walk(key, 0, key.length);
    return state < 0 ? undefined : this.trieEntry(state);
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

  /**
   * Key lengths (UTF-16 units) of the entries that start with the two units at `text[at]` (with the one
   * unit, at the text's last), longest first.
   */
  lengthsAt(text: string, at: number): readonly number[] {
    if (at < 0 || at >= text.length) return NONE;
    const state = this.walk(text, at, Math.min(at + 2, text.length));
    if (state < 0) return NONE;
    const listed = this.lengthsByState.get(state);
    if (listed) return listed;
    const prefix = text.slice(at, at + 2);
    const second = prefix.charCodeAt(1);
    // A lone last unit: the key it is, if any (as the pair-prefix table this replaced answered). A second
    // unit that is the first half of a surrogate pair has no UTF-8 form of its own: the keys are those
    // of the first unit that go on with it.
    const entries =
      prefix.length < 2
        ? this.trieKeyEnds(state)
          ? [this.get(prefix) as PhraseEntry]
          : []
        : second >= 0xd800 && second <= 0xdbff
          ? this.withPrefix(prefix.slice(0, 1)).filter((entry) => entry.key.charCodeAt(1) === second)
          : this.withPrefix(prefix);
    const lengths = [...new Set(entries.map((entry) => entry.key.length))].sort((a, b) => b - a);
    this.lengthsByState.set(state, lengths);
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

const TABLES_MAGIC = 0x38425450; // "PTB8"
/** Magic, byte length of the phrases.tsv they belong to, longest key, states of the key trie, codes of the units that start a key. */
const TABLES_HEADER = 5;
/** The key trie's code per UTF-16 unit, two 16-bit codes a word. */
const UNIT_CODE_WORDS = 0x10000 / 2;

function tablesFit(tables: Buffer | undefined, bytes: Buffer): tables is Buffer {
  if (tables === undefined || tables.length < TABLES_HEADER * 4 || tables.length % 4 !== 0) return false;
  const states = tables.readUInt32LE(12);
  return (
    tables.readUInt32LE(0) === TABLES_MAGIC &&
    tables.readUInt32LE(4) === bytes.length &&
    states % 2 === 0 &&
    tables.length === (TABLES_HEADER + UNIT_CODE_WORDS + (TRIE_WORDS_PER_TWO_STATES * states) / 2) * 4
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
 * The look-up tables of a sorted phrases.tsv: the key trie (every look-up by key walks it) and the longest
 * key's length. Written by the build next to the file (`.tables`), made on load without it.
 */
export function phraseTables(bytes: Buffer, lines: Uint32Array = lineWordsOf(bytes, undefined)): Buffer {
  const trie = keyTrie(bytes, lines);
  const states = trie.bases.length;
  const words = new Int32Array(TABLES_HEADER + UNIT_CODE_WORDS + (TRIE_WORDS_PER_TWO_STATES * states) / 2);
  words[0] = TABLES_MAGIC;
  words[1] = bytes.length;
  words[2] = trie.maxLength;
  words[3] = states;
  words[4] = trie.firstCodes;
  words.set(new Int32Array(trie.unitCodes.buffer), TABLES_HEADER);
  const statesAt = TABLES_HEADER + UNIT_CODE_WORDS;
  words.set(trie.bases, statesAt);
  words.set(trie.lines, statesAt + states);
  words.set(new Int32Array(trie.labels.buffer), statesAt + 2 * states);
  return Buffer.from(words.buffer);
}
/** Words of the tables per state of the key trie: its base, its line, its label (half a word). */
const TRIE_WORDS_PER_TWO_STATES = 5;
/** The key trie's empty prefix. */
export const TRIE_ROOT = 0;
/** A trie state's label: the code of the unit that leads to it, and this bit when a key ends there. */
const KEY_END = 0x8000;
const LABEL_CODE = 0x7fff;
/** `KEY_END` and `LABEL_CODE`, for the readers of `trieArrays`. */
export const TRIE_KEY_END = KEY_END;
export const TRIE_LABEL_CODE = LABEL_CODE;

interface KeyTrie {
  /** Per UTF-16 unit its code (1…n, 0 for a unit that no key holds). */
  unitCodes: Uint16Array;
  bases: Int32Array;
  labels: Uint16Array;
  lines: Int32Array;
  /** Codes 1…firstCodes are the units that start a key; the root's children are the states 1…firstCodes. */
  firstCodes: number;
  /** The longest key's length in UTF-16 units. */
  maxLength: number;
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
  let maxLength = 0;
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
    if (key.length > maxLength) maxLength = key.length;
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
  const trie: KeyTrie = { unitCodes, bases: new Int32Array(size), labels: new Uint16Array(size), lines: new Int32Array(size).fill(-1), firstCodes: firsts.size, maxLength };
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
