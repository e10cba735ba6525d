// Where a card's context came from: the input's name, and the text's own title and date when known.
import type { SourceInfo } from '../types.js';

export interface CardSource {
  source: string;
  sourceTitle?: string;
  sourceDate?: string;
}

export function cardSource(inputName: string, sources: ReadonlyMap<string, SourceInfo>): CardSource {
  const info = sources.get(inputName);
  const out: CardSource = { source: inputName };
  if (info?.title) out.sourceTitle = info.title;
  if (info?.date) out.sourceDate = info.date;
  return out;
}
