// Selection: the cards the user asked for, best first. Filters by kind, count and the user's known
// phrases, orders by score (then key, so equal scores always come out in the same order) and cuts at --top.
import type { Card, PipelineOptions } from '../types.js';
import { hanOnly } from '../lexicon/paths.js';

export { scoreCandidate } from './rank.js';
export { PhraseAccumulator } from './accumulate.js';

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function select(cards: readonly Card[], options: PipelineOptions): Card[] {
  const kinds = new Set(options.kinds);
  const exclude = options.exclude;
  const known = (card: Card): boolean =>
    !!exclude && (exclude.has(card.key) || (!!card.dictionaryForm && exclude.has(hanOnly(card.dictionaryForm))));
  const kept = cards
    .filter((c) => kinds.has(c.kind) && c.count >= options.minCount && !known(c))
    .sort((a, b) => b.score - a.score || byCodePoint(a.key, b.key));
  return options.top !== undefined && options.top >= 0 ? kept.slice(0, options.top) : kept;
}
