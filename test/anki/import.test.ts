// A rebuilt deck must update the notes a user already has and add only the new phrases. Checked twice:
// by a simulation of Anki's import rules (always runs) and, when the anki-legacy harness is installed, by
// Anki 2.1.16's own importer (ANKI_LEGACY=/path/to/check_apkg.py, default /tmp/anki-legacy/check_apkg.py).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELD_NAMES, buildPackage } from '../../src/anki/index.js';
import type { DeckOptions } from '../../src/anki/index.js';
import { SAMPLE_CARDS } from './cards.js';
import { readApkg, writeApkg } from './helpers.js';
import type { ReadPackage } from './helpers.js';

const NOW = 1_700_000_000;
const OPTIONS: DeckOptions = {
  deckName: 'Import test',
  cards: ['recognition', 'recall'],
  script: 'simplified',
  subdecks: false,
  sources: [{ name: 'essay-one.txt' }, { name: 'essay-two.txt' }],
  now: NOW,
};

interface SimNote {
  guid: string;
  mid: number;
  mod: number;
  key: string;
  meaning: string;
}
interface SimCollection {
  noteTypes: Map<number, { fields: string[]; mod: number; css: string }>;
  notes: Map<string, SimNote>;
  decks: Set<string>;
}

/**
 * Anki's import rules (rslib import/notes.rs; anki/importing/anki2.py): note types by ID, replaced only
 * when newer and with the same fields, else copied under a new ID; notes by GUID, updated only when the
 * note type matches and the incoming mod is strictly newer; decks by name.
 */
function simulateImport(col: SimCollection, pkg: ReadPackage) {
  const row = pkg.col[0]!;
  const midMap = new Map<number, number>();
  for (const model of Object.values(row.models)) {
    const id = Number(model.id);
    const fields = model.flds.map((f) => f.name);
    let target = id;
    for (;;) {
      const existing = col.noteTypes.get(target);
      if (!existing) {
        col.noteTypes.set(target, { fields, mod: model.mod, css: model.css });
        break;
      }
      if (existing.fields.join('\u001f') === fields.join('\u001f')) {
        if (model.mod > existing.mod) col.noteTypes.set(target, { fields, mod: model.mod, css: model.css });
        break;
      }
      target += 1;
    }
    midMap.set(id, target);
  }
  for (const deck of Object.values(row.decks)) col.decks.add(deck.name);
  const counts = { added: 0, updated: 0, unchanged: 0, conflicting: 0 };
  for (const note of pkg.notes) {
    const mid = midMap.get(note.mid)!;
    const incoming: SimNote = {
      guid: note.guid,
      mid,
      mod: note.mod,
      key: note.fields[FIELD_NAMES.indexOf('Key')]!,
      meaning: note.fields[FIELD_NAMES.indexOf('Meaning')]!,
    };
    const existing = col.notes.get(note.guid);
    if (!existing) {
      col.notes.set(note.guid, incoming);
      counts.added += 1;
    } else if (existing.mid !== mid) counts.conflicting += 1;
    else if (incoming.mod > existing.mod) {
      col.notes.set(note.guid, incoming);
      counts.updated += 1;
    } else counts.unchanged += 1;
  }
  return counts;
}

async function buildPair(name: string, secondNow: number) {
  const old = writeApkg(`${name}-old.apkg`, await buildPackage(SAMPLE_CARDS.slice(0, 3), OPTIONS));
  const edited = SAMPLE_CARDS.map((card, i) => (i === 0 ? { ...card, meaning: 'a corrected meaning' } : card));
  const rebuilt = writeApkg(
    `${name}-new.apkg`,
    await buildPackage(edited, { ...OPTIONS, sources: [...OPTIONS.sources, { name: 'essay-three.txt' }], now: secondNow }),
  );
  return { old, rebuilt };
}

describe('import simulation (Anki GUID, note type and mod rules)', () => {
  it('a rebuild with one more input updates the existing notes and adds only the new phrase', async () => {
    const { old, rebuilt } = await buildPair('sim', NOW + 600);
    const col: SimCollection = { noteTypes: new Map(), notes: new Map(), decks: new Set() };
    expect(simulateImport(col, readApkg(old))).toEqual({ added: 3, updated: 0, unchanged: 0, conflicting: 0 });
    expect(simulateImport(col, readApkg(rebuilt))).toEqual({ added: 1, updated: 3, unchanged: 0, conflicting: 0 });
    expect(col.noteTypes.size).toBe(1);
    expect(col.notes.size).toBe(SAMPLE_CARDS.length);
    const keys = [...col.notes.values()].map((n) => n.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...col.notes.values()].find((n) => n.key === SAMPLE_CARDS[0]!.key)!.meaning).toBe('a corrected meaning');
    expect([...col.decks].filter((d) => d === 'Import test')).toHaveLength(1);
  });

  it('a rebuild stamped with the same time changes nothing (why mod comes from the build time)', async () => {
    const { old, rebuilt } = await buildPair('sim-same-time', NOW);
    const col: SimCollection = { noteTypes: new Map(), notes: new Map(), decks: new Set() };
    simulateImport(col, readApkg(old));
    expect(simulateImport(col, readApkg(rebuilt))).toEqual({ added: 1, updated: 0, unchanged: 3, conflicting: 0 });
  });
});

const CHECKER = process.env['ANKI_LEGACY'] ?? '/tmp/anki-legacy/check_apkg.py';
const haveChecker = existsSync(CHECKER) && existsSync('/usr/bin/python3');

interface CheckReport {
  verdict: string;
  strict_failures: string[];
  notes: number;
  cards: number;
  imports: { added: number; updated: number; unchanged: number; new_note_types: string[] }[];
  reimport: { duplicated_notes: boolean } | null;
  duplicates: { same_note_type_same_first_field: number };
}

function check(...files: string[]): { status: number | null; report: CheckReport } {
  const run = spawnSync('/usr/bin/python3', [CHECKER, '--strict', '--summary', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: run.status, report: JSON.parse(run.stdout) as CheckReport };
}

describe.skipIf(!haveChecker)('Anki 2.1.16 importer (anki-legacy harness)', () => {
  it('imports a deck with all three card types with no quality problem', async () => {
    const file = writeApkg('legacy-all.apkg', await buildPackage(SAMPLE_CARDS, { ...OPTIONS, cards: ['recognition', 'recall', 'listening'] }));
    const { status, report } = check(file);
    expect(report.strict_failures).toEqual([]);
    expect(status).toBe(0);
    expect(report.notes).toBe(SAMPLE_CARDS.length);
    expect(report.cards).toBe(SAMPLE_CARDS.length * 3);
  });

  it('imports a rebuild of the same phrases as pure updates', async () => {
    const old = writeApkg('legacy-same-old.apkg', await buildPackage(SAMPLE_CARDS, OPTIONS));
    const edited = SAMPLE_CARDS.map((card, i) => (i === 0 ? { ...card, meaning: 'a corrected meaning' } : card));
    const rebuilt = writeApkg('legacy-same-new.apkg', await buildPackage(edited, { ...OPTIONS, now: NOW + 600 }));
    const { status, report } = check(old, rebuilt);
    expect(report.strict_failures).toEqual([]);
    expect(status).toBe(0);
    expect(report.imports[1]).toMatchObject({ added: 0, updated: SAMPLE_CARDS.length, unchanged: 0, new_note_types: [] });
  });

  it('imports the rebuild with one more input as updates plus the one new note, no duplicates', async () => {
    const { old, rebuilt } = await buildPair('legacy', NOW + 600);
    const { report } = check(old, rebuilt);
    // The harness calls any note added by a second import "re-import added notes"; here exactly one is
    // expected (the phrase only the new input has), so that is the one strict message allowed.
    expect(report.strict_failures.filter((f) => f !== 're-import added notes')).toEqual([]);
    expect(report.imports[1]).toMatchObject({ added: 1, updated: 3, unchanged: 0, new_note_types: [] });
    expect(report.duplicates.same_note_type_same_first_field).toBe(0);
    expect(report.notes).toBe(SAMPLE_CARDS.length);
  });
});
