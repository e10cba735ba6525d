// The JSON contract (documented in the README): one object per phrase, best first. Fields are only ever
// added, never renamed or removed, so other tools can rely on them.
import type { Card } from '../types.js';

export interface JsonPhrase {
  text: string;
  kind: Card['kind'];
  pinyin: string;
  pinyinNumbered: string;
  traditional: string;
  meaning: string;
  literal: string;
  meaningSource: Card['meaningSource'];
  count: number;
  context: string;
  /** UTF-16 offsets of the phrase in `context`, -1 when it could not be marked. */
  contextStart: number;
  contextEnd: number;
  contextPinyin: string;
  source: string;
  sources: string[];
  sourceTitle: string | null;
  sourceDate: string | null;
  key: string;
  score: number;
  reasons: string[];
  dictionaryForm: string | null;
  attribution: string | null;
  /** The context as the source wrote it (a Traditional text), same offsets; null when it is `context`. */
  contextOriginal: string | null;
}

export function toJsonPhrase(card: Card): JsonPhrase {
  return {
    text: card.text,
    kind: card.kind,
    pinyin: card.pinyin,
    pinyinNumbered: card.pinyinNumbered,
    traditional: card.traditional,
    meaning: card.meaning,
    literal: card.literal,
    meaningSource: card.meaningSource,
    count: card.count,
    context: card.context,
    contextStart: card.contextStart,
    contextEnd: card.contextEnd,
    contextPinyin: card.contextPinyin,
    source: card.source,
    sources: card.sources,
    sourceTitle: card.sourceTitle ?? null,
    sourceDate: card.sourceDate ?? null,
    key: card.key,
    score: Math.round(card.score * 1000) / 1000,
    reasons: card.evidence.map((e) => e.note ?? e.code),
    dictionaryForm: card.dictionaryForm ?? null,
    attribution: card.attribution ?? null,
    contextOriginal: card.contextOriginal ?? null,
  };
}

export function formatJson(cards: readonly Card[]): string {
  return JSON.stringify(cards.map(toJsonPhrase), null, 2) + '\n';
}
