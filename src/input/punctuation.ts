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

/** The half-width marks that become their full-width form in Chinese context, by code unit. */
const FULL_WIDTH = new Map<number, string>([
  [0x2c, '，'],
  [0x3a, '：'],
  [0x3b, '；'],
  [0x3f, '？'],
  [0x21, '！'],
]);
const CLOSER_CODES = new Set(Array.from('”’」』）)》】〕"', (c) => c.charCodeAt(0)));
/** The marks `fullWidthPunctuation` looks at, by code unit. */
const SPECIAL_CODES = new Uint8Array(0x10000);
for (const ch of ',:;?!.()"\'“”') SPECIAL_CODES[ch.charCodeAt(0)] = 1;
const HAN_BLOCK = /[\u4e00-\u9fff]/;

// The helpers below take the text as a parameter rather than closing over it: a captured string is read
// from the closure's context on every access, which made the scan several times slower.

/** The code unit before `i`, skipping a few spaces; -1 at the start. */
function prevNonSpace(text: string, i: number): number {
  let j = i - 1;
  // Bounded look-back: a long run of spaces before punctuation is not Chinese context anyway.
  for (let k = 0; j >= 0 && k < 16 && isSpace(text.charCodeAt(j)); k++) j--;
  return j >= 0 ? text.charCodeAt(j) : -1;
}

/** The code unit after `i`, skipping a few spaces; -1 at the end. */
function nextNonSpace(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  for (let k = 0; j < n && k < 16 && isSpace(text.charCodeAt(j)); k++) j++;
  return j < n ? text.charCodeAt(j) : -1;
}

/** In Chinese text a straight quote or bracket next to the mark becomes full-width itself. */
function cjkSide(code: number, hasHan: boolean): boolean {
  return code >= 0 && (isCjk(code) || (hasHan && (code === 0x22 || code === 0x29)));
}

/** Convert half-width punctuation that sits in Chinese text. */
export function fullWidthPunctuation(text: string): string {
  const n = text.length;
  const hasHan = HAN_BLOCK.test(text);
  const parts: string[] = [];
  let copiedUpTo = 0;
  let inDouble = false;
  let inSingle = false;
  const parens: boolean[] = [];

  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (SPECIAL_CODES[code] !== 1 || i < copiedUpTo) continue;
    // Curly quotes only track which straight quote comes next; they need none of the context below.
    if (code === 0x201c) {
      inDouble = true;
      continue;
    }
    if (code === 0x201d) {
      inDouble = false;
      continue;
    }
    const prev = prevNonSpace(text, i);
    const next = nextNonSpace(text, i);
    const chineseSide = cjkSide(prev, hasHan) || cjkSide(next, hasHan);
    // What replaces text[start, end), if anything.
    const start = i;
    let by: string | undefined;
    let end = i + 1;
    const wide = FULL_WIDTH.get(code);
    if (wide !== undefined) {
      if (chineseSide && !(isDigit(prev) && isDigit(next))) by = wide;
    } else if (code === 0x2e) {
      let j = i;
      while (j < n && text.charCodeAt(j) === 0x2e) j++;
      if (j - i >= 3 && chineseSide) by = '……';
      else if (j - i === 1 && prev >= 0 && isHan(prev) && (next < 0 || next === 0x0a || next === 0x0d || isHan(next) || CLOSER_CODES.has(next))) by = '。';
      end = j;
      // The run of dots is done with: the scan goes on after it.
      i = j - 1;
    } else if (code === 0x28) {
      parens.push(chineseSide);
      if (chineseSide) by = '（';
    } else if (code === 0x29) {
      const opened = parens.pop();
      if (opened ?? chineseSide) by = '）';
    } else if (code === 0x22) {
      if (hasHan) by = inDouble ? '”' : '“';
      inDouble = !inDouble;
    } else if (code === 0x27 && chineseSide && !(isLatin(prev) && isLatin(next))) {
      by = inSingle ? '’' : '‘';
      inSingle = !inSingle;
    }
    if (by !== undefined) {
      parts.push(text.slice(copiedUpTo, start), by);
      copiedUpTo = end;
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

/** Whether a run of spaces (space, tab, VT, FF) occurs at all (most Chinese paragraphs have none). */
export function hasSpaceRun(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isSpace(text.charCodeAt(i))) return true;
  return false;
}

export interface TidiedSpaces {
  /** Spaces between words kept, also between Han words (a headline's clause separator). */
  spaced: string;
  /** No space touching Chinese text. */
  body: string;
}

/** `parts` joined after the rest of `text` from `copiedUpTo`; `text` itself when nothing was replaced. */
function assemble(text: string, parts: string[], copiedUpTo: number): string {
  if (copiedUpTo === 0) return text;
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}

/** Whether the white-space run `[start, end)` holds a tab and follows a number. */
function isNumberColumnBreak(text: string, start: number, end: number): boolean {
  if (start === 0 || !isDigit(text.charCodeAt(start - 1))) return false;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 0x09) return true;
  return false;
}

const ARTICLE_LABEL_ENDS = new Set(Array.from('条章节款', (c) => c.charCodeAt(0)));
/** `第一条`, `第十二章`, `第3节` right before `end`: the label of a law's or a report's article. */
const ARTICLE_LABEL = /第[〇零一二两三四五六七八九十百千0-9]{1,8}[条章节款]$/;

/**
 * Whether an article label (`第一条　`) opening a line or clause ends where a space starts: laws,
 * regulations and party documents set the label off with a space, and without it the label runs into the
 * article's first words. Inside a sentence (`这是第一条 路`) the space is OCR debris like any other.
 */
function endsWithArticleLabel(text: string, end: number): boolean {
  if (!ARTICLE_LABEL_ENDS.has(text.charCodeAt(end - 1))) return false;
  const from = Math.max(0, end - 10);
  const label = ARTICLE_LABEL.exec(text.slice(from, end));
  if (label === null) return false;
  const labelStart = from + label.index;
  return labelStart === 0 || !isHan(text.charCodeAt(labelStart - 1));
}

/**
 * Remove whitespace that touches Chinese text; collapse the rest to one space; trim. A space after an
 * article label (`第一条 `) stays in both readings. `spaced` also keeps
 * a space that does not touch CJK punctuation (a headline's clause separator: `有分歧在所难免 关键要…`).
 * Both readings come from one code-unit scan for the runs, since normalise needs both of every paragraph.
 */
export function tidySpacesBoth(text: string): TidiedSpaces {
  const n = text.length;
  const spacedParts: string[] = [];
  const bodyParts: string[] = [];
  let spacedUpTo = 0;
  let bodyUpTo = 0;
  for (let start = 0; start < n; start++) {
    if (!isSpace(text.charCodeAt(start))) continue;
    let end = start + 1;
    while (end < n && isSpace(text.charCodeAt(end))) end++;
    let prev = start > 0 ? text.charCodeAt(start - 1) : -1;
    if (prev >= 0xdc00 && prev <= 0xdfff && start >= 2) prev = text.charCodeAt(start - 2);
    const next = end < n ? text.charCodeAt(end) : -1;
    let body = '';
    let spaced = '';
    if (prev >= 0 && next >= 0) {
      if (!isCjk(prev) && !isCjk(next)) body = spaced = ' ';
      else if (isHan(next) && endsWithArticleLabel(text, start)) body = spaced = ' ';
      // A tab after a number is the column break of a numbered row (pasted from a spreadsheet or a numbered
      // list: `1<tab>我们要…`): the number stays apart. Between Han characters a tab may split a word as an
      // OCR space does (`实事<tab>求是`), so there it goes like one.
      else if (isNumberColumnBreak(text, start, end) && isWordlike(next)) body = spaced = ' ';
      else if (isWordlike(prev) && isWordlike(next)) spaced = ' ';
    }
    // A single space that stays a space needs no copy.
    const oneSpace = end - start === 1 && text.charCodeAt(start) === 0x20;
    if (!(oneSpace && body === ' ')) {
      bodyParts.push(text.slice(bodyUpTo, start), body);
      bodyUpTo = end;
    }
    if (!(oneSpace && spaced === ' ')) {
      spacedParts.push(text.slice(spacedUpTo, start), spaced);
      spacedUpTo = end;
    }
    // The run is done with: the scan goes on after it (text[end] is no space).
    start = end;
  }
  return { spaced: assemble(text, spacedParts, spacedUpTo), body: assemble(text, bodyParts, bodyUpTo) };
}

/** One reading of `tidySpacesBoth`: `spaced` with `keepBetweenHan`, else `body`. */
export function tidySpaces(text: string, keepBetweenHan = false): string {
  const tidied = tidySpacesBoth(text);
  return keepBetweenHan ? tidied.spaced : tidied.body;
}
