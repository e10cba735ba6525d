// Pleco's flashcard import text (Flashcards → Import/Export → Import Cards, UTF-8):
//   //Category/Subcategory          a line that puts the cards below it into that category
//   简体[繁體]<TAB>pinyin<TAB>definition
// The headword carries the Traditional form in brackets so Pleco stores both scripts; the pinyin is the
// tone-marked form (Pleco colours the characters by the marks); a line break inside the definition is
// Pleco's private-use U+EAB1, because a real newline would end the card.
import type { Card } from '../types.js';
import { KIND_LABELS, groupByKind } from './kinds.js';

export const PLECO_NEWLINE = '\uEAB1';

export interface PlecoOptions {
  /** The parent category, e.g. the deck name; kinds become its subcategories. */
  category?: string;
  /** Add the context sentence and its source to the definition (default true). */
  context?: boolean;
}

/** Tabs, newlines and Pleco's own separators collapse to single spaces. */
function field(text: string): string {
  return text.replace(/[\t\r\n\uEAB1]+/g, ' ').trim();
}

/** A category name cannot contain `/` (Pleco's hierarchy separator) or start a line oddly. */
function categoryName(text: string): string {
  return field(text).replace(/\//g, '／');
}

function headword(card: Card): string {
  const simplified = field(card.text);
  const traditional = field(card.traditional);
  return traditional && traditional !== simplified ? `${simplified}[${traditional}]` : simplified;
}

function definition(card: Card, withContext: boolean): string {
  const lines = [field(card.meaning)];
  if (card.literal) lines.push(`lit. ${field(card.literal)}`);
  if (card.attribution) lines.push(`— ${field(card.attribution)}`);
  if (withContext && card.context) {
    const where = [card.sourceTitle ?? card.source, card.sourceDate].filter(Boolean).map((s) => field(String(s)));
    lines.push(`${field(card.context)}${where.length ? ` (${where.join(', ')})` : ''}`);
  }
  return lines.join(PLECO_NEWLINE);
}

/** The cards as a Pleco import file, one category per kind, best first within each. */
export function formatPleco(cards: readonly Card[], options: PlecoOptions = {}): string {
  const parent = options.category ? `${categoryName(options.category)}/` : '';
  const withContext = options.context ?? true;
  const lines: string[] = [];
  for (const group of groupByKind(cards)) {
    const label = KIND_LABELS[group.kind];
    lines.push(`//${parent}${label.zh} ${label.en}`);
    for (const card of group.cards) {
      lines.push([headword(card), field(card.pinyin), definition(card, withContext)].join('\t'));
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
