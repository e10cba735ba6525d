// Punctuation and spacing in Chinese context: half-width marks next to Chinese become full-width, straight
// quotes become paired curly quotes, and spaces touching Chinese (OCR and PDF line-wrap debris) go, while
// spaces between Latin words and numbers stay. Each function is one linear pass that copies unchanged
// stretches as slices (a 50 MB paragraph must not become 50 M one-character strings).

/** Han characters, CJK punctuation and full-width forms: text in which spaces are not word separators. */
export function isCjk(code: number): boolean {
  return (
    isHan(code) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xff00 && code <= 0xffef) ||
    code === 0x201c ||
    code === 0x201d ||
    code === 0x2018 ||
    code === 0x2019 ||
    code === 0x2014 ||
    code === 0x2026 ||
    code === 0x00b7
  );
}

/** Han by UTF-16 code unit; high surrogates D840–D87F start the CJK extension planes' characters. */
export function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xd840 && code <= 0xd87f)
  );
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0b || code === 0x0c;
}

function isLatin(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

const FULL_WIDTH: Record<string, string> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！' };
const CLOSER_CODES = new Set(Array.from('”’」』）)》】〕"', (c) => c.charCodeAt(0)));
/** The marks `fullWidthPunctuation` looks at, by code unit. */
const SPECIAL_CODES = new Uint8Array(0x10000);
for (const ch of ',:;?!.()"\'“”') SPECIAL_CODES[ch.charCodeAt(0)] = 1;

/** Convert half-width punctuation that sits in Chinese text. */
export function fullWidthPunctuation(text: string): string {
  const n = text.length;
  const hasHan = /[\u4e00-\u9fff]/.test(text);
  const parts: string[] = [];
  let copiedUpTo = 0;
  let inDouble = false;
  let inSingle = false;
  const parens: boolean[] = [];

  const prevNonSpace = (i: number): number => {
    let j = i - 1;
    // Bounded look-back: a long run of spaces before punctuation is not Chinese context anyway.
    for (let k = 0; j >= 0 && k < 16 && isSpace(text.charCodeAt(j)); k++) j--;
    return j >= 0 ? text.charCodeAt(j) : -1;
  };
  const nextNonSpace = (i: number): number => {
    let j = i + 1;
    for (let k = 0; j < n && k < 16 && isSpace(text.charCodeAt(j)); k++) j++;
    return j < n ? text.charCodeAt(j) : -1;
  };
  // In Chinese text a straight quote or bracket next to the mark becomes full-width itself.
  const cjkSide = (code: number): boolean => code >= 0 && (isCjk(code) || (hasHan && (code === 0x22 || code === 0x29)));
  const replace = (start: number, end: number, by: string): void => {
    parts.push(text.slice(copiedUpTo, start), by);
    copiedUpTo = end;
  };

  for (let i = 0; i < n; i++) {
    if (SPECIAL_CODES[text.charCodeAt(i)] !== 1 || i < copiedUpTo) continue;
    const ch = text[i] as string;
    // Curly quotes only track which straight quote comes next; they need none of the context below.
    if (ch === '“') {
      inDouble = true;
      continue;
    }
    if (ch === '”') {
      inDouble = false;
      continue;
    }
    const prev = prevNonSpace(i);
    const next = nextNonSpace(i);
    const chineseSide = cjkSide(prev) || cjkSide(next);
    if (ch in FULL_WIDTH) {
      if (chineseSide && !(isDigit(prev) && isDigit(next))) replace(i, i + 1, FULL_WIDTH[ch] as string);
    } else if (ch === '.') {
      let j = i;
      while (j < n && text.charCodeAt(j) === 0x2e) j++;
      if (j - i >= 3 && chineseSide) replace(i, j, '……');
      else if (j - i === 1 && prev >= 0 && isHan(prev) && (next < 0 || isHan(next) || CLOSER_CODES.has(next))) replace(i, j, '。');
      // The run of dots is done with: the scan goes on after it.
      i = j - 1;
    } else if (ch === '(') {
      parens.push(chineseSide);
      if (chineseSide) replace(i, i + 1, '（');
    } else if (ch === ')') {
      const opened = parens.pop();
      if (opened ?? chineseSide) replace(i, i + 1, '）');
    } else if (ch === '"') {
      if (hasHan) replace(i, i + 1, inDouble ? '”' : '“');
      inDouble = !inDouble;
    } else if (ch === "'" && chineseSide && !(isLatin(prev) && isLatin(next))) {
      replace(i, i + 1, inSingle ? '’' : '‘');
      inSingle = !inSingle;
    }
  }
  if (copiedUpTo === 0) return text;
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}

/** Anything but CJK punctuation: between two of these a headline's space is a separator. */
function isWordlike(code: number): boolean {
  return isHan(code) || !isCjk(code);
}

const SPACE_RUN = /[ \t\v\f]+/g;

/** Whether SPACE_RUN occurs at all (most Chinese paragraphs have no space): a scan without a match object. */
export function hasSpaceRun(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c) return true;
  }
  return false;
}

/**
 * Remove whitespace that touches Chinese text; collapse the rest to one space; trim. With
 * `keepBetweenHan`, a space that does not touch CJK punctuation is kept (a headline's clause separator:
 * `有分歧在所难免 关键要…`).
 */
export function tidySpaces(text: string, keepBetweenHan = false): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  SPACE_RUN.lastIndex = 0;
  for (let m = SPACE_RUN.exec(text); m !== null; m = SPACE_RUN.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    let prev = start > 0 ? text.charCodeAt(start - 1) : -1;
    if (prev >= 0xdc00 && prev <= 0xdfff && start >= 2) prev = text.charCodeAt(start - 2);
    const next = end < text.length ? text.charCodeAt(end) : -1;
    let by = '';
    if (prev >= 0 && next >= 0) {
      if (!isCjk(prev) && !isCjk(next)) by = ' ';
      else if (keepBetweenHan && isWordlike(prev) && isWordlike(next)) by = ' ';
    }
    if (by === m[0]) continue;
    parts.push(text.slice(copiedUpTo, start), by);
    copiedUpTo = end;
  }
  if (copiedUpTo === 0) return text;
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}
