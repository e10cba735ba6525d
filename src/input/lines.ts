// lines: a text → its lines, each with a summary of the kinds of character it holds. One scan over the
// text answers, per line, the questions the later steps would otherwise each ask by scanning it again
// (any half-width punctuation? spaces? a dash? link or emphasis markup?); most Chinese lines answer no to
// all of them, and those steps then leave the line alone. A summary only ever says "may hold": every step
// after this one removes or replaces characters, never adds one of these kinds, so a line's summary
// stays true of whatever that line becomes.
import { MAY_MAP, unitFlags } from './chars.js';

/** Half-width `,:;?!.()"'`: what `fullWidthPunctuation` converts. */
export const PUNCTUATION_MARK = 1;
/** Space, tab, vertical tab, form feed: what `tidySpaces` removes or collapses. */
export const SPACE_MARK = 2;
/** `-` `－`: what `repairOcr` looks at. */
export const DASH_MARK = 4;
/**
 * `]` `|` `` ` `` `~` `{` `\` `］` `〕`: markdown structure — images and links (`](`), footnotes (`[^1]`,
 * `[1]`), tables, code fences, attribute braces and hard line breaks of converted documents.
 */
export const LINK_MARK = 8;
/** `*` `_`: emphasis. */
export const EMPHASIS_MARK = 16;
/** `版`: newspaper page markers. */
export const PAGE_MARK = 32;
/** Every kind: a line nothing is known about. */
export const ANY_MARK = 63;
/** A character `mapCharacters` may change, or a line break other than `\n`: the scan hands over to them. */
const SLOW = 64;
const NEWLINE = 128;

const MARK_OF = ((): Uint8Array => {
  const table = unitFlags([
    [',:;?!.()"\'', PUNCTUATION_MARK],
    [' \t\v\f', SPACE_MARK],
    ['-－', DASH_MARK],
    [']|`~{\\］〕', LINK_MARK],
    ['*_', EMPHASIS_MARK],
    ['版', PAGE_MARK],
    ['\r\u2028\u2029\u0085', SLOW],
  ]);
  for (let c = 0; c < 0x10000; c++) if (MAY_MAP[c] === 1) table[c] = SLOW;
  table[0x0a] = NEWLINE;
  return table;
})();

/** What one line may hold: a scan of that line alone. */
export function lineMarks(line: string): number {
  let marks = 0;
  for (let i = 0; i < line.length; i++) marks |= MARK_OF[line.charCodeAt(i)] as number;
  return marks & ANY_MARK;
}

export interface MarkedLines {
  lines: string[];
  /** Per line, the `…_MARK` bits of the kinds of character it may hold. */
  marks: number[];
}

/**
 * `text.split('\n')` and each line's marks, in one scan. Returns undefined when the text holds a character
 * `mapCharacters` may change or a line break other than `\n` (rare: the caller then takes the slow road).
 */
export function markedLines(text: string): MarkedLines | undefined {
  const lines: string[] = [];
  const marks: number[] = [];
  let start = 0;
  let current = 0;
  for (let i = 0; i < text.length; i++) {
    const mark = MARK_OF[text.charCodeAt(i)] as number;
    if (mark === 0) continue;
    if (mark === NEWLINE) {
      lines.push(text.slice(start, i));
      marks.push(current);
      start = i + 1;
      current = 0;
    } else if ((mark & SLOW) !== 0) return undefined;
    else current |= mark;
  }
  lines.push(text.slice(start));
  marks.push(current);
  return { lines, marks };
}
