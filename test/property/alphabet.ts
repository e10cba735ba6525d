// The pieces random texts are made of. The idioms are common four-character chengyu, each an entry in
// CC-CEDICT (general knowledge of the language, listed here so that random text contains real detections);
// the other characters are frequent Han characters, listed by hand.

export const IDIOMS = [
  '同舟共济',
  '削足适履',
  '实事求是',
  '守望相助',
  '半途而废',
  '精益求精',
  '一丝不苟',
  '自力更生',
  '画蛇添足',
  '守株待兔',
  '亡羊补牢',
  '对牛弹琴',
  '胸有成竹',
  '熟能生巧',
  '入乡随俗',
  '千方百计',
] as const;

export const HAN_COMMON = [
  ...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府',
];

/**
 * Han characters outside the BMP (two UTF-16 units each), to be mixed into runs of Han text: every search
 * that steps through a run must step over a whole character.
 */
export const HAN_ASTRAL = ['\u{20000}', '\u{20BB7}', '\u{2A6D6}', '\u{2B740}', '\u{30000}'];

/**
 * Words the term detectors build shapes on (X主义, X思维, X命运共同体) and cue words the quotation and saying
 * detectors look for: random text must reach those detectors too, with anything before them.
 */
export const SHAPE_WORDS = ['主义', '思维', '命运共同体', '发展共同体', '俗话说', '古人云', '正如', '所说', '就是', '而是'];

/** Traditional characters, so some texts look like (or are) Traditional input. */
export const HAN_TRADITIONAL = [...'國說學會見這們個東車門問時長來對開關經發實現體點總書義與從後當應'];

/** Horizontal, half-width, vertical-text (︒ ﹁﹂) and small (﹐ ﹔) punctuation. */
export const PUNCTUATION = [...'，。！？、；：“”‘’《》（）【】…—·', '……', '——', ',', '.', '!', '?', ';', ':', '"', "'", ...'︒︐﹁﹂﹃﹄︵︶﹐﹔﹒'];

/** Latin words, full-width forms, accented Western words and Chinese read as Windows-1252 or Latin-1 (mojibake). */
export const LATIN_WORDS = ['the', 'GDP', 'COVID-19', 'WTO', 'Xinhua', '2021', '3.5%', 'e.g.', 'ＡＢＣ', '１２３', 'café', 'Ærø', 'æˆ‘ä»¬', 'ÎÒÃÇ', 'å®žäº‹æ±‚æ˜¯'];

export const EMOJI = ['😀', '👍🏽', '🇨🇳', '👨‍👩‍👧', '❤️', '🀄', '🐉', '\u{20000}', '\u{2A6D6}'];

/** Combining marks, alone (they attach to whatever precedes them, Han characters included). */
export const COMBINING = ['\u0301', '\u0308', '\u0332', '\u20dd', '\u302a', '\u3099', '\ufe0f', '\u200d', '\u200c', '\ufe00', '\u{e0100}', '\u200e', '\u2060'];

/** C0 and C1 controls, invisible formatting characters, a BOM in the middle, a right-to-left override. */
export const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u200b',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u202e',
  '\ufffd',
  '\ue000',
];

export const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d'];

export const WHITESPACE = [' ', '  ', '\t', '\u3000', '\u00a0', '\n', '\n\n', '\r\n', '\r'];

/** Text that means something to an HTML or Anki template parser. */
export const MARKUP_TOKENS = [
  '<',
  '>',
  '&',
  '"',
  "'",
  '<b>',
  '</div>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<!--',
  '-->',
  '&amp;',
  '&lt;',
  '&#123;',
  '&nbsp;',
  '{{',
  '}}',
  '{{Front}}',
  '{{c1::同舟共济}}',
  '{{#Phrase}}',
  '{{/Phrase}}',
  '{{tts zh_CN:Phrase}}',
  '[sound:x.mp3]',
  '::',
  '\x1f',
  '# 标题',
  '**粗体**',
  '■',
];

/**
 * What documents carry around their sentences, each piece on lines of its own where it needs them: page
 * numbers and form feeds of PDF text, markdown tables, code fences and footnotes, web addresses, HTML left
 * in a text file.
 */
export const DOCUMENT_MARKUP = [
  '\n- 3 -\n',
  '\n第 2 页 共 9 页\n',
  '\n12\n',
  '\f',
  '\n| 甲 | 同舟共济 |\n',
  '\n| --- | --- |\n',
  '\n```\n',
  '\n~~~\n',
  '[^1]',
  '\n[^1]: ',
  ' https://example.org/a?b=1&c=2 ',
  '<https://example.org/>',
  'www.example.org',
  '<span style="color:red">',
  '</span>',
  '<br/>',
  '<p>',
  '&nbsp;',
  '&ldquo;',
  '<!-- x -->',
  '[同舟共济]{.underline}',
  '{.mark}',
  '[1]',
  '\n00:00:01,000 --> 00:00:04,000\n',
  '〔12〕',
  '\\\n',
];
