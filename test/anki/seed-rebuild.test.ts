// The acceptance check on the real seed speeches: a deck of four speeches, then the deck rebuilt
// with the fifth added, imported one after the other, leave each phrase as exactly one note. Uses the built
// CLI (npm test builds first); the Anki 2.1.16 part runs when the anki-legacy harness is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_NAMES } from '../../src/anki/index.js';
import { OUT_DIR, REPO_ROOT, readApkg } from './helpers.js';

const SEEDS = resolve(REPO_ROOT, '..', 'shared', 'seeds');
const BIN = join(REPO_ROOT, 'bin', 'chengyu-deck.js');
const CHECKER = process.env['ANKI_LEGACY'] ?? '/tmp/anki-legacy/check_apkg.py';
const KEY = FIELD_NAMES.indexOf('Key');

function build(inputs: string[], output: string, epoch: number): void {
  mkdirSync(OUT_DIR, { recursive: true });
  const result = spawnSync(process.execPath, [BIN, 'build', ...inputs, '-o', output, '--quiet'], {
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: String(epoch) },
  });
  expect(result.status, result.stderr).toBe(0);
}

describe.skipIf(!existsSync(SEEDS))('rebuilding the seed deck with one more speech', () => {
  const speeches = existsSync(SEEDS)
    ? readdirSync(SEEDS)
        .filter((name) => name.endsWith('.txt'))
        .sort()
        .map((name) => join(SEEDS, name))
    : [];
  const oldDeck = join(OUT_DIR, 'seed-four.apkg');
  const newDeck = join(OUT_DIR, 'seed-five.apkg');

  it('keeps every old note under the same GUID and key and adds only new keys', () => {
    expect(speeches.length).toBeGreaterThanOrEqual(2);
    build(speeches.slice(0, -1), oldDeck, 1_700_000_000);
    build(speeches, newDeck, 1_700_003_600);
    const before = new Map(readApkg(oldDeck).notes.map((n) => [n.guid, n.fields[KEY]]));
    const after = new Map(readApkg(newDeck).notes.map((n) => [n.guid, n.fields[KEY]]));
    expect(before.size).toBeGreaterThan(0);
    for (const [guid, key] of before) {
      if (after.has(guid)) expect(after.get(guid)).toBe(key);
    }
    expect(new Set(after.values()).size).toBe(after.size);
    const newKeys = [...after.values()].filter((key) => ![...before.values()].includes(key));
    expect(newKeys.length).toBeGreaterThan(0);
  }, 120_000);

  it.skipIf(!existsSync(CHECKER))('imports into Anki 2.1.16 as updates plus new notes, one note per phrase', () => {
    const before = readApkg(oldDeck).notes;
    const after = readApkg(newDeck).notes;
    const kept = before.filter((n) => after.some((m) => m.guid === n.guid)).length;
    const run = spawnSync('/usr/bin/python3', [CHECKER, '--strict', '--summary', oldDeck, newDeck], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const report = JSON.parse(run.stdout) as {
      imports: { added: number; updated: number; new_note_types: string[] }[];
      strict_failures: string[];
      notes: number;
      duplicates: { same_note_type_same_first_field: number; same_first_field_any_note_type: number };
    };
    // "re-import added notes" is the harness's name for any note the second import adds; the new speech's
    // own phrases are expected to be added, so it is the one strict message allowed here.
    expect(report.strict_failures.filter((f) => f !== 're-import added notes')).toEqual([]);
    expect(report.imports[1]).toMatchObject({ added: after.length - kept, updated: kept, new_note_types: [] });
    expect(report.duplicates).toEqual({ same_note_type_same_first_field: 0, same_first_field_any_note_type: 0 });
    expect(report.notes).toBe(new Set([...before, ...after].map((n) => n.guid)).size);
  }, 120_000);
});
