// Card readings computed at build time (src/lexicon/build-readings.ts → dist/data/readings.tsv) for every
// phrase of the phrase lexicon: the reading tokens with and without tone sandhi, and the Traditional form
// for each variant. The same functions compute them as at run time, so a row equals the live result (a
// test compares thousands of rows); a phrase without a row (a quoted coinage, an adapted idiom) is
// computed live. A lookup reads one block of the file through its block index (see SortedBlocks).
import { join } from 'node:path';
import { openSortedTable, type SortedTable } from '../lexicon/cedict.js';
import { DATA_DIR } from '../lexicon/paths.js';
import { parseNumbered, toNumbered, type ReadingToken } from './syllable.js';
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

/** Columns after the phrase; empty sandhi, hk and cn-t columns mean "same as citation / same as tw". */
export interface ReadingsRow {
  citation: string;
  sandhi: string;
  tw: string;
  hk: string;
  cnt: string;
}

export function formatReadingsRow(text: string, row: ReadingsRow): string {
  return [text, row.citation, row.sandhi === row.citation ? '' : row.sandhi, row.tw, row.hk === row.tw ? '' : row.hk, row.cnt === row.tw ? '' : row.cnt].join('\t');
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
      const [, citation = '', sandhi = '', tw = '', hk = '', cnt = ''] = line.split('\t');
      row = { citation, sandhi: sandhi || citation, tw, hk: hk || tw, cnt: cnt || tw };
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

/** Drops the loaded table (tests that rebuild it). */
export function resetReadingsTable(): void {
  table = undefined;
  rows.clear();
}
