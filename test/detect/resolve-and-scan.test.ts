// The hand-written orderings and scans of detection (src/detect/index.ts resolve, src/detect/text.ts
// clauses, src/detect/quotation.ts couplets) against the plain forms they replace: sorts with comparators,
// regular expressions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Kind } from '../../src/types.js';
import { hanOnly } from '../../src/lexicon/paths.js';
import { resolve } from '../../src/detect/index.js';
import type { Proposal } from '../../src/detect/proposal.js';
import { scoreOf } from '../../src/detect/proposal.js';
import { classicalCouplets } from '../../src/detect/quotation.js';
import { clausesWithOffsets } from '../../src/detect/text.js';

const KIND_ORDER: Record<Kind, number> = { quotation: 0, saying: 1, chengyu: 2, term: 3 };

/** `resolve` as it was written with sorts: the reference the loops must agree with. */
function resolveBySorting(proposals: readonly Proposal[]): { top: Proposal[]; nested: Proposal[] } {
  if (proposals.length <= 1) return { top: [...proposals], nested: [] };
  const scored = proposals.map((p) => ({ p, score: scoreOf(p.evidence) }));
  scored.sort((a, b) => b.p.end - b.p.start - (a.p.end - a.p.start) || b.score - a.score || a.p.start - b.p.start || KIND_ORDER[a.p.kind] - KIND_ORDER[b.p.kind]);
  const overlaps = (a: Proposal, b: Proposal): boolean => a.start < b.end && b.start < a.end;
  const top: Proposal[] = [];
  const nested: Proposal[] = [];
  for (const { p } of scored) {
    if (top.some((t) => t.start <= p.start && p.end <= t.end)) {
      if (!nested.some((n) => overlaps(n, p) && !(n.start <= p.start && p.end <= n.end))) nested.push(p);
      continue;
    }
    if (top.some((t) => overlaps(t, p))) continue;
    top.push(p);
  }
  const byPosition = (a: Proposal, b: Proposal): number => a.start - b.start || b.end - a.end;
  return { top: top.sort(byPosition), nested: nested.sort(byPosition) };
}

const proposal = fc
  .record({
    kind: fc.constantFrom<Kind>('quotation', 'saying', 'chengyu', 'term'),
    start: fc.integer({ min: 0, max: 12 }),
    length: fc.integer({ min: 1, max: 8 }),
    weights: fc.array(fc.constantFrom(-1, 0.25, 0.5, 1, 2, 3.5), { minLength: 1, maxLength: 3 }),
  })
  .map(({ kind, start, length, weights }): Proposal => ({
    kind,
    key: `${kind}${start}:${length}`,
    text: '',
    start,
    end: start + length,
    evidence: weights.map((weight) => ({ code: 'w', weight })),
  }));

describe('resolve', () => {
  it('keeps and orders the same claims as the sorts it replaced, ties included', () => {
    fc.assert(
      fc.property(fc.array(proposal, { maxLength: 14 }), (proposals) => {
        const expected = resolveBySorting(proposals);
        const got = resolve(proposals);
        // The very objects, in the same order (equal-looking claims of different kinds must not swap).
        expect(got.top.map((p) => proposals.indexOf(p))).toEqual(expected.top.map((p) => proposals.indexOf(p)));
        expect(got.nested.map((p) => proposals.indexOf(p))).toEqual(expected.nested.map((p) => proposals.indexOf(p)));
      }),
      { numRuns: 2000 },
    );
  });
});

const pieces = fc.constantFrom('山川', '异域', '𠀀', '𪚥', '\ud800', '\udc00', 'e\u0301', 'ab', '12', '，', '、', '；', ':', ' ', '\u3000', '“', '”', '「', '。', '？', '《', '》', '\t');

describe('sentence clauses', () => {
  it('hold the Han characters hanOnly keeps of their stretch, any units around them', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 20 }), (parts) => {
        const sentence = parts.join('');
        for (const clause of clausesWithOffsets(sentence)) {
          expect(clause.han).toBe(hanOnly(sentence.slice(clause.rawStart, clause.rawEnd)));
          expect(clause.han.length).toBe(clause.hanLength);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('are read afresh for each sentence, though the objects are reused', () => {
    const first = clausesWithOffsets('天下为公，“和而不同”').map((c) => [c.han, c.start, c.end, c.quoted]);
    clausesWithOffsets('民为邦本，本固邦宁，天下大同');
    expect(clausesWithOffsets('天下为公，“和而不同”').map((c) => [c.han, c.start, c.end, c.quoted])).toEqual(first);
    expect(first).toEqual([
      ['天下为公', 0, 4, false],
      ['和而不同', 6, 10, true],
    ]);
  });
});

describe('classical couplets', () => {
  const sentence = '甲乙“团结合作，共同发展”';
  const quotation = (start: number, end: number, weight: number): Proposal => ({ kind: 'quotation', key: '甲乙', text: '甲乙', start, end, evidence: [{ code: 'w', weight }] });

  it('take a plain quoted couplet only beside a known quotation of the sentence', () => {
    expect(classicalCouplets(sentence)).toEqual([]);
    const found = classicalCouplets(sentence, [quotation(0, 2, 3.5)]);
    expect(found.map((p) => [p.text, p.start, p.end])).toEqual([['团结合作，共同发展', 3, 12]]);
    expect(found[0]?.evidence.map((e) => e.code)).toContain('listed-with-quotation');
  });

  it('do not take it beside a weak claim, nor one further than three units away', () => {
    expect(classicalCouplets(sentence, [quotation(0, 2, 3)])).toEqual([]);
    expect(classicalCouplets(`甲乙丙丁${sentence.slice(2)}`, [quotation(0, 0, 4)])).toEqual([]);
  });
});
