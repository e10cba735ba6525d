// The look-up structures that make detection fast (src/lexicon/phrases.ts, src/lexicon/poetry.ts): filters
// and open-addressing tables may only ever narrow a search, so every answer must equal the plain one.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/lexicon/paths.js';
import { DATA_DIR } from '../../src/lexicon/paths.js';
import { PairSet, PairTable, PhraseLexicon, TRIE_KEY_END, TRIE_LABEL_CODE, TRIE_ROOT, nearFormIndex, nearFormTables, phraseLexicon, phraseTables } from '../../src/lexicon/phrases.js';
import { FrameIndex, dictionaryMatches } from '../../src/detect/match.js';
import { PoetryIndex, poetryIndex, writeClauseFilter } from '../../src/lexicon/poetry.js';

const LINES = ['甲乙丙\t\tC\t0', '甲乙丙丁戊\t\tC\t0', '乙丙丁\t\tI\t3', '山川异域风月同天\t山川异域，风月同天\tq\t0\t长屋王\tsame moon'];

describe('pair table', () => {
  it('answers like a Map for any codes, present or not', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 29 - 1 }), { maxLength: 300 }), fc.array(fc.integer({ min: 0, max: 2 ** 29 - 1 }), { maxLength: 50 }), (codes, probes) => {
        const table = new PairTable<number>();
        const map = new Map<number, number>();
        codes.forEach((code, i) => {
          table.set(code, i);
          map.set(code, i);
        });
        for (const code of [...codes, ...probes]) expect(table.get(code)).toBe(map.get(code));
      }),
    );
  });
});

describe('pair tables taken back from their slots', () => {
  it('answer like the table they were taken from, and still take new codes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 29 - 1 }), { maxLength: 300 }), fc.array(fc.integer({ min: 0, max: 2 ** 29 - 1 }), { maxLength: 50 }), (codes, probes) => {
        const set = new PairSet(codes.length);
        const table = new PairTable<number>();
        codes.forEach((code, i) => {
          set.add(code);
          table.set(code, i + 1);
        });
        const { bits, keys } = set.words();
        const setBack = PairSet.fromWords(bits.slice(), keys.slice());
        const slots = table.slots();
        const tableBack = PairTable.fromSlots<number>(slots.keys.slice(), [...slots.values]);
        for (const code of [...codes, ...probes]) {
          expect(setBack?.has(code)).toBe(set.has(code));
          expect(tableBack?.get(code)).toBe(table.get(code));
        }
        for (const code of probes) tableBack?.set(code, -7);
        for (const code of probes) expect(tableBack?.get(code)).toBe(-7);
      }),
    );
  });
});

describe('near-form tables', () => {
  it.skipIf(!existsSync(join(DATA_DIR, 'near-forms.tables')))('the build wrote exactly the tables the keys give', () => {
    const keys = nearFormIndex();
    const built = new FrameIndex(keys, phraseLexicon()).tables();
    const file = nearFormTables();
    expect(file).toBeDefined();
    expect(Buffer.from(file?.buffer ?? new ArrayBuffer(0), file?.byteOffset, file?.byteLength).equals(Buffer.from(built.buffer))).toBe(true);
    // Taken back, they give the same tables again.
    expect(Buffer.from(new FrameIndex(keys, phraseLexicon(), file).tables().buffer).equals(Buffer.from(built.buffer))).toBe(true);
  });

  it('are ignored when they belong to other keys or are damaged, and built from the keys instead', () => {
    const keys = { frames: ['唯恐天下不乱'], heads: ['唯恐天下不乱'], verbObject: ['开倒车'], splittable: ['重蹈覆辙'] };
    const reference = new FrameIndex(keys, phraseLexicon()).tables();
    const other = new FrameIndex({ ...keys, splittable: ['重蹈覆辙', '画蛇添足'] }, phraseLexicon()).tables();
    const damaged = reference.slice();
    damaged[0] = 0;
    const short = reference.slice(0, reference.length - 5);
    for (const tables of [other, damaged, short]) {
      expect(Buffer.from(new FrameIndex(keys, phraseLexicon(), tables).tables().buffer).equals(Buffer.from(reference.buffer))).toBe(true);
    }
  });
});

describe('phrase lexicon tables', () => {
  it('finds every key of the built lexicon, and the filters let every key through', () => {
    const tsv = readFileSync(join(PACKAGE_ROOT, 'dist', 'data', 'phrases.tsv'), 'utf8');
    const keys = tsv.split('\n').filter(Boolean).map((line) => line.slice(0, line.indexOf('\t')));
    const lexicon = phraseLexicon();
    const found: string[] = [];
    for (const key of keys.filter((_, i) => i % 7 === 0)) {
      expect(lexicon.get(key)?.key).toBe(key);
      // A key inside a longer text is still found at its position (prefix and key filters pass it).
      const text = `之${key}也`;
      found.push(...lexicon.entriesAt(text, 1, []).map((e) => e.key).filter((k) => k === key));
      expect(lexicon.hasAt(text, 1, key.length)).toBe(true);
      // The scan's first test, before any table look-up: it may let a non-key through, never stop a key.
      if (key.length >= 2) expect(lexicon.mayStartKeyAt(text, 1)).toBe(true);
      if (key.length >= 3) expect(lexicon.mayStartWithThree(key.charCodeAt(0), key.charCodeAt(1), key.charCodeAt(2))).toBe(true);
    }
    expect(found.length).toBe(keys.filter((_, i) => i % 7 === 0 && keys[i]!.length >= 2).length);
  });

  it('lets a key of two characters start where the three-character table knows none', () => {
    const lexicon = new PhraseLexicon([...LINES, '丁戊\t\th\t0'].join('\n') + '\n');
    expect(lexicon.mayStartKeyAt('丁戊', 0)).toBe(true);
    expect(lexicon.entriesAt('丁戊', 0, []).map((e) => e.key)).toEqual(['丁戊']);
    expect(lexicon.mayStartKeyAt('山川异域风月同天', 0)).toBe(true);
  });

  it('does not find what is not a key', () => {
    const lexicon = new PhraseLexicon(LINES.join('\n') + '\n');
    expect(lexicon.get('甲乙')).toBeUndefined();
    expect(lexicon.get('甲乙丙丁')).toBeUndefined();
    expect(lexicon.has('乙丙丁')).toBe(true);
    expect(lexicon.entriesAt('甲乙丙丁戊', 0, []).map((e) => e.key)).toEqual(['甲乙丙丁戊', '甲乙丙']);
    expect(lexicon.getSwapped('甲乙戊', 0, 3, 2, '丙'.charCodeAt(0))?.key).toBe('甲乙丙');
    expect(lexicon.getSwapped('甲乙戊', 0, 3, 1, '丙'.charCodeAt(0))).toBeUndefined();
    expect(lexicon.hasAt('甲乙丙丁', 0, 4)).toBe(false);
    expect(lexicon.hasAt('甲乙丙丁', 1, 3)).toBe(true);
    expect(lexicon.get('')).toBeUndefined();
    expect(lexicon.flagsOf('乙丙丁')).toBe('I');
    expect(lexicon.flagsOf('乙丙')).toBe('');
  });

  it('ignores tables and line index written for another file, and makes its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'phrases-'));
    const path = join(dir, 'phrases.tsv');
    const other = Buffer.from('乙丙丁\t\tI\t3\n', 'utf8');
    writeFileSync(path, Buffer.from(`${[...LINES].sort().join('\n')}\n`, 'utf8'));
    writeFileSync(`${path}.tables`, phraseTables(other));
    writeFileSync(`${path}.idx`, Buffer.from([1, 2, 3, 4]));
    const lexicon = PhraseLexicon.load(dir);
    expect(lexicon.get('山川异域风月同天')?.text).toBe('山川异域，风月同天');
    expect(lexicon.lengthsAt('甲乙丙丁戊', 0)).toEqual([5, 3]);
    expect(lexicon.size).toBe(LINES.length);
  });
});

/** The keys the trie walk from `at` meets, by length: the lengths where a key of the lexicon ends. */
function trieKeyLengths(lexicon: PhraseLexicon, text: string, at: number): number[] {
  const lengths: number[] = [];
  let state = at < text.length ? lexicon.trieFirst(text.charCodeAt(at)) : -1;
  for (let n = 1; state >= 0; n++) {
    if (lexicon.trieKeyEnds(state)) lengths.push(n);
    state = at + n < text.length ? lexicon.trieStep(state, text.charCodeAt(at + n)) : -1;
  }
  return lengths;
}

describe('key trie', () => {
  it('walks to every key of the built lexicon, and its entry', () => {
    const tsv = readFileSync(join(PACKAGE_ROOT, 'dist', 'data', 'phrases.tsv'), 'utf8');
    const keys = tsv.split('\n').filter(Boolean).map((line) => line.slice(0, line.indexOf('\t')));
    const lexicon = phraseLexicon();
    for (const key of keys.filter((_, i) => i % 5 === 0)) {
      expect(trieKeyLengths(lexicon, `${key}之`, 0)).toContain(key.length);
      let state = lexicon.trieStep(TRIE_ROOT, key.charCodeAt(0));
      expect(state).toBe(lexicon.trieFirst(key.charCodeAt(0)));
      for (let i = 1; i < key.length; i++) state = lexicon.trieStepCode(state, lexicon.trieCode(key.charCodeAt(i)));
      expect(lexicon.trieEntry(state)).toBe(lexicon.get(key));
    }
  });

  it('steps through its arrays (trieArrays) as trieFirstCode and trieStepCode do, for every code', () => {
    const lexicon = phraseLexicon();
    const { bases, labels, firstCodes } = lexicon.trieArrays();
    expect(bases.length).toBe(lexicon.trieStates);
    const codes = new Set<number>();
    for (let unit = 0; unit < 0x10000; unit++) codes.add(lexicon.trieCode(unit));
    for (const code of codes) {
      const first = code !== 0 && code <= firstCodes ? code : -1;
      expect(first).toBe(lexicon.trieFirstCode(code));
    }
    // States of every depth: each state's children and non-children, stepped both ways (counted, not
    // expected one by one: millions of steps).
    let steps = 0;
    let children = 0;
    let disagreements = 0;
    for (let state = 0; state < lexicon.trieStates; state += 131) {
      for (const code of codes) {
        if (code === 0) continue;
        const next = (bases[state] ?? 0) + code;
        const stepped = ((labels[next] ?? 0) & TRIE_LABEL_CODE) === code ? next : -1;
        steps++;
        if (stepped !== lexicon.trieStepCode(state, code)) disagreements++;
        if (stepped < 0) continue;
        children++;
        if ((((labels[stepped] ?? 0) & TRIE_KEY_END) !== 0) !== lexicon.trieKeyEnds(stepped)) disagreements++;
      }
    }
    expect(disagreements).toBe(0);
    expect(children).toBeGreaterThan(100);
    expect(steps).toBeGreaterThan(children);
  });

  it('finds a key where, and only where, the text from there holds one (any units, lone surrogates too)', () => {
    const lexicon = phraseLexicon();
    const tsv = readFileSync(join(PACKAGE_ROOT, 'dist', 'data', 'phrases.tsv'), 'utf8');
    const keys = tsv.split('\n').filter(Boolean).map((line) => line.slice(0, line.indexOf('\t')));
    const pieces = fc.oneof(fc.constantFrom(...keys.filter((_, i) => i % 11 === 0)), fc.constantFrom('之', '的', '人', '入', '\ud840', '\udc00', '𠮷', 'a', '，'), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        for (let at = 0; at < text.length; at++) {
          const plain: number[] = [];
          for (let n = 1; at + n <= text.length && n <= lexicon.maxLength; n++) if (lexicon.has(text.slice(at, at + n))) plain.push(n);
          expect(trieKeyLengths(lexicon, text, at)).toEqual(plain);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers get, has and flagsOf as a scan of the file does, for keys and any other strings', () => {
    const tsv = readFileSync(join(PACKAGE_ROOT, 'dist', 'data', 'phrases.tsv'), 'utf8');
    const byKey = new Map<string, string>();
    for (const line of tsv.split('\n').filter(Boolean)) {
      const [key = '', , flags = ''] = line.split('\t');
      if (!byKey.has(key)) byKey.set(key, flags);
    }
    const lexicon = phraseLexicon();
    const keys = [...byKey.keys()];
    const pieces = fc.oneof(fc.constantFrom(...keys.filter((_, i) => i % 13 === 0)), fc.constantFrom('之', '的', '\ud840', '\udc00', '𠮷', 'a', '，', ''), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 3 }), fc.nat(), fc.nat(), (parts, from, to) => {
        const joined = parts.join('');
        for (const key of [joined, joined.slice(from % (joined.length + 1), to % (joined.length + 1))]) {
          expect(lexicon.get(key)?.key).toBe(byKey.has(key) ? key : undefined);
          expect(lexicon.get(key)?.flags).toBe(byKey.get(key));
          expect(lexicon.has(key)).toBe(byKey.has(key));
          expect(lexicon.flagsOf(key)).toBe(byKey.get(key) ?? '');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('is made for a lexicon given as text, the first of two equal keys winning', () => {
    const lexicon = new PhraseLexicon([...LINES, '甲乙丙\t\tI\t9'].join('\n') + '\n');
    expect(trieKeyLengths(lexicon, '甲乙丙丁戊己', 0)).toEqual([3, 5]);
    expect(trieKeyLengths(lexicon, '乙丙丁', 0)).toEqual([3]);
    expect(trieKeyLengths(lexicon, '丙丁', 0)).toEqual([]);
    let state = lexicon.trieFirst('甲'.charCodeAt(0));
    for (const ch of '乙丙') state = lexicon.trieStep(state, ch.charCodeAt(0));
    expect(lexicon.trieEntry(state)).toBe(lexicon.get('甲乙丙'));
    expect(lexicon.trieEntry(state)?.flags).toBe('C');
  });
});

describe('look-ups by the key trie', () => {
  it('lists the key lengths after a first unit and the first half of a surrogate pair', () => {
    const lexicon = new PhraseLexicon(['二𫫇英\t\tC\t0', '二𫫇\t\tC\t0', '二丁\t\tC\t0'].join('\n') + '\n');
    expect(lexicon.lengthsAt('二𫫇英', 0)).toEqual([4, 3]);
    expect(lexicon.lengthsAt('二丁', 0)).toEqual([2]);
    expect(lexicon.lengthsAt('二\ud86e', 0)).toEqual([4, 3]);
    expect(lexicon.lengthsAt('二\udc00', 0)).toEqual([]);
    expect(lexicon.get('二\ud86e')).toBeUndefined();
    expect(lexicon.get('二𫫇')?.key).toBe('二𫫇');
  });

  it('finds an OCR misreading whose misread character no key holds, and one whose every character some key holds', () => {
    const lexicon = new PhraseLexicon(['甲入丙丁\t\tI\t0', '八戊\t\th\t0'].join('\n') + '\n');
    const frames = FrameIndex.empty(lexicon);
    const ocr = (text: string): string[][] => dictionaryMatches(text, lexicon, frames).filter((m) => m.variant === 'ocr').map((m) => [m.entry.key, String(m.start)]);
    // 人 is in no key: the window's only unit no key holds is the misread one.
    expect(ocr('之甲人丙丁')).toEqual([['甲入丙丁', '1']]);
    // 八 starts a key: every unit of the window is held by some key.
    expect(ocr('之甲八丙丁')).toEqual([['甲入丙丁', '1']]);
    // Two units no key holds: nothing to swap back.
    expect(ocr('之甲人丙己')).toEqual([]);
  });
});

describe('exact matches ruled out by a filter', () => {
  it('are not made, each entry asked about once; near-forms and other keys still are', () => {
    const lexicon = new PhraseLexicon(['甲入丙丁\t\tI\t0', '甲入丙\t\tC\t0', '丙丁\t\tC\t0'].join('\n') + '\n');
    const frames = FrameIndex.empty(lexicon);
    const asked: string[] = [];
    const filter = {
      mayPropose(entry: { key: string }): boolean {
        asked.push(entry.key);
        return entry.key !== '甲入丙';
      },
    };
    const keysOf = (text: string, withFilter: boolean): string[] =>
      dictionaryMatches(text, lexicon, frames, withFilter ? filter : undefined).map((m) => `${m.entry.key}${m.variant ? `:${m.variant}` : ''}`);
    expect(keysOf('之甲入丙丁', false)).toEqual(['甲入丙丁', '甲入丙']);
    expect(keysOf('之甲入丙丁。甲入丙丁', true)).toEqual(['甲入丙丁', '甲入丙丁']);
    // The misreading of 甲入丙丁 is found as before; 甲入丙 (ruled out) was asked about once, 丙丁 (two
    // units, on no project list) never.
    expect(keysOf('之甲人丙丁', true)).toEqual(['甲入丙丁:ocr']);
    expect(asked.sort()).toEqual(['甲入丙', '甲入丙丁']);
  });
});

describe('near-form tables of another lexicon', () => {
  it('are not taken for this one: its trie numbers its states differently', () => {
    const keys = { frames: ['甲乙丙丁戊'], heads: [], verbObject: [], splittable: [] };
    const small = new PhraseLexicon(LINES.join('\n') + '\n');
    const ownTables = new FrameIndex(keys, small).tables();
    const builtTables = new FrameIndex(keys, phraseLexicon()).tables();
    expect(Buffer.from(new FrameIndex(keys, small, builtTables).tables().buffer).equals(Buffer.from(ownTables.buffer))).toBe(true);
    // Adapted with its middle swapped, the phrase is found with the tables made for this lexicon.
    const frames = new FrameIndex(keys, small, builtTables);
    const adapted = dictionaryMatches('甲乙己丁戊', small, frames).filter((m) => m.adapted);
    expect(adapted.map((m) => [m.entry.key, m.key])).toEqual([['甲乙丙丁戊', '甲乙己丁戊']]);
  });
});

describe('quotation index filter', () => {
  it('lets every indexed clause through, and answers like a search without it', () => {
    const index = poetryIndex();
    const tsv = readFileSync(join(PACKAGE_ROOT, 'dist', 'data', 'quotation-index.tsv'), 'utf8');
    const clauses = tsv.split('\n').filter(Boolean).map((line) => line.slice(0, line.indexOf('\t')));
    for (const clause of clauses.filter((_, i) => i % 97 === 0)) {
      expect(index.mayHold(`之${clause}`, 1, clause.length + 1)).toBe(true);
      expect(index.mayStart(`之${clause}也`, 1)).toBe(true);
      expect(index.mayEndWith(`之${clause}`)).toBe(true);
      expect(index.lookup(clause)?.clause).toBe(clause);
    }
  });

  it('an index without its filter file makes the filter on load', () => {
    const clauses = Buffer.from('国破山河在\t0\t0\n城春草木深\t0\t1\n', 'utf8');
    const index = PoetryIndex.fromBytes(clauses, '杜甫《春望》\n');
    expect(index.lookup('城春草木深')?.ordinal).toBe(1);
    expect(index.lookup('城春草木')).toBeUndefined();
    expect(index.mayStart('感时城春草木深', 2)).toBe(true);
    expect(index.mayEndWith('感时城春草木深')).toBe(true);
  });

  it('a filter file written for another clause file is not used', () => {
    const dir = mkdtempSync(join(tmpdir(), 'poetry-'));
    const path = join(dir, 'quotation-index.tsv');
    writeFileSync(path, '国破山河在\t0\t0\n白头搔更短\t0\t2\n');
    writeClauseFilter(path);
    const clauses = Buffer.from('城春草木深\t0\t1\n', 'utf8');
    const index = PoetryIndex.fromBytes(clauses, '杜甫《春望》\n', undefined, readFileSync(`${path}.filter`));
    expect(index.mayStart('城春草木深', 0)).toBe(true);
    expect(index.mayEndWith('城春草木深')).toBe(true);
    expect(index.lookup('城春草木深')?.ordinal).toBe(1);
  });
});
