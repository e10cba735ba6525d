// The classical-line index (built from chinese-poetry by `npm run build`) and the detector that uses it,
// on sentences written for these tests. The hand lists are switched off so that only the index speaks.
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detect/index.js';
import { DATA_DIR } from '../../src/lexicon/paths.js';
import { PoetryIndex, poetryIndex } from '../../src/lexicon/poetry.js';
import { writeQuotationIndex } from '../../src/lexicon/poetry-build.js';
import type { Detection } from '../../src/types.js';

const indexOnly = createDetector({ disable: new Set(['lists']) });
const withoutIndex = createDetector({ disable: new Set(['lists', 'poetry-index']) });

function quotations(text: string, detector = indexOnly): Detection[] {
  return detector.detect({ text, originalText: text, role: 'body', source: 'test.txt', paragraph: 0, index: 0 }).filter((d) => d.kind === 'quotation');
}

describe('quotation index', () => {
  it('keeps a line under its most canonical source', () => {
    // 君子和而不同 is also borrowed by later poems; the Analects come first.
    expect(poetryIndex().lookup('君子和而不同')?.attribution).toMatch(/论语/);
  });

  it('holds Simplified text from Traditional sources, with work and author', () => {
    const line = poetryIndex().lookup('国破山河在');
    expect(line?.attribution).toBe('杜甫《春望》');
    expect(poetryIndex().lookup('國破山河在')).toBeUndefined();
  });

  it('an empty index finds nothing', () => {
    expect(PoetryIndex.fromBytes(Buffer.alloc(0), '').lookup('国破山河在')).toBeUndefined();
  });

  it.skipIf(!existsSync(join(DATA_DIR, 'quotation-index.tsv.blocks')))('answers through its block index exactly as through the whole file', () => {
    const path = join(DATA_DIR, 'quotation-index.tsv');
    const bytes = readFileSync(path);
    const sources = readFileSync(join(DATA_DIR, 'quotation-sources.tsv'), 'utf8');
    const whole = PoetryIndex.fromBytes(bytes, sources, readFileSync(`${path}.idx`), readFileSync(`${path}.filter`));
    const byBlocks = PoetryIndex.load(DATA_DIR);
    const clauses = bytes.toString('utf8').split('\n').map((line) => line.split('\t')[0] ?? '').filter((c) => c.length > 0);
    // Every 29th clause, its first characters and a clause with one character more: found and not found alike.
    const probes = clauses.filter((_, i) => i % 29 === 0).flatMap((c) => [c, c.slice(0, -1), `${c}之`]);
    expect(probes.length).toBeGreaterThan(10_000);
    let found = 0;
    for (const probe of probes) {
      const expected = whole.lookup(probe);
      if (expected) found++;
      expect(byBlocks.lookup(probe)).toEqual(expected);
    }
    expect(found).toBeGreaterThan(3_000);
  });

  it('reads the whole file when the block index is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'poetry-'));
    for (const name of ['quotation-index.tsv', 'quotation-index.tsv.idx', 'quotation-index.tsv.filter', 'quotation-sources.tsv']) {
      if (existsSync(join(DATA_DIR, name))) copyFileSync(join(DATA_DIR, name), join(dir, name));
    }
    expect(PoetryIndex.load(dir).lookup('国破山河在')?.attribution).toBe(poetryIndex().lookup('国破山河在')?.attribution);
  });

  it('builds an empty index with a warning when chinese-poetry is absent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'poetry-'));
    const written = new Map<string, string>();
    const report = await writeQuotationIndex(dir, () => 0, (path, text) => written.set(path, text), null);
    expect(report.warning).toMatch(/not installed/);
    expect([...written.values()].every((t) => t === '')).toBe(true);
    expect(PoetryIndex.load(dir).lookup('国破山河在')).toBeUndefined();
  });
});

describe('quotations from the index', () => {
  it('finds two consecutive lines of one poem with its attribution', () => {
    const [q] = quotations('战火过后的城市让人想起国破山河在，城春草木深。');
    expect(q?.text).toBe('国破山河在，城春草木深');
    expect(q?.attribution).toBe('杜甫《春望》');
    expect(quotations('战火过后的城市让人想起国破山河在，城春草木深。', withoutIndex).map((d) => d.text)).not.toContain('国破山河在，城春草木深');
  });

  it('finds two lines run together without a comma', () => {
    const [q] = quotations('老师常说学而不思则罔思而不学则殆。');
    expect(q?.text).toBe('学而不思则罔，思而不学则殆');
  });

  it('takes a four-character line only with a sign: a cue naming its source makes it a quotation', () => {
    expect(quotations('他今年三十而立。').map((d) => d.key)).not.toContain('三十而立');
    const [q] = quotations('孔子说，“三十而立”。');
    expect(q?.key).toBe('三十而立');
    expect(q?.attribution).toMatch(/论语/);
  });

  it('treats a quoted couplet holding a canonical line as one quotation, saying which line it is', () => {
    const [q] = quotations('两国学者常用“道不远人，心无远近”来形容彼此的交流。');
    expect(q?.text).toBe('道不远人，心无远近');
    expect(q?.attribution).toBe('“道不远人”出自《中庸》');
  });

  it('ignores a line that is a plain modern sentence unless the text marks it', () => {
    // 不可休息 is a clause of an old text, but every word of it is common modern Chinese.
    expect(poetryIndex().lookup('不可休息')?.modern).toBe(true);
    expect(quotations('工地上的人说，不可休息，必须赶工。')).toHaveLength(0);
  });

  it('is built deterministically: sorted clauses, sources in collection order', () => {
    const data = readFileSync(join(import.meta.dirname, '..', '..', 'dist', 'data', 'quotation-index.tsv'), 'utf8');
    const keys = data.split('\n').filter(Boolean).map((l) => l.slice(0, l.indexOf('\t')));
    const sorted = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(keys).toEqual(sorted);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
