import { KINDS } from '../types.js';
import type { Card, Kind } from '../types.js';

/** How lists and category names call each kind: the Chinese term a teacher uses, then English. */
export const KIND_LABELS: Record<Kind, { zh: string; en: string }> = {
  chengyu: { zh: '成语', en: 'Idioms' },
  quotation: { zh: '名句', en: 'Quotations' },
  saying: { zh: '俗语', en: 'Sayings' },
  term: { zh: '提法', en: 'Terms' },
};

/** Cards grouped by kind in the fixed kind order; within a kind the input order (best first) is kept. */
export function groupByKind(cards: readonly Card[]): { kind: Kind; cards: Card[] }[] {
  return KINDS.map((kind) => ({ kind, cards: cards.filter((c) => c.kind === kind) })).filter(
    (group) => group.cards.length > 0,
  );
}

/** The [before, phrase, after] parts of a card's context, or null when the phrase cannot be marked. */
export function splitContext(card: Card): [string, string, string] | null {
  const { context, contextStart: start, contextEnd: end } = card;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > context.length) {
    return null;
  }
  return [context.slice(0, start), context.slice(start, end), context.slice(end)];
}
