// Page furniture of text extracted or pasted from a PDF or a printed page: page numbers on lines of their
// own (`- 3 -`, `第3页 共10页`, `3/10`), form feeds, and the running headers and footers repeated beside
// them. Dropped, so that a sentence cut by a page break joins up again without a header inside it.
import { SPACE_MARK } from './lines.js';
import { isHan } from './punctuation.js';

/** Longest trimmed line that can be a page number (`第 12 页 共 120 页` with spaces). */
const PAGE_NUMBER_MAX = 24;
/** Longest line that can be a running header or footer. */
const RUNNING_LINE_MAX = 40;
/** Non-empty lines on each side of a page break where a running header or footer stands. */
const RUNNING_LINE_REACH = 2;

const PAGE_NUMBER =
  /^(?:[-—–－~·•\s]*\d{1,4}[-—–－~·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，、/／]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*[,，、/／]?\s*第\s*\d{1,4}\s*页|\d{1,4}\s*[/／]\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?)$/i;

/** A line ending so is a sentence, a clause or a label (`记者：`), never a running header. */
const ENDS_PROSE = /[。！？；：!?;:，,、…]$/;

export function isPageNumberLine(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length > 0 && trimmed.length <= PAGE_NUMBER_MAX && PAGE_NUMBER.test(trimmed);
}

/**
 * The indices of `lines` that are page furniture, or undefined when the text shows no page break.
 * `marks`: the lines' marks (lines.ts), when known: only a line marked as holding white space is searched
 * for a form feed. A page
 * break is a page-number line or a form feed; a running header or footer is a short line, not ending as
 * prose does, that recurs in the text and stands within two lines of a page break. The text's first line
 * (its title, which a running header often repeats) is kept.
 */
export function pageFurniture(lines: readonly string[], marks?: readonly number[]): Set<number> | undefined {
  let furniture: Set<number> | undefined;
  const breaks: number[] = [];
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as string;
    if (line.length === 0) continue;
    if ((marks === undefined || ((marks[k] ?? SPACE_MARK) & SPACE_MARK) !== 0) && line.includes('\f')) {
      breaks.push(k);
      continue;
    }
    // Every page number starts with a digit, a dash, 第, 共, a letter or a space, never another Han
    // character: most lines are ruled out by their first unit.
    const first = line.charCodeAt(0);
    if (isHan(first) ? first !== 0x7b2c && first !== 0x5171 : line.length > 4 * PAGE_NUMBER_MAX) continue;
    if (isPageNumberLine(line)) {
      (furniture ??= new Set()).add(k);
      breaks.push(k);
    }
  }
  if (breaks.length === 0) return undefined;
  furniture ??= new Set();

  const nearBreaks = new Set<number>();
  for (const at of breaks) {
    if (lines[at]?.includes('\f')) nearBreaks.add(at);
    for (const step of [-1, 1]) {
      let seen = 0;
      for (let k = at + step; k >= 0 && k < lines.length && seen < RUNNING_LINE_REACH; k += step) {
        if ((lines[k] as string).trim().length === 0 || furniture.has(k)) continue;
        nearBreaks.add(k);
        seen++;
      }
    }
  }
  const candidate = (k: number): string | undefined => {
    const text = (lines[k] as string).replaceAll('\f', '').trim();
    return text.length > 0 && text.length <= RUNNING_LINE_MAX && !ENDS_PROSE.test(text) ? text : undefined;
  };
  const occurrences = new Map<string, number>();
  for (const k of nearBreaks) {
    const text = candidate(k);
    if (text !== undefined) occurrences.set(text, 0);
  }
  if (occurrences.size === 0) return furniture;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as string;
    if (line.length > 2 * RUNNING_LINE_MAX) continue;
    const text = line.replaceAll('\f', '').trim();
    const count = occurrences.get(text);
    if (count !== undefined) occurrences.set(text, count + 1);
  }
  // The first line is the title, which a running header often repeats: it stays where it opens the text.
  let firstLine = 0;
  while (firstLine < lines.length && (lines[firstLine] as string).trim().length === 0) firstLine++;
  for (const k of nearBreaks) {
    const text = candidate(k);
    if (k !== firstLine && text !== undefined && (occurrences.get(text) ?? 0) >= 2) furniture.add(k);
  }
  return furniture;
}
