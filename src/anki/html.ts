// Field text is HTML that Anki inserts into templates verbatim, and Anki's legacy template engine searches
// the already-substituted text for more `{{…}}` tags. So every character that could start markup or a
// template tag is written as an entity: the card looks the same, and no input can inject either.
import { createHash } from 'node:crypto';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '{': '&#123;',
  '}': '&#125;',
};

// Control characters have no place in a card, and U+001F is Anki's field separator: one in a field would
// shift every later field of the note.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Plain text → field HTML: escaped, braces neutralised, control characters dropped, line breaks as `<br>`. */
export function escapeField(text: string): string {
  // A lone surrogate cannot be stored as UTF-8: SQLite would hold bytes no reader accepts. Controls go
  // first, so that what is left is judged as the field will hold it (two halves a control kept apart meet).
  return text
    .replace(CONTROL, '')
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/[&<>"{}]/g, (ch) => ESCAPES[ch] ?? ch)
    .replace(/\r\n?|\n/g, '<br>');
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Field HTML → plain text the way Anki computes `sfld` and `csum`: tags removed, entities decoded. */
export function stripHtml(html: string): string {
  return html
    .replace(/<!--.*?-->/gs, '')
    .replace(/<style.*?>.*?<\/style>/gis, '')
    .replace(/<script.*?>.*?<\/script>/gis, '')
    .replace(/<.*?>/gs, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
      if (body[0] === '#') {
        const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
    });
}

/** Anki's duplicate-check checksum: first 4 bytes of SHA-1 of the plain text, big-endian unsigned. */
export function fieldChecksum(fieldHtml: string): number {
  return createHash('sha1').update(stripHtml(fieldHtml), 'utf8').digest().readUInt32BE(0);
}

// Combining marks left on the vowel after NFD decomposition tell the tone of a tone-marked syllable.
const TONE_BY_MARK: Readonly<Record<string, number>> = {
  '\u0304': 1,
  '\u0301': 2,
  '\u030c': 3,
  '\u0300': 4,
};
const PINYIN_SYLLABLE = /^[a-zA-ZüÜêÊ\u0300-\u036f]+$/;

/** The tone (1–5) of one tone-marked syllable, or 0 when the token is not a pinyin syllable. */
export function toneOf(syllable: string): number {
  const decomposed = syllable.normalize('NFD');
  if (!PINYIN_SYLLABLE.test(decomposed)) return 0;
  for (const ch of decomposed) {
    const tone = TONE_BY_MARK[ch];
    if (tone) return tone;
  }
  return 5;
}

// A syllable is a run of pinyin letters; anything between runs (spaces, commas, quotes) is kept as text.
const SYLLABLE_RUN = /[a-zA-ZüÜêÊ\u00c0-\u024f\u1e3f\u0300-\u036f]+/g;

/**
 * Tone-marked pinyin (`xuē zú shì lǚ`) → one `<span class="toneN">` per syllable, the markup of Chinese
 * Support Redux, so a user's existing tone colours apply. Punctuation and spacing stay plain text.
 */
export function pinyinHtml(pinyin: string): string {
  const text = pinyin.trim().normalize('NFC');
  let out = '';
  let last = 0;
  for (const match of text.matchAll(SYLLABLE_RUN)) {
    const index = match.index ?? 0;
    out += escapeField(text.slice(last, index));
    const tone = toneOf(match[0]);
    out += tone === 0 ? escapeField(match[0]) : `<span class="tone${tone}">${escapeField(match[0])}</span>`;
    last = index + match[0].length;
  }
  return out + escapeField(text.slice(last));
}
