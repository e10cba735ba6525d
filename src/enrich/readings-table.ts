// Card readings computed at build time (src/lexicon/build-readings.ts → dist/data/readings.tsv) for every
// phrase of the phrase lexicon: the reading tokens with and without tone sandhi, the Traditional form
// for each variant, and the meaning for the citation reading (before any attribution). The same functions compute them as at run time, so a row equals the live result (a
// test compares thousands of rows); a phrase without a row (a quoted coinage, an adapted idiom) is
// computed live. A lookup reads one block of the file through its block index (see SortedBlocks).
import { join } from 'node:path';
import { openSortedTable, type SortedTable } from '../lexicon/cedict.js';
import { DATA_DIR } from '../lexicon/paths.js';
import type { Card } from '../types.js';
import { formatNumbered, parseNumbered, toNumbered, type ReadingToken } from './syllable.js';
import type { Variant } from './traditional.js';

export const READINGS_FILE = 'readings.tsv';

/** Written for a character that has no syllable (kept as it is in the reading). */
const OTHER = '_';

/** One token per code point: `xue1`, or `_` for a character kept as it is. */
export function encodeTokens(tokens: readonly ReadingToken[]): string {
  return tokens.map((t) => (t.kind === 'syllable' ? toNumbered(t.syllable) : OTHER)).join(' ');
}

/** The tokens back, given the phrase's characters; undefined when they do not line up. */
export function decodeTokens(encoded: string, chars: readonly string[]): ReadingToken[] | undefined {
  const parts = encoded.split(' ');
  if (parts.length !== chars.length) return undefined;
  const tokens: ReadingToken[] = [];
  for (const [i, part] of parts.entries()) {
    if (part === OTHER) {
      tokens.push({ kind: 'other', text: chars[i] ?? '' });
      continue;
    }
    const syllable = parseNumbered(part);
    if (!syllable) return undefined;
    tokens.push({ kind: 'syllable', syllable });
  }
  return tokens;
}

/** A meaning as the table stores it (meaning.ts's Meaning). */
export interface StoredMeaning {
  meaning: string;
  literal: string;
  source: Card['meaningSource'];
}

/**
 * Columns after the phrase; empty sandhi, hk and cn-t columns mean "same as citation / same as tw". The
 * meaning columns (meaning, literal, source) are empty when the meaning is computed live.
 */
export interface ReadingsRow {
  citation: string;
  sandhi: string;
  tw: string;
  hk: string;
  cnt: string;
  meaning?: StoredMeaning;
}

const MEANING_SOURCES: readonly string[] = ['cedict', 'cedict-xref', 'project', 'gloss'] satisfies readonly Card['meaningSource'][];
const LINE_BREAK = /[\t\n]/;

export function formatReadingsRow(text: string, row: ReadingsRow): string {
  const m = row.meaning;
  // A meaning that could not be stored as one column each is left to be computed live.
  const meaning = m && m.meaning.length > 0 && !LINE_BREAK.test(m.meaning) && !LINE_BREAK.test(m.literal) ? [m.meaning, m.literal, m.source] : ['', '', ''];
  return [text, row.citation, row.sandhi === row.citation ? '' : row.sandhi, row.tw, row.hk === row.tw ? '' : row.hk, row.cnt === row.tw ? '' : row.cnt, ...meaning].join('\t');
}

let table: SortedTable | null | undefined;
const rows = new Map<string, ReadingsRow | null>();

function readingsTable(): SortedTable | null {
  if (table === undefined) {
    try {
      table = openSortedTable(join(DATA_DIR, READINGS_FILE));
    } catch {
      // Not built (a checkout before `npm run build`): everything is computed live.
      table = null;
    }
  }
  return table;
}

function rowOf(text: string): ReadingsRow | undefined {
  let row = rows.get(text);
  if (row === undefined) {
    const lines = readingsTable();
    const line = lines?.linesOf(text)[0];
    row = null;
    if (line !== undefined) {
      const [, citation = '', sandhi = '', tw = '', hk = '', cnt = '', meaning = '', literal = '', source = ''] = line.split('\t');
      row = { citation, sandhi: sandhi || citation, tw, hk: hk || tw, cnt: cnt || tw };
      if (meaning && MEANING_SOURCES.includes(source)) row.meaning = { meaning, literal, source: source as Card['meaningSource'] };
    }
    rows.set(text, row);
  }
  return row ?? undefined;
}

/** The precomputed reading of a lexicon phrase, or undefined (compute it live). */
export function precomputedTokens(text: string, toneSandhi: boolean): ReadingToken[] | undefined {
  const row = rowOf(text);
  if (!row) return undefined;
  return decodeTokens(toneSandhi ? row.sandhi : row.citation, [...text]);
}

/** The precomputed Traditional form of a lexicon phrase, or undefined (convert it live). */
export function precomputedTraditional(text: string, variant: Variant): string | undefined {
  const row = rowOf(text);
  const value = row ? (variant === 'tw' ? row.tw : variant === 'hk' ? row.hk : row.cnt) : undefined;
  return value || undefined;
}

/**
 * The build's meaning of a lexicon phrase (before any attribution), when `reading` is the phrase's card
 * reading in citation form, the reading the build computed it for; else undefined (compute it live).
 */
export function precomputedMeaning(text: string, reading: string | undefined): StoredMeaning | undefined {
  const row = rowOf(text);
  if (!row?.meaning || reading === undefined) return undefined;
  const tokens = decodeTokens(row.citation, [...text]);
  return tokens && formatNumbered(tokens) === reading ? { ...row.meaning } : undefined;
}

/** Drops the loaded table (tests that rebuild it). */
export function resetReadingsTable(): void {
  table?.close?.();
  table = undefined;
  rows.clear();
}
