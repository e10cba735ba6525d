// Character-level repairs that need no context: radicals and compatibility ideographs from PDF extraction
// become the ordinary ideographs, full-width Latin letters and digits become ASCII, odd spaces become
// spaces, vertical and small punctuation becomes the usual full-width forms, invisible marks go.
// Full-width punctuation is kept on purpose: NFKC would turn `，` into `,`, so NFKC is applied only to the
// code points it is wanted for.
import { radicalIdeographs } from './hanzi-data.js';

// Invisible format characters pasted with web and app text (some sites scatter them between characters to
// defeat copying): direction marks and embeddings, word joiners, the Mongolian vowel separator. Joiners
// (U+200C, U+200D) are dropped only beside a Han character, through at most eight of them (a bound, so that
// a long run of joiners is not rescanned from each one): between emoji they build one picture.
const TO_MAP =
  /[\u2e80-\u2fdf\uf900-\ufaff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u180e]|(?<=\p{Script=Han}[\u200c\u200d]{0,8})[\u200c\u200d]|[\u200c\u200d](?=[\u200c\u200d]{0,8}\p{Script=Han})|(?<=\p{Script=Han})(?:[\ufe00-\ufe0f]|[\u{e0100}-\u{e01ef}])|[\ufe10-\ufe19\ufe30-\ufe44\ufe47-\ufe48\ufe50-\ufe52\ufe54-\ufe5e]|[\u{2f800}-\u{2fa1f}]/gu;

// Punctuation of vertical text (︒, ﹁…﹂ from a vertical PDF or e-book) and the small forms of Big5 (﹐, ﹔):
// their horizontal full-width forms, as Chinese text is written across the page. NFKC would give ASCII
// for most (︐ → ,), which is not how a Chinese sentence is punctuated.
const HORIZONTAL_FORMS = new Map<string, string>(
  [
    ['︐', '，'], ['︑', '、'], ['︒', '。'], ['︓', '：'], ['︔', '；'], ['︕', '！'], ['︖', '？'], ['︗', '〖'], ['︘', '〗'],
    ['︙', '…'], ['︰', '‥'], ['︱', '—'], ['︲', '–'], ['︵', '（'], ['︶', '）'], ['︷', '｛'], ['︸', '｝'], ['︹', '〔'],
    ['︺', '〕'], ['︻', '【'], ['︼', '】'], ['︽', '《'], ['︾', '》'], ['︿', '〈'], ['﹀', '〉'], ['﹁', '「'], ['﹂', '」'],
    ['﹃', '『'], ['﹄', '』'], ['﹇', '［'], ['﹈', '］'], ['﹐', '，'], ['﹑', '、'], ['﹒', '。'], ['﹔', '；'], ['﹕', '：'],
    ['﹖', '？'], ['﹗', '！'], ['﹘', '—'], ['﹙', '（'], ['﹚', '）'], ['﹛', '｛'], ['﹜', '｝'], ['﹝', '〔'], ['﹞', '〕'],
  ],
);

/** Characters that only steer display or joining: nothing of them belongs in a card. */
const INVISIBLE = /^[\ufeff\u200b\u00ad\u200c-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u180e]+$/u;

function mapOne(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  if (cp >= 0x2e80 && cp <= 0x2eff) return radicalIdeographs().get(ch) ?? ch;
  if (INVISIBLE.test(ch)) return '';
  const horizontal = HORIZONTAL_FORMS.get(ch);
  if (horizontal !== undefined) return horizontal;
  // A variation selector after a Han character (an ideographic variant a font chose) leaves the character.
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return '';
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

/**
 * Code units that can start a TO_MAP match (U+D87E and U+DB40: the high surrogates of U+2F800–U+2FA1F and
 * U+E0100–U+E01EF).
 */
export const MAY_MAP = ((): Uint8Array => {
  const table = new Uint8Array(0x10000);
  const ranges: [number, number][] = [
    [0x2e80, 0x2fdf], [0xf900, 0xfaff], [0xff10, 0xff19], [0xff21, 0xff3a], [0xff41, 0xff5a], [0x00a0, 0x00a0],
    [0x2000, 0x200f], [0x202a, 0x202f], [0x205f, 0x2064], [0x2066, 0x2069], [0x3000, 0x3000], [0xfeff, 0xfeff],
    [0x00ad, 0x00ad], [0x180e, 0x180e], [0xfe00, 0xfe19], [0xfe30, 0xfe5e], [0xd87e, 0xd87e], [0xdb40, 0xdb40],
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
