import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { noteGuid } from '../../src/anki/ids.js';
import { FIELD_NAMES, noteFields, noteTags } from '../../src/anki/note.js';
import { formatAnkiText, quoteCell } from '../../src/write/anki-text.js';
import type { AnkiTextSeparator } from '../../src/write/anki-text.js';
import { HOSTILE_CONTEXT, SOURCES, makeCard, sampleCards } from './cards.js';

interface ParsedImport {
  headers: Map<string, string>;
  rows: string[][];
}

/** Splits Anki's `#key:value` header lines from the rows and parses the rows with a real CSV parser. */
export function parseAnkiText(text: string, delimiter: string): ParsedImport {
  const lines = text.split('\n');
  const headers = new Map<string, string>();
  let i = 0;
  for (; i < lines.length && lines[i]!.startsWith('#'); i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    headers.set(line.slice(1, colon), line.slice(colon + 1));
  }
  const rows = parse(lines.slice(i).join('\n'), { delimiter, relax_column_count: false, skip_empty_lines: true }) as string[][];
  return { headers, rows };
}

const DELIMITER: Record<AnkiTextSeparator, string> = { tab: '\t', comma: ',' };

describe.each(['tab', 'comma'] as const)('Anki text import, separator %s', (separator) => {
  const cards = sampleCards();
  const text = formatAnkiText(cards, { separator, deckName: 'Chinese::小镇', sources: SOURCES });
  const { headers, rows } = parseAnkiText(text, DELIMITER[separator]);

  it('starts with the headers Anki 2.1.54+ reads', () => {
    expect(headers.get('separator')).toBe(separator);
    expect(headers.get('html')).toBe('true');
    expect(headers.get('notetype')).toBe('chengyu-deck');
    expect(headers.get('deck')).toBe('Chinese::小镇');
    const columns = parse(headers.get('columns')!, { delimiter: DELIMITER[separator] })[0] as string[];
    expect(columns).toEqual([...FIELD_NAMES, 'Tags', 'GUID']);
    expect(columns[Number(headers.get('tags column')) - 1]).toBe('Tags');
    expect(columns[Number(headers.get('guid column')) - 1]).toBe('GUID');
  });

  it('has one row per card with the .apkg fields, tags and GUID, exactly', () => {
    expect(rows).toHaveLength(cards.length);
    rows.forEach((row, i) => {
      const card = cards[i]!;
      expect(row).toHaveLength(FIELD_NAMES.length + 2);
      expect(row.slice(0, FIELD_NAMES.length)).toEqual(noteFields(card, { sources: SOURCES }));
      expect(row[Number(headers.get('tags column')) - 1]).toBe(noteTags(card).join(' '));
      expect(row[Number(headers.get('guid column')) - 1]).toBe(noteGuid(card.key));
    });
  });

  it('keeps a hostile context intact and escaped (tab, quotes, markup)', () => {
    const row = rows.find((r) => r[0] === '削足适履')!;
    const context = row[FIELD_NAMES.indexOf('Context')]!;
    expect(context).toContain('&lt;script&gt;');
    expect(context).not.toContain('<script>');
    expect(context).toContain('\t');
    expect(context).toContain('&#123;&#123;Phrase&#125;&#125;');
    expect(HOSTILE_CONTEXT).toContain('\t');
  });

  it('is the same text for the same input', () => {
    expect(formatAnkiText(sampleCards(), { separator, deckName: 'Chinese::小镇', sources: SOURCES })).toBe(text);
  });
});

describe('Anki text import options', () => {
  it('writes one row per key, as the .apkg has one note per GUID', () => {
    const cards = sampleCards();
    const text = formatAnkiText([...cards, cards[0]!], { separator: 'tab', deckName: 'D' });
    expect(parseAnkiText(text, '\t').rows).toHaveLength(cards.length);
  });

  it('adds a deck column naming each source sub-deck with --subdecks', () => {
    const sources = [...SOURCES, { name: 'notes.md', title: '笔记' }];
    const text = formatAnkiText(sampleCards(), { separator: 'comma', deckName: 'D', sources, subdecks: true });
    const { headers, rows } = parseAnkiText(text, ',');
    const deckColumn = Number(headers.get('deck column'));
    expect(deckColumn).toBe(FIELD_NAMES.length + 3);
    const decks = rows.map((r) => r[deckColumn - 1]);
    expect(new Set(decks)).toEqual(new Set(['D::小镇图书馆', 'D::笔记']));
  });

  it('quotes a cell that starts with # so Anki does not take the row for a comment', () => {
    expect(quoteCell('#1', '\t')).toBe('"#1"');
    expect(quoteCell('a"b', ',')).toBe('"a""b"');
    expect(quoteCell('plain', ',')).toBe('plain');
  });

  it('starts no field with a spreadsheet formula, and says the same to Anki', () => {
    const formulaCard = makeCard({
      text: '削足适履',
      kind: 'chengyu',
      pinyin: 'xuē zú shì lǚ',
      pinyinNumbered: 'xue1 zu2 shi4 lv3',
      traditional: '削足適履',
      meaning: '-cut the feet to fit the shoes',
      literal: '+literal',
      context: '=HYPERLINK("http://example.invalid","削足适履")',
      source: '@list.txt',
    });
    for (const separator of ['tab', 'comma'] as const) {
      const csv = formatAnkiText([formulaCard], { separator, deckName: 'D', sources: [] });
      const [row] = parseAnkiText(csv, DELIMITER[separator]).rows;
      const fields = (row ?? []).slice(0, FIELD_NAMES.length);
      for (const field of fields) expect(field).not.toMatch(/^[=+\-@]/);
      expect(fields).toEqual(noteFields(formulaCard, { sources: [] }));
      // Anki shows the reference as the character it names.
      expect(fields[FIELD_NAMES.indexOf('Context')]).toMatch(/^&#61;HYPERLINK\(/);
      expect(fields[FIELD_NAMES.indexOf('Meaning')]).toMatch(/^&#45;cut the feet/);
    }
  });

  it('keeps header values on one line', () => {
    const text = formatAnkiText([], { separator: 'tab', deckName: 'bad\nname' });
    expect(text.split('\n')).toContain('#deck:bad name');
  });
});
