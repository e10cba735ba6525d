// The phrase data detection runs on (dist/data, built by `npm run build`): its shape, not its contents.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHandList, HAND_LISTS } from '../../src/lexicon/build.js';
import { PACKAGE_ROOT } from '../../src/lexicon/paths.js';
import { PhraseLexicon, nearFormIndex, phraseLexicon } from '../../src/lexicon/phrases.js';

describe('phrase lexicon', () => {
  it('finds by prefix exactly what a scan of the file finds (the file is sorted by code point)', () => {
    const tsv = readFileSync(join(PACKAGE_ROOT, 'dist', 'data', 'phrases.tsv'), 'utf8');
    const keys = tsv.split('\n').filter(Boolean).map((line) => line.slice(0, line.indexOf('\t')));
    const lexicon = phraseLexicon();
    for (const prefix of ['同舟', '一衣', '唯恐天', '山川异']) {
      expect(lexicon.withPrefix(prefix).map((e) => e.key).sort()).toEqual(keys.filter((k) => k.startsWith(prefix)).sort());
    }
  });

  it('reports the key lengths that start at a position, longest first', () => {
    const lexicon = new PhraseLexicon('甲乙丙\t\tC\t0\n甲乙丙丁戊\t\tC\t0\n乙丙丁\t\tC\t0\n');
    expect(lexicon.lengthsAt('甲乙丙丁戊己', 0)).toEqual([5, 3]);
    expect(lexicon.lengthsAt('甲乙丙丁戊己', 1)).toEqual([3]);
    expect(lexicon.lengthsAt('甲乙丙丁戊己', 2)).toEqual([]);
    expect(lexicon.get('甲乙丙丁戊')?.flags).toBe('C');
  });

  it('keeps display text, attribution and gloss, and knows where the clauses break', () => {
    const lexicon = new PhraseLexicon('山川异域风月同天\t山川异域，风月同天\tq\t0\t长屋王\tsame moon\n');
    const entry = lexicon.get('山川异域风月同天');
    expect(entry?.text).toBe('山川异域，风月同天');
    expect(entry?.breaks).toEqual([4]);
    expect(entry?.attribution).toBe('长屋王');
    expect(entry?.gloss).toBe('same moon');
  });

  it('lists the clauses of multi-clause quotations for the near-form matchers', () => {
    for (const [part, whole] of nearFormIndex().quotationParts) {
      expect(whole.includes(part)).toBe(true);
      expect(part.length).toBeGreaterThanOrEqual(4);
    }
  });
});

describe('hand-made lists', () => {
  it('every list states its source in a header and has well-formed rows', () => {
    for (const { file } of HAND_LISTS) {
      const text = readFileSync(join(PACKAGE_ROOT, 'src', 'lexicon', 'data', file), 'utf8');
      expect(text.split('\n').filter((l) => l.startsWith('#')).join(' ')).toMatch(/Source:/);
      for (const row of parseHandList(text)) {
        expect(row.text).toMatch(/^[\p{Script=Han}，]+$/u);
        expect(row.text.startsWith('，') || row.text.endsWith('，')).toBe(false);
      }
    }
  });
});
