import { describe, expect, it } from 'vitest';
import { cedict } from '../../src/lexicon/cedict.js';
import { phrasePinyin, phraseReading } from '../../src/enrich/pinyin.js';
import { DeckReadings, sentencePinyin } from '../../src/enrich/sentence-pinyin.js';
import { formatMarks, formatNumbered, parseNumbered, toMarks } from '../../src/enrich/syllable.js';

const citation = (text: string): string => phrasePinyin(text, { toneSandhi: false }).marks;
const spoken = (text: string): string => phrasePinyin(text, { toneSandhi: true }).marks;

describe('syllables', () => {
  it('places tone marks by the standard rule', () => {
    const marks = (s: string): string => toMarks(parseNumbered(s) ?? { letters: '?', tone: 5 });
    expect(['hao3', 'hou4', 'gui1', 'liu2', 'lu:3', 'nu:e4', 'er2', 'zhuang4', 'men5', 'm2', 'r5'].map(marks)).toEqual([
      'hǎo', 'hòu', 'guī', 'liú', 'lǚ', 'nüè', 'ér', 'zhuàng', 'men', 'ḿ', 'r',
    ]);
  });
  it('reads pinyin-pro and CC-CEDICT notations alike', () => {
    expect(parseNumbered('lü4')).toEqual({ letters: 'lu:', tone: 4 });
    expect(parseNumbered('men0')).toEqual({ letters: 'men', tone: 5 });
    expect(parseNumbered('Xue1')).toEqual({ letters: 'xue', tone: 1 });
    expect(parseNumbered('xx5')).toBeUndefined();
    expect(parseNumbered(',')).toBeUndefined();
  });
  it('formats punctuation: attached in tone marks, separate in the numbered form', () => {
    const tokens = [
      { kind: 'syllable', syllable: { letters: 'yi', tone: 1 } },
      { kind: 'other', text: '，' },
      { kind: 'syllable', syllable: { letters: 'er', tone: 4 } },
    ] as const;
    expect(formatMarks(tokens)).toBe('yī, èr');
    expect(formatNumbered(tokens)).toBe('yi1 , er4');
  });
});

describe('polyphones named by the issue', () => {
  it.each([
    ['削足适履', 'xuē zú shì lǚ'],
    ['一目了然', 'yī mù liǎo rán'],
    ['挑拨离间', 'tiǎo bō lí jiàn'],
    ['自力更生', 'zì lì gēng shēng'],
    ['量体裁衣', 'liàng tǐ cái yī'],
    ['长治久安', 'cháng zhì jiǔ ān'],
  ])('%s → %s', (phrase, reading) => {
    expect(citation(phrase)).toBe(reading);
  });
});

// Standard readings as dictionaries (现代汉语词典, CC-CEDICT) print them; each pins a polyphonic character.
const MORE_POLYPHONES: [string, string][] = [
  ['长年累月', 'cháng nián lěi yuè'],
  ['重蹈覆辙', 'chóng dǎo fù zhé'],
  ['举足轻重', 'jǔ zú qīng zhòng'],
  ['行云流水', 'xíng yún liú shuǐ'],
  ['行行出状元', 'háng háng chū zhuàng yuán'],
  ['不了了之', 'bù liǎo liǎo zhī'],
  ['得不偿失', 'dé bù cháng shī'],
  ['不着边际', 'bù zhuó biān jì'],
  ['为虎作伥', 'wèi hǔ zuò chāng'],
  ['为所欲为', 'wéi suǒ yù wéi'],
  ['百发百中', 'bǎi fā bǎi zhòng'],
  ['中流砥柱', 'zhōng liú dǐ zhù'],
  ['相得益彰', 'xiāng dé yì zhāng'],
  ['相机行事', 'xiàng jī xíng shì'],
  ['应运而生', 'yìng yùn ér shēng'],
  ['得心应手', 'dé xīn yìng shǒu'],
  ['大腹便便', 'dà fù pián pián'],
  ['便宜行事', 'biàn yí xíng shì'],
  ['数见不鲜', 'shuò jiàn bù xiān'],
  ['数典忘祖', 'shǔ diǎn wàng zǔ'],
  ['处心积虑', 'chǔ xīn jī lǜ'],
  ['设身处地', 'shè shēn chǔ dì'],
  ['参差不齐', 'cēn cī bù qí'],
  ['差强人意', 'chā qiáng rén yì'],
  ['千差万别', 'qiān chā wàn bié'],
  ['将计就计', 'jiāng jì jiù jì'],
  ['兵来将挡，水来土掩', 'bīng lái jiàng dǎng, shuǐ lái tǔ yǎn'],
  ['乐此不疲', 'lè cǐ bù pí'],
  ['喜闻乐见', 'xǐ wén lè jiàn'],
  ['藏龙卧虎', 'cáng lóng wò hǔ'],
  ['曾几何时', 'céng jǐ hé shí'],
  ['令人发指', 'lìng rén fà zhǐ'],
  ['发扬光大', 'fā yáng guāng dà'],
  ['降龙伏虎', 'xiáng lóng fú hǔ'],
  ['从天而降', 'cóng tiān ér jiàng'],
  ['后知后觉', 'hòu zhī hòu jué'],
  ['勾心斗角', 'gōu xīn dòu jiǎo'],
  ['结结巴巴', 'jiē jiē bā ba'],
  ['朝气蓬勃', 'zhāo qì péng bó'],
  ['朝三暮四', 'zhāo sān mù sì'],
  ['强词夺理', 'qiǎng cí duó lǐ'],
  ['牵强附会', 'qiān qiǎng fù huì'],
  ['少年老成', 'shào nián lǎo chéng'],
  ['少安毋躁', 'shǎo ān wú zào'],
  ['调虎离山', 'diào hǔ lí shān'],
  ['风调雨顺', 'fēng tiáo yǔ shùn'],
  ['一模一样', 'yī mú yī yàng'],
  ['否极泰来', 'pǐ jí tài lái'],
  ['厚此薄彼', 'hòu cǐ bó bǐ'],
  ['心宽体胖', 'xīn kuān tǐ pán'],
  ['一暴十寒', 'yī pù shí hán'],
  ['还原真相', 'huán yuán zhēn xiàng'],
];

describe('more polyphones in chengyu and set phrases', () => {
  it.each(MORE_POLYPHONES)('%s → %s', (phrase, reading) => {
    expect(citation(phrase)).toBe(reading);
  });
});

// Phrases CC-CEDICT lacks (checked below): the reading is combined from the words inside and pinyin-pro.
const NOT_IN_CEDICT: [string, string][] = [
  ['山川异域，风月同天', 'shān chuān yì yù, fēng yuè tóng tiān'],
  ['相向而行', 'xiāng xiàng ér xíng'],
  ['休戚与共', 'xiū qī yǔ gòng'],
  ['和而不同', 'hé ér bù tóng'],
  ['长此以往', 'cháng cǐ yǐ wǎng'],
  ['传为佳话', 'chuán wéi jiā huà'],
  ['百鸟朝凤', 'bǎi niǎo cháo fèng'],
];

describe('phrases missing from CC-CEDICT', () => {
  it.each(NOT_IN_CEDICT)('%s → %s', (phrase, reading) => {
    expect(cedict().lookup(phrase)).toEqual([]);
    expect(citation(phrase)).toBe(reading);
  });
  it('says where each syllable came from', () => {
    const { origin } = phraseReading('山川异域，风月同天', { toneSandhi: false });
    expect(origin).not.toContain('cedict-phrase');
    expect(origin).toContain('cedict-parts');
  });
});

describe('tone sandhi', () => {
  it('is off by default: dictionary citation tones', () => {
    expect(citation('一衣带水')).toBe('yī yī dài shuǐ');
    expect(citation('不见不散')).toBe('bù jiàn bù sàn');
    expect(citation('一心一意')).toBe('yī xīn yī yì');
  });
  it('gives the spoken tones of 一 and 不 when asked', () => {
    expect(spoken('一衣带水')).toBe('yì yī dài shuǐ');
    expect(spoken('不见不散')).toBe('bú jiàn bú sàn');
    expect(spoken('一心一意')).toBe('yì xīn yí yì');
    expect(spoken('一目了然')).toBe('yí mù liǎo rán');
    expect(spoken('一落千丈')).toBe('yí luò qiān zhàng');
  });
  it('leaves 一 alone where it counts or ends a word', () => {
    expect(spoken('统一战线')).toBe('tǒng yī zhàn xiàn');
    expect(spoken('第一次')).toBe('dì yī cì');
    expect(spoken('始终如一')).toBe('shǐ zhōng rú yī');
  });
  it('changes only 一 and 不, so the other syllables equal the citation form', () => {
    for (const phrase of ['一衣带水', '不见不散', '一心一意', '兵来将挡，水来土掩', '一不做，二不休']) {
      const a = citation(phrase).split(' ');
      const b = spoken(phrase).split(' ');
      expect(b.length).toBe(a.length);
      [...phrase.replace(/，/g, '')].forEach((char, i) => {
        if (char !== '一' && char !== '不') expect(b[i]).toBe(a[i]);
      });
    }
  });
});

describe('numbered form (CC-CEDICT style)', () => {
  it('writes ü as u:, the neutral tone as 5, punctuation as its own token', () => {
    expect(phrasePinyin('削足适履', { toneSandhi: false }).numbered).toBe('xue1 zu2 shi4 lu:3');
    expect(phrasePinyin('结结巴巴', { toneSandhi: false }).numbered).toBe('jie1 jie1 ba1 ba5');
    expect(phrasePinyin('一不做，二不休', { toneSandhi: false }).numbered).toBe('yi1 bu4 zuo4 , er4 bu4 xiu1');
  });
  it('follows the sandhi option too', () => {
    expect(phrasePinyin('一衣带水', { toneSandhi: true }).numbered).toBe('yi4 yi1 dai4 shui3');
  });
});

describe('format', () => {
  it('is lower case even where CC-CEDICT capitalises a proper noun', () => {
    const entry = cedict().lookup('丈二金刚摸不着头脑')[0];
    expect(entry?.pinyin).toMatch(/[A-Z]/);
    const reading = phrasePinyin('丈二金刚摸不着头脑', { toneSandhi: false });
    expect(reading.numbered).toBe(entry?.pinyin.toLowerCase());
    expect(reading.marks).toBe(reading.marks.toLowerCase());
  });
  it('has one syllable per Han character', () => {
    for (const [phrase] of [...MORE_POLYPHONES, ...NOT_IN_CEDICT]) {
      const syllables = citation(phrase).split(' ');
      expect(syllables.length).toBe([...phrase.replace(/，/g, '')].length);
    }
  });
});

describe('sentence pinyin', () => {
  it('reads the whole sentence and uses the card reading for the phrase', () => {
    const sentence = '两国隔海相望，一衣带水，往来从未断绝。';
    const start = sentence.indexOf('一衣带水');
    const plain = sentencePinyin(sentence, start, start + 4, { toneSandhi: false });
    expect(plain).toContain('yī yī dài shuǐ,');
    expect(plain.startsWith('liǎng guó gé hǎi xiāng wàng,')).toBe(true);
    expect(plain.endsWith('.')).toBe(true);
    expect(sentencePinyin(sentence, start, start + 4, { toneSandhi: true })).toContain('yì yī dài shuǐ,');
  });
  it('corrects running text with long CC-CEDICT words', () => {
    const a = '大家都说眼见为实，可是照片也会骗人。';
    expect(sentencePinyin(a, a.indexOf('照片'), a.indexOf('照片') + 2, { toneSandhi: false })).toContain('yǎn jiàn wéi shí,');
    const b = '有人总想挑拨离间，我们可不能上当。';
    expect(sentencePinyin(b, b.indexOf('上当'), b.indexOf('上当') + 2, { toneSandhi: false })).toContain('tiǎo bō lí jiàn,');
  });
  it("reads the deck's other phrases as their cards do", () => {
    // 关系带来 stands for any phrase CC-CEDICT lacks whose combined reading differs from pinyin-pro's.
    const sentence = '两国一衣带水，良好的关系带来了新的机会。';
    const at = sentence.indexOf('一衣带水');
    const deck = new DeckReadings(['一衣带水', '关系带来'], { toneSandhi: false });
    const other = formatMarks(deck.reading('关系带来'));
    const alone = sentencePinyin(sentence, at, at + 4, { toneSandhi: false });
    expect(alone).not.toContain(other);
    const withDeck = sentencePinyin(sentence, at, at + 4, { toneSandhi: false }, deck);
    expect(withDeck).toContain(other);
    expect(withDeck).toContain('yī yī dài shuǐ,');
  });
  it('reads the whole sentence when the phrase is not marked', () => {
    expect(sentencePinyin('削足适履。', -1, -1, { toneSandhi: false })).toBe('xuē zú shì lǚ.');
  });
  it('keeps Latin letters and digits as words', () => {
    expect(sentencePinyin('2024年有AI', -1, -1, { toneSandhi: false })).toBe('2024 nián yǒu AI');
  });
});

describe('agreement with CC-CEDICT', () => {
  // Every 8th entry of four or more characters made of Han characters and clause commas: about 3,100
  // entries spread over the whole dictionary. Its reading (lower-cased) is the reference.
  const sample: { simplified: string; readings: string[] }[] = [];
  const byForm = new Map<string, string[]>();
  for (const entry of cedict().entries()) {
    if (!/^[\p{Script=Han}，]+$/u.test(entry.simplified) || entry.simplified.replace(/，/g, '').length < 4) continue;
    const list = byForm.get(entry.simplified) ?? [];
    list.push(entry.pinyin.toLowerCase());
    byForm.set(entry.simplified, list);
  }
  let i = 0;
  for (const [simplified, readings] of byForm) if (i++ % 8 === 0) sample.push({ simplified, readings });

  it('covers a few thousand entries', () => {
    expect(sample.length).toBeGreaterThan(2500);
  });
  it('gives exactly a CC-CEDICT reading for every sampled entry', () => {
    const disagreements = sample.filter(({ simplified, readings }) => !readings.includes(phrasePinyin(simplified, { toneSandhi: false }).numbered));
    expect(disagreements.slice(0, 10)).toEqual([]);
  });
});
