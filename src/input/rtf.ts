// Rich Text (.rtf), what macOS TextEdit saves by default and Word offers: the document's text, its
// formatting and tables of fonts, colours and styles dropped. Chinese comes either as Unicode escapes
// (`\u25105?`) or as bytes in the code page of the font it is set in (`\'ce\'d2` in a GB2312 font), so the
// font table is read to know each font's character set.
import { InputError } from '../cli/errors.js';

/** Groups that hold no text of the document: tables, metadata, pictures, page furniture. */
const SKIPPED_GROUPS = new Set([
  'fonttbl', 'colortbl', 'expandedcolortbl', 'stylesheet', 'info', 'pict', 'listtable', 'listoverridetable',
  'rsidtbl', 'generator', 'xmlnstbl', 'themedata', 'colorschememapping', 'datastore', 'latentstyles',
  'header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl', 'footerr', 'footerf', 'object',
  'shppict', 'nonshppict', 'footnote', 'fldinst', 'revtbl', 'pgdsctbl', 'filetbl',
]);

/** `\fcharsetN` → the encoding its bytes are in (the RTF specification's table, the Chinese ones first). */
const CHARSET_ENCODING: Record<number, string> = {
  134: 'gbk',
  136: 'big5',
  0: 'windows-1252',
  128: 'shift_jis',
  129: 'euc-kr',
  161: 'windows-1253',
  162: 'windows-1254',
  177: 'windows-1255',
  178: 'windows-1256',
  186: 'windows-1257',
  204: 'windows-1251',
  222: 'windows-874',
  238: 'windows-1250',
};

/** Control words that stand for a character. */
const MARKS: Record<string, string> = {
  emdash: '—',
  endash: '–',
  lquote: '‘',
  rquote: '’',
  ldblquote: '“',
  rdblquote: '”',
  bullet: '•',
};

/** `\ansicpgN` → encoding. */
function codePageEncoding(page: number): string {
  if (page === 936) return 'gbk';
  if (page === 950) return 'big5';
  if (page === 932) return 'shift_jis';
  if (page === 949) return 'euc-kr';
  return page >= 1250 && page <= 1258 ? `windows-${page}` : 'windows-1252';
}

export function isRtf(bytes: Uint8Array): boolean {
  // `{\rtf`
  return bytes[0] === 0x7b && bytes[1] === 0x5c && bytes[2] === 0x72 && bytes[3] === 0x74 && bytes[4] === 0x66;
}

const TOKEN = /\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|([^\\{}\r\n]+)|[\r\n]+/g;

interface Group {
  /** Holds no text of the document (a table, metadata, a `{\*\…}` destination), nor do its subgroups. */
  skip: boolean;
  /** Inside the font table. */
  fonts: boolean;
  /** The font the text is set in (`\fN`). */
  font: number;
  /** Characters of fallback to drop after a `\u` escape (`\ucN`). */
  fallback: number;
}

/** The text of an RTF document (its bytes read as Latin-1, as RTF is 7-bit with escapes). */
export function rtfText(name: string, bytes: Uint8Array): string {
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!source.startsWith('{\\rtf')) throw new InputError(name, 'not a readable RTF document');
  const fontCharsets = new Map<number, number>();
  let defaultEncoding = 'windows-1252';
  const out: string[] = [];
  let pendingBytes: number[] = [];
  let pendingEncoding = defaultEncoding;
  let group: Group = { skip: false, fonts: false, font: -1, fallback: 1 };
  const stack: Group[] = [];
  let skipChars = 0;
  // Just after `{` (and after `{\*`): the next control word may name the group as one to skip.
  let groupStart = false;
  let starred = false;
  // The font the font table is describing.
  let defining = -1;

  const encodingOf = (font: number): string => {
    const charset = fontCharsets.get(font);
    return charset !== undefined ? (CHARSET_ENCODING[charset] ?? defaultEncoding) : defaultEncoding;
  };
  const flushBytes = (): void => {
    if (pendingBytes.length === 0) return;
    out.push(new TextDecoder(pendingEncoding).decode(Uint8Array.from(pendingBytes)));
    pendingBytes = [];
  };
  const emit = (text: string): void => {
    flushBytes();
    out.push(text);
  };

  for (const match of source.matchAll(TOKEN)) {
    const [, word, parameter, hex, symbol, brace, text] = match;
    const opening = groupStart;
    groupStart = false;
    if (brace === '{') {
      stack.push(group);
      group = { ...group };
      groupStart = true;
      starred = false;
      continue;
    }
    if (brace === '}') {
      group = stack.pop() ?? group;
      // Fallback text never runs past the group of its escape.
      skipChars = 0;
      continue;
    }
    if (symbol === '*' && opening) {
      starred = true;
      groupStart = true;
      continue;
    }
    if (word !== undefined) {
      if (opening) {
        if (word === 'fonttbl') group.fonts = true;
        else if (starred || SKIPPED_GROUPS.has(word)) group.skip = true;
        starred = false;
      }
      const n = parameter === undefined ? undefined : Number(parameter);
      if (group.fonts) {
        if (word === 'f' && n !== undefined) defining = n;
        else if (word === 'fcharset' && n !== undefined && defining >= 0) fontCharsets.set(defining, n);
        continue;
      }
      if (group.skip) continue;
      switch (word) {
        case 'ansicpg':
          if (n !== undefined) defaultEncoding = codePageEncoding(n);
          break;
        case 'f':
          if (n !== undefined) group.font = n;
          break;
        case 'uc':
          if (n !== undefined) group.fallback = n;
          break;
        case 'u':
          if (n !== undefined) {
            emit(String.fromCharCode(n < 0 ? n + 0x10000 : n));
            skipChars = group.fallback;
          }
          break;
        case 'par':
        case 'line':
        case 'sect':
        case 'page':
        case 'row':
          emit('\n');
          break;
        case 'tab':
        case 'cell':
          emit('\t');
          break;
        default: {
          const mark = MARKS[word];
          if (mark !== undefined) emit(mark);
        }
      }
      continue;
    }
    if (group.skip || group.fonts) continue;
    if (hex !== undefined) {
      if (skipChars > 0) {
        skipChars--;
        continue;
      }
      const encoding = encodingOf(group.font);
      if (pendingBytes.length > 0 && encoding !== pendingEncoding) flushBytes();
      pendingEncoding = encoding;
      pendingBytes.push(Number.parseInt(hex, 16));
      continue;
    }
    if (symbol !== undefined) {
      if (skipChars > 0) {
        skipChars--;
        continue;
      }
      if (symbol === '\\' || symbol === '{' || symbol === '}') emit(symbol);
      else if (symbol === '~') emit('\u00a0');
      else if (symbol === '\n' || symbol === '\r') emit('\n');
      continue;
    }
    if (text !== undefined) {
      let rest = text;
      if (skipChars > 0) {
        const dropped = Math.min(skipChars, rest.length);
        rest = rest.slice(dropped);
        skipChars -= dropped;
      }
      if (rest.length > 0) emit(rest);
    }
  }
  flushBytes();
  return out.join('');
}
