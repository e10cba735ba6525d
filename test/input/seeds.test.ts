// The whole ingestion on the five seed speeches, read in place from ../shared/seeds (never copied). Every
// expectation is computed from the raw seed or is a general property; no seed text is written here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/input/index.js';
import { cedict } from '../../src/lexicon/cedict.js';
import { DATA_DIR, hanOnly } from '../../src/lexicon/paths.js';
import type { Document, Sentence } from '../../src/types.js';
import { createRequire } from 'node:module';
import { concat, encode, HALF_WIDTH_IN_CHINESE, SEED_FILES, SEEDS_DIR, SPACE_BETWEEN_HAN, seedFile } from './helpers.js';

const results = new Map<string, { document: Document; sentences: Sentence[] }>();
const run = (name: string): { document: Document; sentences: Sentence[] } => {
  let r = results.get(name);
  if (!r) {
    r = ingest(seedFile(name));
    results.set(name, r);
  }
  return r;
};
const raw = (name: string): string => readFileSync(join(SEEDS_DIR, name), 'utf8');
const rawParagraphs = (name: string): string[] =>
  raw(name)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
const body = (name: string): Sentence[] => run(name).sentences.filter((s) => s.role === 'body');
const hanCount = (text: string): number => hanOnly(text).length;

describe.each(SEED_FILES)('seed %s', (name) => {
  it('has body sentences without spaces between Chinese characters or half-width punctuation in Chinese', () => {
    const sentences = body(name);
    expect(sentences.length).toBeGreaterThan(20);
    for (const s of sentences) {
      expect(s.text, s.text).not.toMatch(SPACE_BETWEEN_HAN);
      expect(s.text, s.text).not.toMatch(HALF_WIDTH_IN_CHINESE);
    }
  });

  it('has no markup or page markers left in any block', () => {
    for (const b of run(name).document.blocks) {
      expect(b.text, b.text).not.toMatch(/^#|^[-*+] |\*\*|__|^[■●◆▲]|^·|·$|[(（](?:上接|下转)[^)）]*版[)）]|<\/?[a-z]/);
    }
  });

  it('keeps every sentence within its block, in order, with positions', () => {
    const { document, sentences } = run(name);
    sentences.forEach((s, i) => {
      expect(s.index).toBe(i);
      expect(s.source).toBe(name);
      expect(document.blocks[s.paragraph]?.text).toContain(s.text);
    });
    // Sentences of a block, joined, give back the block (nothing dropped in splitting).
    for (const b of document.blocks) {
      const joined = sentences.filter((s) => s.paragraph === b.paragraph).map((s) => s.text).join('');
      expect(hanOnly(joined)).toBe(hanOnly(b.text));
    }
  });

  it('keeps each repeated raw paragraph once and counts the rest as duplicates', () => {
    const counts = new Map<string, number>();
    for (const p of rawParagraphs(name)) counts.set(p, (counts.get(p) ?? 0) + 1);
    const texts = run(name).document.blocks.map((b) => hanOnly(b.text));
    let expectedDuplicateHan = 0;
    for (const [p, count] of counts) {
      if (count < 2 || hanCount(p) < 6) continue;
      const key = hanOnly(p);
      expect(texts.filter((t) => t === key).length, p).toBeLessThanOrEqual(1);
      expectedDuplicateHan += (count - 1) * key.length;
    }
    // Duplicates are counted in characters including punctuation, so at least the Han characters.
    expect(run(name).document.stats.duplicateChars).toBeGreaterThanOrEqual(expectedDuplicateHan);
  });

  it('turns ·…· lines and markdown headings into headings, and 扫一扫/credit lines into captions', () => {
    const blocks = run(name).document.blocks;
    const headings = new Set(blocks.filter((b) => b.role === 'heading').map((b) => hanOnly(b.text)));
    const captions = blocks.filter((b) => b.role === 'caption').map((b) => hanOnly(b.text));
    for (const line of raw(name).split('\n').map((l) => l.trim())) {
      if (/^·.+·$/.test(line) || /^#{1,6} /.test(line)) expect(headings.has(hanOnly(line)), line).toBe(true);
      if (/^扫一扫/.test(line) || /(?:供图|摄)$/.test(line)) {
        expect(captions.some((c) => c.includes(hanOnly(line))), line).toBe(true);
      }
    }
  });
});

describe('the seeds in other encodings and in Traditional script give the same sentences', () => {
  const require = createRequire(import.meta.url);
  const opencc = require('opencc-js') as { Converter(o: { from: string; to: string }): (s: string) => string };
  const toTraditional = opencc.Converter({ from: 'cn', to: 'tw' });

  it.each(SEED_FILES)('%s', (name) => {
    const expected = run(name).sentences.map((s) => s.text);
    const text = raw(name);
    const traditional = toTraditional(text);
    const variants: [string, Uint8Array, boolean][] = [
      ['GB18030', encode(text, 'GB18030'), false],
      ['UTF-16BE', concat(new Uint8Array([0xfe, 0xff]), encode(text, 'UTF-16BE')), false],
      ['Traditional UTF-8', new TextEncoder().encode(traditional), true],
      ['Traditional Big5', encode(traditional, 'BIG5-HKSCS'), true],
    ];
    for (const [label, bytes, isTraditional] of variants) {
      const { document, sentences } = ingest({ name, path: null, bytes });
      expect(document.traditionalInput, label).toBe(isTraditional);
      expect(sentences.map((s) => s.text), label).toEqual(expected);
      if (isTraditional) {
        const originals = sentences.map((s) => s.originalText).join('');
        expect(originals, label).toContain(toTraditional('中国外交'));
      }
    }
  });
});

describe('seed-specific outcomes', () => {
  it('004 (OCR): the sentence with 削足适履 comes out whole, without spaces, with full-width punctuation', () => {
    const hits = body('004_d9d0ae3ca28eebeb.txt').filter((s) => s.text.includes('削足适履'));
    expect(hits).toHaveLength(1);
    const [s] = hits;
    expect(s?.text).toMatch(/^[^。！？]*量体裁衣，[^。！？]*削足适履。$/);
    expect(s?.text).not.toMatch(/\s/);
  });

  it('004 (OCR): no Han character is lost by cleaning; only hyphens read for 一 become one', () => {
    const name = '004_d9d0ae3ca28eebeb.txt';
    const blocks = run(name).document.blocks.map((b) => b.text).join('');
    const dashesForYi = raw(name).match(/(?:^|[。，：；！？、“（,:;!?"])[ \t]*-(?=[\u4e00-\u9fff])/gm)?.length ?? 0;
    expect(dashesForYi).toBeGreaterThan(0);
    expect(hanCount(blocks)).toBe(hanCount(raw(name)) + dashesForYi);
    expect(blocks).not.toMatch(/(?:^|[。，])-[\u4e00-\u9fff]/);
  });

  it('001: a paragraph repeated five times is kept once', () => {
    const name = '001_5500e23857cf1517.txt';
    const counts = new Map<string, number>();
    for (const p of rawParagraphs(name)) counts.set(p, (counts.get(p) ?? 0) + 1);
    const [paragraph, count] = [...counts].sort((a, b) => b[1] - a[1])[0] as [string, number];
    expect(count).toBeGreaterThanOrEqual(5);
    const kept = run(name).document.blocks.filter((b) => b.text === paragraph);
    expect(kept).toHaveLength(1);
    expect(run(name).document.stats.duplicateChars).toBeGreaterThanOrEqual((count - 1) * paragraph.length);
  });

  it('000: a sentence broken across two paragraphs is rejoined', () => {
    const name = '000_56f6268ff4eb576a.txt';
    // Raw paragraphs that end without any end mark and are followed by body text: each must end up inside
    // one sentence together with the start of the next paragraph.
    const paragraphs = rawParagraphs(name);
    let checked = 0;
    paragraphs.forEach((p, i) => {
      const next = paragraphs[i + 1];
      // Headlines (`地名：…`), section headers and the 扫一扫 caption are not cut sentences.
      if (!next || /[。！？”]$/.test(p) || !/，/.test(p) || p.length < 10 || /^[·#]|^[^，]{1,6}：|^扫一扫/.test(p)) return;
      const tail = hanOnly(p).slice(-3);
      const head = hanOnly(next).slice(0, 3);
      expect(body(name).some((s) => hanOnly(s.text).includes(tail + head)), p).toBe(true);
      checked++;
    });
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('003: the title and the full date are taken from the text', () => {
    const { document } = run('003_189bc06400c19299.txt');
    const titleLine = raw('003_189bc06400c19299.txt').split('\n').find((l) => l.startsWith('# '));
    expect(document.source.title).toBe(titleLine?.slice(2).trim());
    expect(document.source.date).toMatch(/^20\d\d-\d\d-\d\d$/);
  });

  it('002: repeated question-and-answer blocks leave no two equal body paragraphs', () => {
    const { document } = run('002_f60eb563907c18a7.txt');
    const texts = document.blocks.filter((b) => b.role === 'body' && hanCount(b.text) >= 6).map((b) => b.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(document.stats.duplicateChars).toBeGreaterThan(1000);
  });
});

// A plain longest match of CC-CEDICT idioms, the same on every input, to compare cleaning with a clean copy.
function idiomKeys(): Set<string> {
  const keys = new Set<string>();
  for (const line of readFileSync(join(DATA_DIR, 'phrases.tsv'), 'utf8').split('\n')) {
    const [key, , flags] = line.split('\t');
    if (key && flags?.includes('I')) keys.add(key);
  }
  return keys;
}

function longestMatchIdioms(units: readonly string[], keys: ReadonlySet<string>): string[] {
  const longest = Math.max(...[...keys].map((k) => k.length));
  const found: string[] = [];
  for (const unit of units) {
    const han = hanOnly(unit);
    for (let i = 0; i < han.length; ) {
      let matched = 0;
      for (let len = Math.min(longest, han.length - i); len >= 3; len--) {
        if (keys.has(han.slice(i, i + len))) {
          matched = len;
          break;
        }
      }
      if (matched > 0) {
        found.push(han.slice(i, i + matched));
        i += matched;
      } else i++;
    }
  }
  return found;
}

/** A hand-cleaned copy made at test time: whitespace deleted, then cut into sentences at end marks. */
function cleanedCopyUnits(text: string): string[] {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/[?!]/g, (m) => (m === '?' ? '？' : '！'))
    .split(/(?<=[。！？])/);
}

describe('idioms in 004 after normalisation', () => {
  it('finds every idiom a longest match finds on a cleaned copy, and more than on the raw OCR text', () => {
    const name = '004_d9d0ae3ca28eebeb.txt';
    const keys = idiomKeys();
    expect(keys.size).toBeGreaterThan(1000);
    const ours = longestMatchIdioms(body(name).map((s) => s.text), keys);
    const cleaned = longestMatchIdioms(cleanedCopyUnits(raw(name)), keys);
    // The raw text as a tokenizer would see it: OCR spaces break words apart.
    const rawUnits = raw(name).split(/[\s\u3000]+/);
    const rawFound = longestMatchIdioms(rawUnits, keys);
    expect(new Set(ours).size).toBeGreaterThanOrEqual(new Set(cleaned).size);
    const oursSet = new Set(ours);
    expect([...new Set(cleaned)].filter((k) => !oursSet.has(k))).toEqual([]);
    expect(ours.length).toBeGreaterThan(rawFound.length);
    expect(ours).toContain('削足适履');
    // The four-character keys found are CC-CEDICT entries marked (idiom).
    for (const key of oursSet) {
      if (key.length !== 4) continue;
      expect(cedict().lookup(key).some((e) => e.definitions.some((d) => /\bidiom\b/.test(d))), key).toBe(true);
    }
    console.log(`004 idioms (occurrences/distinct): normalised ${ours.length}/${new Set(ours).size}, cleaned copy ${cleaned.length}/${new Set(cleaned).size}, raw ${rawFound.length}/${new Set(rawFound).size}`);
  });
});
