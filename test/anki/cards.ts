// Hand-made cards for the Anki tests. The idioms are common dictionary idioms; the meanings are the
// project's own wording and the context sentences were written for these tests.
import type { Card, Kind } from '../../src/types.js';
import samples from './sample-cards.json' with { type: 'json' };

export interface CardSeed {
  text: string;
  pinyin: string;
  traditional: string;
  meaning: string;
  literal?: string;
  kind?: Kind;
  context: string;
  contextPinyin?: string;
  source?: string;
  sources?: string[];
  sourceTitle?: string;
  attribution?: string;
}

export function makeCard(seed: CardSeed): Card {
  const key = seed.text.replace(/[^\p{Script=Han}]/gu, '');
  const start = seed.context.indexOf(seed.text);
  const source = seed.source ?? 'essay-one.txt';
  return {
    key,
    text: seed.text,
    kind: seed.kind ?? 'chengyu',
    pinyin: seed.pinyin,
    pinyinNumbered: '',
    traditional: seed.traditional,
    meaning: seed.meaning,
    literal: seed.literal ?? '',
    meaningSource: 'project',
    count: 1,
    context: seed.context,
    contextStart: start,
    contextEnd: start < 0 ? -1 : start + seed.text.length,
    contextPinyin: seed.contextPinyin ?? '',
    source,
    sources: seed.sources ?? [source],
    ...(seed.sourceTitle === undefined ? {} : { sourceTitle: seed.sourceTitle }),
    score: 1,
    evidence: [],
    ...(seed.attribution === undefined ? {} : { attribution: seed.attribution }),
  };
}

export const SAMPLE_CARDS: Card[] = (samples.cards as CardSeed[]).map(makeCard);

/** A card whose every text field is hostile: markup, template and cloze syntax, entities. */
export const HOSTILE_CARD: Card = makeCard({
  text: '自相矛盾',
  pinyin: 'zì xiāng máo dùn',
  traditional: '自相矛盾',
  meaning: '<script>alert(1)</script> {{Phrase}} & {{c1::x}} "quoted"\u001fafter a field separator\u0000',
  literal: 'spear & shield </div>',
  context: '他说的话{{Meaning}}前后<b>自相矛盾</b>。',
  contextPinyin: '{{#Key}}x{{/Key}}',
  source: 'a "bad" name {{x}}.txt',
});
