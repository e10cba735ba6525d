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
 * measure word. jieba: i 成语, l 习用语, j any other word of its dictionary; w/W the four characters split
 * into two common/very common two-character words; e ends in a common noun. Project lists: q quotation, h idiom, s saying, t term,
 * x known non-idiom.
 */
export const PHRASE_FLAGS = 'CIPSQTVFLONMiljwWeqhstx';

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
  private readonly index = new Map<string, number>();
  private readonly texts: string[] = [];
  private readonly flagList: string[] = [];
  private readonly freqs: number[] = [];
  private readonly extras: string[] = [];
  private readonly keys: string[] = [];
  /** For each two-unit prefix, the key lengths that start with it, longest first. */
  private readonly lengthsByPrefix = new Map<string, number[]>();
  private readonly cache = new Map<number, PhraseEntry>();
  readonly maxLength: number;

  constructor(tsv: string) {
    let pos = 0;
    let maxLength = 0;
    while (pos < tsv.length) {
      let end = tsv.indexOf('\n', pos);
      if (end < 0) end = tsv.length;
      if (end > pos) {
        const [key = '', text = '', flags = '', freq = '', attribution = '', gloss = ''] = tsv.slice(pos, end).split('\t');
        const i = this.keys.length;
        this.keys.push(key);
        this.texts.push(text);
        this.flagList.push(flags);
        this.freqs.push(Number(freq) || 0);
        this.extras.push(attribution || gloss ? `${attribution}\t${gloss}` : '');
        this.index.set(key, i);
        const prefix = key.slice(0, 2);
        const lengths = this.lengthsByPrefix.get(prefix);
        if (!lengths) this.lengthsByPrefix.set(prefix, [key.length]);
        else if (!lengths.includes(key.length)) lengths.push(key.length);
        if (key.length > maxLength) maxLength = key.length;
      }
      pos = end + 1;
    }
    for (const lengths of this.lengthsByPrefix.values()) lengths.sort((a, b) => b - a);
    this.maxLength = maxLength;
  }

  static load(dir: string = DATA_DIR): PhraseLexicon {
    return new PhraseLexicon(readFileSync(join(dir, 'phrases.tsv'), 'utf8'));
  }

  get size(): number {
    return this.keys.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  flagsOf(key: string): string {
    const i = this.index.get(key);
    return i === undefined ? '' : (this.flagList[i] ?? '');
  }

  get(key: string): PhraseEntry | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.entryAt(i);
  }

  /** Key lengths (UTF-16 units) of the entries that start with the two units at `text[at]`, longest first. */
  lengthsAt(text: string, at: number): readonly number[] {
    return this.lengthsByPrefix.get(text.slice(at, at + 2)) ?? NONE;
  }

  /** Every entry whose flags contain one of `flags`; a scan, meant for building indexes once. */
  *withAnyFlag(flags: string): Generator<PhraseEntry> {
    for (let i = 0; i < this.keys.length; i++) {
      const f = this.flagList[i] ?? '';
      for (const c of flags) {
        if (f.includes(c)) {
          yield this.entryAt(i);
          break;
        }
      }
    }
  }

  private entryAt(i: number): PhraseEntry {
    const cached = this.cache.get(i);
    if (cached) return cached;
    const key = this.keys[i] ?? '';
    const text = this.texts[i] || key;
    const [attribution = '', gloss = ''] = (this.extras[i] ?? '').split('\t');
    const entry: PhraseEntry = {
      key,
      text,
      flags: this.flagList[i] ?? '',
      freq: this.freqs[i] ?? 0,
      attribution,
      gloss,
      breaks: text === key ? [] : clauseBreaks(text),
    };
    this.cache.set(i, entry);
    return entry;
  }
}

const NONE: readonly number[] = [];

let shared: PhraseLexicon | undefined;
/** The phrase data, loaded once per process on first use. */
export function phraseLexicon(): PhraseLexicon {
  shared ??= PhraseLexicon.load();
  return shared;
}
