// The character-, punctuation- and line-level repairs, each on its own.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { mapCharacters } from '../../src/input/chars.js';
import { fullWidthPunctuation, tidySpaces } from '../../src/input/punctuation.js';
import { stripLineMarkup } from '../../src/input/markup.js';
import { repairOcr } from '../../src/input/ocr.js';
import { htmlToText } from '../../src/input/html.js';
import { TRADITIONAL_SIMPLIFIED, radicalIdeographs } from '../../src/input/hanzi-data.js';
import { isMostlyTraditional } from '../../src/input/script.js';

describe('mapCharacters', () => {
  it('maps radicals from PDF extraction to ordinary ideographs', () => {
    // ⼈ is KANGXI RADICAL MAN (U+2F08), ⺠ is CJK RADICAL CIVILIAN (U+2EA0), ⻓ C-SIMPLIFIED LONG (U+2ED3).
    expect(mapCharacters('\u2f08\u2ea0的生活水平\u2ed3期提高')).toBe('人民的生活水平长期提高');
  });
  it('maps compatibility ideographs and full-width Latin letters and digits', () => {
    expect(mapCharacters('\uf900\u{2f800}')).toBe('豈丽');
    expect(mapCharacters('ＷＴＯ成立于１９９５年')).toBe('WTO成立于1995年');
  });
  it('keeps full-width punctuation that NFKC would turn half-width', () => {
    const text = '他说：“好！”（完）；真的？，、。';
    expect(mapCharacters(text)).toBe(text);
    expect(text.normalize('NFKC')).not.toBe(text);
  });
  it('turns ideographic and no-break spaces into spaces and drops zero-width ones', () => {
    expect(mapCharacters('甲\u3000乙\u00a0丙\u200b丁\ufeff')).toBe('甲 乙 丙丁');
  });
  it('turns the punctuation of vertical text and the small forms into the usual full-width forms', () => {
    expect(mapCharacters('他說：﹁溫故知新﹂︒又說︐﹃同舟共濟﹄︕')).toBe('他說：「溫故知新」。又說，『同舟共濟』！');
    expect(mapCharacters('︽論語︾︵節選︶﹐大家﹔好﹖')).toBe('《論語》（節選），大家；好？');
  });
  it('drops a variation selector after a Han character, and keeps the one after an emoji', () => {
    expect(mapCharacters('實\ufe00事求是')).toBe('實事求是');
    expect(mapCharacters('半\u{e0100}途而废')).toBe('半途而废');
    expect(mapCharacters('好\u2764\ufe0f')).toBe('好\u2764\ufe0f');
  });
  it('drops the invisible marks pasted text scatters between characters, and keeps emoji joined', () => {
    const marks = ['\u200e', '\u200f', '\u202a', '\u202c', '\u202e', '\u2060', '\u2063', '\u2066', '\u2069', '\u180e', '\u200c', '\u200d'];
    for (const mark of marks) expect(mapCharacters(`半${mark}途而${mark}${mark}废`)).toBe('半途而废');
    expect(mapCharacters('\u200d半途而废\u200c')).toBe('半途而废');
    const family = '👨\u200d👩\u200d👧';
    expect(mapCharacters(`${family}，半途而废`)).toBe(`${family}，半途而废`);
  });
  it('maps every radical in its table to a Han character', () => {
    for (const [radical, ideograph] of radicalIdeographs()) {
      expect(radical.codePointAt(0)).toBeGreaterThanOrEqual(0x2e80);
      expect(ideograph).toMatch(/^\p{Script=Han}$/u);
    }
  });
});

describe('fullWidthPunctuation', () => {
  it('turns half-width marks in Chinese text into full-width ones', () => {
    expect(fullWidthPunctuation('今天下雨了,我们没有出门;你呢?太好了!结论:留在家里')).toBe(
      '今天下雨了，我们没有出门；你呢？太好了！结论：留在家里',
    );
  });
  it('pairs straight double quotes as opening and closing quotes', () => {
    expect(fullWidthPunctuation('他提出"守株待兔"和"刻舟求剑"两个例子')).toBe('他提出“守株待兔”和“刻舟求剑”两个例子');
    expect(fullWidthPunctuation('"健康码""行程卡"都要带')).toBe('“健康码”“行程卡”都要带');
  });
  it('continues a quotation opened with a curly quote', () => {
    expect(fullWidthPunctuation('他说“今天不去了"')).toBe('他说“今天不去了”');
  });
  it('leaves numbers, times and Latin text alone', () => {
    expect(fullWidthPunctuation('共有3,000人,会议10:30开始')).toBe('共有3,000人，会议10:30开始');
    expect(fullWidthPunctuation('Hello, world: "quoted"!')).toBe('Hello, world: "quoted"!');
    expect(fullWidthPunctuation('版本3.5发布')).toBe('版本3.5发布');
    expect(fullWidthPunctuation("we don't know")).toBe("we don't know");
  });
  it('converts brackets around Chinese and keeps them paired', () => {
    expect(fullWidthPunctuation('签署协定(RCEP)以后')).toBe('签署协定（RCEP）以后');
    expect(fullWidthPunctuation('f(x) = 2')).toBe('f(x) = 2');
  });
  it('turns a full stop and an ellipsis written with dots after Chinese into 。 and ……', () => {
    expect(fullWidthPunctuation('今天很冷.明天更冷...')).toBe('今天很冷。明天更冷……');
  });
  it('ends a line of Chinese with 。 where it ends with a dot', () => {
    expect(fullWidthPunctuation('今天很冷.\n明天更冷.\r\n后天.')).toBe('今天很冷。\n明天更冷。\r\n后天。');
    expect(fullWidthPunctuation('版本3.\n发布')).toBe('版本3.\n发布');
  });
  it('sees through OCR spaces around the mark', () => {
    expect(fullWidthPunctuation('前面的话 , 后面的话')).toBe('前面的话 ， 后面的话');
  });
});

describe('tidySpaces', () => {
  it('removes OCR spaces inside Chinese text', () => {
    expect(tidySpaces('会议在人民大会 堂举 行，共 有 20 人出席')).toBe('会议在人民大会堂举行，共有20人出席');
  });
  it('keeps one space between Latin words and numbers', () => {
    expect(tidySpaces('使用 Visual  Studio Code 2 次')).toBe('使用Visual Studio Code 2次');
  });
  it('keeps the space after an article label that opens a line or clause, not one inside a sentence', () => {
    expect(tidySpaces('第一条 中华人民共和国是人民的国家')).toBe('第一条 中华人民共和国是人民的国家');
    expect(tidySpaces('总则：第十二章  附则')).toBe('总则：第十二章 附则');
    expect(tidySpaces('第3节 学习方法')).toBe('第3节 学习方法');
    expect(tidySpaces('这是第一条 路')).toBe('这是第一条路');
    expect(tidySpaces('第 一 条 路')).toBe('第一条路');
  });
  it('keeps the tab after a row number apart as a space, and drops tabs between Han characters like OCR spaces', () => {
    expect(tidySpaces('1\t我们要实事求是')).toBe('1 我们要实事求是');
    expect(tidySpaces('12\t\t大家同舟共济')).toBe('12 大家同舟共济');
    expect(tidySpaces('实事\t求是')).toBe('实事求是');
    expect(tidySpaces('削\t足\t适\t履')).toBe('削足适履');
    expect(tidySpaces('我们，\t大家')).toBe('我们，大家');
    expect(tidySpaces('共 有 20 人')).toBe('共有20人');
  });
  it('keeps a headline separator between Han characters when asked', () => {
    expect(tidySpaces('有分歧在所难免  关键是沟通', true)).toBe('有分歧在所难免 关键是沟通');
    expect(tidySpaces('有分歧在所难免 ， 关键是沟通', true)).toBe('有分歧在所难免，关键是沟通');
  });
  it('handles characters outside the Basic Multilingual Plane', () => {
    expect(tidySpaces('\u{20000} 字')).toBe('\u{20000}字');
  });
});

describe('repairOcr', () => {
  it('reads a hyphen that opens a clause before a Han character as 一', () => {
    expect(repairOcr('-年来，我们做了很多工作，-些问题也解决了。')).toBe('一年来，我们做了很多工作，一些问题也解决了。');
  });
  it('keeps hyphens that join words, minus signs and list dashes', () => {
    expect(repairOcr('中国-东盟合作')).toBe('中国-东盟合作');
    expect(repairOcr('气温-5度')).toBe('气温-5度');
    expect(repairOcr('- 列表')).toBe('- 列表');
  });
});

describe('stripLineMarkup', () => {
  it('strips markdown headings and bullets and marks the line as a heading', () => {
    expect(stripLineMarkup('### ■ 第一部分：总体情况')).toMatchObject({ text: '第一部分：总体情况', heading: true });
    expect(stripLineMarkup('## 标题 ##').text).toBe('标题');
  });
  it('recognises ·…· section headers', () => {
    expect(stripLineMarkup('·谈教育改革·')).toMatchObject({ text: '谈教育改革', heading: true });
  });
  it('strips list markers and bullets', () => {
    expect(stripLineMarkup('- 第一条意见')).toMatchObject({ text: '第一条意见', bulleted: true });
    expect(stripLineMarkup('■ 第二条意见')).toMatchObject({ text: '第二条意见', bulleted: true });
    expect(stripLineMarkup('● 第三条意见')).toMatchObject({ text: '第三条意见', bulleted: true });
  });
  it('strips emphasis, images and links and counts what it removed', () => {
    const line = '**主持人：**请看![会场照片](img/a.jpg)和[这篇报道](https://example.org/x)';
    const m = stripLineMarkup(line);
    expect(m.text).toBe('主持人：请看和这篇报道');
    expect(m.removed).toBe(line.length - m.text.length);
  });
  it('removes newspaper page markers wherever they stand', () => {
    expect(stripLineMarkup('(上接1版)').dropped).toBe(true);
    expect(stripLineMarkup('（下转第3版）').dropped).toBe(true);
    expect(stripLineMarkup('工作还要继续推进。(下转4版)').text).toBe('工作还要继续推进。');
  });
  it('pairs emphasis markers left to right and keeps an odd one out', () => {
    expect(stripLineMarkup('**甲**乙**')).toMatchObject({ text: '甲乙', removed: 6 });
    // `***` holds one `**` (then a lone `*`), not two overlapping ones.
    expect(stripLineMarkup('***甲***')).toMatchObject({ text: '甲', removed: 6 });
    expect(stripLineMarkup('__甲__乙__丙')).toMatchObject({ text: '甲乙__丙', removed: 4 });
    expect(stripLineMarkup('*甲*乙*')).toMatchObject({ text: '*甲*乙*', removed: 0 });
  });
  it('drops horizontal rules and leaves plain lines alone', () => {
    expect(stripLineMarkup('* * *').dropped).toBe(true);
    expect(stripLineMarkup('普通的一句话，没有标记。')).toMatchObject({ text: '普通的一句话，没有标记。', removed: 0 });
    expect(stripLineMarkup('3 * 4 = 12').text).toBe('3 * 4 = 12');
  });
});

describe('htmlToText', () => {
  it('removes tags, scripts and comments and decodes entities', () => {
    const html =
      '<html><head><title>t</title><style>p{}</style></head><body><h1>标题</h1><!-- note -->' +
      '<p>第一段&nbsp;文字&amp;符号&#x4E2D;&#25991;</p><script>var a = "<p>";</script><p>第二段<br>换行</p></body></html>';
    const { text, markupChars } = htmlToText(html);
    expect(text).not.toMatch(/[<>]/);
    expect(text).toContain('# 标题');
    expect(text).toContain('第一段 文字&符号中文');
    expect(text).toContain('第二段\n换行');
    expect(text).not.toContain('var a');
    expect(markupChars).toBeGreaterThan(50);
  });
  it('drops figure captions and reports the page title', () => {
    const { text, title } = htmlToText('<head><title>会议&amp;通知</title></head><figure><img src=a.jpg><figcaption>会场照片</figcaption></figure><p>正文。</p>');
    expect(title).toBe('会议&通知');
    expect(text).not.toContain('会场照片');
    expect(text).toContain('正文。');
  });

  it('keeps a lone less-than sign in text', () => {
    expect(htmlToText('<p>3 < 5</p>').text.trim()).toBe('3 < 5');
  });
});

describe('script data', () => {
  it('pairs each Traditional character with the Simplified form opencc-js gives', () => {
    const require = createRequire(import.meta.url);
    const opencc = require('opencc-js/t2cn') as { Converter(o: { from: string; to: string }): (s: string) => string };
    const convert = opencc.Converter({ from: 'tw', to: 'cn' });
    const chars = Array.from(TRADITIONAL_SIMPLIFIED);
    expect(chars.length % 2).toBe(0);
    const wrong: string[] = [];
    for (let i = 0; i < chars.length; i += 2) {
      const [t, s] = [chars[i] as string, chars[i + 1] as string];
      if (t === s || convert(t) !== s || convert(s) !== s) wrong.push(t + s);
    }
    expect(wrong).toEqual([]);
  });
  it('tells mostly-Traditional text from Simplified text', () => {
    expect(isMostlyTraditional('這個問題我們已經討論過很多次了。')).toBe(true);
    expect(isMostlyTraditional('这个问题我们已经讨论过很多次了。')).toBe(false);
    expect(isMostlyTraditional('这个问题我们在《說文解字》里讨论过。')).toBe(false);
  });
  it('reads a short text with one Traditional character and nothing Simplified-only as Traditional', () => {
    expect(isMostlyTraditional('實事求是')).toBe(true);
    expect(isMostlyTraditional('同舟共濟。')).toBe(true);
    expect(isMostlyTraditional('他们发表了《實事求是》一文。')).toBe(false);
    expect(isMostlyTraditional('一目了然')).toBe(false);
  });
});
