// sql.js (a 650 kB wasm) must load only when a deck is written: `extract` and the other outputs import
// the anki module for its field and tag helpers and must not pay for it. Runs the built CLI (npm test
// builds first).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

const WATCH = fileURLToPath(new URL('./watch-sqljs.mjs', import.meta.url));
const BIN = join(REPO_ROOT, 'bin', 'chengyu-deck.js');
const TEXT = '我们做事要实事求是，不能画蛇添足，也不能守株待兔。\n';

function run(args: string[]) {
  return spawnSync(process.execPath, ['--import', WATCH, BIN, ...args], { input: TEXT, encoding: 'utf8', cwd: REPO_ROOT });
}

describe('sql.js loads lazily', () => {
  it('extract never resolves sql.js', () => {
    const result = run(['extract', '-', '--format', 'json']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('SQLJS-RESOLVED');
    expect(JSON.parse(result.stdout)).toBeInstanceOf(Array);
  });

  it('the anki module alone does not load it; writing a package does', () => {
    const script = (body: string) =>
      spawnSync(process.execPath, ['--import', WATCH, '--input-type=module', '-e', body], { encoding: 'utf8', cwd: REPO_ROOT });
    const helpersOnly = script(`const a = await import('./dist/anki/index.js'); console.log(a.noteGuid('画蛇添足'));`);
    expect(helpersOnly.status, helpersOnly.stderr).toBe(0);
    expect(helpersOnly.stdout).not.toContain('SQLJS-RESOLVED');
    const writing = script(
      `const a = await import('./dist/anki/index.js'); await a.buildPackage([], { deckName: 'x', cards: ['recognition'], script: 'simplified', subdecks: false, sources: [], now: 1 });`,
    );
    expect(writing.status, writing.stderr).toBe(0);
    expect(writing.stdout).toContain('SQLJS-RESOLVED sql.js');
  });
});
