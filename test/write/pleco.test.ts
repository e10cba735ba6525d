import { describe, expect, it } from 'vitest';
import { PLECO_NEWLINE, formatPleco } from '../../src/write/pleco.js';
import { sampleCards } from './cards.js';

/** Reads a Pleco import file back: `//` lines open a category, other lines are headword, pinyin, definition. */
function parsePleco(text: string): { category: string; headword: string; pinyin: string; definition: string[] }[] {
  let category = '';
  const out: { category: string; headword: string; pinyin: string; definition: string[] }[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('//')) {
      category = line.slice(2);
      continue;
    }
    const cells = line.split('\t');
    expect(cells).toHaveLength(3);
    out.push({ category, headword: cells[0]!, pinyin: cells[1]!, definition: cells[2]!.split(PLECO_NEWLINE) });
  }
  return out;
}

describe('Pleco flashcard import', () => {
  const cards = sampleCards();
  const text = formatPleco(cards, { category: 'Speeches/2026' });
  const entries = parsePleco(text);

  it('has a category line per kind under the parent category, kinds in order', () => {
    const categories = text.split('\n').filter((l) => l.startsWith('//'));
    expect(categories).toEqual([
      '//Speeches／2026/成语 Idioms',
      '//Speeches／2026/名句 Quotations',
      '//Speeches／2026/俗语 Sayings',
      '//Speeches／2026/提法 Terms',
    ]);
  });

  it('writes one line per card: 简体[繁體], tone-marked pinyin, definition', () => {
    expect(entries).toHaveLength(cards.length);
    const quote = entries.find((e) => e.headword.startsWith('千里之行'))!;
    expect(quote.headword).toBe('千里之行，始于足下[千里之行，始於足下]');
    expect(quote.pinyin).toBe('qiān lǐ zhī xíng, shǐ yú zú xià');
    expect(quote.category).toBe('Speeches／2026/名句 Quotations');
    expect(quote.definition[0]).toBe('a journey of a thousand li begins with a single step');
    expect(quote.definition).toContain('— 老子《道德经》');
  });

  it('keeps the literal sense and the context as extra definition lines', () => {
    const idiom = entries.find((e) => e.headword.startsWith('一丝不苟'))!;
    expect(idiom.definition[1]).toBe('lit. not one thread loose');
    expect(idiom.definition[2]).toMatch(/^施工队干活一丝不苟.*\(小镇图书馆, 2026-03-12\)$/);
  });

  it('never lets a tab or newline in the text break a line', () => {
    const hostile = entries.find((e) => e.headword.startsWith('削足适履'))!;
    expect(hostile.definition.join(' ')).toContain('<script>');
    expect(text.split('\n').filter((l) => l !== '' && !l.startsWith('//'))).toHaveLength(cards.length);
  });

  it('can leave the context out, and writes nothing for no cards', () => {
    const short = parsePleco(formatPleco(cards, { context: false }));
    expect(short.find((e) => e.headword.startsWith('集思广益'))!.definition).toHaveLength(1);
    expect(formatPleco([])).toBe('');
  });
});
