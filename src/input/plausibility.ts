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

const HAN_FLAG = 0x40;
const BAD_FLAG = 0x80;

let measureTable: Uint8Array | undefined;
/** `characterFlags().bmp` plus a bit for isHanCode and one for isBadCode: one look-up per BMP character. */
function measureFlags(bmp: Uint8Array): Uint8Array {
  if (measureTable) return measureTable;
  const table = Uint8Array.from(bmp);
  for (let cp = 0; cp <= 0xffff; cp++) {
    if (isHanCode(cp)) table[cp] = (table[cp] as number) | HAN_FLAG;
    else if (isBadCode(cp)) table[cp] = (table[cp] as number) | BAD_FLAG;
  }
  measureTable = table;
  return table;
}

export function measure(text: string, sample: number = SAMPLE): Plausibility {
  const { bmp, hasAstral } = characterFlags();
  const flags = measureFlags(bmp);
  const common = hasAstral ? commonCharacters() : undefined;
  const end = Math.min(text.length, sample);
  let han = 0;
  let frequent = 0;
  let bad = 0;
  let traditional = 0;
  let simplified = 0;
  for (let i = 0; i < end; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < end) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (cp <= 0xffff) {
      const flag = flags[cp] as number;
      if (flag === 0) continue;
      if (flag & TRADITIONAL_FLAG) traditional++;
      else if (flag & SIMPLIFIED_FLAG) simplified++;
      if (flag & HAN_FLAG) {
        han++;
        if (flag & COMMON_FLAG) frequent++;
      } else if (flag & BAD_FLAG) bad++;
      continue;
    }
    if (isHanCode(cp)) {
      han++;
      if (common?.has(String.fromCodePoint(cp)) === true) frequent++;
    } else if (isBadCode(cp)) bad++;
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
