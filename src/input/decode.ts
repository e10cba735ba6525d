// decode: bytes → text. The encoding is decided from the bytes alone: a byte-order mark if there is one,
// otherwise validity (a fatal decoder) and plausibility (share of frequent characters), because GB18030
// accepts every Big5 byte sequence and short UTF-8 runs can be valid GB18030 too. Invalid bytes are an
// error with the file name and offset; they never become U+FFFD text.
import { isUtf8, transcode } from 'node:buffer';
import type { DecodedText, InputFile } from '../types.js';
import { InputError } from '../cli/errors.js';
import { binaryKind, firstNul } from './sniff.js';
import { docxText, isDocx } from './docx.js';
import { epubText, isEpub } from './epub.js';
import { isRtf, rtfText } from './rtf.js';
import { commonShare, isHanCode, measure, score, type Plausibility } from './plausibility.js';
import { decodeEntity } from './html.js';
import { westernReadingBytes } from './mojibake.js';
import { isMostlyTraditional, mostlyTraditional, toSimplified } from './script.js';

export type Encoding = DecodedText['encoding'];

const LABEL: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  gb18030: 'GB18030',
  big5: 'Big5',
};

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function utf8ErrorOffset(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const c = bytes[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need > n - 1) return i;
    const second = bytes[i + 1] as number;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const b = bytes[i + k] as number;
      if (b < 0x80 || b > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** buffer.transcode needs ICU, which every official Node build has; without it TextDecoder decodes. */
const HAS_ICU = typeof process.versions.icu === 'string';
/**
 * Above this size TextDecoder decodes: transcode's UTF-16 buffer lives next to the string made from it,
 * and for a file near MAX_INPUT_BYTES that transient copy would cost more memory than its speed is worth.
 */
const TRANSCODE_MAX_BYTES = 64 * 1024 * 1024;

/**
 * `bytes` read as UTF-8, or undefined when they are not well-formed UTF-8 (as a fatal TextDecoder).
 * V8's own UTF-8 decoder (behind TextDecoder and Buffer#toString) costs ~4 ns a byte on Chinese text;
 * a vectorised validity check, ICU's transcoder to UTF-16 and a copy into a string cost a third of that.
 * The check comes first because transcode would turn bad bytes into U+FFFD.
 */
function tryDecodeUtf8(bytes: Uint8Array): string | undefined {
  if (!HAS_ICU || bytes.length > TRANSCODE_MAX_BYTES) return tryDecode(bytes, 'utf-8');
  return isUtf8(bytes) ? transcode(bytes, 'utf8', 'ucs2').toString('ucs2') : undefined;
}

function tryDecode(bytes: Uint8Array, encoding: Encoding): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Offset of the first invalid byte for a decoder that gives no position: a binary search on prefixes. */
export function errorOffset(bytes: Uint8Array, encoding: Encoding): number {
  if (encoding === 'utf-8') return utf8ErrorOffset(bytes);
  const n = bytes.length;
  const failsWithin = (length: number): boolean => {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, length), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  if (!failsWithin(n)) {
    // Every complete sequence is valid: the file ends inside a multi-byte character.
    for (let k = 1; k <= 4 && k <= n; k++) if (tryDecode(bytes.subarray(0, n - k), encoding) !== undefined) return n - k;
    return Math.max(0, n - 1);
  }
  let lo = 1;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (failsWithin(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

function invalid(name: string, encoding: Encoding, offset: number): InputError {
  return new InputError(name, `invalid ${LABEL[encoding]} at byte ${offset}`);
}

interface Candidate {
  encoding: Encoding;
  text: string;
  plausibility: Plausibility;
}

const LEGACY: readonly Encoding[] = ['gb18030', 'big5'];

function bomOf(bytes: Uint8Array): { encoding: Encoding; length: number } | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe && !(c === 0 && d === 0)) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

function isUtf32Bom(bytes: Uint8Array): boolean {
  const [a, b, c, d] = bytes;
  return (a === 0xff && b === 0xfe && c === 0 && d === 0) || (a === 0 && b === 0 && c === 0xfe && d === 0xff);
}

/** Below this share of frequent characters among its Han, a byte-order guess is not taken as Chinese. */
const UTF16_GUESS_MIN_COMMON_SHARE = 0.6;

/**
 * UTF-16 without a byte-order mark (what some Windows tools save as "Unicode"), read when one byte order
 * gives well-formed text that reads as Chinese. The other order turns every character into an unrelated
 * one (他 U+4ED6 into U+D64E), so frequent Han characters decide, as they decide between GB18030 and Big5.
 */
function bomlessUtf16(bytes: Uint8Array): Candidate | undefined {
  if (bytes.length % 2 !== 0) return undefined;
  let chosen: Candidate | undefined;
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    const text = tryDecode(bytes, encoding);
    if (text === undefined) continue;
    const plausibility = measure(text);
    if (plausibility.han < 2 || commonShare(plausibility) < UTF16_GUESS_MIN_COMMON_SHARE) continue;
    if (plausibility.bad > plausibility.length * 0.01) continue;
    if (!chosen || score(plausibility) > score(chosen.plausibility)) chosen = { encoding, text, plausibility };
  }
  return chosen;
}

/** NUL bytes on every other position are what UTF-16 without a byte-order mark looks like. */
function looksLikeBomlessUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) (i % 2 === 0 ? even++ : odd++);
  const pairs = n / 2;
  return pairs > 0 && (even > pairs * 0.3 || odd > pairs * 0.3) && Math.min(even, odd) < pairs * 0.05;
}

function chooseWithoutBom(name: string, bytes: Uint8Array): Candidate {
  const utf8 = tryDecodeUtf8(bytes);
  // Valid UTF-8 is UTF-8. A GB18030 or Big5 text of any length is almost never valid UTF-8, while a short
  // UTF-8 text often also decodes as a few legacy characters (`摄：` as `鎽勶細`): no reading of those can be
  // trusted over the validity itself.
  if (utf8 !== undefined) return { encoding: 'utf-8', text: utf8, plausibility: measure(utf8) };

  const utf8Offset = utf8ErrorOffset(bytes);
  const utf8Prefix = measure(tryDecode(bytes.subarray(0, utf8Offset), 'utf-8') ?? '');
  const valid: Candidate[] = [];
  for (const encoding of LEGACY) {
    const text = tryDecode(bytes, encoding);
    if (text !== undefined) valid.push({ encoding, text, plausibility: measure(text) });
  }
  const utf16 = bomlessUtf16(bytes);
  if (utf16) valid.push(utf16);
  if (valid.length > 0) {
    const chosen = best(valid);
    const share = commonShare(chosen.plausibility);
    const utf8LooksRight = utf8Prefix.han >= 20 && commonShare(utf8Prefix) > 2 * share;
    if (!utf8LooksRight && (share >= 0.05 || chosen.plausibility.han === 0)) return chosen;
    if (utf8LooksRight) throw invalid(name, 'utf-8', utf8Offset);
    throw new InputError(name, `invalid UTF-8 at byte ${utf8Offset}, and not readable as GB18030 or Big5 either`);
  }

  // Nothing decodes: report the error of the encoding that read the most sensible text before failing.
  let reportEncoding: Encoding = 'utf-8';
  let reportOffset = utf8Offset;
  let reportScore = score(utf8Prefix);
  for (const encoding of LEGACY) {
    const offset = errorOffset(bytes, encoding);
    const prefix = tryDecode(bytes.subarray(0, offset), encoding);
    const prefixScore = prefix === undefined ? -Infinity : score(measure(prefix));
    if (prefixScore > reportScore) {
      reportEncoding = encoding;
      reportOffset = offset;
      reportScore = prefixScore;
    }
  }
  throw invalid(name, reportEncoding, reportOffset);
}

function best(candidates: Candidate[]): Candidate {
  let chosen = candidates[0] as Candidate;
  for (const c of candidates.slice(1)) if (score(c.plausibility) > score(chosen.plausibility)) chosen = c;
  return chosen;
}

function decodeWithBom(name: string, bytes: Uint8Array, encoding: Encoding, bomLength: number): Candidate {
  const body = bytes.subarray(bomLength);
  const text = encoding === 'utf-8' ? tryDecodeUtf8(body) : tryDecode(body, encoding);
  if (text === undefined) throw invalid(name, encoding, bomLength + errorOffset(body, encoding));
  return { encoding, text, plausibility: measure(text) };
}

const HAN = /\p{Script=Han}/u;

export const EMPTY_FILE = 'empty file';
export const NO_CHINESE = 'no Chinese text in this file';

/** A numeric character reference (`&#25105;`, `&#x6211;`), as the markup stage reads one. */
const NUMERIC_REFERENCE = /&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7});/g;

/**
 * A page or export that spells every Chinese character as a numeric reference (`&#25105;&#20204;`, as
 * some tools save HTML and mail): those characters, so that the text is seen as Chinese, in its script,
 * before the markup stage. References to ASCII stay for that stage: `&#60;` must not become a tag.
 */
function withHanReferencesDecoded(candidate: Candidate): Candidate {
  if (candidate.text.indexOf('&#') < 0) return candidate;
  let sawHan = false;
  const text = candidate.text.replace(NUMERIC_REFERENCE, (all, body: string) => {
    const character = decodeEntity(body);
    const cp = character?.codePointAt(0) ?? 0;
    if (character === undefined || cp < 0x80) return all;
    sawHan ||= isHanCode(cp);
    return character;
  });
  return sawHan ? { ...candidate, text, plausibility: measure(text) } : candidate;
}

/** How clearly the bytes under a Western reading must read as Chinese to be taken instead of it. */
const MOJIBAKE_MIN_HAN = 4;
const MOJIBAKE_MIN_COMMON_SHARE = 0.5;

/**
 * A text without Han characters that is a Western reading of Chinese bytes (`æˆ‘ä»¬`, `ÎÒÃÇ`): those bytes,
 * decoded as any Chinese text is, when they read clearly as Chinese. Undefined for real Western text.
 */
function repairedMojibake(name: string, text: string): Candidate | undefined {
  const bytes = westernReadingBytes(text);
  if (bytes === undefined) return undefined;
  try {
    const candidate = chooseWithoutBom(name, bytes);
    const p = candidate.plausibility;
    return p.han >= MOJIBAKE_MIN_HAN && commonShare(p) >= MOJIBAKE_MIN_COMMON_SHARE && p.bad === 0 ? candidate : undefined;
  } catch {
    return undefined;
  }
}

export function decode(file: InputFile): DecodedText {
  const { name, path, bytes } = file;
  if (bytes.length === 0) throw new InputError(name, EMPTY_FILE);
  // Word documents and e-books (zips of UTF-8 XML) and Rich Text: their text is read out of them.
  const packaged = isDocx(bytes) ? docxText : isEpub(bytes) ? epubText : isRtf(bytes) ? rtfText : undefined;
  const kind = packaged ? undefined : binaryKind(bytes, name);
  if (kind !== undefined) throw new InputError(name, `not a text file (${kind})`);
  if (isUtf32Bom(bytes)) throw new InputError(name, 'UTF-32 text is not supported; save it as UTF-8');

  const bom = packaged ? undefined : bomOf(bytes);
  let chosen: Candidate;
  if (packaged) {
    const text = packaged(name, bytes);
    chosen = { encoding: 'utf-8', text, plausibility: measure(text) };
  } else if (bom) chosen = decodeWithBom(name, bytes, bom.encoding, bom.length);
  else {
    const nul = firstNul(bytes);
    const utf16 = nul >= 0 ? bomlessUtf16(bytes) : undefined;
    if (utf16) chosen = utf16;
    else if (nul >= 0) {
      const hint = looksLikeBomlessUtf16(bytes) ? '; it looks like UTF-16 without a byte-order mark, save it as UTF-8' : '';
      throw new InputError(name, `not a text file (NUL byte at ${nul})${hint}`);
    } else chosen = chooseWithoutBom(name, bytes);
  }

  if (!packaged && !HAN.test(chosen.text)) chosen = repairedMojibake(name, chosen.text) ?? withHanReferencesDecoded(chosen);
  const p = chosen.plausibility;
  if (p.bad > 0 && p.bad > p.length * 0.01) {
    throw new InputError(name, `not a text file (control or private-use characters in ${LABEL[chosen.encoding]} text)`);
  }
  const originalText = chosen.text;
  if (originalText.trim().length === 0) throw new InputError(name, EMPTY_FILE);
  if (!HAN.test(originalText)) throw new InputError(name, NO_CHINESE);
  // `p` was measured on this very text, so its script counts are those of countScriptMarkers.
  const traditionalInput = p.script ? mostlyTraditional(p.script) : isMostlyTraditional(originalText);
  const text = traditionalInput ? toSimplified(originalText) : originalText;
  return { name, path, text, encoding: chosen.encoding, traditionalInput, originalText };
}
