// The context sentence of a card: among a phrase's occurrences the one that shows its use best, trimmed
// at clause boundaries when long, with the phrase's position kept for highlighting.
import type { Card, Occurrence } from '../types.js';
import { hanOnly } from '../lexicon/paths.js';

/** Longer contexts are trimmed to the clauses around the phrase. */
export const CONTEXT_TARGET_LENGTH = 80;
const ELLIPSIS = '…';
const CLAUSE_END = new Set(['，', '；', '：']);
const SENTENCE_END = /[。！？!?…]["'”’」』）)]*$/u;
const IDEAL_MIN = 12;
const IDEAL_MAX = 60;

export interface Context {
  text: string;
  /** [start, end) of the phrase in `text`; -1 when it cannot be located. */
  start: number;
  end: number;
  /**
   * The same context as the source wrote it, when that differs (a Traditional text): same length, same
   * offsets. Absent when the source's own sentence does not line up unit for unit with `text`.
   */
  original?: string;
  /** The occurrence the context was taken from. */
  occurrence: Occurrence;
}

const length = (s: string): number => [...s].length;

/**
 * How poorly an occurrence shows the phrase in use (lower is better): headings and captions only when
 * nothing else exists; then sentences that do not end as sentences, that are the phrase alone, or that
 * are very short or very long.
 */
export function contextPenalty(occurrence: Occurrence): number {
  const sentence = occurrence.sentence.text.trim();
  let penalty = 0;
  if (occurrence.sentence.role !== 'body') penalty += 1000;
  if (!SENTENCE_END.test(sentence)) penalty += 30;
  const phraseLength = Math.max(0, occurrence.end - occurrence.start);
  const rest = hanOnly(sentence).length - hanOnly(occurrence.sentence.text.slice(occurrence.start, occurrence.end)).length;
  if (rest <= 2) penalty += 60;
  const n = length(sentence);
  if (n < IDEAL_MIN + phraseLength) penalty += (IDEAL_MIN + phraseLength - n) * 2;
  if (n > IDEAL_MAX) penalty += Math.min(50, (n - IDEAL_MAX) * 0.5);
  return penalty;
}

/**
 * The best occurrence: lowest penalty, then the earliest input (in `sourceOrder`), then the earliest
 * sentence and position, so the choice does not depend on the order occurrences were collected in.
 */
export function chooseOccurrence(occurrences: readonly Occurrence[], sourceOrder: readonly string[] = []): Occurrence | undefined {
  const sourceRank = (o: Occurrence): number => {
    const i = sourceOrder.indexOf(o.sentence.source);
    return i < 0 ? sourceOrder.length : i;
  };
  let best: { occurrence: Occurrence; key: (number | string)[] } | undefined;
  for (const occurrence of occurrences) {
    const key = [contextPenalty(occurrence), sourceRank(occurrence), occurrence.sentence.source, occurrence.sentence.index, occurrence.start];
    if (!best || compareKeys(key, best.key) < 0) best = { occurrence, key };
  }
  return best?.occurrence;
}

function compareKeys(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x === y) continue;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Finds the phrase in the sentence when the occurrence's offsets do not hold it (defensive). */
function locate(sentence: string, occurrence: Occurrence, key: string, text: string): [number, number] {
  let { start, end } = occurrence;
  // The highlight covers the phrase only, never punctuation or spaces around it.
  while (start >= 0 && start < end && /[\p{P}\s]/u.test(sentence[start] ?? '')) start++;
  while (end > start && /[\p{P}\s]/u.test(sentence[end - 1] ?? '')) end--;
  if (start >= 0 && end > start && end <= sentence.length && hanOnly(sentence.slice(start, end)) === key) return [start, end];
  for (const form of [text, key]) {
    const at = form ? sentence.indexOf(form) : -1;
    if (at >= 0) return [at, at + form.length];
  }
  if (start >= 0 && end > start && end <= sentence.length) return [start, end];
  return [-1, -1];
}

/**
 * Trims `sentence` to the clauses around [start, end) when it is longer than `target` characters:
 * the clauses holding the phrase, then neighbouring clauses (the shorter side first) while the total
 * stays within the target; `…` marks each cut. Offsets are returned for the trimmed text.
 */
export function trimContext(sentence: string, start: number, end: number, target: number = CONTEXT_TARGET_LENGTH): { text: string; start: number; end: number } {
  if (length(sentence) <= target || start < 0) return { text: sentence, start, end };
  // Clause spans in UTF-16 offsets; each clause keeps its closing mark.
  const clauses: [number, number][] = [];
  let from = 0;
  for (let i = 0; i < sentence.length; i++) {
    if (CLAUSE_END.has(sentence[i] ?? '')) {
      clauses.push([from, i + 1]);
      from = i + 1;
    }
  }
  if (from < sentence.length) clauses.push([from, sentence.length]);
  let first = clauses.findIndex(([, e]) => e > start);
  let last = clauses.findIndex(([, e]) => e >= end);
  if (first < 0) first = 0;
  if (last < 0) last = clauses.length - 1;
  const span = (): number => length(sentence.slice(clauses[first]?.[0] ?? 0, clauses[last]?.[1] ?? sentence.length));
  const size = (i: number): number => {
    const c = clauses[i];
    return c ? length(sentence.slice(c[0], c[1])) : Infinity;
  };
  for (;;) {
    const before = first > 0 ? size(first - 1) : Infinity;
    const after = last < clauses.length - 1 ? size(last + 1) : Infinity;
    const budget = target - span();
    if (after <= before && after <= budget) last++;
    else if (before <= budget) first--;
    else if (after <= budget) last++;
    else break;
  }
  const cutStart = clauses[first]?.[0] ?? 0;
  const cutEnd = clauses[last]?.[1] ?? sentence.length;
  let text = sentence.slice(cutStart, cutEnd);
  let offset = -cutStart;
  if (cutStart > 0) {
    text = ELLIPSIS + text;
    offset += ELLIPSIS.length;
  }
  if (cutEnd < sentence.length) {
    // A clause mark before the cut is replaced by the ellipsis, unless the phrase itself ends there.
    if (CLAUSE_END.has(text.at(-1) ?? '') && cutEnd - 1 >= end) {
      text = text.slice(0, -1);
    }
    text += ELLIPSIS;
  }
  return { text, start: start + offset, end: end + offset };
}

/** The context for a phrase: the best occurrence's sentence, cleaned and trimmed, the phrase located. */
export function buildContext(occurrences: readonly Occurrence[], key: string, text: string, sourceOrder: readonly string[] = []): Context | undefined {
  const occurrence = chooseOccurrence(occurrences, sourceOrder);
  if (!occurrence) return undefined;
  const raw = occurrence.sentence.text;
  const leading = raw.length - raw.trimStart().length;
  const sentence = raw.trim();
  let [start, end] = locate(raw, occurrence, key, text);
  if (start >= 0) {
    start = Math.max(0, start - leading);
    end = Math.min(sentence.length, end - leading);
    if (end <= start) [start, end] = [-1, -1];
  }
  const trimmed = trimContext(sentence, start, end);
  const context: Context = { text: trimmed.text, start: trimmed.start, end: trimmed.end, occurrence };
  const original = originalContext(occurrence.sentence.originalText, raw, leading, sentence.length, start, end);
  if (original !== undefined && original.length === trimmed.text.length && original !== trimmed.text) context.original = original;
  return context;
}

/**
 * The context cut from the source's own sentence as `text` was cut from the converted one. The conversion
 * to Simplified changes Han characters one for one and leaves punctuation alone, so where the two
 * sentences have the same length the same clauses and offsets apply.
 */
function originalContext(originalText: string, raw: string, leading: number, trimmedLength: number, start: number, end: number): string | undefined {
  if (originalText === raw || originalText.length !== raw.length) return undefined;
  return trimContext(originalText.slice(leading, leading + trimmedLength), start, end).text;
}

/**
 * The [before, phrase, after] parts of a card's context, or null when the phrase cannot be marked. Every
 * output that highlights the phrase (card fields, lists) cuts here. An edge that falls between the two
 * units of a surrogate pair moves out to take the whole character: a character cut in two would show as
 * two replacement marks.
 */
export function splitContext(card: Pick<Card, 'context' | 'contextStart' | 'contextEnd'>): [string, string, string] | null {
  const { context } = card;
  let { contextStart: start, contextEnd: end } = card;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > context.length) {
    return null;
  }
  if (start > 0 && isLowSurrogate(context.charCodeAt(start)) && isHighSurrogate(context.charCodeAt(start - 1))) start--;
  if (end < context.length && isLowSurrogate(context.charCodeAt(end)) && isHighSurrogate(context.charCodeAt(end - 1))) end++;
  return [context.slice(0, start), context.slice(start, end), context.slice(end)];
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Which script a list or deck shows its context sentences in; `both` shows them as the source wrote them. */
export type ContextScript = 'simplified' | 'traditional' | 'both';

/**
 * The card with its context in the script asked for: as the source wrote it (a Traditional text) for
 * `traditional` and `both`, else unchanged. Offsets stay valid: the two forms line up unit for unit.
 */
export function inScript<T extends Pick<Card, 'context' | 'contextOriginal'>>(card: T, script: ContextScript): T {
  return script !== 'simplified' && card.contextOriginal !== undefined && card.contextOriginal !== card.context
    ? { ...card, context: card.contextOriginal }
    : card;
}

/** Whether the card's context is shown in Traditional characters (for the `lang` of a page). */
export function showsOriginal(card: Pick<Card, 'context' | 'contextOriginal'>): boolean {
  return card.contextOriginal !== undefined && card.context === card.contextOriginal;
}
