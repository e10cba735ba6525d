// Anki's text import (File → Import, Anki 2.1.54+): a header that names the separator, note type, deck and
// the tags and GUID columns, then one row per note. The fields and GUIDs are exactly those of the .apkg
// (same noteFields, same noteGuid), so importing the text file, the package or both yields the same notes.
import { planDecks } from '../anki/deck.js';
import { noteGuid } from '../anki/ids.js';
import { NOTE_TYPE_NAME } from '../anki/model.js';
import { FIELD_NAMES, noteFields, noteTags } from '../anki/note.js';
import type { Card, SourceInfo } from '../types.js';

export type AnkiTextSeparator = 'tab' | 'comma';

export interface AnkiTextOptions {
  separator: AnkiTextSeparator;
  /** The deck the rows go into (`A::B` for a sub-deck). */
  deckName: string;
  /** The inputs (titles and dates fill the Source field and name sub-decks), as for the .apkg. */
  sources?: readonly SourceInfo[];
  /** One sub-deck per source, as the .apkg's `--subdecks`: adds a deck column. */
  subdecks?: boolean;
  /**
   * The script of the deck the rows are for: the Context field of a Traditional text is as it was written
   * with `traditional` or `both`, as in the .apkg. What a card's front shows is the note type's business.
   */
  script?: 'simplified' | 'traditional' | 'both';
}

const SEPARATOR_CHAR: Record<AnkiTextSeparator, string> = { tab: '\t', comma: ',' };

/**
 * One value as a CSV/TSV cell. Anki reads both with a CSV parser that honours double quotes whatever the
 * separator, so RFC 4180 quoting keeps every character (a tab inside a TSV cell included). A leading `#`
 * is quoted too: Anki would take an unquoted row starting with `#` for a header or comment.
 */
export function quoteCell(value: string, separator: string): string {
  const needsQuotes =
    value.includes(separator) || value.includes('"') || /[\r\n]/.test(value) || value.startsWith('#') || /^\s|\s$/.test(value);
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A header value sits on its own line after a colon: no line breaks, no separators to confuse a reader. */
function headerValue(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').trim();
}

/** The whole import file. Same cards and options give the same text. */
export function formatAnkiText(cards: readonly Card[], options: AnkiTextOptions): string {
  const sep = SEPARATOR_CHAR[options.separator];
  const sources = options.sources ?? [];
  const noteOptions = { sources, script: options.script ?? 'simplified' };
  const plan = options.subdecks ? planDecks(options.deckName, sources, true) : undefined;
  const deckNames = new Map(plan?.decks.map((deck) => [deck.id, deck.name]));
  const columns: string[] = [...FIELD_NAMES, 'Tags', 'GUID'];
  if (plan) columns.push('Deck');
  const tagsColumn = FIELD_NAMES.length + 1;
  const guidColumn = FIELD_NAMES.length + 2;
  const lines: string[] = [
    `#separator:${options.separator}`,
    '#html:true',
    `#notetype:${NOTE_TYPE_NAME}`,
    `#deck:${headerValue(options.deckName)}`,
    `#columns:${columns.map((c) => quoteCell(c, sep)).join(sep)}`,
    `#tags column:${tagsColumn}`,
    `#guid column:${guidColumn}`,
  ];
  if (plan) lines.push(`#deck column:${guidColumn + 1}`);
  // One row per key, as the .apkg has one note per GUID.
  const seen = new Set<string>();
  for (const card of cards) {
    if (seen.has(card.key)) continue;
    seen.add(card.key);
    const cells = [...noteFields(card, noteOptions), noteTags(card).join(' '), noteGuid(card.key)];
    if (plan) {
      const id = plan.deckOf(card);
      cells.push(headerValue(deckNames.get(id) ?? options.deckName));
    }
    lines.push(cells.map((cell) => quoteCell(cell, sep)).join(sep));
  }
  return lines.join('\n') + '\n';
}
