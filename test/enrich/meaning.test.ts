import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cedict } from '../../src/lexicon/cedict.js';
import { cleanDefinitions, plainReferences } from '../../src/enrich/definition.js';
import { GLOSS_PREFIX, glossFromParts, meaningFor } from '../../src/enrich/meaning.js';
import { projectMeaning, setProjectMeanings } from '../../src/enrich/project-data.js';
import { phraseLexicon } from '../../src/lexicon/phrases.js';

// Definitions written for these tests in CC-CEDICT's notation, so the cleaning rules are pinned
// independently of the dictionary release.
describe('cleaning a definition', () => {
  it('splits "lit. … (idiom)/fig. …" into literal and figurative', () => {
    const clean = cleanDefinitions(['lit. to draw a snake and add feet (idiom)', 'fig. to ruin something by overdoing it', 'to gild the lily']);
    expect(clean.literal).toEqual(['to draw a snake and add feet']);
    expect(clean.senses).toEqual(['to ruin something by overdoing it', 'to gild the lily']);
  });
  it('ends a literal picture at its marker within one sense', () => {
    const clean = cleanDefinitions(['lit. one stone, two birds (idiom); to achieve two aims at once']);
    expect(clean.literal).toEqual(['one stone, two birds']);
    expect(clean.senses).toEqual(['to achieve two aims at once']);
  });
  it('splits "X (idiom); fig. Y" inside one sense, the unmarked picture being literal', () => {
    const clean = cleanDefinitions(['a frog at the bottom of a well (idiom); fig. a person with a narrow view']);
    expect(clean.literal).toEqual(['a frog at the bottom of a well']);
    expect(clean.senses).toEqual(['a person with a narrow view']);
  });
  it('takes unmarked senses before "fig." as the literal picture of a phrase, not of a short word', () => {
    const definitions = ['a light in the dark', '(fig.) a source of hope'];
    expect(cleanDefinitions(definitions, { headword: '暗夜明灯' })).toMatchObject({ literal: ['a light in the dark'], senses: ['a source of hope'] });
    expect(cleanDefinitions(definitions, { headword: '明灯' })).toMatchObject({ literal: [], senses: ['a light in the dark', 'a source of hope'] });
  });
  it('never splits inside parentheses', () => {
    const clean = cleanDefinitions(['to cram (from a dialect word, lit. to gnaw a book)']);
    expect(clean.senses).toEqual(['to cram (from a dialect word, lit. to gnaw a book)']);
    expect(clean.literal).toEqual([]);
  });
  it('removes markers, classifiers and pronunciation notes', () => {
    const clean = cleanDefinitions(['to rise step by step (idiom)', 'promotion (CL:個|个[ge4])', 'CL:次[ci4]', 'Taiwan pr. [xx]', '(lit. and fig.) overnight']);
    expect(clean.senses).toEqual(['to rise step by step', 'promotion', 'overnight']);
    expect(clean.literal).toEqual([]);
  });
  it('keeps where an idiom comes from', () => {
    expect(cleanDefinitions(['to pull up shoots to help them grow (idiom, from Mencius)']).senses).toEqual(['to pull up shoots to help them grow (from Mencius)']);
  });
  it('turns inline references into the simplified word', () => {
    expect(plainReferences('a piece of land of 3 mu 畝|亩[mu3] and more')).toBe('a piece of land of 3 mu 亩 and more');
    expect(plainReferences('used with 得[de2]')).toBe('used with 得');
  });
  it('reports cross-references only when the entry has no sense of its own', () => {
    expect(cleanDefinitions(['see 勢不可當|势不可当[shi4 bu4 ke3 dang1]']).references).toEqual([
      { relation: 'see', simplified: '势不可当', pinyin: 'shi4 bu4 ke3 dang1' },
    ]);
    const own = cleanDefinitions(['to go all out', 'also written 全力以赴[quan2 li4 yi3 fu4]']);
    expect(own.references).toEqual([]);
    expect(own.senses).toEqual(['to go all out']);
  });
});

describe('meaningFor with CC-CEDICT', () => {
  it('separates literal and figurative senses of a real entry', () => {
    const m = meaningFor('一不做，二不休');
    expect(m.source).toBe('cedict');
    expect(m.literal).toMatch(/don't do it/);
    expect(m.meaning).toMatch(/whole hog/);
    expect(m.meaning).not.toMatch(/lit\.|fig\.|\(idiom\)/);
  });
  it('follows a cross-reference to the target entry', () => {
    const m = meaningFor('势不可挡');
    expect(cedict().lookup('势不可挡')[0]?.definitions[0]).toMatch(/^see /);
    expect(m.source).toBe('cedict-xref');
    expect(m.meaning).toBe(meaningFor('势不可当').meaning);
    expect(m.meaning.length).toBeGreaterThan(5);
  });
  it('follows an erhua variant to its base word', () => {
    const m = meaningFor('一个劲儿');
    expect(m.source).toBe('cedict-xref');
    expect(m.meaning).toBe(meaningFor('一个劲').meaning);
  });
  it('drops (idiom) and separates senses with "; "', () => {
    const m = meaningFor('削足适履');
    expect(m.meaning).not.toContain('(idiom)');
    expect(m.meaning).toContain('; ');
    expect(m.meaning).not.toContain('/');
  });
  it('picks the entry of the reading when a form has several', () => {
    expect(meaningFor('为人', undefined, { reading: 'wei4 ren2' }).meaning).toMatch(/for sb/);
    expect(meaningFor('为人', undefined, { reading: 'wei2 ren2' }).meaning).toMatch(/conduct/);
  });
  it('never leaves a marker or a slash in the meaning of any idiom', () => {
    let checked = 0;
    for (const entry of cedict().entries()) {
      if (!entry.definitions.some((d) => d.includes('(idiom)'))) continue;
      if (checked++ % 5 !== 0) continue;
      const m = meaningFor(entry.simplified);
      expect(m.meaning, entry.simplified).not.toMatch(/\(idiom\)|^\s*$|\/|\|/);
      expect(m.literal, entry.simplified).not.toMatch(/\(idiom\)|\//);
    }
    expect(checked).toBeGreaterThan(5000);
  });
});

describe('phrases CC-CEDICT lacks', () => {
  // An invented pairing of two real four-character phrases: neither CC-CEDICT nor the project lists have it.
  const invented = '山高水长，风月同天';
  it('get a gloss from their dictionary words, marked as such', () => {
    expect(cedict().lookup(invented)).toEqual([]);
    expect(projectMeaning('山高水长风月同天')).toBeUndefined();
    const m = meaningFor(invented);
    expect(m.source).toBe('gloss');
    expect(m.meaning.startsWith(GLOSS_PREFIX)).toBe(true);
    expect(m.meaning).toContain('山高水长 (');
    expect(m.meaning).toContain('风月 (');
  });
  it('fall back to single characters where no longer word exists', () => {
    const gloss = glossFromParts('休戚与共');
    expect(gloss.startsWith(GLOSS_PREFIX)).toBe(true);
    expect(gloss.split(' + ').length).toBeGreaterThanOrEqual(2);
  });
  it('are never empty, whatever the characters', () => {
    const han = fc.constantFrom(...'山川异域风月同天和而不同的一了着为中长乐藏龘靐𠮷');
    fc.assert(
      fc.property(fc.array(han, { minLength: 1, maxLength: 8 }), (chars) => {
        const m = meaningFor(chars.join(''));
        expect(m.meaning.trim().length).toBeGreaterThan(0);
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});

describe('quotations', () => {
  afterEach(() => setProjectMeanings(undefined));
  it('get their source appended when the attribution is known', () => {
    const m = meaningFor('随风潜入夜', '杜甫《春夜喜雨》');
    expect(m.meaning.endsWith('(source: 杜甫《春夜喜雨》)')).toBe(true);
  });
  it("use the project's lists (through the phrase lexicon) when CC-CEDICT lacks the phrase", () => {
    const entry = [...phraseLexicon().withAnyFlag('q')].find((e) => e.gloss && e.attribution && cedict().lookup(e.text).length === 0 && cedict().lookup(e.key).length === 0);
    expect(entry).toBeDefined();
    if (!entry) return;
    const m = meaningFor(entry.text);
    expect(m.source).toBe('project');
    expect(m.meaning).toBe(`${entry.gloss} (source: ${entry.attribution})`);
  });
  it("use the project's own rendering when CC-CEDICT lacks the phrase", () => {
    setProjectMeanings(new Map([['随风潜入夜', { meaning: 'it steals into the night on the wind', attribution: '杜甫《春夜喜雨》' }]]));
    const m = meaningFor('随风潜入夜');
    expect(m.source).toBe('project');
    expect(m.meaning).toBe('it steals into the night on the wind (source: 杜甫《春夜喜雨》)');
  });
});
