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

// Bits of the measure table: each BMP code unit's contribution to every counter, so that the loop adds
// shifted bits instead of branching on them (on Chinese text those branches are coin flips, and their
// mispredictions cost more than all the rest of the scan).
const HAN_BIT = 1;
const COMMON_BIT = 2;
const BAD_BIT = 4;
const TRADITIONAL_BIT = 8;
const SIMPLIFIED_BIT = 16;

let measureTable: Uint8Array | undefined;
/** Per BMP code unit: Han (and frequent) or bad, and Traditional-only or else Simplified-only. */
function measureBits(bmp: Uint8Array): Uint8Array {
  if (measureTable) return measureTable;
  const table = new Uint8Array(0x10000);
  for (let cp = 0; cp <= 0xffff; cp++) {
    const flag = bmp[cp] as number;
    let bits = 0;
    if (flag & TRADITIONAL_FLAG) bits |= TRADITIONAL_BIT;
    else if (flag & SIMPLIFIED_FLAG) bits |= SIMPLIFIED_BIT;
    if (isHanCode(cp)) bits |= flag & COMMON_FLAG ? HAN_BIT | COMMON_BIT : HAN_BIT;
    else if (isBadCode(cp)) bits |= BAD_BIT;
    table[cp] = bits;
  }
  measureTable = table;
  return table;
}

export function measure(text: string, sample: number = SAMPLE): Plausibility {
  const { bmp, hasAstral } = characterFlags();
  const bits = measureBits(bmp);
  const common = hasAstral ? commonCharacters() : undefined;
  const end = Math.min(text.length, sample);
  let han = 0;
  let frequent = 0;
  let bad = 0;
  let traditional = 0;
  let simplified = 0;
  for (let i = 0; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < end) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        const cp = (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
        if (isHanCode(cp)) {
          han++;
          if (common?.has(String.fromCodePoint(cp)) === true) frequent++;
        } else if (isBadCode(cp)) bad++;
        continue;
      }
    }
    // A lone surrogate is looked up as the code unit it is, as any other BMP unit.
    const b = bits[unit] as number;
    han += b & HAN_BIT;
    frequent += (b >> 1) & 1;
    bad += (b >> 2) & 1;
    traditional += (b >> 3) & 1;
    simplified += b >> 4;
  }
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
