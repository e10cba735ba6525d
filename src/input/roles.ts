// Deciding what a paragraph is: a heading, a caption (photo credit, byline, "scan the code" prompt) or body
// text, and whether a body paragraph ends its sentence or was cut off mid-sentence. Plain functions over
// one paragraph's text (punctuation already full-width).
import { unitFlags } from './chars.js';

// Half-width marks count too: after normalisation they are left only at the end of Latin text.
const TERMINALS = '。！？….!?';
const CLOSERS = '”’」』）)》】〕';
const CLAUSE_ENDS = '：；”」』';

/** Per code unit: membership of the three sets above (compared as code units: `text[i]` makes a string). */
const TERMINAL = 1;
const CLOSER = 2;
const CLAUSE_END = 4;
const ENDING = unitFlags([
  [TERMINALS, TERMINAL],
  [CLOSERS, CLOSER],
  [CLAUSE_ENDS, CLAUSE_END],
]);

/** Ends with 。！？… (closing quotes and brackets after it allowed): the paragraph's last sentence is whole. */
export function endsSentence(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && ((ENDING[text.charCodeAt(i)] as number) & CLOSER) !== 0) i--;
  return i >= 0 && ((ENDING[text.charCodeAt(i)] as number) & TERMINAL) !== 0;
}

/**
 * Whether `endsSentence` and `endsClause` of any text ending with `tail` are those of `tail` alone: it holds
 * something other than closing marks, so the look back from the end stops inside it.
 */
export function decidesEnding(tail: string): boolean {
  for (let i = tail.length - 1; i >= 0; i--) if (((ENDING[tail.charCodeAt(i)] as number) & CLOSER) === 0) return true;
  return false;
}

/** Ends with a mark that closes a paragraph even without a full stop: a colon before a list, a semicolon. */
export function endsClause(text: string): boolean {
  return text.length > 0 && ((ENDING[text.charCodeAt(text.length - 1)] as number) & CLAUSE_END) !== 0;
}

/** `王毅：` `中新社记者：` `**记者：**`: a speaker label opening a transcript turn. */
const SPEAKER = /^[^，。；：！？“”\s]{1,16}[：:]/;
/** Ordinals that open a new paragraph of a list: 首先，第二，三是… */
const ORDINAL = /^(?:首先|其次|再次|最后|此外|另外|同时|第[一二三四五六七八九十百0-9]{1,3}[，、,.]|[一二三四五六七八九十][是要]|[(（][一二三四五六七八九十0-9]{1,2}[)）])/;
/** A short adverbial lead-in ending in a comma (一年来， 目前， 对中国而言，): typical of a paragraph's start. */
const LEAD_IN = /^[^，。；：！？“”《》]{1,8}，/;

export function startsParagraph(text: string): boolean {
  return SPEAKER.test(text) || ORDINAL.test(text);
}

export function startsWithLeadIn(text: string): boolean {
  return LEAD_IN.test(text);
}

/** `塔斯社记者：…` `主持人：…`: a transcript turn, whatever its length. */
const TURN_LABEL = /^[^，。：:]{0,16}(?:记者|主持人)[：:]/;

/** Reporting clauses (`王毅表示，` `他指出，`) belong to running text, never to a headline. */
const REPORTING = /(?:表示|指出|强调|认为|介绍|说|称|提出|宣布|回应|透露|坦言|直言)[，：]/;

function hanCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) n++;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        // A surrogate pair is one character: Han from U+20000 on (high surrogate U+D840 and up).
        if (c >= 0xd840) n++;
        i++;
      }
    }
  }
  return n;
}

export type HeadingStrength = 'none' | 'weak' | 'strong';

/**
 * How much a standalone line looks like a headline: short, no full stop, no reporting clause. `strong`
 * when it has no comma either (a cut-off sentence fragment usually has one).
 */
export function headingStrength(text: string, isFirst: boolean): HeadingStrength {
  if (text.length > 60) return 'none';
  const han = hanCount(text);
  if (han === 0 || han > 40) return 'none';
  if (text.includes('。')) return 'none';
  if (endsSentence(text) && !(isFirst && han <= 30)) return 'none';
  const last = text[text.length - 1] as string;
  if ('，、；：“（《—'.includes(last)) return 'none';
  if (REPORTING.test(text) || TURN_LABEL.test(text)) return 'none';
  return text.includes('，') ? 'weak' : 'strong';
}

/** Photo credits: `记者会现场 视觉中国供图`, `新华社记者刘彬摄`, `（新华社记者 X 摄）`. */
const CREDIT = /(?:(?<!拍)摄|供图|摄影|图片来源[：:].{0,20}|资料图片|资料图|新华社发|图源[：:].{0,20})[)）]?$/;
/**
 * Prompts and furniture around an article: 扫一扫…, 扫码…, 图为…, ▲…, 责任编辑：…, and what a web page
 * puts around it: a breadcrumb (首页 > 新闻), page tools (【字体：大 中 小】, 打印本页), 阅读原文, and a
 * WeChat article's byline (原创 …) and closing prompts (往期推荐, 喜欢就点…).
 */
const FURNITURE = /^(?:扫一扫|扫码|长按|识别二维码|图为|图片|上图|下图|左图|右图|▲|△|责任编辑|编辑[：:]|校对[：:]|来源[：:]|原标题[：:]|点击|首页[ \t]*[>＞»›]|当前位置|您的位置|您现在的位置|【字[号体]|打印本页|关闭窗口|分享到|阅读原文|阅读全文|原创[ \t]|往期推荐|喜欢就点)/;
/** Bylines: `本报记者 高杨`, `新华社记者 X`, `记者 X Y`. */
const BYLINE = /^(?:本报记者|本报通讯员|新华社记者|特约记者|记者|通讯员|本报讯|文[：:/]|作者[：:])[ \t\u3000]*[^，。！？]{0,20}$/;

/**
 * Whether CREDIT can match at all: each of its alternatives holds 摄, 图 or 发. Three native searches
 * rule most lines out far more cheaply than the unanchored pattern, tried at every position, can.
 */
function mayBeCredit(line: string): boolean {
  return line.includes('摄') || line.includes('图') || line.includes('发');
}

/** A line that is a photo credit (`新华社记者刘彬摄`). */
export function isCreditLine(line: string): boolean {
  return line.length <= 40 && !line.includes('。') && mayBeCredit(line) && CREDIT.test(line);
}

/** A paragraph (its lines) that is a caption, credit, byline or prompt rather than text. */
export function isCaption(lines: readonly string[]): boolean {
  const first = lines[0] ?? '';
  const last = lines[lines.length - 1] ?? '';
  const total = lines.reduce((n, l) => n + l.length, 0);
  if (total > 300) return false;
  if (isCreditLine(last)) return true;
  if (first.length <= 60 && FURNITURE.test(first) && !endsLongSentence(lines)) return true;
  return lines.length === 1 && BYLINE.test(first);
}

function endsLongSentence(lines: readonly string[]): boolean {
  const text = lines.join('');
  return text.length > 60 && endsSentence(text);
}

/** A date or a time closing a line (`2021-03-05 08:00`, `2021年3月5日`): a dateline's end. */
const DATELINE_END = /(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[:：]\d{2})$/;

/** Whether the line ends with a date or a time: a dateline, never cut mid-sentence and never the title. */
export function endsWithDateline(line: string): boolean {
  return DATELINE_END.test(line);
}
