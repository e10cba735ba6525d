// The two sources a reading is built from, behind one interface: CC-CEDICT (readings of words and
// phrases, lined up with the characters) and pinyin-pro (a reading of any text, and its view of
// which 一 and 不 change tone when spoken).
import { createRequire } from 'node:module';
import { cedict, type CedictEntry } from '../lexicon/cedict.js';
import { pinyinItems } from './pinyin-items.js';
import { isHan, parseNumbered, type Syllable, type Tone } from './syllable.js';
import { askReadingWorker, postReadingRequest, readingWorkerRunning, receiveReadingReply, type PinyinItem, type PinyinQuery } from './worker-client.js';

type PinyinPro = typeof import('pinyin-pro');

// pinyin-pro costs ~60 ms to load and build its dictionary; it is required on first use so that commands
// which never make a card do not pay for it, and the CLI has it answered by its helper thread
// (worker-client.ts) so that the main thread never loads it.
const require = createRequire(import.meta.url);
let pinyinProModule: PinyinPro | undefined;
function pinyinPro(): PinyinPro {
  pinyinProModule ??= require('pinyin-pro') as PinyinPro;
  return pinyinProModule;
}

/** The longest sub-word looked up when combining a reading from parts. */
export const MAX_WORD = 12;

const lookupCache = new Map<string, CedictEntry[]>();
export function lookup(word: string): CedictEntry[] {
  let entries = lookupCache.get(word);
  if (!entries) {
    entries = cedict().lookup(word);
    if (lookupCache.size > 50_000) lookupCache.clear();
    lookupCache.set(word, entries);
  }
  return entries;
}

const prefetched = new Map<string, PinyinItem[]>();
const queryKey = (text: string, toneSandhi: boolean): string => `${toneSandhi ? 1 : 0}${text}`;

/** The queries of the batches posted to the helper thread and not yet received, oldest first. */
const awaited: PinyinQuery[][] = [];
/** The keys of those queries, so that a later batch does not ask again. */
const awaitedKeys = new Set<string>();

/**
 * Asks the helper thread (if the CLI started one) for all these readings in one round trip, without
 * waiting: the first reading needed from the batch takes the answer; later calls for the same texts are
 * answered from memory until `clearPrefetched`. Batches posted one after the other are answered in turn,
 * so a small first batch is ready while the thread computes the next. Without a thread it does nothing.
 */
export function prefetchPinyin(queries: readonly PinyinQuery[]): void {
  if (!readingWorkerRunning()) return;
  const wanted = [...new Map(queries.map((q) => [queryKey(q.text, q.toneSandhi), q])).values()].filter(
    (q) => !prefetched.has(queryKey(q.text, q.toneSandhi)) && !awaitedKeys.has(queryKey(q.text, q.toneSandhi)),
  );
  if (wanted.length > 0 && postReadingRequest({ op: 'pinyin', queries: wanted })) {
    awaited.push(wanted);
    for (const q of wanted) awaitedKeys.add(queryKey(q.text, q.toneSandhi));
  }
}

/** Takes the answer to the oldest batch still awaited; false when none is. */
function settleOldest(): boolean {
  const wanted = awaited.shift();
  if (!wanted) return false;
  for (const q of wanted) awaitedKeys.delete(queryKey(q.text, q.toneSandhi));
  const items = receiveReadingReply()?.items;
  if (items) wanted.forEach((q, i) => prefetched.set(queryKey(q.text, q.toneSandhi), items[i] ?? []));
  return true;
}

export function clearPrefetched(): void {
  while (settleOldest());
  prefetched.clear();
}

/** pinyin-pro's reading of a text (`pinyinItems`), from the helper thread if there is one. */
function pinyinProItems(text: string, toneSandhi: boolean): PinyinItem[] {
  const key = queryKey(text, toneSandhi);
  // Only as many batches as it takes: the one holding this text may be the first.
  while (!prefetched.has(key) && settleOldest());
  const known = prefetched.get(key);
  if (known) return known;
  const remote = askReadingWorker({ op: 'pinyin', queries: [{ text, toneSandhi }] })?.items?.[0];
  if (remote) return remote;
  return pinyinItems(pinyinPro(), text, toneSandhi);
}

/** pinyin-pro's reading, one entry per character of `chars` (undefined for characters it does not read). */
export function pinyinProSyllables(chars: readonly string[], toneSandhi: boolean): (Syllable | undefined)[] {
  const items = pinyinProItems(chars.join(''), toneSandhi);
  const out: (Syllable | undefined)[] = new Array<Syllable | undefined>(chars.length).fill(undefined);
  let at = 0;
  for (const [origin, pinyin, isZh] of items) {
    const width = [...origin].length;
    if (width === 1 && isZh && at < chars.length) out[at] = parseNumbered(pinyin);
    at += Math.max(width, 1);
  }
  return out;
}

const CLAUSE_MARKS: Record<string, string> = { '，': ',', '、': ',', '；': ';', '：': ':', '。': '.', '！': '!', '？': '?' };

/**
 * Aligns a CC-CEDICT reading with the characters of `chars`: each Han character takes the next syllable,
 * punctuation in the text matches punctuation in the reading. Null when they do not line up. A syllable
 * CC-CEDICT leaves unknown (`xx5`) is undefined.
 */
export function alignReading(reading: string, chars: readonly string[]): (Syllable | undefined)[] | null {
  const tokens = reading.split(' ').filter((t) => t.length > 0);
  const out: (Syllable | undefined)[] = [];
  let t = 0;
  for (const char of chars) {
    const token = tokens[t];
    if (isHan(char)) {
      if (token === undefined || /^\p{P}$/u.test(token)) return null;
      const syllable = parseNumbered(token);
      if (!syllable && !/^xx5$/i.test(token)) return null;
      out.push(syllable);
      t++;
    } else if (token !== undefined && (token === char || token === CLAUSE_MARKS[char])) {
      out.push(undefined);
      t++;
    } else if (/\p{P}|\s/u.test(char)) {
      out.push(undefined);
    } else {
      return null;
    }
  }
  return t === tokens.length ? out : null;
}

const SECONDARY_SENSE = /^(surname |variant of|old variant of|archaic variant of|see |used in |\(old\)|\(archaic\))/i;

/**
 * Chooses one of several CC-CEDICT entries for the same simplified form: a common-noun (lower-case)
 * reading before a proper noun's, a main sense before a surname, variant or cross-reference, then the
 * reading that agrees most with pinyin-pro's, then dictionary order. Deterministic.
 */
export function chooseEntry(entries: readonly CedictEntry[], chars: readonly string[], pro: readonly (Syllable | undefined)[]): CedictEntry | undefined {
  let best: { entry: CedictEntry; rank: number[] } | undefined;
  for (const [order, entry] of entries.entries()) {
    const aligned = alignReading(entry.pinyin, chars);
    if (!aligned) continue;
    const properNoun = /^[A-Z]/.test(entry.pinyin) ? 1 : 0;
    const secondary = entry.definitions.every((d) => SECONDARY_SENSE.test(d)) ? 1 : 0;
    let disagreements = 0;
    for (const [i, s] of aligned.entries()) {
      const p = pro[i];
      if (s && p && (s.letters !== p.letters || s.tone !== p.tone)) disagreements++;
    }
    const rank = [properNoun, secondary, disagreements, order];
    if (!best || lessThan(rank, best.rank)) best = { entry, rank };
  }
  return best?.entry;
}

export function lessThan(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

/** The one reading all CC-CEDICT entries of `word` share (case aside), or undefined. */
export function uniqueReading(word: string): string | undefined {
  const readings = new Set(lookup(word).map((e) => e.pinyin.toLowerCase()));
  return readings.size === 1 ? [...readings][0] : undefined;
}

export function sameSyllable(a: Syllable | undefined, b: Syllable | undefined): boolean {
  return a !== undefined && b !== undefined && a.letters === b.letters && a.tone === b.tone;
}

/** A Han character pinyin-pro does not read (rare characters): CC-CEDICT's first lower-case reading of it. */
export function rareCharacterReading(char: string): Syllable | undefined {
  const entries = lookup(char);
  const entry = entries.find((e) => !/^[A-Z]/.test(e.pinyin)) ?? entries[0];
  return entry ? parseNumbered(entry.pinyin) : undefined;
}

/** Per character, the tone pinyin-pro's spoken reading gives 一 or 不 where it differs from its citation one. */
export function sandhiChanges(chars: readonly string[]): (Tone | undefined)[] {
  if (!chars.some((c) => c === '一' || c === '不')) return chars.map(() => undefined);
  const citation = pinyinProSyllables(chars, false);
  const spoken = pinyinProSyllables(chars, true);
  return chars.map((_, i) => {
    const a = citation[i];
    const b = spoken[i];
    return a && b && a.tone !== b.tone ? b.tone : undefined;
  });
}
