// One reading token per character of a phrase, in CC-CEDICT's own notation, so that a CC-CEDICT reading,
// a pinyin-pro reading and a tone-sandhi rewrite can all be compared and combined before formatting.

export type Tone = 1 | 2 | 3 | 4 | 5;

/** A syllable in CC-CEDICT letters: lower case, `u:` for ü, tone 5 for the neutral tone. */
export interface Syllable {
  letters: string;
  tone: Tone;
}

/** A Han character's syllable, or any other character of the text kept as it is. */
export type ReadingToken = { kind: 'syllable'; syllable: Syllable } | { kind: 'other'; text: string };

const NUMBERED = /^([a-zü:]+?)([1-5])$/;

/** Parses `lu:3`, `Xue1`, `r5`, `lü4`, `men0`; returns undefined for anything else (CC-CEDICT's `xx5` too). */
export function parseNumbered(token: string): Syllable | undefined {
  const lower = token.toLowerCase().replace(/ü/g, 'u:').replace(/v/g, 'u:');
  const withTone = /[0-5]$/.test(lower) ? lower.replace(/0$/, '5') : `${lower}5`;
  const match = NUMBERED.exec(withTone);
  if (!match || match[1] === 'xx') return undefined;
  return { letters: match[1] ?? '', tone: Number(match[2]) as Tone };
}

export function toNumbered(s: Syllable): string {
  return `${s.letters}${s.tone}`;
}

const MARKS: Record<string, readonly string[]> = {
  a: ['ā', 'á', 'ǎ', 'à'],
  e: ['ē', 'é', 'ě', 'è'],
  i: ['ī', 'í', 'ǐ', 'ì'],
  o: ['ō', 'ó', 'ǒ', 'ò'],
  u: ['ū', 'ú', 'ǔ', 'ù'],
  ü: ['ǖ', 'ǘ', 'ǚ', 'ǜ'],
  m: ['m̄', 'ḿ', 'm̌', 'm̀'],
  n: ['n̄', 'ń', 'ň', 'ǹ'],
};

/** The standard placement rule: a or e takes the mark; in ou the o; otherwise the last vowel. */
export function toMarks(s: Syllable): string {
  const plain = s.letters.replace(/u:/g, 'ü');
  if (s.tone === 5) return plain;
  let at = plain.search(/[ae]/);
  if (at < 0) at = plain.indexOf('ou');
  if (at < 0) {
    for (let i = plain.length - 1; i >= 0; i--) {
      if ('iouü'.includes(plain[i] ?? '')) {
        at = i;
        break;
      }
    }
  }
  // Syllabic nasals (m, n, ng) carry the mark on their first letter.
  if (at < 0 && /^(m|n|ng|hm|hng)$/.test(plain)) at = plain.search(/[mn]/);
  if (at < 0) return plain;
  const vowel = plain[at] ?? '';
  const marked = MARKS[vowel]?.[s.tone - 1] ?? vowel;
  return plain.slice(0, at) + marked + plain.slice(at + 1);
}

const HALF_WIDTH: Record<string, string> = {
  '，': ',',
  '、': ',',
  '。': '.',
  '！': '!',
  '？': '?',
  '；': ';',
  '：': ':',
  '（': '(',
  '）': ')',
};
const OPENING = new Set(['(', '“', '‘', '《', '「', '『', '〈', '【', '"']);
const HAN = /^\p{Script=Han}$/u;

export function isHan(char: string): boolean {
  return HAN.test(char);
}

/**
 * Tone-mark form: syllables separated by spaces; punctuation attached to the syllable before it (opening
 * brackets and quotes to the one after), full-width clause punctuation written half-width; spaces and
 * runs of other characters (Latin letters, digits) kept as words.
 */
export function formatMarks(tokens: readonly ReadingToken[]): string {
  return formatTokens(tokens, toMarks);
}

/**
 * CC-CEDICT numbered form (`xue1 zu2 shi4 lu:3`): lower case, tone digits 1–5 with 5 for the neutral tone,
 * `u:` for ü, and punctuation as a token of its own (`yi1 bu4 zuo4 , er4 bu4 xiu1`), as CC-CEDICT writes
 * multi-clause entries.
 */
export function formatNumbered(tokens: readonly ReadingToken[]): string {
  const words: string[] = [];
  let pendingOther = '';
  const flush = (): void => {
    if (pendingOther.trim()) words.push(pendingOther.trim());
    pendingOther = '';
  };
  for (const token of tokens) {
    if (token.kind === 'syllable') {
      flush();
      words.push(toNumbered(token.syllable));
    } else if (HALF_WIDTH[token.text] !== undefined || /^\p{P}$/u.test(token.text)) {
      flush();
      words.push(HALF_WIDTH[token.text] ?? token.text);
    } else if (/\s/.test(token.text)) {
      flush();
    } else {
      pendingOther += token.text;
    }
  }
  flush();
  return words.join(' ');
}

function formatTokens(tokens: readonly ReadingToken[], syllable: (s: Syllable) => string): string {
  let out = '';
  let glueNext = false;
  let previousWasWordChar = false;
  for (const token of tokens) {
    if (token.kind === 'syllable') {
      if (out && !glueNext && !out.endsWith(' ')) out += ' ';
      out += syllable(token.syllable);
      glueNext = false;
      previousWasWordChar = false;
      continue;
    }
    const text = HALF_WIDTH[token.text] ?? token.text;
    if (/^\s+$/.test(text)) {
      if (out && !out.endsWith(' ')) out += ' ';
      glueNext = false;
      previousWasWordChar = false;
    } else if (OPENING.has(text)) {
      if (out && !out.endsWith(' ')) out += ' ';
      out += text;
      glueNext = true;
      previousWasWordChar = false;
    } else if (/^\p{P}$/u.test(text)) {
      out += text;
      glueNext = false;
      previousWasWordChar = false;
    } else {
      // Latin letters and digits: consecutive ones form one word.
      if (out && !glueNext && !previousWasWordChar && !out.endsWith(' ')) out += ' ';
      out += text;
      glueNext = false;
      previousWasWordChar = true;
    }
  }
  return out.trim();
}
