// Recognising bytes that are not text at all, from their magic numbers, so the user gets "x.png: not a
// text file (PNG image)" instead of a wall of decoding errors.

interface Signature {
  what: string;
  offset: number;
  bytes: readonly number[];
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** A compound file: Word 97–2003, WPS, old Excel, and also any Office file saved with a password. */
const OLD_OFFICE = 'a Word 97–2003, WPS or other old Office document; save it as .docx or text first';
const ENCRYPTED_OFFICE = 'a password-protected Office document; save a copy without the password';

const SIGNATURES: readonly Signature[] = [
  { what: 'PNG image', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { what: 'JPEG image', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { what: 'GIF image', offset: 0, bytes: ascii('GIF8') },
  { what: 'WebP image', offset: 8, bytes: ascii('WEBP') },
  { what: 'TIFF image', offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00] },
  { what: 'TIFF image', offset: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { what: 'PDF document; extract its text first', offset: 0, bytes: ascii('%PDF-') },
  { what: 'ZIP archive: an .apkg or other package', offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { what: 'ZIP archive', offset: 0, bytes: [0x50, 0x4b, 0x05, 0x06] },
  { what: 'gzip archive', offset: 0, bytes: [0x1f, 0x8b] },
  { what: '7z archive', offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { what: 'RAR archive', offset: 0, bytes: ascii('Rar!\x1a\x07') },
  { what: 'xz archive', offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { what: 'bzip2 archive', offset: 0, bytes: ascii('BZh') },
  { what: 'Zstandard archive', offset: 0, bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { what: 'SQLite database', offset: 0, bytes: ascii('SQLite format 3\0') },
  { what: OLD_OFFICE, offset: 0, bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { what: 'ELF executable', offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { what: 'WebAssembly module', offset: 0, bytes: [0x00, 0x61, 0x73, 0x6d] },
  { what: 'MP3 audio', offset: 0, bytes: ascii('ID3') },
  { what: 'Ogg media', offset: 0, bytes: ascii('OggS') },
  { what: 'MP4/QuickTime media', offset: 4, bytes: ascii('ftyp') },
  { what: 'RIFF media (WAV/AVI)', offset: 0, bytes: ascii('RIFF') },
];

function matches(bytes: Uint8Array, sig: Signature): boolean {
  if (bytes.length < sig.offset + sig.bytes.length) return false;
  for (let i = 0; i < sig.bytes.length; i++) if (bytes[sig.offset + i] !== sig.bytes[i]) return false;
  return true;
}

/** A short description of a known binary format, or undefined when the bytes may be text. */
/**
 * What kind of binary file the bytes are, or undefined for text. `name` tells a password-protected
 * `.docx` (a compound file holding the encrypted package) from an old Word document.
 */
export function binaryKind(bytes: Uint8Array, name = ''): string | undefined {
  for (const sig of SIGNATURES) {
    if (!matches(bytes, sig)) continue;
    if (sig.what === OLD_OFFICE && /\.(docx|xlsx|pptx)$/i.test(name)) return ENCRYPTED_OFFICE;
    // "BZh" also starts ordinary English; a real bzip2 header continues with a block-size digit.
    if (sig.what === 'bzip2 archive' && !(bytes[3] !== undefined && bytes[3] >= 0x31 && bytes[3] <= 0x39)) continue;
    return sig.what;
  }
  return undefined;
}

/** Offset of the first NUL byte, or -1. */
export function firstNul(bytes: Uint8Array): number {
  return bytes.indexOf(0);
}
