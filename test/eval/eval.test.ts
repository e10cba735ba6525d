// The issue-4 targets measured on the hand annotation of the seed speeches (the same evaluation as
// `npm run eval`), plus unit tests of the scoring on small made-up data. Needs `npm run build` first.
import { beforeAll, describe, expect, it } from 'vitest';
import { baselineExtractor, evaluate, ourExtractor } from './evaluate.mjs';
import {
  alternativeForms,
  errors,
  matchFile,
  parseAnnotations,
  summarise,
  targetFailures,
} from './score.mjs';

const HEADER = 'phrase\tkind\tlevel\tnote';
const tsv = (...rows: string[]): string => [HEADER, ...rows].join('\n') + '\n';

describe('annotation parsing', () => {
  it('reads rows, keys them by Han characters and takes other forms from the note', () => {
    const items = parseAnnotations(
      tsv(
        '山川异域，风月同天\tquotation\tcore\t长屋王',
        '掉链\tsaying\tcore\tdictionary form: 掉链子',
        '双循环\tterm\tmarginal\talso: 国内国际双循环 / 两个循环; see the plan',
      ),
    );
    expect(items.map((i) => i.keys)).toEqual([
      ['山川异域风月同天'],
      ['掉链', '掉链子'],
      ['双循环', '国内国际双循环', '两个循环'],
    ]);
    expect(items[2]?.level).toBe('marginal');
  });

  it('takes only the leading phrase of a dictionary form, not the explanation after it', () => {
    expect(alternativeForms('adapted; dictionary form: 唯恐天下不乱 (CC-CEDICT)')).toEqual(['唯恐天下不乱']);
    expect(alternativeForms('also 大国俱乐部 in the same sentence')).toEqual([]);
  });

  it('rejects a missing header, an unknown kind or level, and a phrase listed twice', () => {
    expect(() => parseAnnotations('削足适履\tchengyu\tcore\t\n')).toThrow(/header/);
    expect(() => parseAnnotations(tsv('削足适履\tidiom\tcore\t'))).toThrow(/kind/);
    expect(() => parseAnnotations(tsv('削足适履\tchengyu\tsure\t'))).toThrow(/level/);
    expect(() => parseAnnotations(tsv('削足适履\tchengyu\tcore\t', '削足适履\tchengyu\tmarginal\t'))).toThrow(/twice/);
  });
});

describe('matching and scoring', () => {
  const annotations = parseAnnotations(
    tsv(
      '削足适履\tchengyu\tcore\t',
      '同舟共济\tchengyu\tcore\t',
      '唯恐南海不乱\tchengyu\tcore\tdictionary form: 唯恐天下不乱',
      '三十而立\tquotation\tcore\t《论语》',
      '主心骨\tsaying\tcore\t',
      '一带一路\tterm\tcore\t',
    ),
  );
  const detections = [
    { key: '削足适履', text: '削足适履', kind: 'chengyu' },
    { key: '削足适履', text: '削足适履', kind: 'chengyu' },
    { key: '唯恐天下不乱', text: '唯恐天下不乱', kind: 'chengyu', dictionaryForm: '唯恐天下不乱' },
    { key: '三十而立', text: '三十而立', kind: 'chengyu' },
    { key: '国际社会', text: '国际社会', kind: 'chengyu' },
    { key: '主心骨', text: '主心骨', kind: 'saying' },
    { key: '天下大同', text: '天下大同', kind: 'quotation' },
  ];
  const matched = [matchFile({ file: 'fake', annotations, detections })];
  const summary = summarise(matched);

  it('counts recall per annotated kind, whatever kind found the item', () => {
    expect(summary.perKind.chengyu).toMatchObject({ coreFound: 2, coreTotal: 3, recallCore: 2 / 3 });
    expect(summary.perKind.quotation).toMatchObject({ coreFound: 1, coreTotal: 1, recallCore: 1 });
    expect(summary.perKind.saying).toMatchObject({ coreTotal: 1, recallCore: 1, allFound: 1, recallAll: 1 });
    expect(summary.perKind.term).toMatchObject({ coreFound: 0, recallCore: 0 });
  });

  it('counts precision per detected kind, one detection per phrase, any annotated item counting as right', () => {
    // chengyu detections: 削足适履 (once), 唯恐天下不乱, 三十而立 right; 国际社会 wrong.
    expect(summary.perKind.chengyu).toMatchObject({ detected: 4, correct: 3, precision: 0.75 });
    expect(summary.perKind.saying).toMatchObject({ detected: 1, correct: 1, precision: 1 });
    expect(summary.perKind.quotation).toMatchObject({ detected: 1, correct: 0, precision: 0 });
    expect(summary.perKind.term.precision).toBeNull();
    expect(summary.defaultKinds).toMatchObject({ detected: 6, correct: 4 });
  });

  it('reports kind agreement, misses and false positives with their file', () => {
    expect(summary.perKind.quotation.kindAgreement).toBe(0);
    const e = errors(matched);
    expect(e.chengyu?.misses).toEqual([{ phrase: '同舟共济', level: 'core', file: 'fake' }]);
    expect(e.chengyu?.falsePositives).toEqual([{ phrase: '国际社会', file: 'fake' }]);
    expect(e.quotation?.otherKind).toEqual([{ phrase: '三十而立', detectedAs: 'chengyu', file: 'fake' }]);
  });

  it('credits one detection to one adaptation when two adaptations share a dictionary form', () => {
    const variants = parseAnnotations(
      tsv(
        '唯恐南海不乱\tchengyu\tcore\tdictionary form: 唯恐天下不乱',
        '唯恐南海不闹\tchengyu\tcore\tdictionary form: 唯恐天下不乱',
      ),
    );
    const found = (detections: Array<{ key: string; text: string; kind: string; dictionaryForm?: string }>) =>
      summarise([matchFile({ file: 'v', annotations: variants, detections })]).perKind.chengyu.coreFound;
    expect(found([{ key: '唯恐南海不乱', text: '唯恐南海不乱', kind: 'chengyu', dictionaryForm: '唯恐天下不乱' }])).toBe(1);
    expect(found([{ key: '唯恐天下不乱', text: '唯恐天下不乱', kind: 'chengyu' }])).toBe(1);
    expect(
      found([
        { key: '唯恐南海不乱', text: '唯恐南海不乱', kind: 'chengyu', dictionaryForm: '唯恐天下不乱' },
        { key: '唯恐南海不闹', text: '唯恐南海不闹', kind: 'chengyu', dictionaryForm: '唯恐天下不乱' },
      ]),
    ).toBe(2);
  });

  it('micro-averages: the same phrase in two files counts twice', () => {
    const twice = summarise([
      matchFile({ file: 'a', annotations, detections }),
      matchFile({ file: 'b', annotations, detections: [] }),
    ]);
    expect(twice.perKind.chengyu).toMatchObject({ coreFound: 2, coreTotal: 6, detected: 4 });
  });

  it('names every missed target and every kind where the baseline does better', () => {
    const perfect = summarise([
      matchFile({
        file: 'p',
        annotations,
        detections: annotations.map((a) => ({ key: a.keys[0] ?? '', text: a.phrase, kind: a.kind })),
      }),
    ]);
    expect(targetFailures(perfect, summary)).toEqual([]);
    const failures = targetFailures(summary, perfect);
    expect(failures.some((f) => f.startsWith('chengyu recall (core)'))).toBe(true);
    expect(failures.some((f) => f.includes("below the baseline's"))).toBe(true);
  });
});

describe('issue 4 targets on the annotated seed speeches', () => {
  let result: Awaited<ReturnType<typeof evaluate>>;
  beforeAll(async () => {
    result = await evaluate({ ours: await ourExtractor(), baseline: baselineExtractor() });
  }, 120_000);

  const ours = () => result.results.ours!.summary;
  const baseline = () => result.results.baseline!.summary;

  it('evaluates every annotated seed', () => {
    expect(result.seeds.length).toBeGreaterThanOrEqual(5);
  });
  it('chengyu: recall ≥ 0.97 and precision ≥ 0.95', () => {
    expect(ours().perKind.chengyu.recallCore).toBeGreaterThanOrEqual(0.97);
    expect(ours().perKind.chengyu.precision).toBeGreaterThanOrEqual(0.95);
  });
  it('quotation: recall ≥ 0.9', () => {
    expect(ours().perKind.quotation.recallCore).toBeGreaterThanOrEqual(0.9);
  });
  it('saying and term: recall ≥ 0.75', () => {
    expect(ours().perKind.saying.recallCore).toBeGreaterThanOrEqual(0.75);
    expect(ours().perKind.term.recallCore).toBeGreaterThanOrEqual(0.75);
  });
  it('default kinds: overall precision ≥ 0.9', () => {
    expect(ours().defaultKinds.precision).toBeGreaterThanOrEqual(0.9);
  });
  it('beats the jieba + CC-CEDICT "(idiom)" baseline on recall and precision of every kind', () => {
    const worse = targetFailures(ours(), baseline()).filter((f) => f.includes('baseline'));
    expect(worse).toEqual([]);
  });
});
