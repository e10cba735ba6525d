// Builds a benchmark corpus of a given size from the five seed speeches, in a temporary folder.
//
// How it varies the text: each corpus file is one seed speech in which the sentences of all its body
// paragraphs are shuffled across those paragraphs (each paragraph keeps its number of sentences; headings,
// captions and other lines without sentence punctuation stay where they are). The shuffle is seeded by the
// copy number, so the corpus is the same on every run, but almost every paragraph of every copy is new text:
// the normaliser's removal of repeated paragraphs cannot collapse the corpus to the five originals. The
// noise of the originals (OCR spaces, half-width punctuation, markdown) is kept, so the pipeline does
// the same work per byte as on the real files. Files keep their speech-like size (7–31 KB).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Deterministic 32-bit PRNG (mulberry32), so the corpus is identical on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCE = /[^。！？!?]*(?:[。！？!?]+[”’"」』）)]*|$)/gu;

function sentencesOf(paragraph) {
  return (paragraph.match(SENTENCE) ?? []).filter((s) => s.length > 0);
}

/** A seed split into lines; body lines (with at least one sentence end) are split into sentences. */
function parseSeed(text) {
  return text.split('\n').map((line) => {
    const sentences = /[。！？!?]/u.test(line) ? sentencesOf(line) : null;
    return sentences && sentences.length > 0 ? { sentences } : { line };
  });
}

function variant(parsed, random) {
  const pool = parsed.flatMap((p) => p.sentences ?? []);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  let next = 0;
  return parsed
    .map((p) => {
      if (!p.sentences) return p.line;
      const taken = pool.slice(next, next + p.sentences.length);
      next += p.sentences.length;
      return taken.join('');
    })
    .join('\n');
}

export function seedFiles(seedsDir) {
  return readdirSync(seedsDir)
    .filter((name) => /^\d{3}_.*\.txt$/.test(name))
    .sort()
    .map((name) => join(seedsDir, name));
}

/**
 * Writes files into `dir` until their total reaches `targetBytes` (UTF-8 bytes); returns the file count and
 * the exact byte total.
 */
export function makeCorpus(seedsDir, dir, targetBytes) {
  mkdirSync(dir, { recursive: true });
  const seeds = seedFiles(seedsDir).map((path) => parseSeed(readFileSync(path, 'utf8')));
  if (seeds.length === 0) throw new Error(`no seed speeches in ${seedsDir}`);
  let bytes = 0;
  let files = 0;
  for (let copy = 0; bytes < targetBytes; copy++) {
    const seedIndex = copy % seeds.length;
    const text = variant(seeds[seedIndex], prng(copy * 7919 + seedIndex + 1));
    const data = Buffer.from(text, 'utf8');
    writeFileSync(join(dir, `${String(copy).padStart(5, '0')}_seed${seedIndex}.txt`), data);
    bytes += data.length;
    files++;
  }
  return { files, bytes };
}
