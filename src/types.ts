// The plain data that passes between pipeline stages. Every stage takes and returns these shapes and
// nothing else, so a stage can be tested, replaced or run alone.
//
//   read ─▶ InputFile ─▶ decode ─▶ DecodedText ─▶ normalise ─▶ Document ─▶ sentences ─▶ Sentence[]
//   ─▶ detect ─▶ Detection[] ─▶ (accumulate) ─▶ Candidate[] ─▶ enrich ─▶ Card[] ─▶ select ─▶ Card[] ─▶ write

export const KINDS = ['chengyu', 'quotation', 'saying', 'term'] as const;
export type Kind = (typeof KINDS)[number];
export const DEFAULT_KINDS: readonly Kind[] = ['chengyu', 'quotation', 'saying'];

/**
 * A path on disk: a string, or its bytes when a name along it is not UTF-8 (a GBK name unpacked from a
 * zip made on Windows): such a path has no string the file system would take.
 */
export type DiskPath = string | Buffer;

/** read: one input as bytes, before any decoding. */
export interface InputFile {
  /** What cards and messages call it: the file name relative to the input argument, or `stdin`. */
  name: string;
  /** Absolute path on disk; null for standard input. */
  path: DiskPath | null;
  bytes: Uint8Array;
}

/** decode: the input as text, with the encoding that was detected from its bytes. */
export interface DecodedText {
  name: string;
  path: DiskPath | null;
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';
  /** True when the text was mostly Traditional characters and was converted to Simplified for detection. */
  traditionalInput: boolean;
  /** The text before script conversion (equal to `text` for Simplified input). */
  originalText: string;
}

export type BlockRole = 'body' | 'heading' | 'caption';

/** normalise: one paragraph-like unit of clean text. */
export interface Block {
  role: BlockRole;
  /** Clean Simplified text: no OCR spaces, full-width punctuation, no markup. */
  text: string;
  /** The same block in the script the input was written in (equal to `text` for Simplified input). */
  originalText: string;
  /** 0-based paragraph number in the normalised document. */
  paragraph: number;
}

export interface SourceInfo {
  /** The input's file name, or `stdin`. */
  name: string;
  /** The text's own title (first heading), when it has one. */
  title?: string;
  /** The text's date (ISO yyyy-mm-dd or as written), when a dateline gives one. */
  date?: string;
}

export interface NormaliseStats {
  /** Characters dropped because a paragraph repeated an earlier one. */
  duplicateChars: number;
  /** Characters dropped as markup: markdown, bullets, page markers, HTML tags, captions. */
  markupChars: number;
}

export interface Document {
  source: SourceInfo;
  blocks: Block[];
  stats: NormaliseStats;
  traditionalInput: boolean;
}

/** sentences: the unit a context is taken from. */
export interface Sentence {
  text: string;
  /** In the input's own script (Traditional input keeps its Traditional sentence for display). */
  originalText: string;
  role: BlockRole;
  source: string;
  paragraph: number;
  /** 0-based index of the sentence within the whole document. */
  index: number;
}

/** Why a detector proposed a phrase; shown by `extract --format table` and used in ranking. */
export interface Evidence {
  /** A short machine-readable code, e.g. `cedict-idiom`, `jieba-i`, `quoted`, `cue`, `balanced`. */
  code: string;
  /** Contribution to the score (positive or negative). */
  weight: number;
  /** Human explanation, e.g. `CC-CEDICT marks it (idiom)`. */
  note?: string;
}

/** detect: one occurrence of a phrase in one sentence. */
export interface Detection {
  /** Identity of the phrase: Simplified Han characters only, punctuation and spaces removed. */
  key: string;
  /** The phrase as a card shows it, Simplified, clauses separated by `，` (e.g. `山川异域，风月同天`). */
  text: string;
  kind: Kind;
  /** [start, end) UTF-16 offsets of the occurrence in `sentence.text`. */
  start: number;
  end: number;
  sentence: Sentence;
  evidence: Evidence[];
  /** The dictionary form when the text adapts or quotes part of a known phrase (唯恐南海不乱 → 唯恐天下不乱). */
  dictionaryForm?: string;
  /** Attribution for quotations when known, e.g. `杜甫《春夜喜雨》`. */
  attribution?: string;
}

/** One place a phrase was used, kept for context selection and for `sources`. */
export interface Occurrence {
  sentence: Sentence;
  start: number;
  end: number;
}

/** accumulate: all detections of one key merged over all inputs. */
export interface Candidate {
  key: string;
  text: string;
  kind: Kind;
  count: number;
  /** Input names in first-seen order. */
  sources: string[];
  evidence: Evidence[];
  /** A bounded sample of occurrences (the best context is chosen from these). */
  occurrences: Occurrence[];
  dictionaryForm?: string;
  attribution?: string;
  /** Whether some occurrence stands outside every longer selected phrase. */
  standsAlone: boolean;
}

/** enrich: everything a card shows. All strings are plain text; writers escape them. */
export interface Card {
  key: string;
  text: string;
  kind: Kind;
  /** Tone marks, one syllable per character, spaces between, clause punctuation kept. */
  pinyin: string;
  /** CC-CEDICT style numbered pinyin (`xue1 zu2 shi4 lu:3`). */
  pinyinNumbered: string;
  traditional: string;
  /** English meaning for the card (figurative / main sense); never empty after enrichment. */
  meaning: string;
  /** The literal sense when the dictionary separates it ("lit. …"), else empty. */
  literal: string;
  /** Where the meaning came from: CC-CEDICT entry, cross-reference, gloss from parts, or the project's own data. */
  meaningSource: 'cedict' | 'cedict-xref' | 'gloss' | 'project';
  count: number;
  /** The context sentence, plain text, in Simplified characters. */
  context: string;
  /**
   * The context as the source wrote it, when that differs from `context` (a Traditional text): the same
   * length, the phrase at the same offsets.
   */
  contextOriginal?: string;
  /** [start, end) of the phrase inside `context`, for highlighting; -1 when it cannot be marked. */
  contextStart: number;
  contextEnd: number;
  contextPinyin: string;
  /** The input the context came from. */
  source: string;
  sources: string[];
  /** Title and date of the context's text, when known. */
  sourceTitle?: string;
  sourceDate?: string;
  score: number;
  evidence: Evidence[];
  dictionaryForm?: string;
  attribution?: string;
}

export interface PipelineOptions {
  kinds: readonly Kind[];
  top?: number;
  minCount: number;
  /** Keys (Simplified, Han only) the user already knows. */
  exclude?: ReadonlySet<string>;
  toneSandhi: boolean;
  variant: 'tw' | 'hk' | 'cn-t';
}
