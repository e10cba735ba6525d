// The words Chinese prose uses to announce a quotation or a saying (古人云, 孔子说, 正如…所说, 诗云,
// 俗话说, 阿拉伯谚语说), and the stretch of text each one introduces. General knowledge of the language:
// these formulas are listed in any Chinese style guide on 引用.
import { hanOnly } from '../lexicon/paths.js';
import { displayText, sentenceTriggers, trimToHan } from './text.js';
import { hasTriggers, triggerFor } from './triggers.js';

export type CueKind = 'quotation' | 'saying';

export interface Cue {
  kind: CueKind;
  /** The cue as written, e.g. `古人云`. */
  cue: string;
  /** Who or what is quoted, when the cue says (`孔子`, `《论语》`, `阿拉伯谚语`). */
  attribution?: string;
  /** A cue that also introduces modern statements (正如某主席所说) weighs less. */
  weak?: boolean;
  /** The introduced text: [start, end) in the sentence, and its display form. */
  start: number;
  end: number;
  text: string;
  /** Whether the introduced text was in quotation marks. */
  quoted: boolean;
}

// Thinkers, poets and writers Chinese public speech quotes by name; a cue with one of them is a quotation.
const AUTHORS =
  '孔子|孟子|老子|庄子|荀子|墨子|韩非子|管子|孙子|左丘明|司马迁|屈原|诸葛亮|曹操|陶渊明|李白|杜甫|王维|白居易|王勃|王之涣|' +
  '孟浩然|刘禹锡|李商隐|杜牧|韩愈|柳宗元|范仲淹|欧阳修|王安石|苏轼|苏东坡|陆游|辛弃疾|李清照|文天祥|朱熹|王阳明|顾炎武|' +
  '林则徐|龚自珍|梁启超|孙中山|鲁迅|毛泽东|周恩来|邓小平|马克思|恩格斯|列宁|莎士比亚|歌德|泰戈尔|雨果|托尔斯泰|普希金|' +
  '但丁|培根|黑格尔|康德|亚里士多德|柏拉图|苏格拉底|林肯|甘地|曼德拉|爱因斯坦|富兰克林|丘吉尔|罗斯福';

const SAY = '(?:曾经|曾|也|早就|早已)?(?:说过|讲过|说|曰|云|讲|指出|写道|有言|有云|所说|所言|说得好|讲得好)';

interface CuePattern {
  re: RegExp;
  /**
   * Sets of characters: every match contains one character of each set, so a sentence lacking one set is
   * not searched (most sentences lack one). As `triggerFor` bits, ORed.
   */
  needs: number;
  kind: CueKind | ((m: RegExpExecArray) => CueKind);
  attribution?: (m: RegExpExecArray) => string | undefined;
  weak?: (m: RegExpExecArray) => boolean;
}

/** The trigger bits of every one of the sets of characters. */
function allOf(...sets: string[]): number {
  let bits = 0;
  for (const chars of sets) bits |= triggerFor(chars);
  return bits;
}

/** The first characters of the AUTHORS, and a character of every verb of SAY. */
const AUTHOR_FIRST = triggerFor([...new Set(AUTHORS.split('|').map((name) => name.charAt(0)))].join(''));
const SAY_VERB = triggerFor('说讲曰云指写言');
/** A character of every verb after 古人 (古人云, 古人说得好) or 俗话 (俗话说, 老话叫). */
const QUOTING_VERB = triggerFor('云曰说讲言道叫');

const OFFICIAL = /主席|总书记|总统|总理|首相|部长|秘书长|发言人|大使|国务委员|领导人|先生|女士|同志/;
const SAYING_WORDS = /谚语|俗话|俗语|老话/;

const PATTERNS: CuePattern[] = [
  { re: new RegExp(`(${AUTHORS})${SAY}`, 'gu'), needs: AUTHOR_FIRST | SAY_VERB, kind: 'quotation', attribution: (m) => m[1] },
  {
    re: new RegExp(`《([^》]{1,16})》(?:中|里|上)?(?:说|云|曰|讲|写道|记载|有言|有云|指出|有句话)`, 'gu'),
    needs: allOf('《', '》', '说云曰讲写记有指'),
    kind: 'quotation',
    attribution: (m) => `《${m[1]}》`,
    // Newspapers, magazines, reports and laws are cited the same way but are not sources of famous lines.
    weak: (m) => /(报|刊|杂志|新闻|网|社|报告|法|宪章|声明|公报|条约|协定|决议|白皮书)$/.test(m[1] ?? ''),
  },
  { re: /(?:古人|古语|古训|先贤|先哲|前人|圣人|古诗)(?:有云|云|曰|说|讲|说过|讲过|常说|早就说过|早就讲过|所说|所言|言|道|讲得好|说得好)/gu, needs: allOf('古先前圣') | QUOTING_VERB, kind: 'quotation' },
  { re: /(?:有诗云|诗云|诗曰|子曰|诗中写道|诗人写道|有诗为证)/gu, needs: allOf('诗曰'), kind: 'quotation' },
  {
    re: /有(?:一)?句(古话|古语|老话|名言|诗|古诗|诗句|俗话|俗语|谚语|话|格言|名句)(?:说得好|讲得好|说|讲|叫|叫做|是|道)?/gu,
    needs: allOf('句'),
    kind: (m) => (/俗话|俗语|谚语|老话|^话$/.test(m[1] ?? '') ? 'saying' : 'quotation'),
  },
  {
    re: /正如([^，。：；！？“”]{1,16}?)(?:所说|所言|所讲|所指出的|说的|讲的|曾说|曾经说过的|说过的|所云)(?:那样|一样)?/gu,
    needs: allOf('如', '所说讲'),
    kind: (m) => (SAYING_WORDS.test(m[1] ?? '') ? 'saying' : 'quotation'),
    attribution: (m) => m[1],
    weak: (m) => OFFICIAL.test(m[1] ?? '') || !new RegExp(`(?:${AUTHORS}|古人|先贤|圣贤|诗人|哲人|古话|古语|名言|诗句|诗中|谚语|俗话|俗语|老话)`).test(m[1] ?? ''),
  },
  { re: /(?:俗话|俗语|老话|常言|民谚|俚语)(?:说得好|讲得好|说|讲|道|云|叫|有云|所说|所讲)/gu, needs: allOf('俗老常民俚') | QUOTING_VERB, kind: 'saying' },
  { re: /(\p{Script=Han}{0,4}?)(?:谚语|俗谚)(?:说得好|说|讲|道|云|所说|所讲)?[，：:]/gu, needs: allOf('谚'), kind: 'saying', attribution: (m) => (m[1] ? `${m[1]}谚语` : undefined) },
  { re: /(?:有道是|正所谓|常言道)/gu, needs: allOf('道谓'), kind: 'saying' },
  { re: /(?:中国人常说|我们常说|人们常说|老百姓常说|大家常说|中国人常讲|中国人讲)/gu, needs: SAY_VERB | allOf('常国'), kind: 'saying', weak: () => true },
];

/** A quotation named after it (“…”，这句古话) has both quotation marks and 这 or 此. */
const QUOTED_BEFORE_CUE = allOf('“', '”', '这此');

const OPEN_QUOTES = '“「『"‘';
const CLOSE_FOR: Record<string, string> = { '“': '”', '「': '」', '『': '』', '"': '"', '‘': '’' };
const SKIP = /[：:，,\s\u3000]/;
// A regular expression literal is a new object each time it is evaluated (the global one is reset before
// each search).
const CLAUSE_MARK = /[，、；：,;:]/;
const DOUBLE_QUOTED = /“([^“”]{3,60})”/gu;
const SENTENCE_END = /[。！？!?]/;

/** Clause lengths (Han characters) of a display text. */
function clauseLengths(text: string): number[] {
  return text.split('，').map((c) => hanOnly(c).length).filter((n) => n > 0);
}

/** The longest clause a stretch after a cue may open with or balance (in Han characters). */
const MAX_CLAUSE_HAN = 12;
/** The longest quotation a cue may introduce (in Han characters). */
const MAX_QUOTED_HAN = 40;

/**
 * Whether `sentence[start, end)` holds more than `limit` Han characters, read from its start in growing
 * steps: a cue repeated all over a long sentence must not cost a pass over the rest of it each time.
 */
function hanBeyond(sentence: string, start: number, end: number, limit: number): boolean {
  for (let step = 4 * limit; ; step *= 4) {
    const to = Math.min(end, start + step);
    if (hanOnly(sentence.slice(start, to)).length > limit) return true;
    if (to === end) return false;
  }
}

/**
 * An unquoted stretch after a cue: the first clause, plus the next clause or pair when the clauses
 * balance (a couplet); modern prose after the quotation is left out. Reading stops at the fourth clause
 * or at the first one longer than any clause used (nothing after it can change the answer).
 */
function unquotedStretch(sentence: string, from: number): { end: number } | null {
  const clauses: { start: number; end: number; han: number }[] = [];
  let start = from;
  for (let i = from; ; i++) {
    const unit = sentence[i] ?? '';
    const stretchEnd = i >= sentence.length || SENTENCE_END.test(unit) || OPEN_QUOTES.includes(unit);
    if (stretchEnd || CLAUSE_MARK.test(unit)) {
      const han = hanOnly(sentence.slice(start, i)).length;
      if (han > 0) clauses.push({ start, end: i, han });
      if (han > MAX_CLAUSE_HAN || clauses.length === 4 || stretchEnd) break;
      start = i + 1;
    } else if (i - start === 4 * MAX_CLAUSE_HAN && hanBeyond(sentence, start, i, MAX_CLAUSE_HAN)) {
      clauses.push({ start, end: i, han: MAX_CLAUSE_HAN + 1 });
      break;
    }
  }
  const [first, second, third, fourth] = clauses;
  if (!first || first.han < 3 || first.han > MAX_CLAUSE_HAN) return null;
  const balanced = (a?: { han: number }, b?: { han: number }): boolean => !!a && !!b && Math.abs(a.han - b.han) <= 2 && b.han <= MAX_CLAUSE_HAN;
  if (balanced(first, second)) {
    if (second && balanced(third, fourth) && third && fourth && balanced(first, third)) return { end: fourth.end };
    return { end: second?.end ?? first.end };
  }
  return { end: first.end };
}

// A quotation named after it is quoted: “…”，这句古话 / 这句诗 / 这句谚语 说的是…
const CUE_AFTER = /^[，,]?\s*(?:这|此)(?:一)?(?:句|首|段)?(古话|古语|古诗|诗句|诗|名言|名句|格言|谚语|俗话|俗语|老话)/u;

function cuesAfterQuotes(sentence: string): Cue[] {
  const cues: Cue[] = [];
  const re = DOUBLE_QUOTED;
  re.lastIndex = 0;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    const after = CUE_AFTER.exec(sentence.slice(m.index + m[0].length));
    if (!after) continue;
    const text = displayText(m[1] ?? '');
    const han = hanOnly(text).length;
    if (han < 3 || han > 40 || clauseLengths(text).length > 4) continue;
    const { start, end } = trimToHan(sentence, m.index + 1, m.index + m[0].length - 1);
    cues.push({ kind: SAYING_WORDS.test(after[1] ?? '') ? 'saying' : 'quotation', cue: after[0].replace(/^[，,]\s*/, ''), start, end, text, quoted: true });
  }
  return cues;
}

export function findCues(sentence: string): Cue[] {
  const triggers = sentenceTriggers(sentence);
  const cues: Cue[] = hasTriggers(triggers, QUOTED_BEFORE_CUE) ? cuesAfterQuotes(sentence) : [];
  for (let i = 0; i < PATTERNS.length; i++) {
    const pattern = PATTERNS[i] as CuePattern;
    if (!hasTriggers(triggers, pattern.needs)) continue;
    pattern.re.lastIndex = 0;
    for (let m = pattern.re.exec(sentence); m; m = pattern.re.exec(sentence)) {
      let p = m.index + m[0].length;
      while (p < sentence.length && SKIP.test(sentence[p] ?? '')) p++;
      let start = p;
      let end: number;
      let quoted = false;
      const open = sentence[p] ?? '';
      if (OPEN_QUOTES.includes(open) && open !== '') {
        quoted = true;
        start = p + 1;
        const close = sentence.indexOf(CLOSE_FOR[open] ?? '”', start);
        end = close < 0 ? sentence.length : close;
        if (hanBeyond(sentence, start, end, MAX_QUOTED_HAN)) continue;
      } else {
        const stretch = unquotedStretch(sentence, p);
        if (!stretch) continue;
        end = stretch.end;
      }
      const text = displayText(sentence.slice(start, end));
      const han = hanOnly(text).length;
      const clauses = clauseLengths(text);
      if (han < 3 || han > (quoted ? MAX_QUOTED_HAN : 30) || clauses.length > 4) continue;
      // Trimmed to the Han stretch so offsets mark the phrase itself.
      const span = trimToHan(sentence, start, end);
      const kind = typeof pattern.kind === 'function' ? pattern.kind(m) : pattern.kind;
      const attribution = pattern.attribution?.(m);
      cues.push({
        kind,
        cue: m[0],
        ...(attribution ? { attribution } : {}),
        ...(pattern.weak?.(m) ? { weak: true } : {}),
        start: span.start,
        end: span.end,
        text,
        quoted,
      });
    }
  }
  return cues;
}
