// Runs the built command as a user would: a separate Node process on bin/chengyu-deck.js.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(REPO_ROOT, 'bin', 'chengyu-deck.js');
export const SEEDS_DIR = join(REPO_ROOT, '..', 'shared', 'seeds');

export function seed(prefix: string): string {
  const names: Record<string, string> = {
    '000': '000_56f6268ff4eb576a.txt',
    '001': '001_5500e23857cf1517.txt',
    '002': '002_f60eb563907c18a7.txt',
    '003': '003_189bc06400c19299.txt',
    '004': '004_d9d0ae3ca28eebeb.txt',
  };
  const name = names[prefix];
  if (!name) throw new Error(`no seed ${prefix}`);
  return join(SEEDS_DIR, name);
}

export const ALL_SEEDS = ['000', '001', '002', '003', '004'].map(seed);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  input?: string | Uint8Array;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function runCli(args: readonly string[], options: CliOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    cwd: options.cwd ?? REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the command without waiting, for tests that signal or race it. */
export function spawnCli(args: readonly string[], options: CliOptions = {}) {
  return spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    cwd: options.cwd ?? REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export function tempDir(prefix = 'chengyu-deck-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
