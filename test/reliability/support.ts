// Helpers shared by the reliability tests: a small valid speech of our own, folder snapshots that prove
// nothing was written, the one-line error check, and a folder that even root cannot write to.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CliResult } from '../support/cli.js';

/**
 * Sentences written for these tests (not taken from any speech). The idioms are common CC-CEDICT entries:
 * 守望相助, 同舟共济, 实事求是, 削足适履, 好高骛远, 兢兢业业, 半途而废, 精益求精.
 */
export const OWN_SPEECH = [
  '在困难面前，邻里之间守望相助，大家同舟共济。',
  '改革要实事求是，不能削足适履，也不能好高骛远。',
  '这位老师教书几十年，一向兢兢业业，从不半途而废。',
  '工匠们对每一件作品都精益求精，毫不马虎。',
].join('\n\n');

/** Commander's hint after a usage error; a fixed second line that is not part of the message. */
const HELP_HINT = '(run with --help for usage)';

/** The error message lines: stderr without the trailing newline and without commander's help hint. */
export function messageLines(stderr: string): string[] {
  return stderr
    .replace(/\n$/, '')
    .split('\n')
    .filter((line) => line.trim() !== HELP_HINT);
}

/**
 * A failure as the README promises it: the exit code, exactly one line that names the file (or option)
 * and the problem, no stack trace.
 */
export function expectCleanFailure(result: CliResult, code: number, names: readonly string[], problem: RegExp): void {
  const context = `exit ${String(result.code)}, stderr: ${JSON.stringify(result.stderr)}`;
  expect(result.code, context).toBe(code);
  expect(result.stderr, context).not.toMatch(/^\s+at /m);
  const lines = messageLines(result.stderr);
  expect(lines, context).toHaveLength(1);
  const line = lines[0] ?? '';
  for (const name of names) expect(line, context).toContain(name);
  expect(line, context).toMatch(problem);
}

/** Every file under `dir` (recursively, dot files included) with the SHA-256 of its bytes. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string, prefix: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(folder, entry.name);
      const name = `${prefix}${entry.name}`;
      if (entry.isDirectory()) walk(path, `${name}/`);
      else out[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out;
}

/** Temporary files the atomic writer would leave behind if it failed to clean up. */
export function leftoverTemps(dir: string): string[] {
  return readdirSync(dir).filter((name) => /^\..*\.tmp$/.test(name));
}

export interface ReadOnlyFolder {
  path: string;
  how: string;
  release(): void;
}

function tryRun(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A folder nobody can write to, root included (tests run as root, for whom chmod is no obstacle): a tmpfs
 * remounted read-only, else an immutable (chattr +i) folder. `fill` runs while the folder is still
 * writable. Returns undefined with the reason when neither is possible on this machine.
 */
export function readOnlyFolder(parent: string, fill: (path: string) => void): ReadOnlyFolder | { reason: string } {
  const path = join(parent, 'read-only');
  mkdirSync(path);
  if (tryRun('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', path])) {
    fill(path);
    if (tryRun('mount', ['-o', 'remount,ro', path])) {
      return { path, how: 'read-only tmpfs', release: () => void tryRun('umount', [path]) };
    }
    tryRun('umount', [path]);
  }
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path);
  fill(path);
  if (tryRun('chattr', ['+i', path])) {
    return { path, how: 'chattr +i', release: () => void tryRun('chattr', ['-i', path]) };
  }
  return { reason: 'cannot make a read-only folder here: mount (tmpfs) and chattr +i both failed (not root?)' };
}

export function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
