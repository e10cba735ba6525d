// Line-level markup: markdown headings, emphasis, list markers and bullets, images and links, footnote
// marks, table rules, attribute braces and hard breaks, web addresses, rules, newspaper page markers. Every pattern is anchored or bounded, so no line can make a regex backtrack
// for long.
import { ANY_MARK, EMPHASIS_MARK, LINK_MARK, PAGE_MARK, PUNCTUATION_MARK } from './lines.js';

export interface LineMarkup {
  text: string;
  /** A markdown heading (`#`…) or a `·…·` section header. */
  heading: boolean;
  /** Started with a list marker or a bullet such as `■`. */
  bulleted: boolean;
  /** The line was pure markup (a rule or a page marker) and is dropped. */
  dropped: boolean;
  /** Characters removed. */
  removed: number;
}

const MD_HEADING = /^#{1,6}[ \t]+/;
const BLOCKQUOTE = /^(?:>[ \t]?)+/;
const LIST_MARKER = /^(?:[-*+]|\d{1,3}[.)])[ \t]+/;
const BULLET = /^[■□●○◆◇▲△▼▽►▶•・★☆※◎◉❖➤→▪▫◼◻][ \t]*/;
// The title starts with a visible character, so the spaces before it can be read only one way.
const DOTTED_HEADER = /^[·•・][ \t]*([^·•・ \t][^·•・]{0,39}?)[ \t]*[·•・]$/;
const BRACKET_HEADER = /^【([^】]{1,30})】$/;
const RULE = /^(?:[-*_=~][ \t]*){3,}$/;
/** A markdown table's header separator: `| --- | :---: |`. */
const TABLE_RULE = /^\|?(?:[ \t]*:?-{3,}:?[ \t]*\|){1,40}(?:[ \t]*:?-{3,}:?[ \t]*)?$/;
/** A span with attributes, as converters from Word write it: `[text]{.underline}` → `text`. */
const ATTRIBUTED_SPAN = /\[([^\]\n]{1,300})\]\{[^{}\n]{0,200}\}/g;
/** Attributes left after emphasis or a heading: `**text**{.mark}`, `{#id}`. */
const ATTRIBUTES = /\{[.#][^{}\n]{0,200}\}/g;
/**
 * A numbered note mark right after the text it annotates (`精益求精[1]，`, `〔12〕`): a bracketed number
 * after a Han character or closing punctuation. At the start of a line such a number is a list label,
 * and stays.
 */
const NOTE_MARK = /(?<=[\u4e00-\u9fff”’》）。，；：！？])(?:\[\d{1,3}\]|［\d{1,3}］|〔\d{1,3}〕)/g;
/** A footnote reference `[^1]`, or the label `[^1]:` opening its definition. */
const FOOTNOTE = /\[\^[^\]\s]{1,30}\](?::[ \t]*)?/g;
/**
 * A web address: `<…>` (an autolink), or `http://`, `https://`, `ftp://`, `www.` and the characters an
 * address may hold unescaped (ASCII only: a Han character after it is the text going on).
 */
const URL = /<(?:https?|ftp):\/\/[^\s<>]{1,2000}>|(?:(?:https?|ftp):\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]{1,2000}/g;
const IMAGE = /!\[[^\]\n]{0,300}\]\([^)\n]{0,1000}\)/g;
const LINK = /\[([^\]\n]{1,300})\]\([^)\s]{1,1000}\)/g;
/** `(上接1版)` `（下转第3版）` `(紧接第一版)`: where a newspaper article continues. */
export const PAGE_MARKER = /[(（][ \t]{0,8}(?:上接|下转|下轉|紧接|緊接|接|转|轉|转至|轉至|转接|轉接|上转|上轉|下接)[ \t]{0,8}(?:第[ \t]{0,8})?[0-9一二三四五六七八九十]{1,3}[ \t]{0,8}版[ \t]{0,8}[)）]/g;
const END_MARKER = /[(（](?:完|全文完)[)）]$/;

/** `## Title ##` → `## Title`; done by hand because a regex anchored at `$` rescans long space runs. */
function withoutClosingHashes(text: string): string {
  let end = text.trimEnd().length;
  const hashesEnd = end;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === hashesEnd || end === 0) return text;
  const before = text[end - 1];
  return before === ' ' || before === '\t' ? text.slice(0, end).trimEnd() : text;
}

/** A line as markup is taken out of it, and how many characters went. */
interface Stripped {
  text: string;
  removed: number;
}

/** Replaces every match of `pattern` in the line, counting the characters removed. */
function strip(line: Stripped, pattern: RegExp, replacement: string | ((m: string, ...g: string[]) => string)): void {
  const before = line.text.length;
  line.text = typeof replacement === 'string' ? line.text.replace(pattern, replacement) : line.text.replace(pattern, replacement);
  line.removed += before - line.text.length;
}

const TRAILING_BACKSLASH = /\\$/;

/**
 * `text` without its occurrences of `marker` (found left to right, not overlapping), except the last one
 * when they are odd in number; unchanged when there are fewer than two.
 */
function withoutPairedMarkers(text: string, marker: string): string {
  let count = 0;
  let last = -1;
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length)) {
    count++;
    last = at;
  }
  if (count < 2) return text;
  if (count % 2 === 0) return text.replaceAll(marker, '');
  // Every occurrence before the last lies wholly before it, so the prefix holds exactly those.
  return text.slice(0, last).replaceAll(marker, '') + text.slice(last);
}

/** Emphasis markers that come in pairs on a line (`**记者：**`, `*x*`, `__x__`). */
function removeEmphasis(text: string): { text: string; removed: number } {
  if (!text.includes('*') && !text.includes('_')) return { text, removed: 0 };
  let result = withoutPairedMarkers(withoutPairedMarkers(text, '**'), '__');
  // Single `*` used for italics, but not `3 * 4` or a lone footnote star.
  let stars = 0;
  for (let at = result.indexOf('*'); at >= 0; at = result.indexOf('*', at + 1)) stars++;
  if (stars >= 2 && stars % 2 === 0 && !/[ \t]\*[ \t]/.test(result)) result = result.replaceAll('*', '');
  return { text: result, removed: text.length - result.length };
}

/**
 * `text` after the match of `pattern` (anchored at the start) there, or undefined when it does not match.
 * A function of its arguments rather than a closure over the line: no allocation per line.
 */
function after(pattern: RegExp, text: string): string | undefined {
  const m = pattern.exec(text);
  return m ? text.slice(m[0].length) : undefined;
}

/** `marks` (see lines.ts) tells which kinds of character the line may hold; the passes for others are skipped. */
export function stripLineMarkup(line: string, marks: number = ANY_MARK): LineMarkup {
  // Indentation is layout, not markup: it is trimmed without being counted.
  let text = line.trim();
  let removed = 0;
  let heading = false;
  let bulleted = false;
  let rest: string | undefined;

  // Every line-start pattern (rule, quote, heading, header, list marker, bullet) begins with a mark, never
  // with a Han character, so a line opening with one skips them all.
  const firstCode = text.charCodeAt(0);
  if (!(firstCode >= 0x4e00 && firstCode <= 0x9fff)) {
    if (RULE.test(text) || ((marks & LINK_MARK) !== 0 && TABLE_RULE.test(text))) {
      return { text: '', heading: false, bulleted: false, dropped: true, removed: text.length };
    }

    if ((rest = after(BLOCKQUOTE, text)) !== undefined) {
      removed += text.length - rest.length;
      text = rest;
    }
    if ((rest = after(MD_HEADING, text)) !== undefined) {
      removed += text.length - rest.length;
      text = rest;
      heading = true;
      const stripped = withoutClosingHashes(text);
      removed += text.length - stripped.length;
      text = stripped;
    }
    const dotted = DOTTED_HEADER.exec(text) ?? BRACKET_HEADER.exec(text);
    if (dotted) {
      const inner = (dotted[1] as string).trim();
      removed += text.length - inner.length;
      text = inner;
      heading = true;
    } else if ((rest = after(LIST_MARKER, text) ?? after(BULLET, text)) !== undefined) {
      removed += text.length - rest.length;
      text = rest;
      bulleted = true;
      if ((rest = after(BULLET, text)) !== undefined) {
        removed += text.length - rest.length;
        text = rest;
      }
    }
  }

  // Images and links both contain `](`, page markers `版`: lines without them skip those regexes.
  const cleaned: Stripped = { text, removed };
  if ((marks & LINK_MARK) !== 0) {
    if (cleaned.text.includes('](')) {
      strip(cleaned, IMAGE, '');
      strip(cleaned, LINK, (_m, label) => label);
    }
    if (cleaned.text.includes('{')) {
      strip(cleaned, ATTRIBUTED_SPAN, (_m, label) => label);
      strip(cleaned, ATTRIBUTES, '');
    }
    // A backslash ending a line is a hard line break in markdown.
    if (cleaned.text.endsWith('\\')) strip(cleaned, TRAILING_BACKSLASH, '');
    if (cleaned.text.includes(']') || cleaned.text.includes('］') || cleaned.text.includes('〕')) strip(cleaned, NOTE_MARK, '');
    if (cleaned.text.includes('[^')) strip(cleaned, FOOTNOTE, '');
  }
  // Every address holds `:` or `.`, both half-width punctuation.
  if ((marks & PUNCTUATION_MARK) !== 0 && (cleaned.text.includes('://') || cleaned.text.includes('www.'))) strip(cleaned, URL, '');
  if ((marks & EMPHASIS_MARK) !== 0) {
    const emphasis = removeEmphasis(cleaned.text);
    cleaned.removed += emphasis.removed;
    cleaned.text = emphasis.text;
  }
  if ((marks & PAGE_MARK) !== 0 && cleaned.text.includes('版')) strip(cleaned, PAGE_MARKER, '');
  text = cleaned.text;
  removed = cleaned.removed;
  const last = text[text.length - 1];
  const end = last === ')' || last === '）' ? END_MARKER.exec(text) : null;
  if (end) {
    removed += end[0].length;
    text = text.slice(0, end.index);
  }
  const trimmed = text.trim();
  removed += text.length - trimmed.length;
  text = trimmed;
  const dropped = text.length === 0 && line.trim().length > 0;
  return { text, heading, bulleted, dropped, removed };
}

export interface FrontMatter {
  text: string;
  removed: number;
  title?: string;
  date?: string;
}

const FRONT_MATTER_FIELD = /^(title|date)[ \t]*:[ \t]*["']?(.*?)["']?[ \t]*$/;

/** A YAML front-matter block (`---` … `---` at the very top of a markdown file): dropped, title/date kept. */
export function stripFrontMatter(text: string): FrontMatter {
  const start = text.startsWith('\ufeff') ? 1 : 0;
  if (!text.startsWith('---', start) || !/^---[ \t]*\r?\n/.test(text.slice(start, start + 8))) return { text, removed: 0 };
  const head = text.slice(start, start + 4000);
  const close = /\n---[ \t]*(?:\r?\n|$)/.exec(head.slice(3));
  if (!close) return { text, removed: 0 };
  const end = start + 3 + close.index + close[0].length;
  const inner = text.slice(start, end).split(/\r?\n/).slice(1, -2);
  // Only `key: value` lines (and their indented or listed continuations) make front matter; a rule
  // followed by prose is not one.
  if (!inner.every((line) => line.trim() === '' || /^[A-Za-z_][\w-]*[ \t]*:|^[ \t]+\S|^-[ \t]/.test(line))) {
    return { text, removed: 0 };
  }
  const result: FrontMatter = { text: text.slice(end), removed: end - start };
  for (const line of inner) {
    const m = FRONT_MATTER_FIELD.exec(line.trim());
    if (m && m[2]) {
      if (m[1] === 'title') result.title = m[2];
      else result.date = m[2];
    }
  }
  return result;
}

/** Whether the line is a markdown table's header separator (`| --- | :---: |`). */
export function isTableRule(line: string): boolean {
  return TABLE_RULE.test(line.trim());
}

/** The cells of a markdown table row (`| a | b |`), or undefined when the line is not one. */
export function tableCells(line: string): string[] | undefined {
  const text = line.trim();
  if (text.length < 3 || !text.startsWith('|') || !text.endsWith('|')) return undefined;
  const cells = text.slice(1, -1).split('|').map((cell) => cell.trim());
  return cells.length >= 2 || cells[0] !== '' ? cells.filter((cell) => cell.length > 0) : undefined;
}

const FENCE = /^[ \t]{0,3}(?:`{3,}|~{3,})/;

/**
 * The lines inside markdown code fences (``` or ~~~), the fences included. Of a fence that nothing closes
 * only its own line: one stray ``` must not swallow the rest of a text.
 */
export function fencedLines(lines: readonly string[], marks: readonly number[]): Set<number> | undefined {
  const fences: number[] = [];
  for (let k = 0; k < lines.length; k++) {
    if (((marks[k] ?? LINK_MARK) & LINK_MARK) !== 0 && FENCE.test(lines[k] as string)) fences.push(k);
  }
  if (fences.length === 0) return undefined;
  const inside = new Set<number>();
  for (let f = 0; f + 1 < fences.length; f += 2) {
    for (let k = fences[f] as number; k <= (fences[f + 1] as number); k++) inside.add(k);
  }
  // The fence that nothing closes is markup too, but only the line itself.
  if (fences.length % 2 === 1) inside.add(fences[fences.length - 1] as number);
  return inside;
}
