// sentences: blocks → the units a context is taken from. A sentence ends at 。！？ or …… together with any
// further end marks and the closing quotes and brackets that follow. A semicolon does not end a sentence
// (a Chinese reader counts `；` as a pause inside one). Nothing splits inside “…” or 《…》, unless the
// quotation marks of the paragraph do not balance (then they are ignored) or a quotation runs on for
// more than QUOTED_CAP characters. Headings and captions are single units with their own role.
import type { Block, Document, Sentence } from '../types.js';
import { unitFlags } from './chars.js';

const QUOTED_CAP = 300;
const MAX_SENTENCE = 1000;
const MIN_SOFT_CUT = 200;

// Single quotes are left out: `’` doubles as an apostrophe in mixed text.
const OPENERS: Record<string, string> = { '“': '”', '「': '」', '『': '』', '《': '》', '〈': '〉' };
const CLOSING = new Set(Object.values(OPENERS));
const TRAILING_CLOSERS = new Set(['”', '」', '』', '》', '〉', '’', '）', ')', '】', '〕']);
const TERMINALS = new Set(['。', '！', '？', '!', '?']);
/** Per code unit: bit 1 marks what the scan stops at, bit 2 end marks, bit 4 trailing closers. */
const MARKS = unitFlags([
  ['。！？!?…“”「」『』《》〈〉', 1],
  [TERMINALS, 2],
  [TRAILING_CLOSERS, 4],
  [Object.keys(OPENERS), 8],
  [CLOSING, 16],
]);
const STOP = 1;
const TERMINAL = 2;
const TRAILING_CLOSER = 4;
const OPENER = 8;
const CLOSER = 16;
const ELLIPSIS = 0x2026;

/** Per code unit: 1 + the index of the pair an opener opens, or −(1 + index) for its closer, else 0. */
const PAIR_OF = ((): Int8Array => {
  const table = new Int8Array(0x10000);
  Object.entries(OPENERS).forEach(([open, close], pair) => {
    table[open.charCodeAt(0)] = pair + 1;
    table[close.charCodeAt(0)] = -(pair + 1);
  });
  return table;
})();
const PAIR_COUNT = Object.keys(OPENERS).length;

/** Per pair (index 1 on), openers minus closers seen; reused between calls. */
const pairBalance = new Int32Array(PAIR_COUNT + 1);
/** Positions of the marks the sentence scan stops at; reused between calls (grown when a text needs more). */
let stops = new Int32Array(4096);
const KEPT_STOPS = 1 << 16;

/** Whether the quotation marks of the text last given to `findStops` balance (a variable, not a result object). */
let stopsBalanced = true;

/**
 * The positions of every STOP mark of `text` (into `stops`; returns how many), and whether its quotation
 * marks balance (into `stopsBalanced`), in one pass: the scan for sentence ends then visits only these
 * positions instead of every character.
 */
function findStops(text: string): number {
  const balance = pairBalance;
  balance.fill(0);
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (((MARKS[c] as number) & STOP) === 0) continue;
    if (count === stops.length) {
      const grown = new Int32Array(stops.length * 2);
      grown.set(stops);
      stops = grown;
    }
    stops[count++] = i;
    const pair = PAIR_OF[c] as number;
    if (pair > 0) balance[pair] = (balance[pair] as number) + 1;
    else if (pair < 0) balance[-pair] = (balance[-pair] as number) - 1;
  }
  stopsBalanced = true;
  for (let p = 1; p <= PAIR_COUNT; p++) if (balance[p] !== 0) stopsBalanced = false;
  return count;
}

/** Per opener code unit, the code unit of its closer (0 for anything else). */
const CLOSER_OF = ((): Uint16Array => {
  const table = new Uint16Array(0x10000);
  for (const [open, close] of Object.entries(OPENERS)) table[open.charCodeAt(0)] = close.charCodeAt(0);
  return table;
})();
const QUESTION = 0x3f;
const EXCLAMATION = 0x21;
const TITLE_CLOSERS = ['》'.charCodeAt(0), '〉'.charCodeAt(0)];
/** What may follow a half-width ?/! that ends a sentence. */
const AFTER_LATIN_END = /[\s"')\]\u3000-\u303f\u4e00-\u9fff\uff00-\uffef”’]/;

/** Where to cut a sentence from `start` that runs on too long: after its last clause mark, else hard. */
function softCut(text: string, start: number): number {
  const limit = start + MAX_SENTENCE;
  const window = text.slice(start + MIN_SOFT_CUT, limit);
  const at = Math.max(window.lastIndexOf('；'), window.lastIndexOf('，'));
  return at >= 0 ? start + MIN_SOFT_CUT + at + 1 : limit;
}

/**
 * The closers of the quotations and titles open at the scan, innermost last: the first `openDepth`
 * entries. Reused between paragraphs (a paragraph's own array would be garbage after it).
 */
let openClosers = new Uint16Array(64);
let openDepth = 0;

function open(closer: number): void {
  openClosers = withRoom(openClosers, openDepth);
  openClosers[openDepth++] = closer;
}

/** `array` when it has room past its first `used` entries, else a copy twice as long. */
function withRoom<T extends Uint16Array | Int32Array>(array: T, used: number): T {
  if (used < array.length) return array;
  const grown = new (array.constructor as new (length: number) => T)(array.length * 2);
  grown.set(array);
  return grown;
}

/** Close the innermost open mark whose closer is `closer` (and anything left open inside it). */
function close(closer: number): void {
  for (let at = openDepth - 1; at >= 0; at--) {
    if (openClosers[at] === closer) {
      openDepth = at;
      return;
    }
  }
}

/**
 * End offsets of the paragraph last given to `findEnds`: the first `endCount` entries. Reused between
 * paragraphs, so the common paragraph allocates nothing but its sentences.
 */
let endOffsets = new Int32Array(256);
let endCount = 0;

function pushEnd(end: number): void {
  endOffsets = withRoom(endOffsets, endCount);
  endOffsets[endCount++] = end;
}

/**
 * End offsets (exclusive) of the sentences in one paragraph of body text. Marks are compared as code
 * units throughout: `text[i]` would make a one-character string for every mark.
 */
export function sentenceEnds(text: string): number[] {
  findEnds(text);
  return Array.from(endOffsets.subarray(0, endCount));
}

/** `sentenceEnds` into `endOffsets` (the first `endCount` entries). */
function findEnds(text: string): void {
  // What a huge paragraph grew is not kept for the rest of the run (the last paragraph's ends are read).
  if (endOffsets.length > KEPT_STOPS) endOffsets = new Int32Array(256);
  endCount = 0;
  const n = text.length;
  const stopCount = findStops(text);
  const trackQuotes = stopsBalanced;
  // `stops` may be replaced by a later call (none happens during this one): this call keeps its own.
  const at = stops;
  let next = 0;
  openDepth = 0;
  // The start of the sentence being read. Cutting at `end` ends it there (an empty one is not recorded);
  // no closures for that: they would cost an allocation per paragraph.
  let start = 0;

  let from = 0;
  for (;;) {
    // The first STOP mark at or after `from` (the run handling below may have stepped over some).
    while (next < stopCount && (at[next] as number) < from) next++;
    if (next >= stopCount) break;
    let i = at[next] as number;
    from = i + 1;
    while (i - start > MAX_SENTENCE) {
      const end = softCut(text, start);
      if (end > start) pushEnd(end);
      start = end;
    }
    const code = text.charCodeAt(i);
    const marks = MARKS[code] as number;
    if ((marks & OPENER) !== 0) {
      if (trackQuotes) open(CLOSER_OF[code] as number);
      continue;
    }
    if ((marks & CLOSER) !== 0) {
      if (trackQuotes) close(code);
      continue;
    }
    // A half-width ?/! left after normalisation is in Latin text; inside a URL or code it ends nothing.
    if ((code === QUESTION || code === EXCLAMATION) && i + 1 < n && !AFTER_LATIN_END.test(text[i + 1] as string)) continue;
    // An end mark (or an ellipsis): take the whole run of end marks and the closers after it.
    if (code === ELLIPSIS) {
      let j = i;
      while (j < n && text.charCodeAt(j) === ELLIPSIS) j++;
      if (j - i < 2) continue;
      i = j;
    } else i++;
    while (i < n && (((MARKS[text.charCodeAt(i)] as number) & TERMINAL) !== 0 || text.charCodeAt(i) === ELLIPSIS)) i++;
    let closedTitle = false;
    while (i < n) {
      const closer = text.charCodeAt(i);
      if (((MARKS[closer] as number) & TRAILING_CLOSER) === 0) break;
      if (trackQuotes) close(closer);
      if (TITLE_CLOSERS.includes(closer)) closedTitle = true;
      i++;
    }
    from = i;
    // `《你好！再见。》这本书`: an end mark inside a title ends the title, not the sentence.
    if ((openDepth === 0 && !closedTitle) || i - start > QUOTED_CAP) {
      if (i > start) pushEnd(i);
      start = i;
    }
  }
  while (n - start > MAX_SENTENCE) {
    const end = softCut(text, start);
    if (end > start) pushEnd(end);
    start = end;
  }
  if (n > start) pushEnd(n);
  if (stops.length > KEPT_STOPS) stops = new Int32Array(4096);
  if (openClosers.length > KEPT_STOPS) openClosers = new Uint16Array(64);
}

function pieces(text: string, ends: readonly number[]): string[] {
  const out: string[] = [];
  let start = 0;
  for (const end of ends) {
    const piece = text.slice(start, end).trim();
    if (piece.length > 0) out.push(piece);
    start = end;
  }
  return out;
}

/** The sentences of a body block whose original text differs from its text (Traditional input). */
function convertedSentences(block: Block, ends: readonly number[]): { texts: string[]; originals: string[] } {
  const texts = pieces(block.text, ends);
  let originals: string[];
  if (block.originalText.length === block.text.length) originals = pieces(block.originalText, ends);
  else originals = pieces(block.originalText, sentenceEnds(block.originalText));
  if (originals.length !== texts.length) originals = texts;
  return { texts, originals };
}

/** Append one sentence of `block` (a helper rather than a closure per block: no allocation for it). */
function push(sentences: Sentence[], text: string, originalText: string, block: Block, source: string): void {
  sentences.push({ text, originalText, role: block.role, source, paragraph: block.paragraph, index: sentences.length });
}

export function splitSentences(doc: Document): Sentence[] {
  const sentences: Sentence[] = [];
  const source = doc.source.name;
  for (const block of doc.blocks) {
    if (block.role !== 'body') {
      push(sentences, block.text, block.originalText, block, source);
      continue;
    }
    if (block.originalText !== block.text) {
      const { texts, originals } = convertedSentences(block, sentenceEnds(block.text));
      texts.forEach((text, k) => push(sentences, text, originals[k] as string, block, source));
      continue;
    }
    // The common case: one text, each piece is its own original (no intermediate arrays; the ends are
    // read from the shared buffer, which nothing else fills during this loop).
    findEnds(block.text);
    let start = 0;
    for (let k = 0; k < endCount; k++) {
      const end = endOffsets[k] as number;
      const piece = block.text.slice(start, end).trim();
      if (piece.length > 0) push(sentences, piece, piece, block, source);
      start = end;
    }
  }
  return sentences;
}
