// Chinese text that was decoded with a Western code page and saved again (a scraper, an editor set to
// Windows-1252): `我们` stored as `æˆ‘ä»¬` (UTF-8 read as Windows-1252) or `ÎÒÃÇ` (GBK read as Latin-1).
// Such a file is valid UTF-8 without a single Han character. Its characters spell the original bytes one
// by one, so the bytes can be had back and decoded again.

// Windows-1252's characters in 0x80–0x9F; the five bytes it leaves undefined read as the C1 controls of
// the same value (as browsers and the WHATWG decoder read them), like every other byte in Latin-1.
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const BYTE_OF = new Map<number, number>();
for (let b = 0; b < 0x100; b++) BYTE_OF.set(b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH.charCodeAt(b - 0x80) : b, b);
// Latin-1 readings of 0x80–0x9F: the C1 controls themselves.
for (let b = 0x80; b <= 0x9f; b++) if (!BYTE_OF.has(b)) BYTE_OF.set(b, b);

/** Below this many characters of the upper half, a text without Han is Western text, not mojibake. */
const MIN_HIGH_CHARACTERS = 8;

/**
 * The bytes `text` came from if it is a Western reading of other bytes: every character one byte of
 * Windows-1252 or Latin-1, enough of them from the upper half. Undefined otherwise.
 */
export function westernReadingBytes(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  let high = 0;
  for (let i = 0; i < text.length; i++) {
    const byte = BYTE_OF.get(text.charCodeAt(i));
    if (byte === undefined) return undefined;
    if (byte >= 0x80) high++;
    bytes[i] = byte;
  }
  return high >= MIN_HIGH_CHARACTERS ? bytes : undefined;
}
