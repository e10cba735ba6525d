// normalise on documents written for these tests (their sentences are the tests' own).
import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/input/normalise.js';
import { decode } from '../../src/input/decode.js';
import type { DecodedText, Document } from '../../src/types.js';
import { file, HALF_WIDTH_IN_CHINESE, SPACE_BETWEEN_HAN } from './helpers.js';

function doc(text: string, name = 'fixture.txt'): Document {
  const decoded: DecodedText = { name, path: null, text, encoding: 'utf-8', traditionalInput: false, originalText: text };
  return normalise(decoded);
}
const bodies = (d: Document): string[] => d.blocks.filter((b) => b.role === 'body').map((b) => b.text);
const roles = (d: Document): string[] => d.blocks.map((b) => `${b.role}:${b.text}`);

describe('normalise: OCR text', () => {
  const ocr = [
    '据本报北京5月3日电 今 天上午,市图书馆 举行了读书 节开幕式,馆长在致辞中说:"读书要持之以恒,',
    '不能一曝十寒。"',
    '',
    '活动为期两周, 共有 30 多场讲座。',
  ].join('\n');

  it('removes spaces inside Chinese, converts punctuation and rejoins the cut line', () => {
    const d = doc(ocr);
    expect(bodies(d)).toEqual([
      '据本报北京5月3日电今天上午，市图书馆举行了读书节开幕式，馆长在致辞中说：“读书要持之以恒，不能一曝十寒。”',
      '活动为期两周，共有30多场讲座。',
    ]);
    for (const text of bodies(d)) {
      expect(text).not.toMatch(SPACE_BETWEEN_HAN);
      expect(text).not.toMatch(HALF_WIDTH_IN_CHINESE);
    }
  });

  it('takes a wire dateline without a year as the date, as written', () => {
    expect(doc(ocr).source.date).toBe('5月3日');
  });
});

describe('normalise: sentences cut across paragraphs', () => {
  it('joins a paragraph that stops mid-sentence with the next one', () => {
    const d = doc('老师指出，学习语言和学习游泳一样，光看书是学不会的，一定要下\n\n水去练习。这就是实践的意义。');
    expect(bodies(d)).toEqual(['老师指出，学习语言和学习游泳一样，光看书是学不会的，一定要下水去练习。这就是实践的意义。']);
  });

  it('does not join a paragraph that ends its sentence, or one that ends with a colon', () => {
    const d = doc('今天讨论三个问题：\n\n第一，时间安排。\n\n第二，人员分工。');
    expect(bodies(d)).toEqual(['今天讨论三个问题：', '第一，时间安排。', '第二，人员分工。']);
  });

  it('does not join a new speaker turn onto an unfinished paragraph', () => {
    const d = doc('主持人：请您谈谈今年的计划\n\n嘉宾：今年我们重点做好两件事。');
    expect(bodies(d)).toHaveLength(2);
  });

  it('joins a fragment that looks like a headline when it continues a cut sentence', () => {
    const d = doc('校长表示，我们欢迎更多的家长到学校\n\n参观访问，共同关心\n\n孩子们的成长。');
    expect(bodies(d)).toEqual(['校长表示，我们欢迎更多的家长到学校参观访问，共同关心孩子们的成长。']);
    expect(d.blocks.every((b) => b.role === 'body')).toBe(true);
  });

  it('treats a comma-bearing first half of a cut sentence as text, not as a headline', () => {
    const d = doc('首先，课程设置需要更加合理。\n\n第二，评价方式需要进一步改\n\n进完善。这是大家的共识。');
    expect(bodies(d)).toContain('第二，评价方式需要进一步改进完善。这是大家的共识。');
  });
});

describe('normalise: line layouts', () => {
  it('reads one paragraph per line (no blank lines), headline included', () => {
    const d = doc('社区举办读书活动\n活动吸引了很多居民参加。\n大家表示，希望以后多办这样的活动。\n');
    expect(roles(d)).toEqual([
      'heading:社区举办读书活动',
      'body:活动吸引了很多居民参加。',
      'body:大家表示，希望以后多办这样的活动。',
    ]);
  });

  it('rejoins text hard-wrapped at a fixed width', () => {
    const wrapped = ['这是一段按固定宽度折行的文字，每一行的长度', '都差不多，句子在行中间被切开，读的时候', '应该连成一段。短的最后一行。', '第二段从这里开始。'].join('\n');
    expect(bodies(doc(wrapped))).toEqual([
      '这是一段按固定宽度折行的文字，每一行的长度都差不多，句子在行中间被切开，读的时候应该连成一段。短的最后一行。',
      '第二段从这里开始。',
    ]);
  });

  it('pairs straight quotes across the lines of one paragraph', () => {
    expect(bodies(doc('他说:"第一句话说完了。\n第二句话也说完了。"'))).toEqual(['他说：“第一句话说完了。', '第二句话也说完了。”']);
  });
});

describe('normalise: roles', () => {
  const text = [
    '春季运动会圆满落幕',
    '',
    '本报记者 张三',
    '',
    '·赛场内外·',
    '',
    '同学们奋勇争先 老师们热情服务',
    '',
    '运动会于上周五开幕，全校一千多名学生参加了比赛。',
    '',
    '比赛现场 李四摄',
    '',
    '扫一扫，看更多照片',
    '',
    '赛后，校长为获奖班级颁发了奖状。',
  ].join('\n');

  it('finds the headline, section headers, captions, byline and body', () => {
    expect(roles(doc(text))).toEqual([
      'heading:春季运动会圆满落幕',
      'caption:本报记者 张三',
      'heading:赛场内外',
      'heading:同学们奋勇争先 老师们热情服务',
      'body:运动会于上周五开幕，全校一千多名学生参加了比赛。',
      'caption:比赛现场 李四摄',
      'caption:扫一扫，看更多照片',
      'body:赛后，校长为获奖班级颁发了奖状。',
    ]);
  });

  it('takes the first heading as the title and numbers paragraphs from 0', () => {
    const d = doc(text);
    expect(d.source.title).toBe('春季运动会圆满落幕');
    expect(d.blocks.map((b) => b.paragraph)).toEqual(d.blocks.map((_, i) => i));
  });

  it('counts captions as markup', () => {
    const d = doc(text);
    const captionChars = d.blocks.filter((b) => b.role === 'caption').reduce((n, b) => n + b.text.length, 0);
    expect(d.stats.markupChars).toBe(captionChars + 2 /* the two · around 赛场内外 */);
  });

  it('does not take a line ending in a verb like 拍摄 for a photo credit', () => {
    const d = doc('春天的照片怎么拍摄\n\n先看光线，再看构图。');
    expect(d.blocks[0]?.role).toBe('heading');
  });

  it('does not make the last line a headline when nothing follows it', () => {
    const d = doc('第一段文字写完了。\n\n最后一行没有句号');
    expect(d.blocks.map((b) => b.role)).toEqual(['body', 'body']);
  });

  it('keeps a photo description with its credit line as one caption', () => {
    const d = doc('2022年9月1日，新生在操场上参加开学典礼。  \n本报记者王五摄\n\n开学典礼结束后，新生回到教室。');
    expect(d.blocks[0]?.role).toBe('caption');
    expect(d.blocks[1]?.role).toBe('body');
    expect(d.source.date).toBe('2022-09-01');
  });
});

describe('normalise: markdown and repeated paragraphs', () => {
  const md = [
    '# 读书会纪要',
    '',
    '## 第一部分',
    '',
    '**主持人：**今天我们讨论《红楼梦》。',
    '',
    '- 第一点：人物众多。',
    '- 第二点：语言优美。',
    '',
    '(上接1版)',
    '',
    '大家一致认为，这本书值得反复阅读。',
    '',
    '大家一致认为，这本书值得反复阅读。',
    '',
    '大家一致认为，这本书值得反复阅读。',
  ].join('\n');

  it('strips the markup and keeps repeated paragraphs once, counting what was dropped', () => {
    const d = doc(md);
    expect(roles(d)).toEqual([
      'heading:读书会纪要',
      'heading:第一部分',
      'body:主持人：今天我们讨论《红楼梦》。',
      'body:第一点：人物众多。',
      'body:第二点：语言优美。',
      'body:大家一致认为，这本书值得反复阅读。',
    ]);
    expect(d.stats.duplicateChars).toBe(2 * '大家一致认为，这本书值得反复阅读。'.length);
    // `# `, `## `, four `**`, two `- `, `(上接1版)`
    expect(d.stats.markupChars).toBe(2 + 3 + 4 + 4 + '(上接1版)'.length);
  });

  it('keeps paragraphs that differ only between the code units a quick comparison samples', () => {
    // Twelve paragraphs of one length that agree at the start, the middle, the quarters and the end, and
    // differ only at offsets 4 and 13; the last one repeats the first. More of them than one bucket of
    // the duplicate check holds, so both of its forms are used.
    const variants = '甲乙丙丁戊己庚辛壬癸子丑'.split('');
    const paragraph = (k: number): string =>
      `我们今天${variants[k]}讨论这本书，大家${variants[(k + 5) % 12]}都说值得一读再读。`;
    const text = [...variants.map((_, k) => paragraph(k)), paragraph(0)].join('\n\n');
    const d = doc(text);
    expect(new Set(variants.map((_, k) => paragraph(k))).size).toBe(12);
    expect(bodies(d)).toEqual(variants.map((_, k) => paragraph(k)));
    expect(d.stats.duplicateChars).toBe(paragraph(0).length);
  });

  it('joins thousands of fragments of one cut sentence into one block', () => {
    // Each fragment ends with a comma, so each continues the one before, until the last ends the sentence.
    const fragments = Array.from({ length: 3000 }, (_, k) => `我们在第${k % 10}个地方继续说下去，`);
    const d = doc([...fragments, '大家都说“好”。', '下一段。'].join('\n\n'));
    expect(roles(d)).toEqual([`body:${fragments.join('')}大家都说“好”。`, 'body:下一段。']);
  });

  it('joins a paragraph of closing marks only to the cut sentence before it', () => {
    // A closing quote ends the clause there; a closing bracket does not, so the next paragraph joins too.
    expect(roles(doc('他说：“我们继续努力，\n\n”\n\n然后散会了。'))).toEqual(['body:他说：“我们继续努力，”', 'body:然后散会了。']);
    expect(roles(doc('他说：“我们继续努力，\n\n）\n\n然后散会了。'))).toEqual(['body:他说：“我们继续努力，）然后散会了。']);
  });

  it('drops YAML front matter and takes its title and date', () => {
    const d = doc('---\ntitle: "读书会纪要"\ndate: 2023-04-05\ntags: [读书]\n---\n\n正文第一段。', 'notes.md');
    expect(d.source).toMatchObject({ title: '读书会纪要', date: '2023-04-05' });
    expect(roles(d)).toEqual(['body:正文第一段。']);
  });

  it('keeps prose between two rules at the top (not front matter)', () => {
    const d = doc('---\n这是正文，不是元数据。\n---\n\n第二段。', 'notes.md');
    expect(bodies(d)).toEqual(['这是正文，不是元数据。', '第二段。']);
  });

  it('gives HTML headings and paragraphs their roles', () => {
    const html = '<html><body><h2>会议通知</h2><p>会议定于&nbsp;下周一召开。</p><p>请准时参加。</p></body></html>';
    const d = doc(html, 'notice.html');
    expect(roles(d)).toEqual(['heading:会议通知', 'body:会议定于下周一召开。', 'body:请准时参加。']);
    expect(d.stats.markupChars).toBeGreaterThan(40);
  });

  it('removes HTML left in text or markdown copied from a web page: tags, comments, scripts, entities', () => {
    const text = [
      '主任说<span style="color:red" class=note data-id=3>教学要因材施教</span>，效果&ldquo;很好&rdquo;。<br/>大家都同意&nbsp;。<!-- 编辑：删去一句 -->',
      '<p>第一段。</p><p>第二段<img src="a.png" alt="图一">。</p>',
      '<script>var tip = "不要显示";</script>最后一句&#12290;',
    ].join('\n');
    for (const name of ['page.md', 'page.txt']) {
      const d = doc(text, name);
      expect(bodies(d), name).toEqual(['主任说教学要因材施教，效果“很好”。', '大家都同意。', '第一段。', '第二段。', '最后一句。']);
      expect(d.stats.markupChars, name).toBeGreaterThan(100);
    }
  });

  it('reads markdown tables cell by cell and drops code blocks, footnote marks and web addresses', () => {
    const text = [
      '# 学习笔记',
      '',
      '| 成语 | 例句 |',
      '| --- | :---: |',
      '| 循序渐进 | 学习要循序渐进。 |',
      '',
      '```js',
      'const 半途而废 = "代码里的字不算";',
      '```',
      '',
      '详见 https://example.org/notes?id=3&page=2 和 <https://example.org/a>，也可访问www.example.org。老师说要持之以恒[^1]。',
      '',
      '[^1]: 这是一条注释。',
    ].join('\n');
    const d = doc(text, 'notes.md');
    // Each cell is a block of its own (short cells read as headings, as a short line alone does).
    expect(d.blocks.map((b) => b.text)).toEqual([
      '学习笔记',
      '成语',
      '例句',
      '循序渐进',
      '学习要循序渐进。',
      '详见和，也可访问。老师说要持之以恒。',
      '这是一条注释。',
    ]);
  });

  it('drops the attribute braces and hard breaks of documents converted from Word', () => {
    const d = doc('他说的[画龙点睛]{.underline}，真是一目了然。\\\n我们要**实事求是**{.mark}，精益求精。\n\n## 小结 {#summary}\n\n不要写{这个}。', 'converted.md');
    expect(roles(d)).toEqual(['body:他说的画龙点睛，真是一目了然。', 'body:我们要实事求是，精益求精。', 'heading:小结', 'body:不要写{这个}。']);
  });

  it('drops numbered note marks after the words they annotate, and keeps numbers that label lines', () => {
    const d = doc('我们要精益求精[1]，把工作做好。[2]\n\n[3] 参见某书。\n\n同舟共济〔12〕是古语［4］。', 'notes.txt');
    expect(bodies(d)).toEqual(['我们要精益求精，把工作做好。', '[3]参见某书。', '同舟共济是古语。']);
  });

  it('keeps a lone code fence and what follows it: one stray ``` does not swallow the text', () => {
    const d = doc('他打了三个反引号```然后继续说。\n\n```\n\n后面的段落要保留。', 'stray.md');
    expect(bodies(d)).toContain('后面的段落要保留。');
  });

  it('drops ruby annotations (pinyin over the characters), in an HTML file and in HTML left in markdown', () => {
    const ruby = '我们要<ruby>循<rp>(</rp><rt>xún</rt><rp>)</rp>序<rt>xù</rt>渐<rt>jiàn</rt>进<rt>jìn</rt></ruby>，不能半途而废。';
    expect(bodies(doc(`<html><body><p>${ruby}</p></body></html>`, 'reader.html'))).toEqual(['我们要循序渐进，不能半途而废。']);
    expect(bodies(doc(ruby, 'reader.md'))).toEqual(['我们要循序渐进，不能半途而废。']);
  });

  it('keeps what only looks like a tag in plain text: comparisons, unknown names, entities that name nothing', () => {
    const d = doc('如果 a<b 并且 c>d，就用<方案>处理；&nosuch;保持原样。');
    // (The half-width semicolon after an entity-like word becomes full-width, as any in Chinese text.)
    expect(bodies(d)).toEqual(['如果a<b并且c>d，就用<方案>处理；&nosuch；保持原样。']);
    expect(d.stats.markupChars).toBe(0);
  });
});

describe('normalise: text copied from a web page or a report without blank lines', () => {
  it('sets the breadcrumb, page tools and prompts apart and keeps the headline and the body', () => {
    const page = [
      '首页 > 新闻 > 要闻',
      '教育部召开全国教育工作会议',
      '2021-01-08 10:30 来源：新华社',
      '【字体：大 中 小】 打印本页 关闭窗口 分享到：',
      '会议强调，要坚持实事求是，精益求精，同舟共济，共克时艰。',
      '点击上方蓝字关注我们',
      '阅读原文',
      '责任编辑：张三',
    ].join('\n');
    const d = doc(page, 'page.txt');
    expect(bodies(d)).toEqual(['会议强调，要坚持实事求是，精益求精，同舟共济，共克时艰。']);
    expect(d.source.title).toBe('教育部召开全国教育工作会议');
    expect(roles(d).filter((r) => r.startsWith('caption:'))).toHaveLength(5);
  });

  it('keeps sentences followed by a photo credit in the same group as text; only the credit is a caption', () => {
    const d = doc('两国隔海相望，人员往来从未中断。我们衷心希望双方守望相助。\n新华社记者刘彬摄');
    expect(roles(d)).toEqual(['body:两国隔海相望，人员往来从未中断。我们衷心希望双方守望相助。', 'caption:新华社记者刘彬摄']);
  });

  it('reads a WeChat article copied whole: byline and prompts set apart, the headline is the title', () => {
    const article = [
      '点击蓝字 关注我们',
      '原创 张老师 教育观察 2021-03-05 08:00',
      '教学要循序渐进',
      '近年来，不少学校在教学改革中急于求成，结果事倍功半。',
      '往期推荐',
      '喜欢就点个“在看”吧',
    ].join('\n');
    const d = doc(article, 'wechat.txt');
    expect(d.source.title).toBe('教学要循序渐进');
    expect(d.source.date).toBe('2021-03-05');
    expect(bodies(d)).toEqual(['近年来，不少学校在教学改革中急于求成，结果事倍功半。']);
  });

  it('still takes a caption that runs over two lines as one', () => {
    const d = doc('图为2021年3月7日，国务委员兼外长王毅在北京出席记者会，回答中外\n记者提问。新华社记者刘彬摄\n\n正文从这里开始。');
    expect(roles(d)[0]).toMatch(/^caption:图为.*摄$/);
  });
});

describe('normalise: a title over its text, and hard-wrapped lines', () => {
  it('keeps a title line apart from a longer line under it, with no blank line between', () => {
    // The first line is most of the second's length: longer than a short line, so only the widths tell.
    const d = doc('关于加强教育工作的几点意见\n各位老师要同舟共济，大家守望相助。\n');
    expect(roles(d)).toEqual(['heading:关于加强教育工作的几点意见', 'body:各位老师要同舟共济，大家守望相助。']);
  });

  it('still joins lines wrapped at a width, one pulled a character short by a mark that may not start a line', () => {
    const wrapped = ['我们要坚持实事求是的原则，在工作中精益求', '精，不断提高教学质量，大家要同舟共济，', '守望相助，把每一件事情都做好做细做实。'].join('\n');
    expect(bodies(doc(wrapped))).toEqual(['我们要坚持实事求是的原则，在工作中精益求精，不断提高教学质量，大家要同舟共济，守望相助，把每一件事情都做好做细做实。']);
    const pulled = ['我们要坚持实事求是的原则在工作中精益求', '精。大家要同舟共济，守望相助，做好工作。'].join('\n');
    expect(bodies(doc(pulled))).toEqual(['我们要坚持实事求是的原则在工作中精益求精。大家要同舟共济，守望相助，做好工作。']);
  });
});

describe('normalise: Traditional input', () => {
  it('gives Simplified block text and keeps the Traditional original', () => {
    const t = '學習語言要持之以恆。\n\n老師說，這個方法很有用。';
    const d = normalise(decode(file('t.txt', t)));
    expect(d.traditionalInput).toBe(true);
    expect(d.blocks.map((b) => b.text)).toEqual(['学习语言要持之以恒。', '老师说，这个方法很有用。']);
    expect(d.blocks.map((b) => b.originalText)).toEqual(['學習語言要持之以恆。', '老師說，這個方法很有用。']);
  });
});

describe('normalise: huge input', () => {
  it('handles a multi-megabyte single line without hanging or overflowing the stack', () => {
    const unit = '今天 天气很好,我们 去公园 散步"看花"。(上接1版)**好**[链接](http://a.b) ';
    const big = unit.repeat(Math.ceil(4_000_000 / unit.length));
    const d = doc(big);
    expect(d.blocks).toHaveLength(1);
    expect(d.blocks[0]?.text.startsWith('今天天气很好，我们去公园散步“看花”。好链接')).toBe(true);
  });
});
