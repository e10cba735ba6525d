// Character-level repairs that need no context: radicals and compatibility ideographs from PDF extraction
// become the ordinary ideographs, full-width Latin letters and digits become ASCII, odd spaces become
// spaces. Full-width punctuation is kept on purpose: NFKC would turn `，` into `,`, so NFKC is applied
// only to the code points it is wanted for.
import { radicalIdeographs } from './hanzi-data.js';

const TO_MAP =
  /[\u2e80-\u2fdf\uf900-\ufaff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff\u00ad]|[\u{2f800}-\u{2fa1f}]/gu;

function mapOne(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  if (cp >= 0x2e80 && cp <= 0x2eff) return radicalIdeographs().get(ch) ?? ch;
  if (cp === 0xfeff || cp === 0x200b || cp === 0x00ad) return '';
  if (cp === 0x3000 || cp === 0x00a0 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f) return ' ';
  // Kangxi radicals, compatibility ideographs, full-width letters and digits: NFKC gives the ordinary form.
  return ch.normalize('NFKC');
}

/**
 * A table of flags per UTF-16 code unit: each group's characters get its bit. Scans read it instead of
 * comparing every unit with several sets (or making a one-character string per unit to look one up).
 */
export function unitFlags(groups: readonly (readonly [chars: Iterable<string>, bit: number])[]): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const [chars, bit] of groups) {
    for (const ch of chars) {
      const unit = ch.charCodeAt(0);
      table[unit] = (table[unit] as number) | bit;
    }
  }
  return table;
}

/** Code units that can start a TO_MAP match (U+D87E is the high surrogate of U+2F800–U+2FA1F). */
export const MAY_MAP = ((): Uint8Array => {
  const table = new Uint8Array(0x10000);
  const ranges: [number, number][] = [
    [0x2e80, 0x2fdf], [0xf900, 0xfaff], [0xff10, 0xff19], [0xff21, 0xff3a], [0xff41, 0xff5a], [0x00a0, 0x00a0],
    [0x2000, 0x200b], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff], [0x00ad, 0x00ad],
    [0xd87e, 0xd87e],
  ];
  for (const [from, to] of ranges) table.fill(1, from, to + 1);
  return table;
})();

export function mapCharacters(text: string): string {
  // Most texts need no mapping at all; a plain scan proves it faster than the Unicode-mode regex can.
  for (let i = 0; i < text.length; i++) {
    if (MAY_MAP[text.charCodeAt(i)] === 1) return text.replace(TO_MAP, mapOne);
  }
  return text;
}
