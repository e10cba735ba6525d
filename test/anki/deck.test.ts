// Sub-deck planning: one sub-deck per source title, in the order the sources came, with distinct IDs,
// however many sources a corpus has.
import { describe, expect, it } from 'vitest';
import { DESCRIBED_SOURCES, deckDescription, planDecks } from '../../src/anki/deck.js';
import type { Card, SourceInfo } from '../../src/types.js';

const cardFrom = (source: string): Card => ({ source }) as Card;

describe('planDecks', () => {
  it('makes one deck without --subdecks', () => {
    const plan = planDecks('Chinese', [{ name: 'a.txt', title: '讲话' }], false);
    expect(plan.decks.map((d) => d.name)).toEqual(['Chinese']);
    expect(plan.deckOf(cardFrom('a.txt'))).toBe(plan.mainDeckId);
  });

  it('names sub-decks by title, shares one between sources of the same title, keeps the first of a repeated name', () => {
    const sources: SourceInfo[] = [
      { name: 'b.txt', title: '政府工作报告' },
      { name: 'a.txt' },
      { name: 'c.txt', title: '政府工作报告' },
      { name: 'b.txt', title: 'a later source of the same name' },
      { name: 'd::e.txt', title: '上篇::下篇' },
    ];
    const plan = planDecks('Chinese', sources, true);
    expect(plan.decks.map((d) => d.name)).toEqual(['Chinese', 'Chinese::政府工作报告', 'Chinese::a.txt', 'Chinese::上篇:下篇']);
    expect(new Set(plan.decks.map((d) => d.id)).size).toBe(plan.decks.length);
    expect(plan.deckOf(cardFrom('c.txt'))).toBe(plan.deckOf(cardFrom('b.txt')));
    expect(plan.deckOf(cardFrom('a.txt'))).toBe(plan.decks[2]?.id);
    // A card whose source is not listed still gets a deck of its own name.
    const unlisted = plan.deckOf(cardFrom('x.txt'));
    expect(plan.decks.find((d) => d.id === unlisted)?.name).toBe('Chinese::x.txt');
  });

  it('plans tens of thousands of sources, each its own sub-deck, in order', () => {
    const sources: SourceInfo[] = Array.from({ length: 30_000 }, (_, i) => ({ name: `clip-${i}.txt`, title: `第${i}段` }));
    const plan = planDecks('Corpus', sources, true);
    expect(plan.decks).toHaveLength(30_001);
    expect(plan.decks[1]?.name).toBe('Corpus::第0段');
    expect(plan.decks.at(-1)?.name).toBe('Corpus::第29999段');
    expect(new Set(plan.decks.map((d) => d.id)).size).toBe(30_001);
  });
});

describe('deckDescription', () => {
  it('lists the texts by name up to a hundred, then how many more, and always credits CC-CEDICT', () => {
    const sources = (n: number): SourceInfo[] => Array.from({ length: n }, (_, i) => ({ name: `clip-${i}.txt` }));
    const few = deckDescription(sources(3));
    expect(few.match(/<li>/g)).toHaveLength(3);
    expect(few).toContain('CC BY-SA 4.0');
    const many = deckDescription(sources(30_000));
    expect(many.match(/<li>/g)).toHaveLength(DESCRIBED_SOURCES + 1);
    expect(many).toContain('clip-99.txt');
    expect(many).not.toContain('clip-100.txt');
    expect(many).toContain('<li>and 29,900 more</li>');
    expect(many).toContain('CC BY-SA 4.0');
    expect(many.length).toBeLessThan(20_000);
  });
});
