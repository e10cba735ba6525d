// The packed form detections take between threads must give back exactly the detections a single
// thread made: every field, optional ones absent where they were absent, strings and evidence lists
// named by number across batches, and the same after the tables start again.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';
import type { Detection, Evidence, Sentence } from '../../src/types.js';

type Wire = typeof import('../../src/parallel/wire.js');
const { DetectionPacker, DetectionUnpacker } = (await import(new URL('dist/parallel/wire.js', `file://${REPO_ROOT}`).href)) as Wire;

const han = fc.string({ unit: fc.constantFrom(...'同舟共济削足适履山川异域风月天，。“”') , minLength: 1, maxLength: 12 });
const anyText = fc.string({ unit: 'grapheme', maxLength: 20 });

const evidence: fc.Arbitrary<Evidence> = fc.record(
  { code: fc.constantFrom('cedict-idiom', 'quoted', 'cue', 'balanced'), weight: fc.double({ noNaN: true, min: -5, max: 5 }), note: anyText },
  { requiredKeys: ['code', 'weight'] },
);

const sentence: fc.Arbitrary<Sentence> = fc
  .record({ text: anyText, other: fc.option(anyText), role: fc.constantFrom('body', 'heading', 'caption' as const), source: fc.constantFrom('a.txt', 'b.txt'), paragraph: fc.nat(50), index: fc.nat(5000) })
  .map(({ text, other, role, source, paragraph, index }) => ({ text, originalText: other ?? text, role, source, paragraph, index }));

/** Batches of detections that share sentences and evidence lists, as a detector's output does. */
const batches = fc
  .record({ sentences: fc.array(sentence, { minLength: 1, maxLength: 6 }), lists: fc.array(fc.array(evidence, { maxLength: 3 }), { minLength: 1, maxLength: 4 }) })
  .chain(({ sentences, lists }) => {
    const detection: fc.Arbitrary<Detection> = fc
      .record({
        key: han,
        text: han,
        kind: fc.constantFrom('chengyu', 'quotation', 'saying', 'term' as const),
        start: fc.nat(100),
        length: fc.nat(20),
        sentence: fc.constantFrom(...sentences),
        evidence: fc.constantFrom(...lists),
        dictionaryForm: fc.option(han, { nil: undefined }),
        attribution: fc.option(anyText, { nil: undefined }),
      })
      .map(({ length, dictionaryForm, attribution, ...d }) => {
        const out: Detection = { key: d.key, text: d.text, kind: d.kind, start: d.start, end: d.start + length, sentence: d.sentence, evidence: d.evidence };
        if (dictionaryForm !== undefined) out.dictionaryForm = dictionaryForm;
        if (attribution !== undefined) out.attribution = attribution;
        return out;
      });
    return fc.array(fc.array(detection, { maxLength: 8 }), { minLength: 1, maxLength: 5 });
  });

describe('detections packed for the trip between threads', () => {
  it('unpack to detections equal to the originals, batch after batch', () => {
    fc.assert(
      fc.property(batches, fc.constantFrom(20, 200_000), (list, limit) => {
        const packer = new DetectionPacker(limit);
        const unpacker = new DetectionUnpacker();
        for (const batch of list) {
          // Through structured clone, as postMessage sends it.
          const received = unpacker.unpack(structuredClone(packer.pack(batch)));
          expect(received).toEqual(batch);
          expect(received.map((d) => JSON.stringify({ ...d, sentence: d.sentence }))).toEqual(batch.map((d) => JSON.stringify(d)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sends a string once per worker until the tables start again', () => {
    const sentence: Sentence = { text: '我们同舟共济。', originalText: '我們同舟共濟。', role: 'body', source: 'a.txt', paragraph: 0, index: 0 };
    const evidenceList: Evidence[] = [{ code: 'cedict-idiom', weight: 2 }];
    const d: Detection = { key: '同舟共济', text: '同舟共济', kind: 'chengyu', start: 2, end: 6, sentence, evidence: evidenceList };
    const packer = new DetectionPacker(10);
    const first = packer.pack([d, d]);
    expect(first.fresh).toBe(false);
    expect(first.strings.filter((s) => s === '同舟共济')).toHaveLength(1);
    expect(first.evidence).toHaveLength(1);
    expect(first.texts).toEqual(['我们同舟共济。', '我們同舟共濟。']);
    const second = packer.pack([d]);
    expect(second.strings).toEqual([]);
    expect(second.evidence).toEqual([]);
    const manyMore = packer.pack([d, d]);
    expect(manyMore.fresh).toBe(true);
    expect(manyMore.strings).toContain('同舟共济');
  });

  it('refuses a batch that names a string it never received', () => {
    const sentence: Sentence = { text: '同舟共济。', originalText: '同舟共济。', role: 'body', source: 'a.txt', paragraph: 0, index: 0 };
    const d: Detection = { key: '同舟共济', text: '同舟共济', kind: 'chengyu', start: 0, end: 4, sentence, evidence: [] };
    const packer = new DetectionPacker();
    packer.pack([d]);
    expect(() => new DetectionUnpacker().unpack(packer.pack([d]))).toThrow(/never sent/);
  });
});
