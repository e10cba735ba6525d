// Deck names, IDs and the JSON Anki keeps per deck. Anki matches decks by name on import; the IDs only
// need to be stable and distinct inside one package.
import type { Card, SourceInfo } from '../types.js';
import { escapeField } from './html.js';
import { deckId } from './ids.js';
import { sourceNamed } from './note.js';

export interface DeckEntry {
  id: number;
  name: string;
  description: string;
}

/** A source as the last component of a sub-deck name: its title when known, without `::` or line breaks. */
export function subdeckComponent(source: SourceInfo | undefined, name: string): string {
  const raw = source?.title?.trim() || name;
  const cleaned = raw.replace(/::/g, ':').replace(/\s+/g, ' ').trim();
  return cleaned === '' ? 'unnamed' : cleaned;
}

function describeSource(source: SourceInfo): string {
  const title = source.title ? `${escapeField(source.title)} ` : '';
  const date = source.date ? ` · ${escapeField(source.date)}` : '';
  return `<li>${title}<span class="file">${escapeField(source.name)}</span>${date}</li>`;
}

/**
 * Texts the description lists by name. Anki shows the description on the deck's overview screen: a corpus
 * of thousands of files would fill it with a list of megabytes.
 */
export const DESCRIBED_SOURCES = 100;

/** The deck description: the texts the phrases came from, and the dictionary credit its licence asks for. */
export function deckDescription(sources: readonly SourceInfo[]): string {
  const listed = sources.slice(0, DESCRIBED_SOURCES).map(describeSource).join('');
  const rest = sources.length - DESCRIBED_SOURCES;
  const more = rest > 0 ? `<li>and ${rest.toLocaleString('en-US')} more</li>` : '';
  const list = sources.length > 0 ? `<p>Phrases from:</p><ul>${listed}${more}</ul>` : '';
  return (
    list +
    '<p>Pinyin, Traditional characters and English meanings from ' +
    '<a href="https://cc-cedict.org/">CC-CEDICT</a>, licensed under ' +
    '<a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>.</p>' +
    '<p>Made with chengyu-deck.</p>'
  );
}

export interface DeckPlan {
  /** Every deck the package defines, parent first. */
  decks: DeckEntry[];
  /** The deck each card goes to, by the card's position. */
  deckOf(card: Card): number;
  mainDeckId: number;
}

/** One deck, or the deck and one sub-deck per source (`Deck::<title>`) in the order the sources were given. */
export function planDecks(deckName: string, sources: readonly SourceInfo[], subdecks: boolean): DeckPlan {
  const description = deckDescription(sources);
  const main: DeckEntry = { id: deckId(deckName), name: deckName, description };
  if (!subdecks) return { decks: [main], deckOf: () => main.id, mainDeckId: main.id };
  const bySource = new Map<string, DeckEntry>();
  // Looked up in maps, not searched: a corpus of thousands of files makes thousands of sub-decks.
  const decks = [main];
  const deckByName = new Map<string, DeckEntry>([[main.name, main]]);
  const used = new Set<number>([main.id]);
  const subdeckFor = (name: string): DeckEntry => {
    const known = bySource.get(name);
    if (known) return known;
    const info = sourceNamed(sources, name);
    const fullName = `${deckName}::${subdeckComponent(info, name)}`;
    const existing = deckByName.get(fullName);
    if (existing) {
      bySource.set(name, existing);
      return existing;
    }
    let id = deckId(fullName);
    while (used.has(id)) id += 1;
    used.add(id);
    const entry: DeckEntry = { id, name: fullName, description: info ? `<ul>${describeSource(info)}</ul>` : '' };
    decks.push(entry);
    deckByName.set(fullName, entry);
    bySource.set(name, entry);
    return entry;
  };
  for (const source of sources) subdeckFor(source.name);
  return { decks, deckOf: (card) => subdeckFor(card.source).id, mainDeckId: main.id };
}
