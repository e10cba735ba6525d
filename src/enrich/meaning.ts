// The English meaning on a card: CC-CEDICT's definition cleaned (definition.ts), cross-references followed
// to the entry they name, and for phrases CC-CEDICT lacks a gloss built from the words inside, marked as
// such so a learner knows it is not a translation.
import type { Card } from '../types.js';
import { cedict, PREFIX_FILTER_MIN, type CedictEntry } from '../lexicon/cedict.js';
import { hanOnly } from '../lexicon/paths.js';
import { cleanDefinitions } from './definition.js';
import { projectMeaning, projectMeaningsReplaced } from './project-data.js';
import { precomputedMeaning } from './readings-table.js';

export interface Meaning {
  meaning: string;
  literal: string;
  source: Card['meaningSource'];
}

export const GLOSS_PREFIX = '(gloss from parts) ';

const SECONDARY_SENSE = /^(surname |variant of|old variant of|archaic variant of|see |used in |\(old\)|\(archaic\))/i;
const MAX_REFERENCE_DEPTH = 3;
const MAX_WORD = 12;

/** Entries for `text` (as written, then Han characters only), most useful first; same order as pinyin.ts. */
function entriesFor(text: string): CedictEntry[] {
  const book = cedict();
  let entries = book.lookup(text);
  if (entries.length === 0 && hanOnly(text) !== text) entries = book.lookup(hanOnly(text));
  return rankEntries(entries);
}

function rankEntries(entries: readonly CedictEntry[]): CedictEntry[] {
  const rank = (e: CedictEntry): number =>
    (/^[A-Z]/.test(e.pinyin) ? 2 : 0) + (e.definitions.every((d) => SECONDARY_SENSE.test(d)) ? 1 : 0);
  return entries
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => rank(a.entry) - rank(b.entry) || a.order - b.order)
    .map((x) => x.entry);
}

/** Readings compared by their syllables: case and punctuation tokens aside. */
const syllablesOf = (reading: string): string =>
  reading.toLowerCase().replace(/\s*[,，;:.!?]\s*/g, ' ').replace(/\s+/g, ' ').trim();
const sameReading = (a: string, b: string): boolean => syllablesOf(a) === syllablesOf(b);

/**
 * Meaning of the entries that share one reading (several CC-CEDICT lines often differ only in their
 * Traditional form): the reading given, else the best-ranked entry's.
 */
function meaningOfEntries(entries: readonly CedictEntry[], reading: string | undefined, depth: number, seen: Set<string>): Meaning | undefined {
  const first = entries.find((e) => reading !== undefined && sameReading(e.pinyin, reading)) ?? entries[0];
  if (!first) return undefined;
  const group = entries.filter((e) => sameReading(e.pinyin, first.pinyin));
  const senses: string[] = [];
  const literal: string[] = [];
  let viaReference = false;
  for (const entry of group) {
    const clean = cleanDefinitions(entry.definitions, { headword: entry.simplified });
    senses.push(...clean.senses);
    literal.push(...clean.literal);
    if (clean.senses.length === 0 && clean.literal.length === 0) {
      for (const ref of clean.references) {
        if (depth >= MAX_REFERENCE_DEPTH || seen.has(ref.simplified)) continue;
        seen.add(ref.simplified);
        const target = meaningOfEntries(rankEntries(cedict().lookup(ref.simplified)), ref.pinyin, depth + 1, seen);
        if (target && target.meaning) {
          senses.push(target.meaning);
          if (target.literal) literal.push(target.literal);
          viaReference = true;
        }
      }
    }
  }
  const uniqueSenses = [...new Set(senses)];
  const uniqueLiteral = [...new Set(literal)];
  if (uniqueSenses.length === 0 && uniqueLiteral.length === 0) return undefined;
  // An entry that only gives the literal picture: that picture is its meaning.
  if (uniqueSenses.length === 0) return { meaning: uniqueLiteral.join('; '), literal: '', source: viaReference ? 'cedict-xref' : 'cedict' };
  return { meaning: uniqueSenses.join('; '), literal: uniqueLiteral.join('; '), source: viaReference ? 'cedict-xref' : 'cedict' };
}

/** Senses a gloss passes over when the word has a current one (革命's "original meaning", 云 "to say"). */
const DATED_SENSE = /\((?:original meaning|classical|archaic|old|literary|dialect|obsolete)\)|^(?:surname |used in |abbr\. for )/i;

/** A short sense for one word of a gloss: its first current sense, up to the first `;`. */
function shortSense(word: string, reading: string | undefined): string | undefined {
  const entries = rankEntries(cedict().lookup(word)).filter((e) => !e.definitions.every((d) => /^surname /i.test(d)));
  const meaning = meaningOfEntries(entries, reading, 0, new Set([word]));
  if (!meaning) return undefined;
  const senses = meaning.meaning
    .split('; ')
    .map((s) => s.replace(/^\(bound form\)\s*/i, '').trim())
    .filter((s) => s.length > 0);
  return senses.find((s) => !DATED_SENSE.test(s)) ?? senses[0];
}

/**
 * The fewest CC-CEDICT words that cover `han` (single characters where nothing longer is an entry),
 * never the whole text itself.
 */
function splitIntoWords(han: readonly string[]): string[] {
  const n = han.length;
  const best: { pieces: number; from: number }[] = [{ pieces: 0, from: -1 }];
  for (let i = 1; i <= n; i++) best[i] = { pieces: Infinity, from: i - 1 };
  const book = cedict();
  for (let i = 0; i < n; i++) {
    const here = best[i];
    if (!here || here.pieces === Infinity) continue;
    for (let length = 1; length <= Math.min(MAX_WORD, n - i); length++) {
      // No entry starts with these characters: no longer word here either.
      if (length >= PREFIX_FILTER_MIN && !book.hasPrefix(han.slice(i, i + length).join(''))) break;
      if (length === n) continue;
      if (length > 1 && !book.has(han.slice(i, i + length).join(''))) continue;
      const there = best[i + length];
      // On ties the later start wins, i.e. longer words first (忠实|地 rather than 忠|实地).
      if (there && here.pieces + 1 <= there.pieces) best[i + length] = { pieces: here.pieces + 1, from: i };
    }
  }
  const words: string[] = [];
  for (let at = n; at > 0; ) {
    const from = best[at]?.from ?? at - 1;
    words.unshift(han.slice(from, at).join(''));
    at = from;
  }
  return words;
}

/** A gloss built from the words inside a phrase CC-CEDICT lacks: `(gloss from parts) 山川 (…) + 异域 (…)`. */
export function glossFromParts(text: string, readings?: readonly string[]): string {
  const han = [...hanOnly(text)];
  const parts: string[] = [];
  let at = 0;
  for (const word of splitIntoWords(han)) {
    const length = [...word].length;
    const reading = readings ? readings.slice(at, at + length).join(' ') : undefined;
    at += length;
    const sense = shortSense(word, reading);
    parts.push(sense ? `${word} (${sense})` : word);
  }
  return `${GLOSS_PREFIX}${parts.join(' + ')}`;
}

export interface MeaningOptions {
  /**
   * The phrase's numbered reading (as on the card, space-separated syllables); picks the entry that
   * matches when one written form has several readings.
   */
  reading?: string;
}

/**
 * The meaning before any attribution is added: CC-CEDICT's, else the project's own rendering, else a
 * gloss from the parts. The build stores it for every lexicon phrase (readings.tsv), for its card reading.
 */
export function baseMeaning(text: string, options: MeaningOptions = {}): Meaning {
  const reading = options.reading === undefined ? undefined : syllablesOf(options.reading);
  const fromProject = projectMeaning(hanOnly(text));
  let result: Meaning | undefined;
  const entries = entriesFor(text);
  if (entries.length > 0) result = meaningOfEntries(entries, reading, 0, new Set([hanOnly(text)]));
  if (!result && fromProject) result = { meaning: fromProject.meaning, literal: '', source: 'project' };
  result ??= { meaning: glossFromParts(text, reading?.split(' ')), literal: '', source: 'gloss' };
  return result;
}

/**
 * The card's meaning for `text`: CC-CEDICT's (cleaned, references followed), else the project's own
 * rendering of a quotation, else a gloss from the parts. `attribution` (e.g. `杜甫《春夜喜雨》`) is
 * appended when given. Never empty. For a lexicon phrase read as on its card, the meaning the build
 * computed (the same function) is taken from readings.tsv.
 */
export function meaningFor(text: string, attribution?: string, options: MeaningOptions = {}): Meaning {
  const fromProject = projectMeaning(hanOnly(text));
  let result = (projectMeaningsReplaced() ? undefined : precomputedMeaning(text, options.reading)) ?? baseMeaning(text, options);
  // The project's lists write some origins as 语出《…》 ("the words come from …"); the card says "source:".
  const work = (attribution || fromProject?.attribution)?.replace(/^语出/, '');
  if (work && !result.meaning.includes(work)) result = { ...result, meaning: `${result.meaning} (source: ${work})` };
  return result;
}
