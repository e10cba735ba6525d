// normalise: decoded text → clean blocks with roles. Lines are grouped into paragraphs at blank lines;
// page numbers and the running headers beside them are dropped; markup is stripped line by line; each paragraph gets full-width punctuation and loses OCR spaces; a
// body paragraph cut off mid-sentence is joined with its continuation; repeated paragraphs are kept once.
// Everything is a single pass over lines and paragraphs (no regex that can backtrack over a whole text).
import type { Block, BlockRole, DecodedText, Document } from '../types.js';
import { mapCharacters } from './chars.js';
import { hasHtmlFragments, htmlToText, looksLikeHtml, stripHtmlFragments } from './html.js';
import { fencedLines, isTableRule, stripFrontMatter, stripLineMarkup, tableCells } from './markup.js';
import { fullWidthPunctuation, hasSpaceRun, tidySpacesBoth } from './punctuation.js';
import { decidesEnding, endsClause, endsSentence, endsWithDateline, headingStrength, isCaption, isCreditLine, startsParagraph, startsWithLeadIn } from './roles.js';
import { findDate, findTitle } from './meta.js';
import { toSimplified } from './script.js';
import { repairOcr } from './ocr.js';
import { pageFurniture } from './pages.js';
import { looksLikeSubtitles, subtitleText } from './subtitles.js';
import { DASH_MARK, LINK_MARK, lineMarks, markedLines, PUNCTUATION_MARK, SPACE_MARK, type MarkedLines } from './lines.js';

interface RawParagraph {
  lines: string[];
  heading: boolean;
  bulleted: boolean;
  /** The `…_MARK` bits of its lines together: which kinds of character it may hold. */
  marks: number;
}

const LINE_BREAK = /\r\n|[\n\r\u2028\u2029\u0085]/;

/**
 * The lines of a text after `mapCharacters`, with their marks. The common text (no character to map,
 * `\n` the only break) takes one scan; any other is mapped, split by LINE_BREAK and scanned line by line.
 */
function linesOf(text: string): MarkedLines {
  const fast = markedLines(text);
  if (fast) return fast;
  const lines = mapCharacters(text).split(LINE_BREAK);
  return { lines, marks: lines.map(lineMarks) };
}

function collectParagraphs(text: string): { paragraphs: RawParagraph[]; markupChars: number } {
  const paragraphs: RawParagraph[] = [];
  let markupChars = 0;
  let current: RawParagraph | undefined;
  const flush = (): void => {
    if (current && current.lines.length > 0) paragraphs.push(current);
    current = undefined;
  };
  const { lines, marks } = linesOf(text);
  const furniture = pageFurniture(lines, marks);
  const code = fencedLines(lines, marks);
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as string;
    if (line.trim().length === 0) {
      flush();
      continue;
    }
    // Without a flush: the sentence a page break cut goes on in the next line.
    if (furniture?.has(k) === true) {
      markupChars += line.trim().length;
      continue;
    }
    if (code?.has(k) === true) {
      flush();
      markupChars += line.length;
      continue;
    }
    const marksOfLine = marks[k] as number;
    // A table row: each cell stands alone, as a list item does.
    const cells = (marksOfLine & LINK_MARK) !== 0 ? tableCells(line) : undefined;
    if (cells !== undefined && isTableRule(line)) {
      markupChars += line.trim().length;
      continue;
    }
    if (cells !== undefined) {
      flush();
      let kept = 0;
      for (const cell of cells) {
        const m = stripLineMarkup(cell, lineMarks(cell));
        kept += m.text.length;
        if (!m.dropped && m.text.length > 0) paragraphs.push({ lines: [m.text], heading: false, bulleted: true, marks: lineMarks(m.text) });
      }
      markupChars += line.trim().length - kept;
      continue;
    }
    const m = stripLineMarkup(line, marksOfLine);
    markupChars += m.removed;
    if (m.dropped) continue;
    if (m.heading || m.bulleted) {
      flush();
      paragraphs.push({ lines: [m.text], heading: m.heading, bulleted: m.bulleted, marks: marksOfLine });
      continue;
    }
    // A paragraph starts with its first line in an array of one (most stay one line long); `[]` and a
    // push would allocate room for 17.
    if (current === undefined) current = { lines: [m.text], heading: false, bulleted: false, marks: marksOfLine };
    else {
      current.lines.push(m.text);
      current.marks |= marksOfLine;
    }
  }
  flush();
  return { paragraphs, markupChars };
}

/** Minimum Han characters for a repeated paragraph to count as a duplicate (short lines repeat legitimately). */
const MIN_DUPLICATE_LENGTH = 6;
/** A body paragraph this long with sentences of its own, followed by a lead-in, was truncated, not cut. */
const TRUNCATED_PARAGRAPH_LENGTH = 60;

interface Draft {
  role: BlockRole;
  text: string;
  /** For a body draft that continued past its first paragraph: the parts `text` was joined from. */
  parts?: string[];
  /** How many parts (the text itself when there are no parts) were searched for a sentence end. */
  scanned: number;
  /** A sentence end was found in a part searched. */
  sentenceEnd: boolean;
}

const SENTENCE_END = /[。！？]/;

function newDraft(role: BlockRole, text: string): Draft {
  return { role, text, scanned: 0, sentenceEnd: false };
}

// A continued draft is never read at its end or searched as a whole: `text` is a rope of its parts, and
// reading into it would copy the whole of it, again after every part (quadratic in a text of thousands
// of fragments that never end their sentence).

/** Append the next part of a sentence cut across paragraphs. */
function append(d: Draft, part: string): void {
  (d.parts ??= [d.text]).push(part);
  d.text += part;
}

/**
 * Whether the draft's text has a sentence end inside it. Asked only of a draft left open before a
 * possible continuation (rarely), so it is searched only then, and each part at most once.
 */
function hasSentenceEnd(d: Draft): boolean {
  const parts = d.parts ?? [d.text];
  for (; !d.sentenceEnd && d.scanned < parts.length; d.scanned++) d.sentenceEnd = SENTENCE_END.test(parts[d.scanned] as string);
  return d.sentenceEnd;
}

/** Whether a draft whose text ends with `last` ends its sentence or clause (`last` alone when it can tell). */
function closesAfter(d: Draft, last: string): boolean {
  const text = decidesEnding(last) ? last : d.text;
  return endsSentence(text) || endsClause(text);
}

interface Prepared {
  heading: boolean;
  bulleted: boolean;
  caption: boolean;
  /** Full-width punctuation, spaces between words kept (headings and captions). */
  spaced: string;
  /** Full-width punctuation, no spaces touching Chinese (body text). */
  body: string;
  /** `body` and `spaced` in Simplified script: what the role patterns (记者, 摄, 表示…) are tested on. */
  bodyView: string;
  spacedView: string;
}

/** The script the role patterns are written in: Traditional input is looked at through its Simplified form. */
type View = (text: string) => string;
const same: View = (text) => text;

/** Marks after which a line cannot end its paragraph. */
const LINE_CONTINUES = '，、“‘（《—';
/** A line at least this share of the group's longest line, ending mid-sentence, was wrapped by width. */
const WRAPPED_LINE_SHARE = 0.6;
/**
 * How much narrower (in half-width columns) than the next line a wrapped line may be: a character that
 * would not fit, or punctuation a typesetter moved to the next line.
 */
const WRAP_SLACK = 4;

/** Columns a line takes: two for a full-width character, one for a half-width one. */
function displayWidth(line: string): number {
  let width = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) continue; // the second half of a pair counts with the first
    width += c < 0x1100 || (c >= 0xff61 && c <= 0xffdc) ? 1 : 2;
  }
  return width;
}

/**
 * Lines of one group (no blank line between them) → units. Texts that put one paragraph per line and
 * texts hard-wrapped at a fixed width both arrive as groups of lines: a line that ends its sentence ends
 * its unit, a short line without an end mark (a headline) stands alone, and a long line that stops
 * mid-sentence was wrapped and continues on the next line.
 */
function splitGroup(lines: readonly string[]): string[][] {
  if (lines.length === 1) return [[...lines]];
  const longest = lines.reduce((n, l) => Math.max(n, l.length), 0);
  const units: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    const previous = current[current.length - 1];
    if (previous === undefined) {
      current.push(line);
      continue;
    }
    const wrapped =
      LINE_CONTINUES.includes(previous[previous.length - 1] as string) ||
      (!endsSentence(previous) &&
        !endsClause(previous) &&
        previous.length >= WRAPPED_LINE_SHARE * longest &&
        !endsWithDateline(previous) &&
        // Wrapping fills a line to the width: one that stops well short of the line after it ended
        // there (a title over its text), it was not cut.
        displayWidth(previous) + WRAP_SLACK >= displayWidth(line));
    if (wrapped) current.push(line);
    else {
      units.push(current);
      current = [line];
    }
  }
  units.push(current);
  return units;
}

/** One unit of a paragraph (its lines, punctuation already converted) → its texts for classification. */
function prepareUnit(p: RawParagraph, lines: readonly string[], caption: boolean, view: View): Prepared {
  // Lines are joined by a space, so only a one-line unit whose marks show no space can skip the check.
  let joined = lines.length === 1 ? (lines[0] as string) : lines.join(' ');
  if ((p.marks & DASH_MARK) !== 0) joined = repairOcr(joined);
  let spaced = joined;
  let body = joined;
  if ((lines.length > 1 || (p.marks & SPACE_MARK) !== 0) && hasSpaceRun(joined)) ({ spaced, body } = tidySpacesBoth(joined));
  return {
    heading: p.heading,
    bulleted: p.bulleted,
    caption,
    spaced,
    body,
    spacedView: view === same ? spaced : view(spaced),
    bodyView: view === same ? body : view(body),
  };
}

/** Appends `unit` to `out` unless it was left without text (a function, not a closure per paragraph). */
function keep(out: Prepared[], unit: Prepared): void {
  if (unit.spaced.length > 0) out.push(unit);
}

/** A paragraph → its units, appended to `out`; a unit left without text is dropped. */
function prepareInto(p: RawParagraph, view: View, out: Prepared[]): void {
  // Punctuation is converted over the whole group so that quotation marks pair across its lines.
  let lines = p.lines;
  if ((p.marks & PUNCTUATION_MARK) !== 0) {
    lines = lines.length === 1 ? [fullWidthPunctuation(lines[0] as string)] : fullWidthPunctuation(lines.join('\n')).split('\n');
  }
  if (lines.length === 1) {
    keep(out, prepareUnit(p, lines, !p.heading && isCaption(view === same ? p.lines : p.lines.map(view)), view));
    return;
  }
  // A caption may run over several lines, but a group of several units (a text pasted without blank
  // lines: a web page's breadcrumb, headline, body and page tools) is judged unit by unit, so that the
  // body is never taken for part of the caption its first line starts.
  const units = splitGroup(lines);
  if (units.length === 1 || p.heading) {
    keep(out, prepareUnit(p, lines, !p.heading && isCaption(view === same ? p.lines : p.lines.map(view)), view));
    return;
  }
  const viewed = (lines: readonly string[]): readonly string[] => (view === same ? lines : lines.map(view));
  let at = 0;
  const originals = units.map((unit) => {
    const original = p.lines.slice(at, at + unit.length);
    at += unit.length;
    return original;
  });
  for (let u = 0; u < units.length; u++) {
    const unit = units[u] as string[];
    const next = units[u + 1];
    const nextOriginal = originals[u + 1];
    // A photo's description (one short sentence) with the credit under it is one caption.
    if (next && nextOriginal && nextOriginal.length === 1 && isCreditLine(viewed(nextOriginal)[0] as string) && isPhotoDescription(unit)) {
      keep(out, prepareUnit(p, [...unit, ...next], true, view));
      u++;
      continue;
    }
    keep(out, prepareUnit(p, unit, isCaption(viewed(originals[u] as string[])), view));
  }
}

/** Longest description of a photo, over its credit line. */
const PHOTO_DESCRIPTION_MAX = 80;

/** One sentence, short enough to describe a photo. */
function isPhotoDescription(lines: readonly string[]): boolean {
  const text = lines.join('');
  if (text.length > PHOTO_DESCRIPTION_MAX) return false;
  const end = text.search(/[。！？]/);
  return end < 0 || end >= text.length - 2;
}

/** Whether `next` begins a new unit, so that a comma-bearing line before it can be a headline. */
function beginsAfresh(next: Prepared | undefined): boolean {
  if (!next) return false;
  if (next.heading || next.bulleted || next.caption) return true;
  return (
    startsParagraph(next.bodyView) || startsWithLeadIn(next.bodyView) || headingStrength(next.spacedView, false) === 'strong'
  );
}

function classify(paragraphs: RawParagraph[], view: View): { drafts: Draft[]; captionChars: number } {
  const prepared: Prepared[] = [];
  for (const p of paragraphs) prepareInto(p, view, prepared);
  const drafts: Draft[] = [];
  let captionChars = 0;
  // The body draft still waiting for the rest of its sentence, if any.
  let open: Draft | undefined;
  for (let k = 0; k < prepared.length; k++) {
    const p = prepared[k] as Prepared;
    const next = prepared[k + 1];
    if (p.caption) {
      drafts.push(newDraft('caption', p.spaced));
      captionChars += p.spaced.length;
      continue; // a caption placed inside a cut sentence does not close it
    }
    if (p.heading) {
      drafts.push(newDraft('heading', p.spaced));
      open = undefined;
      continue;
    }
    const body = p.body;
    const strength = headingStrength(p.spacedView, k === 0);
    let truncated = false;
    if (open && !p.bulleted && strength !== 'strong' && !startsParagraph(p.bodyView)) {
      truncated =
        open.text.length >= TRUNCATED_PARAGRAPH_LENGTH && hasSentenceEnd(open) && startsWithLeadIn(p.bodyView);
      if (!truncated) {
        append(open, body);
        if (closesAfter(open, body)) open = undefined;
        continue;
      }
    }
    // A headline needs something after it to head; one with a comma also needs that to start afresh,
    // else it is the first half of a sentence cut in two (`第三，全球治理需要更加精准地改` / `革完善。`).
    // A paragraph judged to open with a lead-in after a truncated one is running text, not a headline.
    const heading =
      !truncated && next !== undefined && (strength === 'strong' || (strength === 'weak' && beginsAfresh(next)));
    if (heading) {
      drafts.push(newDraft('heading', p.spaced));
      open = undefined;
      continue;
    }
    const bodyDraft = newDraft('body', body);
    drafts.push(bodyDraft);
    open = endsSentence(body) || endsClause(body) ? undefined : bodyDraft;
  }
  return { drafts, captionChars };
}

function hanLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length && n < MIN_DUPLICATE_LENGTH; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) n++;
  }
  return n;
}

/** A bucket of SeenTexts holding more texts than this becomes a Set, so no input makes it quadratic. */
const BUCKET_LIMIT = 8;

/** The length and a few code units spread over the text, mixed into one integer. */
function fingerprint(text: string): number {
  const n = text.length;
  // Mixed by a plain function, not a closure over `h`: a closure would be allocated per paragraph.
  let h = mix(n, text, 0);
  h = mix(h, text, 1);
  h = mix(h, text, n >> 2);
  h = mix(h, text, n >> 1);
  h = mix(h, text, (3 * n) >> 2);
  h = mix(h, text, n - 2);
  h = mix(h, text, n - 1);
  // 30 bits: a small integer, which a Map hashes without boxing.
  return h & 0x3fffffff;
}

/** `h` with the code unit of `text` at `at` (0 outside it) mixed in. */
function mix(h: number, text: string, at: number): number {
  return Math.imul(h ^ (at >= 0 && at < text.length ? text.charCodeAt(at) : 0), 0x9e3779b1);
}

/**
 * The texts kept so far, to drop repeated paragraphs. A Set of strings would hash every character of
 * every paragraph (most of them never repeated); a fingerprint of a few code units tells almost all
 * distinct paragraphs apart, and only texts that share one are compared in full.
 */
class SeenTexts {
  /** Per fingerprint: the one text seen with it (the usual case), or all of them. */
  private readonly buckets = new Map<number, string | string[] | Set<string>>();

  /** Records `text`; false when an equal text was recorded before. */
  add(text: string): boolean {
    const key = fingerprint(text);
    const bucket = this.buckets.get(key);
    if (bucket === undefined) {
      this.buckets.set(key, text);
      return true;
    }
    if (typeof bucket === 'string') {
      if (bucket === text) return false;
      this.buckets.set(key, [bucket, text]);
      return true;
    }
    if (bucket instanceof Set) {
      if (bucket.has(text)) return false;
      bucket.add(text);
      return true;
    }
    if (bucket.includes(text)) return false;
    if (bucket.length < BUCKET_LIMIT) bucket.push(text);
    else this.buckets.set(key, new Set([...bucket, text]));
    return true;
  }
}

export function normalise(decoded: DecodedText): Document {
  let source = decoded.traditionalInput ? decoded.originalText : decoded.text;
  let markupChars = 0;
  let pageTitle: string | undefined;
  if (looksLikeHtml(decoded.name, source)) {
    const html = htmlToText(source);
    source = html.text;
    markupChars += html.markupChars;
    pageTitle = html.title;
  } else if (looksLikeSubtitles(decoded.name, source)) {
    const subtitles = subtitleText(source);
    source = subtitles.text;
    markupChars += subtitles.removed;
  } else if (hasHtmlFragments(source)) {
    const fragments = stripHtmlFragments(source);
    source = fragments.text;
    markupChars += fragments.removed;
  }
  const front = stripFrontMatter(source);
  source = front.text;
  markupChars += front.removed;
  const collected = collectParagraphs(source);
  markupChars += collected.markupChars;
  const { drafts, captionChars } = classify(collected.paragraphs, decoded.traditionalInput ? toSimplified : same);
  markupChars += captionChars;

  const seen = new SeenTexts();
  let duplicateChars = 0;
  const blocks: Block[] = [];
  for (const draft of drafts) {
    if (hanLength(draft.text) >= MIN_DUPLICATE_LENGTH && !seen.add(draft.text)) {
      duplicateChars += draft.text.length;
      continue;
    }
    const originalText = draft.text;
    const text = decoded.traditionalInput ? toSimplified(originalText) : originalText;
    blocks.push({ role: draft.role, text, originalText, paragraph: blocks.length });
  }

  const title = front.title ?? findTitle(blocks) ?? (pageTitle && decoded.traditionalInput ? toSimplified(pageTitle) : pageTitle);
  const date = front.date ?? findDate(blocks);
  return {
    source: {
      name: decoded.name,
      ...(title !== undefined ? { title } : {}),
      ...(date !== undefined ? { date } : {}),
    },
    blocks,
    stats: { duplicateChars, markupChars },
    traditionalInput: decoded.traditionalInput,
  };
}
