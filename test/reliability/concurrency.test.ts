// Two commands writing the same output at the same moment: the file that remains is one of the two
// complete results, never a mix of both, and neither leaves a temporary file behind.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runCli, tempDir } from '../support/cli.js';
import { readPackage } from '../support/sqlite.js';
import type { PackageDump } from '../support/sqlite.js';
import { leftoverTemps } from './support.js';

// Two texts written for this test, with different idioms (common CC-CEDICT entries), so the two decks
// have different notes and a mix would show.
const TEXT_A = '在困难面前，大家同舟共济。\n\n改革要实事求是，不能削足适履。\n\n学习不能半途而废。\n';
const TEXT_B = '他做事一向一丝不苟。\n\n我们要坚持自力更生，艰苦奋斗。\n\n工匠们对作品精益求精。\n';

const base = tempDir('chengyu-concurrency-');
afterAll(() => rmSync(base, { recursive: true, force: true }));

function runAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stderr }));
  });
}

/** What identifies a deck's content: each note's guid and fields, each card's note and template. */
function content(dump: PackageDump): string {
  return JSON.stringify({
    notes: dump.notes.map((n) => [n.guid, n.flds, n.tags]),
    cards: dump.cards.map((c) => [c.nid, c.ord, c.did]),
  });
}

describe('two builds to the same output at once', () => {
  const a = join(base, 'a.txt');
  const b = join(base, 'b.txt');
  writeFileSync(a, TEXT_A);
  writeFileSync(b, TEXT_B);
  // The same fixed time for every build, so a deck's content depends only on its input.
  const env = { SOURCE_DATE_EPOCH: '1700000000' };

  it('leave one complete deck, never a mix, and no temporary file', async () => {
    const referenceContent = [a, b].map((input, i) => {
      const path = join(base, `reference-${i}.apkg`);
      const result = runCli(['build', input, '-o', path, '--deck', 'Race', '-q'], { env });
      expect(result.code, result.stderr).toBe(0);
      return content(readPackage(path));
    });
    expect(referenceContent[0]).not.toBe(referenceContent[1]);

    const folder = join(base, 'race');
    mkdirSync(folder);
    const target = join(folder, 'deck.apkg');
    const winners: number[] = [];
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        [a, b].map((input) => runAsync(['build', input, '-o', target, '--deck', 'Race', '-q'], env)),
      );
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      const dump = readPackage(target);
      expect(dump.integrity).toBe('ok');
      const index = referenceContent.indexOf(content(dump));
      expect(index, 'the deck holds exactly the notes and cards of one of the two single builds').toBeGreaterThanOrEqual(0);
      expect(leftoverTemps(folder)).toEqual([]);
      winners.push(index);
      rmSync(target);
    }
    console.info(`concurrent builds: the deck left was from build ${winners.map((w) => 'AB'[w]).join(', ')}`);
  }, 120_000);

  it('two extracts to the same JSON file at once leave one complete list', async () => {
    const folder = join(base, 'race-json');
    mkdirSync(folder);
    const target = join(folder, 'list.json');
    const singles = [a, b].map((input) => {
      const result = runCli(['extract', input, '--format', 'json']);
      expect(result.code, result.stderr).toBe(0);
      return result.stdout;
    });
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([a, b].map((input) => runAsync(['extract', input, '--format', 'json', '-o', target])));
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      expect(singles).toContain(readFileSync(target, 'utf8'));
      expect(leftoverTemps(folder)).toEqual([]);
    }
  }, 120_000);
});
