// The Anki text import and the .apkg made from the five seed speeches describe the same notes: the same
// GUIDs, the same field values, the same tags. Anki matches notes by GUID, so importing either file (or
// both, in any order) leaves one note per phrase with the same content. The package is read back with
// Python's sqlite3 (an independent reader), the text files with csv-parse.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPackage } from '../../src/anki/index.js';
import { FIELD_NAMES } from '../../src/anki/note.js';
import { extract } from '../../src/pipeline.js';
import type { ExtractResult } from '../../src/pipeline.js';
import { KINDS } from '../../src/types.js';
import { formatAnkiText } from '../../src/write/anki-text.js';
import { ALL_SEEDS, REPO_ROOT } from '../support/cli.js';
import { readPackage } from '../support/sqlite.js';

const OUT = join(REPO_ROOT, 'test-output', 'write');
const DECK = 'Seeds::Speeches';

interface Row {
  fields: string[];
  tags: string;
  guid: string;
}

function rowsOf(text: string, delimiter: string): { headers: Map<string, string>; rows: Row[] } {
  const lines = text.split('\n');
  const headers = new Map<string, string>();
  let i = 0;
  for (; lines[i]?.startsWith('#'); i++) {
    const colon = lines[i]!.indexOf(':');
    headers.set(lines[i]!.slice(1, colon), lines[i]!.slice(colon + 1));
  }
  const tagsAt = Number(headers.get('tags column')) - 1;
  const guidAt = Number(headers.get('guid column')) - 1;
  const records = parse(lines.slice(i).join('\n'), { delimiter, skip_empty_lines: true }) as string[][];
  return {
    headers,
    rows: records.map((r) => ({ fields: r.slice(0, FIELD_NAMES.length), tags: r[tagsAt]!, guid: r[guidAt]! })),
  };
}

let result: ExtractResult;
let apkgNotes: Map<string, { fields: string[]; tags: string }>;

beforeAll(async () => {
  result = await extract(ALL_SEEDS, { kinds: KINDS, minCount: 1, toneSandhi: false, variant: 'tw' });
  const bytes = await buildPackage(result.cards, {
    deckName: DECK,
    cards: ['recognition', 'recall'],
    script: 'simplified',
    subdecks: false,
    sources: result.sources,
    now: 1_700_000_000,
  });
  mkdirSync(OUT, { recursive: true });
  const apkg = join(OUT, 'seeds.apkg');
  writeFileSync(apkg, bytes);
  const dump = readPackage(apkg);
  apkgNotes = new Map(dump.notes.map((n) => [n.guid, { fields: n.flds.split('\u001f'), tags: n.tags.trim() }]));
}, 120_000);

describe.each([
  ['tab', '\t', 'seeds.tsv'],
  ['comma', ',', 'seeds.csv'],
] as const)('seed speeches: .apkg and Anki text import (%s)', (separator, delimiter, file) => {
  it('have the same notes, fields, tags and GUIDs', () => {
    const text = formatAnkiText(result.cards, { separator, deckName: DECK, sources: result.sources });
    writeFileSync(join(OUT, file), text);
    const { headers, rows } = rowsOf(text, delimiter);
    expect(headers.get('notetype')).toBe('chengyu-deck');
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.length).toBe(apkgNotes.size);
    expect(new Set(rows.map((r) => r.guid))).toEqual(new Set(apkgNotes.keys()));
    for (const row of rows) {
      const note = apkgNotes.get(row.guid)!;
      expect(row.fields).toEqual(note.fields);
      expect(row.tags).toBe(note.tags);
    }
  });
});
