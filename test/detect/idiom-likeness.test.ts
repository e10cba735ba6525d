// The idiom-likeness model on a toy training set written for this test.
import { describe, expect, it } from 'vitest';
import { IdiomLikeness } from '../../src/detect/idiom-likeness.js';

describe('IdiomLikeness', () => {
  const model = new IdiomLikeness([
    ['化险为夷', 'idiom'],
    ['转危为安', 'idiom'],
    ['反客为主', 'idiom'],
    ['国际组织', 'other'],
    ['国际会议', 'other'],
    ['经济会议', 'other'],
  ]);

  it('scores idiom characters above compound characters', () => {
    expect(model.score('化敌为友')).toBeGreaterThan(0);
    expect(model.score('国际经济')).toBeLessThan(0);
  });

  it('leaves a trained string out of its own score', () => {
    const alone = new IdiomLikeness([['化险为夷', 'idiom']]);
    const empty = new IdiomLikeness([]);
    expect(alone.score('化险为夷')).toBeCloseTo(empty.score('化险为夷'));
  });

  it('scores only four-character strings', () => {
    expect(model.score('为')).toBe(0);
  });
});
