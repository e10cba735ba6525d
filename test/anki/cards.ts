// Hand-made cards for the Anki tests. The idioms are common dictionary idioms; the meanings are the
// project's own wording and the context sentences were written for these tests.
import type { Card, Kind } from '../../src/types.js';

interface CardSeed {
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

export const SAMPLE_CARDS: Card[] = [
  makeCard({
    text: '画蛇添足',
    pinyin: 'huà shé tiān zú',
    traditional: '畫蛇添足',
    meaning: 'to ruin something by adding what it does not need',
    literal: 'to draw legs on a snake',
    context: '报告已经写得很清楚，再加一段总结就是画蛇添足了。',
    contextPinyin: 'bào gào yǐ jīng xiě de hěn qīng chu, zài jiā yī duàn zǒng jié jiù shì huà shé tiān zú le.',
    sourceTitle: '写作课讲稿',
  }),
  makeCard({
    text: '守株待兔',
    pinyin: 'shǒu zhū dài tù',
    traditional: '守株待兔',
    meaning: 'to wait idly for luck instead of working',
    literal: 'to guard a tree stump waiting for rabbits',
    context: '市场变了，我们不能守株待兔，要主动去找客户。',
    source: 'essay-two.txt',
  }),
  makeCard({
    text: '一帆风顺',
    pinyin: 'yī fān fēng shùn',
    traditional: '一帆風順',
    meaning: 'plain sailing; smooth progress',
    context: '祝你们这次旅行一帆风顺。',
    sources: ['essay-one.txt', 'essay-two.txt'],
  }),
  makeCard({
    text: '山川异域，风月同天',
    kind: 'quotation',
    pinyin: 'shān chuān yì yù, fēng yuè tóng tiān',
    traditional: '山川異域，風月同天',
    meaning: 'lands apart, but sharing the same wind and moon',
    context: '朋友寄来的箱子上写着“山川异域，风月同天”八个字。',
    attribution: '长屋王',
  }),
];

/** A card whose every text field is hostile: markup, template and cloze syntax, entities. */
export const HOSTILE_CARD: Card = makeCard({
  text: '自相矛盾',
  pinyin: 'zì xiāng máo dùn',
  traditional: '自相矛盾',
  meaning: '<script>alert(1)</script> {{Phrase}} & {{c1::x}} "quoted"',
  literal: 'spear & shield </div>',
  context: '他说的话{{Meaning}}前后<b>自相矛盾</b>。',
  contextPinyin: '{{#Key}}x{{/Key}}',
  source: 'a "bad" name {{x}}.txt',
});
