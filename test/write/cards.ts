// Cards for the output tests. The sentences are written for these tests; the phrases are common idioms,
// a classical quotation (老子《道德经》), a saying and a policy term, with CC-CEDICT-style meanings.
import type { Card, Kind, SourceInfo } from '../../src/types.js';
import { hanOnly } from '../../src/lexicon/paths.js';

interface CardSpec {
  text: string;
  kind: Kind;
  pinyin: string;
  pinyinNumbered: string;
  traditional: string;
  meaning: string;
  literal?: string;
  context: string;
  source?: string;
  count?: number;
  attribution?: string;
  meaningSource?: Card['meaningSource'];
}

export function makeCard(spec: CardSpec): Card {
  const start = spec.context.indexOf(spec.text);
  return {
    key: hanOnly(spec.text),
    text: spec.text,
    kind: spec.kind,
    pinyin: spec.pinyin,
    pinyinNumbered: spec.pinyinNumbered,
    traditional: spec.traditional,
    meaning: spec.meaning,
    literal: spec.literal ?? '',
    meaningSource: spec.meaningSource ?? 'cedict',
    count: spec.count ?? 1,
    context: spec.context,
    contextStart: start,
    contextEnd: start < 0 ? -1 : start + spec.text.length,
    contextPinyin: '',
    source: spec.source ?? 'library.txt',
    sources: [spec.source ?? 'library.txt'],
    sourceTitle: '小镇图书馆',
    sourceDate: '2026-03-12',
    score: 1,
    evidence: [],
    ...(spec.attribution ? { attribution: spec.attribution } : {}),
  };
}

export const SOURCES: SourceInfo[] = [{ name: 'library.txt', title: '小镇图书馆', date: '2026-03-12' }];

/** A hostile context: markup, an entity, Anki template syntax, Markdown syntax, a tab and quotes. */
export const HOSTILE_CONTEXT = '他写下<script>window.pwned=1</script>&amp; {{Phrase}} *粗*_斜_[链接](x)	"引号"，然后削足适履。';

export function sampleCards(): Card[] {
  return [
    makeCard({
      text: '集思广益',
      kind: 'chengyu',
      pinyin: 'jí sī guǎng yì',
      pinyinNumbered: 'ji2 si1 guang3 yi4',
      traditional: '集思廣益',
      meaning: 'to pool wisdom for mutual benefit; to profit from the ideas of others',
      context: '馆长召开了三次座谈会，集思广益，最后定下了方案。',
      count: 2,
    }),
    makeCard({
      text: '一丝不苟',
      kind: 'chengyu',
      pinyin: 'yī sī bù gǒu',
      pinyinNumbered: 'yi1 si1 bu4 gou3',
      traditional: '一絲不苟',
      meaning: 'not one thread loose; strictly according to the rules; meticulous',
      literal: 'not one thread loose',
      context: '施工队干活一丝不苟，每一颗螺丝都检查了两遍。',
    }),
    makeCard({
      text: '削足适履',
      kind: 'chengyu',
      pinyin: 'xuē zú shì lǚ',
      pinyinNumbered: 'xue1 zu2 shi4 lu:3',
      traditional: '削足適履',
      meaning: 'to force a square peg into a round hole <b>&</b> "quotes"',
      literal: 'to trim the feet to fit the shoes',
      context: HOSTILE_CONTEXT,
    }),
    makeCard({
      text: '千里之行，始于足下',
      kind: 'quotation',
      pinyin: 'qiān lǐ zhī xíng, shǐ yú zú xià',
      pinyinNumbered: 'qian1 li3 zhi1 xing2, shi3 yu2 zu2 xia4',
      traditional: '千里之行，始於足下',
      meaning: 'a journey of a thousand li begins with a single step',
      context: '老师对年轻人说：“千里之行，始于足下，整理好一本书也是学问。”',
      attribution: '老子《道德经》',
    }),
    makeCard({
      text: '三天打鱼，两天晒网',
      kind: 'saying',
      pinyin: 'sān tiān dǎ yú, liǎng tiān shài wǎng',
      pinyinNumbered: 'san1 tian1 da3 yu2, liang3 tian1 shai4 wang3',
      traditional: '三天打魚，兩天曬網',
      meaning: 'to work by fits and starts',
      literal: 'to fish for three days and dry the nets for two',
      context: '读书贵在坚持，不能三天打鱼，两天晒网。',
    }),
    makeCard({
      text: '乡村振兴',
      kind: 'term',
      pinyin: 'xiāng cūn zhèn xīng',
      pinyinNumbered: 'xiang1 cun1 zhen4 xing1',
      traditional: '鄉村振興',
      meaning: 'rural revitalization',
      meaningSource: 'gloss',
      context: '这座小图书馆也是乡村振兴的一部分。',
      source: 'notes.md',
    }),
  ];
}
