// Hand-made character data for the input stage. General knowledge of the written language, with sources:
//  - COMMON_SIMPLIFIED: very frequent characters of modern written Chinese, in the spirit of the
//    《现代汉语常用字表》(1988) first tier; written from general knowledge, used only to judge whether a
//    decoding "looks like Chinese" (a decoding that yields mostly rare characters is the wrong one).
//  - TRADITIONAL_SIMPLIFIED: frequent Traditional-only characters and their Simplified forms from the
//    《简化字总表》(1986). A test checks every pair against opencc-js, so a wrong pair cannot slip in.
//  - RADICAL_IDEOGRAPHS: CJK Radicals Supplement (U+2E80–U+2EF3) code points that PDF text extraction
//    emits in place of ordinary characters, with the unified ideograph Unicode's
//    EquivalentUnifiedIdeograph.txt gives for each (Kangxi radicals U+2F00–U+2FD5 and compatibility
//    ideographs are covered by NFKC and need no table).

export const COMMON_SIMPLIFIED =
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敢益世界国家人民经济社会发展合作关系问题中国外交政策和平共同重要世纪历史全面战略伙伴坚持推动建设积极支持维护安全稳定疫情抗疫病毒疫苗人类命运共同体多边主义朋友友好交流互利共赢开放包容合作机制领导会议记者表示指出强调希望愿意继续努力责任担当传统文化精神力量方向原则基础利益核心主权领土完整统一独立自主政治民主自由公平正义发展繁荣进步改革创新成就挑战机遇困难风险危机冲突对抗竞争分歧矛盾沟通对话协商谈判理解尊重信任';

/** Traditional form followed by its Simplified form, pair after pair. */
export const TRADITIONAL_SIMPLIFIED =
  '們们這这個个來来為为國国會会時时說说對对學学經经發发與与關关過过實实現现點点動动開开種种長长無无體体還还當当從从應应樣样頭头見见電电話话問问題题間间將将區区進进員员義义產产業业東东車车門门馬马鳥鸟魚鱼龍龙書书買买賣卖讓让認认識识議议論论語语謝谢請请讀读寫写聽听覺觉觀观歡欢樂乐氣气幾几萬万億亿歲岁報报紙纸總总統统黨党軍军隊队權权級级處处變变邊边達达連连運运遠远選选戰战勝胜傳传價价機机構构極极標标樹树橋桥歷历壓压廣广廠厂張张強强彈弹後后復复態态慶庆憂忧戲戏擊击據据數数斷断術术愛爱親亲獨独環环療疗盡尽監监確确禮礼穩稳類类紅红約约紀纪細细結结給给絕绝維维網网線线練练編编緊紧續续聯联聲声職职腦脑興兴舊旧藝艺葉叶蘇苏號号衛卫補补裝装製制規规計计記记許许設设證证評评詩诗試试誰谁調调談谈課课負负財财責责貿贸資资賽赛趕赶軟软輕轻載载輸输辦办農农鄉乡醫医鐵铁銀银錢钱錯错陽阳陳陈際际隨随險险雜杂雙双離离難难雲云靜静響响頁页項项順顺須须預预領领顧顾風风飛飞飯饭館馆驗验鬥斗麗丽齊齐團团圖图園园圍围場场壞坏夠够夢梦婦妇媽妈嚴严寶宝專专導导層层島岛師师帶带幫帮廳厅劇剧務务勞劳勢势匯汇協协卻却參参雖虽啟启嗎吗單单視视覽览積积窮穷筆笔範范簡简糧粮繼继羅罗習习聞闻腳脚膽胆艱艰蘭兰蟲虫衝冲討讨訓训訴诉詞词該该誤误諸诸謀谋謂谓譯译護护豐丰貝贝貨货購购質质贊赞趨趋跡迹輪轮轉转辭辞鄰邻釋释鐘钟閃闪閉闭陸陆隱隐雞鸡靈灵韓韩顏颜願愿飲饮養养餘余驅驱驚惊魯鲁鮮鲜麥麦黃黄齡龄龜龟灣湾臺台獻献濟济滿满漢汉溝沟測测災灾燈灯熱热爭争牆墙狀状獲获畫画異异盤盘眾众礎础禍祸稱称競竞節节築筑糾纠紛纷組组織织終终綠绿緣缘縣县罷罢聖圣腸肠膚肤臨临艦舰華华蓋盖藥药虛虚襲袭觸触訂订訪访詳详誠诚誕诞誘诱諾诺謊谎講讲豬猪貧贫費费賀贺賓宾賴赖贈赠軌轨較较輝辉辯辩遲迟遺遗鄭郑針针銷销鋼钢錄录鎮镇鏡镜閒闲陣阵陰阴霧雾韋韦頓顿頻频額额飽饱飾饰騎骑鬧闹鳳凤鹽盐齒齿繫系於于並并裡里衆众壯壮倫伦側侧備备億亿優优儘尽兒儿兩两冊册劃划劍剑勵励匱匮華华厲厉嚇吓團团塊块壇坛奪夺獎奖婁娄孫孙寧宁對对尋寻屬属岡冈峽峡巖岩幣币廟庙彎弯徑径徵征憲宪懷怀擔担擴扩攜携敵敌斬斩暫暂歸归殺杀氣气決决沒没況况淺浅溫温滅灭潛潜澤泽獄狱瑪玛監监碼码禪禅稅税築筑簽签紹绍絡络緒绪繩绳罰罚翹翘聰聪膠胶臉脸興兴舉举艙舱蘋苹號号蝦虾衆众複复訊讯託托誌志諒谅謹谨豈岂貓猫賠赔趙赵蹤踪軍军轄辖邁迈郵邮醜丑釣钓鋪铺鎖锁闊阔隸隶雜杂雙双靂雳頌颂顯显颱台驗验鬆松魷鱿鴻鸿麵面黴霉龐庞';

/** CJK Radicals Supplement code point's character followed by its ordinary ideograph, pair after pair. */
export const RADICAL_IDEOGRAPHS =
  '⺁厂⺄乙⺅亻⺆冂⺇几⺈𠂊⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪疋⺫罒⺬示⺭礻⺮竹⺯糸⺰纟⺱罒⺲罒⺳冈⺶羊⺷羊⺸羊⺹耂⺺肀⺻聿⺼月⺽臼⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇角⻈讠⻉贝⻊足⻋车⻌辶⻍辶⻎辶⻏阝⻐钅⻑長⻒镸⻓长⻔门⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟';

function pairsOf(pairs: string): Map<string, string> {
  const chars = Array.from(pairs);
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i] as string, chars[i + 1] as string);
  return map;
}

let traditionalMap: Map<string, string> | undefined;
/** Traditional-only character → Simplified form, for the common characters listed above. */
export function traditionalOnly(): Map<string, string> {
  traditionalMap ??= pairsOf(TRADITIONAL_SIMPLIFIED);
  return traditionalMap;
}

let simplifiedOnlySet: Set<string> | undefined;
/** Simplified forms that differ from their Traditional form (they mark text as written in Simplified). */
export function simplifiedOnly(): Set<string> {
  simplifiedOnlySet ??= new Set(traditionalOnly().values());
  return simplifiedOnlySet;
}

let radicalMap: Map<string, string> | undefined;
export function radicalIdeographs(): Map<string, string> {
  radicalMap ??= pairsOf(RADICAL_IDEOGRAPHS);
  return radicalMap;
}

let commonSet: Set<string> | undefined;
/** Frequent characters in either script. */
export function commonCharacters(): Set<string> {
  if (commonSet) return commonSet;
  const set = new Set(Array.from(COMMON_SIMPLIFIED));
  for (const [traditional, simplified] of traditionalOnly()) {
    set.add(simplified);
    set.add(traditional);
  }
  commonSet = set;
  return set;
}

/** Bits of `characterFlags()`: one byte per UTF-16 code unit answers the three set look-ups above. */
export const COMMON_FLAG = 1;
export const TRADITIONAL_FLAG = 2;
export const SIMPLIFIED_FLAG = 4;

export interface CharacterFlags {
  /** Flags of each BMP character, indexed by its code unit. */
  bmp: Uint8Array;
  /** Whether any listed character lies outside the BMP (then callers must also look at code points). */
  hasAstral: boolean;
}

let flags: CharacterFlags | undefined;
/** The common, Traditional-only and Simplified-only sets as a table, for per-character scans of whole texts. */
export function characterFlags(): CharacterFlags {
  if (flags) return flags;
  const bmp = new Uint8Array(0x10000);
  let hasAstral = false;
  const mark = (set: Iterable<string>, bit: number): void => {
    for (const ch of set) {
      const cp = ch.codePointAt(0) as number;
      if (cp > 0xffff) hasAstral = true;
      else bmp[cp] = (bmp[cp] as number) | bit;
    }
  };
  mark(commonCharacters(), COMMON_FLAG);
  mark(traditionalOnly().keys(), TRADITIONAL_FLAG);
  mark(simplifiedOnly(), SIMPLIFIED_FLAG);
  flags = { bmp, hasAstral };
  return flags;
}
