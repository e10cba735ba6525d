// Output targets that are not a plain file in a plain folder: `-o -`, a device (/dev/full stands in for
// /dev/stdout, which a test must not risk), a named pipe, and a symbolic link. The atomic writer renames a
// temporary file over its target; for these targets that would destroy what the user pointed at.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runCli, SEEDS_DIR, tempDir } from '../support/cli.js';
import { OWN_SPEECH, expectCleanFailure, leftoverTemps } from './support.js';

let base = '';
let speech = '';

beforeAll(() => {
  base = tempDir('chengyu-deck-targets-');
  speech = join(base, 'speech.txt');
  writeFileSync(speech, OWN_SPEECH);
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

function caseFolder(name: string): string {
  const dir = join(base, name);
  mkdirSync(dir);
  return dir;
}

describe('-o - means standard output', () => {
  it('extract: the same text as without -o, and no file named "-"', () => {
    const dir = caseFolder('dash-extract');
    const plain = runCli(['extract', speech, '--format', 'csv', '-q'], { cwd: dir });
    const dashed = runCli(['extract', speech, '--format', 'csv', '-q', '-o', '-'], { cwd: dir });
    expect(dashed.code, dashed.stderr).toBe(0);
    expect(dashed.stdout).toBe(plain.stdout);
    expect(dashed.stdout).toContain('守望相助');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('build: the package bytes on standard output, the same as written to a file', () => {
    const dir = caseFolder('dash-build');
    const env = { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1700000000' };
    const toFile = runCli(['build', speech, '-o', join(dir, 'deck.apkg'), '-q'], { env });
    expect(toFile.code, toFile.stderr).toBe(0);
    const piped = spawnSync(process.execPath, [BIN, 'build', speech, '-o', '-', '-q'], { cwd: dir, env, maxBuffer: 64 << 20 });
    expect(piped.status, piped.stderr.toString()).toBe(0);
    expect(piped.stdout.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(Buffer.compare(piped.stdout, readFileSync(join(dir, 'deck.apkg')))).toBe(0);
    expect(readdirSync(dir)).toEqual(['deck.apkg']);
  });
});

/**
 * A device of our own, in the test's folder, that behaves as /dev/full: a regression that replaced devices
 * would destroy this node, never the machine's /dev/full or /dev/stdout. Needs root (mknod); else undefined.
 */
function ownFullDevice(dir: string): string | undefined {
  const path = join(dir, 'full');
  try {
    execFileSync('mknod', ['-m', '666', path, 'c', '1', '7'], { stdio: 'ignore' });
    return statSync(path).isCharacterDevice() ? path : undefined;
  } catch {
    return undefined;
  }
}

describe('a device as output', () => {
  it('is written into, not replaced: a full device fails with one line and exit 4, and stays a device', (context) => {
    const dir = caseFolder('device');
    const device = ownFullDevice(dir);
    if (!device) {
      context.skip('mknod needs root; standard output full is still tested below');
      return;
    }
    for (const args of [
      ['extract', speech, '-q', '-o', device],
      ['build', speech, '-q', '-o', device],
    ]) {
      const result = runCli(args);
      expectCleanFailure(result, 4, [device], /no space left/);
      expect(statSync(device).isCharacterDevice(), 'the device was replaced by a file').toBe(true);
    }
    expect(readdirSync(dir)).toEqual(['full']);
  });

  it('standard output full: the failure is reported once, with exit 4', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [BIN, 'extract', speech, '-q'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', full, 'pipe'] });
      expectCleanFailure({ code: result.status, stdout: '', stderr: result.stderr }, 4, ['standard output'], /no space left/);
    } finally {
      closeSync(full);
    }
  });
});

describe('a named pipe as output', () => {
  it('its reader receives the whole output, and it is still a pipe afterwards', () => {
    const dir = caseFolder('fifo');
    const fifo = join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const script = `cat "$1" > "$2" & reader=$!; "$3" "$4" extract "$5" --format csv -q -o "$1"; code=$?; wait $reader; exit $code`;
    const run = spawnSync('sh', ['-c', script, 'sh', fifo, join(dir, 'received.csv'), process.execPath, BIN, speech], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status, run.stderr).toBe(0);
    const plain = runCli(['extract', speech, '--format', 'csv', '-q']);
    expect(readFileSync(join(dir, 'received.csv'), 'utf8')).toBe(plain.stdout);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(leftoverTemps(dir)).toEqual([]);
  }, 60_000);
});

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Runs the command, sends `signal` once it has waited `afterMs` (for a pipe no one opens), and reports how
 * it ended; killed outright after 20 s, which is what a hang looks like.
 */
function signalled(args: string[], signal: NodeJS.Signals, afterMs: number): Promise<Ended> {
  return new Promise((resolveEnd, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const send = setTimeout(() => child.kill(signal), afterMs);
    const kill = setTimeout(() => child.kill('SIGKILL'), afterMs + 20_000);
    child.on('error', reject);
    child.on('close', (code, how) => {
      clearTimeout(send);
      clearTimeout(kill);
      resolveEnd({ code, signal: how, stderr });
    });
  });
}

describe('a named pipe no one opens', () => {
  // A blocking open or read of a pipe holds a thread-pool thread, and Node's exit waits for it: the
  // signal handler ran, printed its message, and the process stayed until killed.
  it('as output: Ctrl-C ends the run with exit 130 and the pipe stays a pipe', async () => {
    const dir = caseFolder('fifo-no-reader');
    const fifo = join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const ended = await signalled(['extract', speech, '--format', 'csv', '-q', '-o', fifo], 'SIGINT', 1_500);
    expect(ended.signal, 'killed: the run hung after Ctrl-C').toBeNull();
    expect(ended.code, ended.stderr).toBe(130);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  }, 30_000);

  it('as input: SIGTERM ends the run with exit 143', async () => {
    const dir = caseFolder('fifo-no-writer');
    const fifo = join(dir, 'in.fifo');
    execFileSync('mkfifo', [fifo]);
    const ended = await signalled(['extract', fifo, '-q'], 'SIGTERM', 1_500);
    expect(ended.signal, 'killed: the run hung after SIGTERM').toBeNull();
    expect(ended.code, ended.stderr).toBe(143);
  }, 30_000);

  it('as input: read once a writer comes, as from a file', () => {
    const dir = caseFolder('fifo-input');
    const fifo = join(dir, 'in.fifo');
    execFileSync('mkfifo', [fifo]);
    const script = `(sleep 1; cat "$1" > "$2") & "$3" "$4" extract "$2" --format json -q`;
    const run = spawnSync('sh', ['-c', script, 'sh', speech, fifo, process.execPath, BIN], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status, run.stderr).toBe(0);
    const phrases = (json: string): string[] => (JSON.parse(json) as { text: string }[]).map((p) => p.text);
    expect(phrases(run.stdout)).toEqual(phrases(runCli(['extract', speech, '--format', 'json', '-q']).stdout));
    expect(phrases(run.stdout)).toContain('守望相助');
  }, 30_000);

  it('as output: a reader that closes early is an output error, not a silent loss', () => {
    const dir = caseFolder('fifo-early-close');
    const fifo = join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    // The seeds' phrases as JSON (about 350 KB): more than a pipe holds, so the write is still going when
    // the reader leaves.
    const script = `head -c 10 "$1" > /dev/null & "$2" "$3" extract "$4" --format json --kinds all -q -o "$1"`;
    const run = spawnSync('sh', ['-c', script, 'sh', fifo, process.execPath, BIN, SEEDS_DIR], { encoding: 'utf8', timeout: 20_000 });
    expectCleanFailure({ code: run.status, stdout: '', stderr: run.stderr }, 4, ['out.fifo'], /reading end was closed/);
  }, 30_000);
});

describe('a symbolic link as output', () => {
  it('keeps pointing at its file; the file it points to is replaced atomically, in its own folder', () => {
    const dir = caseFolder('link');
    const elsewhere = caseFolder('link-target');
    const real = join(elsewhere, 'phrases.csv');
    writeFileSync(real, 'old\n');
    const link = join(dir, 'phrases.csv');
    symlinkSync(real, link);
    const result = runCli(['extract', speech, '--format', 'csv', '-q', '-o', link]);
    expect(result.code, result.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(readFileSync(real, 'utf8')).toContain('守望相助');
    expect(readdirSync(dir)).toEqual(['phrases.csv']);
    expect(readdirSync(elsewhere)).toEqual(['phrases.csv']);
  });
});
