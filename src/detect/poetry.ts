// Quotations found in the index of classical lines built from chinese-poetry (see
// src/lexicon/poetry-build.ts): a clause of the text, between punctuation or inside quotation marks, that
// is a line of the Analects, the Book of Songs, a Tang poem …, with its work and author.
//
// A line of five or more characters is evidence on its own; a four-character one only in quotation marks,
// after a cue, or beside its fellow clause (two consecutive lines of one source are the strongest sign).
// Strings that modern prose produces by itself (every word a very common modern word: the build marks
// them) and clauses the dictionaries know as idioms or words stand only with such a sign as well.
import type { Evidence } from '../types.js';
import type { PhraseLexicon } from '../lexicon/phrases.js';
import type { IndexedLine, PoetryIndex } from '../lexicon/poetry.js';
import type { Cue } from './cues.js';
import type { Proposal } from './proposal.js';
import { clausesWithOffsets, isHanCode, type Clause, type ClauseText } from './text.js';

const MIN_CLAUSE = 4;
const MAX_CLAUSE = 12;
const ALONE = 5;

// A regular expression literal is a new object each time it is evaluated: those of the per-sentence code
// are made once here.
/** Only clause punctuation, space and quotation marks between two lines of a run. */
const LINE_GAP = /^[，、；,;\s“”「」]*$/;
const OPENS_AT_END = /[“「『"]$/;
const CLOSES_AT_START = /^[”」』"]/;
/** A dictionary's or list's flags for an idiom, a word or a saying: a line that is one is common. */
const COMMON_FLAGS = /[IiljhtsW]/;
/** Flags of a set phrase a dictionary lists. */
const SET_PHRASE_FLAGS = /[IiQS]/;

interface Found {
  clause: ClauseText;
  line: IndexedLine;
  /** The text clause holds two consecutive lines written without punctuation (千里之行始于足下). */
  second?: IndexedLine;
  /** Han characters of the text clause before the line. */
  lead: number;
}

/** Whether any clause could be in the index: lets a caller skip loading it for sentences with none. */
export function hasCandidateClause(sentence: string): boolean {
  return clausesWithOffsets(sentence).some((c) => c.hanLength >= MIN_CLAUSE && c.hanLength <= 2 * MAX_CLAUSE);
}

interface Hit {
  line: IndexedLine;
  second?: IndexedLine;
  /** Han characters of the text clause before the matched line (让人想起 in 让人想起国破山河在). */
  lead: number;
}

/**
 * Two lines of one source run together without a comma in `text[from, to)`, the second starting `cut`
 * units in, for a cut in [minCut, maxCut].
 */
function pairAt(text: string, from: number, to: number, index: PoetryIndex, ends: number, minCut: number, maxCut: number): Hit | undefined {
  const length = to - from;
  for (let cut = minCut; cut <= maxCut; cut++) {
    if (cut < MIN_CLAUSE || cut > MAX_CLAUSE || length - cut < MIN_CLAUSE || length - cut > MAX_CLAUSE) continue;
    // The second line ends where the clause ends: no line of its length may end so.
    if (!endsWith(ends, length - cut)) continue;
    // The second line starts at the cut: where no line starts, neither half is looked up.
    if (!index.mayStart(text, from + cut) || !index.mayHold(text, from, from + cut)) continue;
    const first = index.lookup(text.slice(from, from + cut));
    if (!first) continue;
    const second = index.lookup(text.slice(from + cut, to));
    if (second && second.source === first.source && second.ordinal === first.ordinal + 1) return { line: first, second, lead: 0 };
  }
  return undefined;
}

/**
 * Every look-up of `lookupClause` is of a line (or the second of two) ending where the clause ends, of four
 * or more units: a clause shorter than that holds none. The lengths of the lines that may end as the clause
 * ends (`PoetryIndex.endingLengths`; 0: the clause holds none), decided without cutting the clause's
 * characters out of the sentence where they are the raw clause itself.
 */
function lineLengthsEnding(sentence: string, clause: Clause, index: PoetryIndex): number {
  if (clause.hanLength < MIN_CLAUSE) return 0;
  // Four or more units of Han are two or more characters: the end table reads no further back than them.
  return clause.allHan ? index.endingLengths(sentence, clause.rawEnd) : index.endingLengths(clause.han, clause.hanLength);
}

/** Whether `ends` (from `lineLengthsEnding`) has lines of `units` UTF-16 units (under 15). */
function endsWith(ends: number, units: number): boolean {
  return (ends & (1 << units)) !== 0;
}

/**
 * The line or lines of the index a clause holds (one of which `mayHoldLine` said yes). Its Han characters
 * are `text[from, to)`: the sentence itself where the clause is all Han, so that only the strings looked
 * up are cut out of it. Every filter reads the text no further than the clause (it reads two characters
 * at a start, and every start here has four or more units after it), so it answers as on the clause alone.
 */
function lookupClause(text: string, from: number, to: number, index: PoetryIndex, ends: number): Hit | undefined {
  const length = to - from;
  // Every look-up below is of a line starting at the clause's start or at one of a few places before its
  // end: where no indexed line starts, the look-ups there are skipped. And of a line ending at the end of
  // the clause, of a length that `ends` must have.
  if (index.mayStart(text, from)) {
    if (length >= MIN_CLAUSE && length <= MAX_CLAUSE && endsWith(ends, length)) {
      const line = index.lookup(text.slice(from, to));
      if (line) return { line, lead: 0 };
    }
    const whole = pairAt(text, from, to, index, ends, MIN_CLAUSE, MAX_CLAUSE);
    if (whole) return whole;
  }
  // A line at the end of a longer clause (让人想起国破山河在): a single line of ALONE+ characters, or two
  // lines of equal length run together. Bounded look-ups: a few per clause.
  for (let n = 2 * MIN_CLAUSE; n <= 2 * 7 && n < length; n += 2) {
    if (!endsWith(ends, n / 2) || !index.mayStart(text, to - n)) continue;
    const pair = pairAt(text, to - n, to, index, ends, n / 2, n / 2);
    if (pair) return { ...pair, lead: length - n };
  }
  for (let n = MAX_CLAUSE; n >= ALONE; n--) {
    if (n >= length || !endsWith(ends, n) || !index.mayStart(text, to - n) || !index.mayHold(text, to - n, to)) continue;
    const line = index.lookup(text.slice(to - n, to));
    if (line) return { line, lead: length - n };
  }
  return undefined;
}

/** The sentence offset of the Han character `lead` characters into a clause that starts at `start`. */
function offsetOfHan(sentence: string, start: number, lead: number): number {
  let seen = 0;
  // Unit by unit, as it has always been counted (a unit of a surrogate pair alone is not Han).
  for (let i = start; i < sentence.length; i++) {
    if (isHanCode(sentence.charCodeAt(i))) {
      if (seen === lead) return i;
      seen++;
    }
  }
  return start;
}

export function poetryQuotations(sentence: string, index: PoetryIndex, lexicon: PhraseLexicon, cues: readonly Cue[]): Proposal[] {
  const clauses = clausesWithOffsets(sentence);
  // Most sentences hold no line of the index: nothing is built for them.
  let found: (Found | undefined)[] | undefined;
  for (let c = 0; c < clauses.length; c++) {
    const clause = clauses[c] as Clause;
    const ends = lineLengthsEnding(sentence, clause, index);
    if (ends === 0) continue;
    const hit = clause.allHan ? lookupClause(sentence, clause.rawStart, clause.rawEnd, index, ends) : lookupClause(clause.han, 0, clause.hanLength, index, ends);
    if (!hit) continue;
    found ??= new Array<Found | undefined>(clauses.length).fill(undefined);
    // A line at the end of a longer clause: only the line is the quotation, the clause is cut down to it.
    found[c] =
      hit.lead === 0
        ? { clause, ...hit }
        : { clause: { han: clause.han.slice(hit.lead), start: offsetOfHan(sentence, clause.start, hit.lead), end: clause.end, quoted: clause.quoted }, ...hit };
  }
  if (!found) return [];
  const cued = (c: ClauseText): Cue | undefined => cues.find((cue) => cue.kind === 'quotation' && cue.start <= c.start && c.end <= cue.end);
  const out: Proposal[] = [];
  for (let i = 0; i < found.length; i++) {
    const first = found[i];
    if (!first) continue;
    // The longest run of consecutive lines of one source, separated only by clause punctuation.
    const run: Found[] = [first];
    for (let j = i + 1; j < found.length; j++) {
      const prev = run[run.length - 1];
      const next = found[j];
      if (!prev || !next) break;
      const last = prev.second ?? prev.line;
      if (next.lead > 0 || next.line.source !== last.source || next.line.ordinal !== last.ordinal + 1) break;
      if (!LINE_GAP.test(sentence.slice(prev.clause.end, next.clause.start))) break;
      run.push(next);
    }
    const proposal = judgeRun(run, sentence, lexicon, cued);
    if (proposal) out.push(proposal);
    i += run.length - 1;
  }
  return out;
}

// Who wrote or spoke a work, for cues that name the person rather than the book (孔子说 before a line of the
// Analects). The works' traditional attributions.
const SPEAKERS: Readonly<Record<string, string>> = { 孔子: '论语', 子曰: '论语', 孟子: '孟子', 曾子: '大学', 子思: '中庸' };

/** The cue names the line's source: its work (《论语》), its author (杜甫) or the work's speaker (孔子). */
function cueNamesSource(cue: Cue | undefined, attribution: string): boolean {
  const named = cue?.attribution?.replace(/[《》]/g, '') ?? (cue?.cue === '子曰' ? '子曰' : '');
  if (!named) return false;
  const work = SPEAKERS[named];
  return attribution.includes(named) || (work !== undefined && attribution.includes(`《${work}`));
}

/**
 * A matched line inside quotation marks that hold a little more (“道不远人，人无异国”: the first half a line
 * of the Doctrine of the Mean): the whole quoted couplet is the quotation. Up to four clauses.
 */
function enclosingQuote(sentence: string, start: number, end: number): { start: number; end: number; clauses: string[] } | undefined {
  const open = Math.max(sentence.lastIndexOf('“', start), sentence.lastIndexOf('「', start));
  if (open < 0 || /[”」]/.test(sentence.slice(open + 1, start))) return undefined;
  const closeAt = sentence.slice(end).search(/[”」]/);
  if (closeAt < 0 || /[“「]/.test(sentence.slice(end, end + closeAt))) return undefined;
  const inner = sentence.slice(open + 1, end + closeAt);
  if (/[。！？!?]/.test(inner)) return undefined;
  const clauses = inner.split(/[，、；：,;:]/).map((c) => c.replace(/[^\p{Script=Han}]/gu, '')).filter(Boolean);
  if (clauses.length < 2 || clauses.length > 4 || clauses.some((c) => c.length < MIN_CLAUSE || c.length > MAX_CLAUSE)) return undefined;
  return { start: open + 1, end: end + closeAt, clauses };
}

function judgeRun(run: readonly Found[], sentence: string, lexicon: PhraseLexicon, cued: (c: ClauseText) => Cue | undefined): Proposal | null {
  const first = run[0];
  const last = run[run.length - 1];
  if (!first || !last) return null;
  const lines = run.flatMap((f) => (f.second ? [f.line, f.second] : [f.line]));
  const attribution = first.line.attribution;
  const quoted = run.every((f) => f.clause.quoted) || (OPENS_AT_END.test(sentence.slice(0, first.clause.start)) && CLOSES_AT_START.test(sentence.slice(last.clause.end)));
  const cue = run.map((f) => cued(f.clause)).find((c) => c !== undefined);
  const withCue = cue !== undefined;
  const ev: Evidence[] = [];
  if (lines.length >= 2) {
    ev.push({ code: 'classical-lines', weight: 3.5, note: `consecutive lines of ${attribution}` });
  } else {
    const { line } = first;
    const length = line.clause.length;
    // Dictionary words and idioms that happen to be a line (和而不同 aside, 温故知新 …) are the other
    // detectors' business unless the text marks them as quoted.
    const known = lexicon.get(line.clause);
    const common = line.modern || (known !== undefined && COMMON_FLAGS.test(known.flags));
    const signed = quoted || withCue;
    if (length < ALONE && !signed) return null;
    // A line found at the end of a longer clause is a weaker match: on its own it needs a full verse line.
    if (first.lead > 0 && length < 7 && !signed) return null;
    if (common && !signed) return null;
    ev.push({ code: 'classical-line', weight: length >= ALONE ? 3 : 1.75, note: `a line of ${attribution}` });
    // A verbatim line of a canonical text that a dictionary also lists as a set phrase (天涯若比邻) is a
    // famous line: a quotation before it is an idiom or a saying.
    if (length >= ALONE && known && SET_PHRASE_FLAGS.test(known.flags)) ev.push({ code: 'famous-line', weight: 1.5, note: 'a canonical line the dictionaries list as a set phrase' });
  }
  if (quoted) ev.push({ code: 'quoted', weight: 0.5, note: 'in quotation marks' });
  if (cueNamesSource(cue, attribution)) ev.push({ code: 'cue-names-source', weight: 4, note: `introduced by ${cue?.cue ?? ''}, naming its source` });
  else if (withCue) ev.push({ code: 'cue', weight: 0.5, note: 'introduced by a quotation cue' });
  const enclosing = quoted && lines.length === 1 ? enclosingQuote(sentence, first.clause.start, last.clause.end) : undefined;
  if (enclosing) {
    return {
      kind: 'quotation',
      key: enclosing.clauses.join(''),
      text: enclosing.clauses.join('，'),
      start: enclosing.start,
      end: enclosing.end,
      evidence: [...ev, { code: 'quoted-with-line', weight: 0.25, note: 'quoted together with the line' }],
      attribution: `“${first.line.clause}”出自${attribution}`,
    };
  }
  const texts = run.map((f) => f.clause.han);
  const display = run.flatMap((f) => (f.second ? [f.line.clause, f.second.clause] : [f.clause.han]));
  return {
    kind: 'quotation',
    key: texts.join(''),
    text: display.join('，'),
    start: first.clause.start,
    end: last.clause.end,
    evidence: ev,
    attribution,
  };
}
