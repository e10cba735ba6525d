import { KINDS } from '../types.js';
import type { Card, Kind } from '../types.js';

/** How lists and category names call each kind: the Chinese term a teacher uses, then English. */
export const KIND_LABELS: Record<Kind, { zh: string; en: string; one: string; many: string }> = {
  chengyu: { zh: '成语', en: 'Idioms', one: 'idiom', many: 'idioms' },
  quotation: { zh: '名句', en: 'Quotations', one: 'quotation', many: 'quotations' },
  saying: { zh: '俗语', en: 'Sayings', one: 'saying', many: 'sayings' },
  term: { zh: '提法', en: 'Terms', one: 'term', many: 'terms' },
};

/** `3 idioms, 1 quotation` — the counts per kind, for a list's summary line. */
export function countsByKind(groups: readonly { kind: Kind; cards: readonly Card[] }[]): string {
  return groups
    .map((g) => `${g.cards.length} ${g.cards.length === 1 ? KIND_LABELS[g.kind].one : KIND_LABELS[g.kind].many}`)
    .join(', ');
}

/** Cards grouped by kind in the fixed kind order; within a kind the input order (best first) is kept. */
export function groupByKind(cards: readonly Card[]): { kind: Kind; cards: Card[] }[] {
  return KINDS.map((kind) => ({ kind, cards: cards.filter((c) => c.kind === kind) })).filter(
    (group) => group.cards.length > 0,
  );
}

/**
 * Where an entry's context comes from, for lists: nothing when the whole list has one source (the header
 * names it), else the text's title (or file name when it has none) and date; plus how often it was used.
 */
export function entryOrigin(card: Card, singleSource: boolean): { where: string[]; uses: string } {
  const where: string[] = [];
  if (!singleSource) {
    where.push(card.sourceTitle || card.source);
    if (card.sourceDate) where.push(card.sourceDate);
  }
  return { where, uses: card.count > 1 ? `used ${card.count}×` : '' };
}

/** A gloss built from a phrase's parts is marked as such, unless its text already says so. */
export function needsGlossNote(card: Card): boolean {
  return card.meaningSource === 'gloss' && !/\bgloss\b/i.test(card.meaning);
}
