// How much a decoded string looks like real Chinese (or at least real text): used to choose between
// decodings that are all valid, since short runs of one multi-byte encoding are often valid in another.
import { characterFlags, COMMON_FLAG, commonCharacters, SIMPLIFIED_FLAG, TRADITIONAL_FLAG } from './hanzi-data.js';
import { SCRIPT_PREFIX, type ScriptCounts } from './script.js';

export interface Plausibility {
  /** Han characters seen. */
  han: number;
  /** Han characters that are among the frequent ones. */
  common: number;
  /** Characters no real text contains: private use, C0/C1 controls other than layout, U+FFFD. */
  bad: number;
  /** Code units looked at (a prefix of the text, for speed on huge inputs). */
  length: number;
  /**
   * `countScriptMarkers` of the same text, counted in the same pass; present when the sample is the
   * prefix that function looks at, so the caller need not scan the text again.
   */
  script?: ScriptCounts;
}

const SAMPLE = 200_000;

export function isHanCode(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  );
}

function isBadCode(cp: number): boolean {
  if (cp < 0x20) return cp !== 0x09 && cp !== 0x0a && cp !== 0x0d && cp !== 0x0c;
  return (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xe000 && cp <= 0xf8ff) || cp === 0xfffd || (cp >= 0xf0000);
}

// Every BMP code unit's contribution to the five counters, packed into one number: a field of PACK_BITS
// bits per counter, so that the scan does one look-up and one addition per unit instead of a branch per
// counter (on Chinese text those branches are coin flips, and their mispredictions cost more than the
// rest of the scan). A double holds 53 bits exactly: five 10-bit fields fit, and they are emptied into
// the counters every PACK_BLOCK units, before any can overflow.
const PACK_BITS = 10;
const FIELD = 2 ** PACK_BITS;
const PACK_BLOCK = FIELD - 1;
const HAN_UNIT = 1;
const COMMON_UNIT = FIELD;
const BAD_UNIT = FIELD ** 2;
const TRADITIONAL_UNIT = FIELD ** 3;
const SIMPLIFIED_UNIT = FIELD ** 4;

/** What `packedCounts` gives a high surrogate: no counts, a mark. */
const HIGH_SURROGATE = -1;

let packedTable: Float64Array | undefined;
/** Per BMP code unit: Han (and frequent) or bad, and Traditional-only or else Simplified-only, packed. */
function packedCounts(bmp: Uint8Array): Float64Array {
  if (packedTable) return packedTable;
  const table = new Float64Array(0x10000);
  for (let cp = 0; cp <= 0xffff; cp++) {
    const flag = bmp[cp] as number;
    let packed = 0;
    if (flag & TRADITIONAL_FLAG) packed += TRADITIONAL_UNIT;
    else if (flag & SIMPLIFIED_FLAG) packed += SIMPLIFIED_UNIT;
    if (isHanCode(cp)) packed += flag & COMMON_FLAG ? HAN_UNIT + COMMON_UNIT : HAN_UNIT;
    else if (isBadCode(cp)) packed += BAD_UNIT;
    table[cp] = packed;
  }
  // High surrogates count for nothing themselves; the mark sends the scan to look for the pair.
  table.fill(HIGH_SURROGATE, 0xd800, 0xdc00);
  packedTable = table;
  return table;
}

/** The five counters, in the order of their fields. */
type Counters = [han: number, common: number, bad: number, traditional: number, simplified: number];

/** Add the fields of a packed sum to the counters. */
function unpackInto(counters: Counters, packed: number): void {
  let rest = packed;
  for (let k = 0; k < counters.length; k++) {
    const field = rest % FIELD;
    counters[k] = (counters[k] as number) + field;
    rest = (rest - field) / FIELD;
  }
}

export function measure(text: string, sample: number = SAMPLE): Plausibility {
  const { bmp, hasAstral } = characterFlags();
  const packedOf = packedCounts(bmp);
  const common = hasAstral ? commonCharacters() : undefined;
  const end = Math.min(text.length, sample);
  const counters: Counters = [0, 0, 0, 0, 0];
  let i = 0;
  while (i < end) {
    // One block: at most PACK_BLOCK additions to the packed sum (a surrogate pair is one).
    const blockEnd = Math.min(end, i + PACK_BLOCK);
    let packed = 0;
    for (; i < blockEnd; i++) {
      const counts = packedOf[text.charCodeAt(i)] as number;
      if (counts !== HIGH_SURROGATE) {
        packed += counts;
        continue;
      }
      const low = i + 1 < end ? text.charCodeAt(i + 1) : 0;
      // A lone high surrogate counts for nothing.
      if (low < 0xdc00 || low > 0xdfff) continue;
      const cp = (text.charCodeAt(i) - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      i++;
      if (isHanCode(cp)) packed += common?.has(String.fromCodePoint(cp)) === true ? HAN_UNIT + COMMON_UNIT : HAN_UNIT;
      else if (isBadCode(cp)) packed += BAD_UNIT;
    }
    unpackInto(counters, packed);
  }
  const [han, frequent, bad, traditional, simplified] = counters;
  const p: Plausibility = { han, common: frequent, bad, length: end };
  // With astral entries in the tables the script count needs code points; countScriptMarkers does that.
  if (sample === SCRIPT_PREFIX && !hasAstral) p.script = { traditional, simplified };
  return p;
}

/** Share of Han characters that are frequent ones (0 when there are none). */
export function commonShare(p: Plausibility): number {
  return p.han === 0 ? 0 : p.common / p.han;
}

/** One number to compare decodings of the same bytes: frequent characters count, junk costs a lot. */
export function score(p: Plausibility): number {
  return p.common - 0.25 * (p.han - p.common) - 5 * p.bad;
}
