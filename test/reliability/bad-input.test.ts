// The bad-input catalogue of issue 8: every broken input, option or output a user can give the built
// command. Each case checks the documented exit code, a one-line message naming the file (or option) and
// the problem without a stack trace, and that no file was written or replaced.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runCli, SEEDS_DIR, tempDir } from '../support/cli.js';
import { readPackage } from '../support/sqlite.js';
import { makeCorpus } from '../bench/corpus.mjs';
import {
  expectCleanFailure,
  isFile,
  leftoverTemps,
  messageLines,
  OWN_SPEECH,
  readOnlyFolder,
  snapshot,
} from './support.js';

const EXIT = { usage: 2, input: 3, output: 4, hangup: 129, interrupted: 130, terminated: 143 } as const;

/** A second text of our own, for the deck that exists before each case. Idioms: 一丝不苟, 自力更生. */
const PREVIOUS_SPEECH = '他做事一丝不苟。\n\n我们要坚持自力更生。\n';

const base = tempDir('chengyu-reliability-');
let previousDeck: Buffer;
let ownSpeech: string;

beforeAll(() => {
  ownSpeech = join(base, 'own.txt');
  writeFileSync(ownSpeech, OWN_SPEECH);
  const previousText = join(base, 'previous.txt');
  writeFileSync(previousText, PREVIOUS_SPEECH);
  const deck = join(base, 'previous.apkg');
  const built = runCli(['build', previousText, '-o', deck, '-q']);
  expect(built.code, built.stderr).toBe(0);
  previousDeck = readFileSync(deck);
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

let caseCounter = 0;

/** A fresh folder for one case, with `out/deck.apkg` (a real previous deck) and `out/list.json`. */
function caseFolder(): { dir: string; out: string } {
  const dir = join(base, `case-${++caseCounter}`);
  const out = join(dir, 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'deck.apkg'), previousDeck);
  writeFileSync(join(out, 'list.json'), '[]\n');
  return { dir, out };
}

interface Expectation {
  code: number;
  names: (dir: string) => string[];
  problem: RegExp;
}

/**
 * Runs `build … -o out/deck.apkg` and `extract … -o out/list.json` (or only the commands the option applies
 * to) and checks the failure and that the case folder, inputs and previous outputs included, is unchanged.
 */
function expectRejected(
  dir: string,
  out: string,
  inputs: string[],
  extra: string[],
  expected: Expectation,
  commands: readonly ('build' | 'extract')[] = ['build', 'extract'],
  stdin?: string | Uint8Array,
): void {
  for (const command of commands) {
    const before = snapshot(dir);
    const target = command === 'build' ? ['-o', join(out, 'deck.apkg')] : ['--format', 'json', '-o', join(out, 'list.json')];
    const result = runCli([command, ...inputs, ...target, ...extra], { input: stdin });
    expectCleanFailure(result, expected.code, expected.names(dir), expected.problem);
    expect(result.stdout, `${command} printed to stdout`).toBe('');
    expect(snapshot(dir), `${command} changed files in the case folder`).toEqual(before);
  }
}

/** Bytes that are not text: a PNG signature and header chunk, then deterministic pseudo-random bytes. */
function pngBytes(): Buffer {
  const header = Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex');
  const body = Buffer.alloc(4096);
  let x = 0x2545f491;
  for (let i = 0; i < body.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    body[i] = x & 0xff;
  }
  return Buffer.concat([header, body]);
}

function gb18030(text: string): Buffer {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: Buffer.from(text, 'utf8') });
}

describe('input errors (exit 3)', () => {
  it('a missing path', () => {
    const { dir, out } = caseFolder();
    expectRejected(dir, out, [join(dir, 'no-such-speech.txt')], [], {
      code: EXIT.input,
      names: () => ['no-such-speech.txt'],
      problem: /not found|does not exist|no such/i,
    });
  });

  it('a directory without texts', () => {
    const { dir, out } = caseFolder();
    const folder = join(dir, 'folder-without-texts');
    mkdirSync(folder);
    writeFileSync(join(folder, 'data.json'), '{"a": 1}\n');
    writeFileSync(join(folder, 'photo.png'), pngBytes());
    expectRejected(dir, out, [folder], [], {
      code: EXIT.input,
      names: () => ['folder-without-texts'],
      problem: /no (text|input|\.txt)|nothing to read|contains no|without/i,
    });
  });

  it('an empty file', () => {
    const { dir, out } = caseFolder();
    writeFileSync(join(dir, 'empty.txt'), '');
    expectRejected(dir, out, [join(dir, 'empty.txt')], [], {
      code: EXIT.input,
      names: () => ['empty.txt'],
      problem: /empty/i,
    });
  });

  it('a whitespace-only file', () => {
    const { dir, out } = caseFolder();
    writeFileSync(join(dir, 'blank.txt'), ' \t\r\n\n\u3000\u3000\u00a0 \n');
    expectRejected(dir, out, [join(dir, 'blank.txt')], [], {
      code: EXIT.input,
      names: () => ['blank.txt'],
      problem: /empty|blank|whitespace|no chinese/i,
    });
  });

  it('a file with no Chinese', () => {
    const { dir, out } = caseFolder();
    writeFileSync(join(dir, 'english.txt'), 'This report is written in English only.\nIt has no Chinese characters at all.\n');
    expectRejected(dir, out, [join(dir, 'english.txt')], [], {
      code: EXIT.input,
      names: () => ['english.txt'],
      problem: /chinese/i,
    });
  });

  it('a binary file (PNG) given by name', () => {
    const { dir, out } = caseFolder();
    writeFileSync(join(dir, 'scan.png'), pngBytes());
    expectRejected(dir, out, [join(dir, 'scan.png')], [], {
      code: EXIT.input,
      names: () => ['scan.png'],
      problem: /not (a )?text|binary|image|png/i,
    });
  });

  it('a binary file with a .txt name (refused by content, not by name)', () => {
    const { dir, out } = caseFolder();
    writeFileSync(join(dir, 'notes.txt'), pngBytes());
    expectRejected(dir, out, [join(dir, 'notes.txt')], [], {
      code: EXIT.input,
      names: () => ['notes.txt'],
      problem: /not (a )?text|binary|image|png/i,
    });
  });

  it('invalid UTF-8 (a 0xFF byte, which no supported encoding allows), with its byte offset', () => {
    const { dir, out } = caseFolder();
    const head = Buffer.from(OWN_SPEECH.slice(0, 40), 'utf8');
    const tail = Buffer.from(OWN_SPEECH.slice(40), 'utf8');
    writeFileSync(join(dir, 'broken-utf8.txt'), Buffer.concat([head, Buffer.from([0xff]), tail]));
    expectRejected(dir, out, [join(dir, 'broken-utf8.txt')], [], {
      code: EXIT.input,
      names: () => ['broken-utf8.txt', String(head.length)],
      problem: /invalid utf-8/i,
    });
  });

  it('GB18030 that decodes when whole (the control for the truncation cases)', () => {
    const { dir } = caseFolder();
    writeFileSync(join(dir, 'gb.txt'), gb18030(OWN_SPEECH));
    const result = runCli(['extract', join(dir, 'gb.txt'), '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const texts = (JSON.parse(result.stdout) as { text: string }[]).map((p) => p.text);
    expect(texts).toContain('同舟共济');
  });

  it('truncated GB18030: the last two-byte character cut after its first byte', () => {
    const { dir, out } = caseFolder();
    const bytes = gb18030(`${OWN_SPEECH}\n\n最后一句话还没写完`);
    expect(bytes.at(-2)).toBeGreaterThanOrEqual(0x81); // 完 is two bytes in GB18030
    writeFileSync(join(dir, 'gb-cut.txt'), bytes.subarray(0, bytes.length - 1));
    expectRejected(dir, out, [join(dir, 'gb-cut.txt')], [], {
      code: EXIT.input,
      names: () => ['gb-cut.txt'],
      problem: /invalid|truncated|incomplete|cut/i,
    });
  });

  it('truncated GB18030: a four-byte character (U+20000 𠀀) cut after three bytes', () => {
    const { dir, out } = caseFolder();
    const bytes = gb18030(`${OWN_SPEECH}\n\n罕见字𠀀`);
    expect(bytes.subarray(-4)[0]).toBe(0x95); // 𠀀 = 95 32 82 36
    writeFileSync(join(dir, 'gb-cut4.txt'), bytes.subarray(0, bytes.length - 1));
    expectRejected(dir, out, [join(dir, 'gb-cut4.txt')], [], {
      code: EXIT.input,
      names: () => ['gb-cut4.txt'],
      problem: /invalid|truncated|incomplete|cut/i,
    });
  });

  it('a device that never ends (/dev/zero): refused, not read until memory runs out', () => {
    // Address space capped at 3 GB so a reader without a size limit fails here instead of taking the machine's memory.
    const result = spawnSync('sh', ['-c', `ulimit -v 3000000; exec "${process.execPath}" "${BIN}" extract /dev/zero --format json`], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expectCleanFailure(
      { code: result.status, stdout: result.stdout, stderr: result.stderr },
      EXIT.input,
      ['zero'],
      /too large|not a (regular )?file|not a text|binary/i,
    );
  }, 90_000);

  it('a file whose name contains a line break: the message is still one line', () => {
    const { dir, out } = caseFolder();
    const name = 'line\nbreak.txt';
    writeFileSync(join(dir, name), '');
    expectRejected(dir, out, [join(dir, name)], [], {
      code: EXIT.input,
      names: () => ['line', 'break.txt'],
      problem: /empty/i,
    });
  });

  it('empty standard input', () => {
    const { dir, out } = caseFolder();
    expectRejected(dir, out, ['-'], [], { code: EXIT.input, names: () => ['stdin'], problem: /empty/i }, ['build', 'extract'], '');
  });

  it('binary standard input', () => {
    const { dir, out } = caseFolder();
    expectRejected(
      dir,
      out,
      ['-'],
      [],
      { code: EXIT.input, names: () => ['stdin'], problem: /not (a )?text|binary|image|png/i },
      ['build', 'extract'],
      pngBytes(),
    );
  });
});

describe('usage errors (exit 2)', () => {
  it('an unknown --kinds value', () => {
    const { dir, out } = caseFolder();
    expectRejected(dir, out, [ownSpeech], ['--kinds', 'chengyu,poems'], {
      code: EXIT.usage,
      names: () => ['--kinds', 'poems'],
      problem: /unknown|invalid|expected|allowed/i,
    });
  });

  it('an unknown --format', () => {
    const { dir, out } = caseFolder();
    const before = snapshot(dir);
    const result = runCli(['extract', ownSpeech, '--format', 'docx', '-o', join(out, 'list.json')]);
    expectCleanFailure(result, EXIT.usage, ['--format', 'docx'], /unknown|invalid|expected|allowed/i);
    expect(result.stdout).toBe('');
    expect(snapshot(dir)).toEqual(before);
  });

  it('--top 0', () => {
    const { dir, out } = caseFolder();
    expectRejected(dir, out, [ownSpeech], ['--top', '0'], {
      code: EXIT.usage,
      names: () => ['--top'],
      problem: /at least|positive|must be/i,
    });
  });

  it('--top -3', () => {
    const { dir, out } = caseFolder();
    expectRejected(dir, out, [ownSpeech], ['--top', '-3'], {
      code: EXIT.usage,
      names: () => ['--top', '-3'],
      problem: /at least|positive|must be/i,
    });
  });

  it('--top past the largest whole number JavaScript holds: called too large, not "below 1"', () => {
    const { dir, out } = caseFolder();
    expectRejected(dir, out, [ownSpeech], ['--top', '99999999999999999999'], {
      code: EXIT.usage,
      names: () => ['--top', '99999999999999999999'],
      problem: /too large/,
    });
  });

  it('--exclude with an empty name', () => {
    const { dir, out } = caseFolder();
    expectRejected(dir, out, [ownSpeech], ['--exclude', ''], {
      code: EXIT.usage,
      names: () => ['--exclude'],
      problem: /no file name/,
    });
  });
});

describe('a deck named so that Anki would not find it', () => {
  it('build -o without .apkg: a usage error with the name to use, nothing written', () => {
    const { dir } = caseFolder();
    const cases: [string, RegExp][] = [
      ['deck', /deck is not an \.apkg name.*name it .*deck\.apkg$/],
      ['deck.csv', /name it .*deck\.apkg; for a list, use extract --format csv -o .*deck\.csv$/],
      ['deck.txt', /name it .*deck\.apkg; for a list, use extract --format tsv/],
    ];
    for (const [name, problem] of cases) {
      const before = snapshot(dir);
      expectCleanFailure(runCli(['build', ownSpeech, '-o', join(dir, name)]), EXIT.usage, ['-o', name], problem);
      expect(snapshot(dir), name).toEqual(before);
    }
    const upper = runCli(['build', ownSpeech, '-o', join(dir, 'DECK.APKG'), '-q']);
    expect(upper.code, upper.stderr).toBe(0);
  });

  it('-o naming a folder, an empty -o, and -o inside a file: each said as it is, nothing written', () => {
    const { dir } = caseFolder();
    writeFileSync(join(dir, 'notes'), 'a file, not a folder');
    const before = snapshot(dir);
    expectCleanFailure(runCli(['build', ownSpeech, '-o', `${join(dir, 'decks')}/`]), EXIT.usage, ['decks/'], /names a folder: give the deck's file name, as in .*decks\/deck\.apkg$/);
    for (const command of ['build', 'extract']) {
      expectCleanFailure(runCli([command, ownSpeech, '-o', '']), EXIT.usage, ['-o'], /no file name given/);
    }
    expectCleanFailure(runCli(['build', ownSpeech, '-o', join(dir, 'notes', 'deck.apkg')]), EXIT.output, ['deck.apkg'], /notes is a file, not a folder/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a recipe whose "output" is not an .apkg: an input error naming the recipe and its key', () => {
    const { dir } = caseFolder();
    writeFileSync(join(dir, 'speech.txt'), OWN_SPEECH);
    const recipe = join(dir, 'recipe.json');
    writeFileSync(recipe, JSON.stringify({ inputs: ['speech.txt'], output: 'deck.zip' }));
    const before = snapshot(dir);
    expectCleanFailure(runCli(['build', recipe]), EXIT.input, ['recipe.json', '"output"'], /deck\.zip is not an \.apkg name/);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('output errors (exit 4)', () => {
  it('output into a missing folder', () => {
    const { dir } = caseFolder();
    const missing = join(dir, 'no-such-folder');
    for (const [command, file, extra] of [
      ['build', 'deck.apkg', []],
      ['extract', 'list.json', ['--format', 'json']],
    ] as const) {
      const result = runCli([command, ownSpeech, '-o', join(missing, file), ...extra]);
      expectCleanFailure(result, EXIT.output, ['no-such-folder'], /does not exist|missing|no such/i);
      expect(isFile(join(missing, file))).toBe(false);
    }
    expect(snapshot(dir)).toEqual({ 'out/deck.apkg': expect.any(String), 'out/list.json': expect.any(String) });
  });

  it('output into a read-only folder (root cannot write there either)', (context) => {
    const { dir } = caseFolder();
    const folder = readOnlyFolder(dir, (path) => writeFileSync(join(path, 'deck.apkg'), previousDeck));
    if ('reason' in folder) {
      context.skip(folder.reason);
      return;
    }
    try {
      const before = snapshot(folder.path);
      for (const [command, file, extra] of [
        ['build', 'deck.apkg', []],
        ['build', 'new.apkg', []],
        ['extract', 'list.json', ['--format', 'json']],
      ] as const) {
        const result = runCli([command, ownSpeech, '-o', join(folder.path, file), ...extra]);
        expectCleanFailure(result, EXIT.output, ['read-only'], /read-only|not writable|permission|denied/i);
        expect(snapshot(folder.path), `${command} -o ${file} (${folder.how})`).toEqual(before);
      }
    } finally {
      folder.release();
    }
  });

  it('output path equal to an input, however it is spelled', () => {
    const { dir, out } = caseFolder();
    const input = join(dir, 'speech.txt');
    writeFileSync(input, OWN_SPEECH);
    mkdirSync(join(dir, 'sub'));
    const spellings = [input, join(dir, 'sub', '..', 'speech.txt')];
    for (const output of spellings) {
      for (const [command, extra] of [
        ['build', []],
        ['extract', ['--format', 'json']],
      ] as const) {
        const before = snapshot(dir);
        const result = runCli([command, input, '-o', output, ...extra]);
        expectCleanFailure(result, EXIT.output, ['speech.txt'], /input/i);
        expect(snapshot(dir)).toEqual(before);
      }
    }
    // A folder argument counts too: its files are inputs.
    const result = runCli(['build', dir, '-o', input]);
    expectCleanFailure(result, EXIT.output, ['speech.txt'], /input/i);
    expect(readFileSync(input, 'utf8')).toBe(OWN_SPEECH);
    expect(readFileSync(join(out, 'deck.apkg')).equals(previousDeck)).toBe(true);
  });

  it('a long Chinese output name: written when the system takes it, refused up front when it cannot', () => {
    const { dir } = caseFolder();
    // 80 characters of three bytes: 245 bytes with .apkg, within the 255 a name may have; the temporary
    // file beside it must fit too.
    const long = `${'讲'.repeat(80)}.apkg`;
    const built = runCli(['build', ownSpeech, '-o', join(dir, long), '-q']);
    expect(built.code, built.stderr).toBe(0);
    const ours = (): string[] => Object.keys(snapshot(dir)).filter((name) => name.includes('讲') || name.endsWith('.tmp'));
    expect(ours()).toEqual([long]);
    const tooLong = `${'讲'.repeat(90)}.apkg`;
    expectCleanFailure(runCli(['build', ownSpeech, '-o', join(dir, tooLong)]), EXIT.output, ['讲讲讲'], /its name is 275 bytes, more than the 255/);
    expect(ours()).toEqual([long]);
  });

  it('standard output redirected into the folder being read: that file is no input', () => {
    // As `chengyu-deck extract speeches/ > speeches/list.txt`: the shell makes the empty list first.
    const { dir } = caseFolder();
    writeFileSync(join(dir, 'speech.txt'), OWN_SPEECH);
    const redirectInto = (name: string, args: string[]): { code: number | null; stderr: string; written: string } => {
      const fd = openSync(join(dir, name), 'w');
      try {
        const result = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
        return { code: result.status, stderr: result.stderr, written: readFileSync(join(dir, name), 'utf8') };
      } finally {
        closeSync(fd);
      }
    };
    const listed = redirectInto('list.txt', ['extract', dir, '--format', 'json', '-q']);
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.written) as { source: string }[]).every((card) => card.source === 'speech.txt')).toBe(true);
    // The same file named as an input: refused, and what it held is the shell's doing, not ours.
    const named = redirectInto('named.txt', ['extract', join(dir, 'named.txt'), '-q']);
    expectCleanFailure({ code: named.code, stdout: '', stderr: named.stderr }, EXIT.output, ['named.txt'], /output is redirected/);
    // The --exclude list as the redirection (`--exclude known.txt > known.txt`): emptied by the shell, so
    // refused rather than read as a list of nothing.
    const known = redirectInto('known.txt', ['extract', join(dir, 'speech.txt'), '--exclude', join(dir, 'known.txt'), '-q']);
    expectCleanFailure({ code: known.code, stdout: '', stderr: known.stderr }, EXIT.output, ['known.txt'], /output is redirected: the shell emptied it/);
  });

  it('output path equal to a file read besides the texts: the deck recipe, the --exclude list', () => {
    const { dir } = caseFolder();
    writeFileSync(join(dir, 'speech.txt'), OWN_SPEECH);
    const recipe = join(dir, 'recipe.json');
    writeFileSync(recipe, JSON.stringify({ inputs: ['speech.txt'] }));
    const known = join(dir, 'known.txt');
    writeFileSync(known, '守望相助\n');
    const cases: [string[], string, RegExp][] = [
      [['build', recipe, '-o', recipe], 'recipe.json', /input \(the deck recipe\)/],
      [['build', join(dir, 'speech.txt'), '--exclude', known, '-o', known], 'known.txt', /input \(--exclude\)/],
      [['extract', join(dir, 'speech.txt'), '--exclude', known, '-o', join(dir, '.', 'known.txt')], 'known.txt', /input \(--exclude\)/],
    ];
    for (const [args, name, problem] of cases) {
      const before = snapshot(dir);
      expectCleanFailure(runCli(args), EXIT.output, [name], problem);
      expect(snapshot(dir), args.join(' ')).toEqual(before);
    }
    // A recipe whose own "output" names the recipe.
    writeFileSync(recipe, JSON.stringify({ inputs: ['speech.txt'], output: 'recipe.json' }));
    const before = snapshot(dir);
    expectCleanFailure(runCli(['build', recipe]), EXIT.output, ['recipe.json'], /input \(the deck recipe\)/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a full disk while the deck is written: exit 4, previous deck intact, no temporary file', (context) => {
    const { dir } = caseFolder();
    const folder = join(dir, 'small-disk');
    mkdirSync(folder);
    // Room for the previous deck and a few pages more, not for a second deck beside it.
    const size = previousDeck.length + 8192;
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', folder], { stdio: 'ignore' });
    } catch {
      context.skip('cannot mount a small tmpfs here (not root?)');
      return;
    }
    try {
      writeFileSync(join(folder, 'deck.apkg'), previousDeck);
      const result = runCli(['build', ownSpeech, '-o', join(folder, 'deck.apkg'), '-q']);
      expectCleanFailure(result, EXIT.output, ['deck.apkg'], /space|full/i);
      expect(readFileSync(join(folder, 'deck.apkg')).equals(previousDeck)).toBe(true);
      expect(leftoverTemps(folder)).toEqual([]);
    } finally {
      execFileSync('umount', [folder], { stdio: 'ignore' });
    }
  });
});

describe('standard output', () => {
  it('closed early by its reader (`| head`): a quiet end, no EPIPE crash or stack trace', async () => {
    // All five seeds with every kind: several hundred KB of JSON, far more than a pipe buffer holds.
    const child = spawn(process.execPath, [BIN, 'extract', SEEDS_DIR, '--kinds', 'all', '--format', 'json'], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    let received = 0;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      received += chunk.length;
      child.stdout.destroy(); // like `head -c 10`: read a little, then close the pipe
    });
    const code = await new Promise<number | null>((resolveExit) => child.on('close', (c) => resolveExit(c)));
    expect(received, 'the command printed nothing at all').toBeGreaterThan(0);
    expect(stderr).not.toMatch(/EPIPE|Unhandled|^\s+at /m);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);

  it('--help into a pipe already closed (`| true`): a quiet end, no EPIPE crash', async () => {
    const child = spawn(process.execPath, [BIN, 'build', '--help'], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' } });
    child.stdout.destroy(); // the reader is gone before commander writes the usage and then the examples
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolveExit) => child.on('close', (c) => resolveExit(c)));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|^\s+at /m);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);
});

describe('control characters a decoder lets through', () => {
  it('a stray U+001F (Anki’s field separator) in a long text: refused cleanly or every note keeps its ten fields', () => {
    const { dir, out } = caseFolder();
    const file = join(dir, 'stray-control.txt');
    // Few enough control characters (one in 300) that the decoder reads the text as text.
    writeFileSync(file, `${OWN_SPEECH.repeat(3)}\n\n我们要同舟共济\u001f，不能削足适履。\n`);
    const deck = join(out, 'deck.apkg');
    const result = runCli(['build', file, '-o', deck, '-q']);
    if (result.code !== 0) {
      expectCleanFailure(result, EXIT.input, ['stray-control.txt'], /control|not a text/i);
      expect(readFileSync(deck).equals(previousDeck)).toBe(true);
      return;
    }
    const dump = readPackage(deck);
    expect(dump.notes.length).toBeGreaterThan(0);
    for (const note of dump.notes) expect(note.flds.split('\x1f'), note.flds).toHaveLength(10);
  });
});

describe('an existing deck as output', () => {
  it('is left byte-identical by a failing build and replaced by a successful one', () => {
    const { dir, out } = caseFolder();
    const deck = join(out, 'deck.apkg');
    const plain = join(dir, 'weather.txt');
    // Chinese text with no idiom, quotation or saying in it: the build finds nothing and must fail.
    writeFileSync(plain, '今天上午下了一点雨。\n\n下午我们去了图书馆。\n');
    const failed = runCli(['build', plain, '-o', deck]);
    expectCleanFailure(failed, EXIT.input, ['weather.txt'], /no phrases/i);
    expect(readFileSync(deck).equals(previousDeck)).toBe(true);
    expect(leftoverTemps(out)).toEqual([]);

    const built = runCli(['build', ownSpeech, '-o', deck, '-q']);
    expect(built.code, built.stderr).toBe(0);
    expect(readFileSync(deck).equals(previousDeck)).toBe(false);
    const dump = readPackage(deck);
    expect(dump.integrity).toBe('ok');
    const phrases = dump.notes.map((n) => n.sfld);
    expect(phrases).toEqual(expect.arrayContaining(['同舟共济', '削足适履']));
    expect(phrases).not.toContain('一丝不苟');
    expect(leftoverTemps(out)).toEqual([]);
  });
});

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
  seconds: number;
}

/** Runs the command asynchronously (so the test's own timeout still works), killing it after `limitMs`. */
function runAsync(
  args: string[],
  limitMs: number,
  onSpawn?: (child: ReturnType<typeof spawn>) => void,
): Promise<Finished> {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, seconds: (Date.now() - started) / 1000 });
    });
    onSpawn?.(child);
  });
}

/** CPU seconds the process (all its threads) has used, from /proc; 0 once it is gone or off Linux. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return 0;
  }
}

/**
 * Calls `act` once the child has used `seconds` of CPU: well past start-up (about half a second), so its
 * signal handler is installed and it is working on the input, however loaded the machine is. Off Linux,
 * falls back to wall time.
 */
function whenBusy(child: ReturnType<typeof spawn>, seconds: number, act: () => void): void {
  const started = Date.now();
  const poll = setInterval(() => {
    if (child.exitCode !== null || child.signalCode !== null) return clearInterval(poll);
    const proc = existsSync('/proc/self/stat');
    if ((proc && cpuSeconds(child.pid) >= seconds) || (!proc && Date.now() - started >= seconds * 1000)) {
      clearInterval(poll);
      act();
    }
  }, 20);
}

describe('very long lines', () => {
  it('a 50 MB single line finishes and either works or fails cleanly', async () => {
    const { dir } = caseFolder();
    const sentences = OWN_SPEECH.replace(/\n/g, '');
    const line = join(dir, 'one-line.txt');
    const unit = Buffer.from(sentences, 'utf8');
    const copies = Math.ceil((50 * 1024 * 1024) / unit.length);
    writeFileSync(line, Buffer.concat(Array.from({ length: copies }, () => unit)));
    const result = await runAsync(['extract', line, '--format', 'json'], 170_000);
    expect(result.signal, `killed after ${result.seconds}s: it hung`).toBeNull();
    if (result.code === 0) {
      const phrases = JSON.parse(result.stdout) as { text: string; context: string }[];
      expect(phrases.map((p) => p.text)).toEqual(expect.arrayContaining(['同舟共济', '削足适履']));
      for (const p of phrases) expect(p.context.length).toBeLessThan(500);
    } else {
      expectCleanFailure({ ...result }, EXIT.input, ['one-line.txt'], /./);
    }
  }, 200_000);

  it('a 5 MB line without any punctuation gives bounded contexts', async () => {
    const { dir } = caseFolder();
    const unpunctuated = OWN_SPEECH.replace(/[\n，。、；！？]/g, '');
    const file = join(dir, 'no-punctuation.txt');
    const unit = Buffer.from(unpunctuated, 'utf8');
    writeFileSync(file, Buffer.concat(Array.from({ length: Math.ceil((5 * 1024 * 1024) / unit.length) }, () => unit)));
    const result = await runAsync(['extract', file, '--format', 'json'], 110_000);
    expect(result.signal, `killed after ${result.seconds}s: it hung`).toBeNull();
    if (result.code === 0) {
      // Bounded by the sentence length cap (about a thousand characters), not by the size of the line.
      const phrases = JSON.parse(result.stdout) as { text: string; context: string }[];
      expect(phrases.length).toBeGreaterThan(0);
      for (const p of phrases) expect(p.context.length).toBeLessThan(2000);
    } else {
      expectCleanFailure({ ...result }, EXIT.input, ['no-punctuation.txt'], /./);
    }
  }, 120_000);
});

describe('SIGINT', () => {
  it('during a build: exit 130, one line, previous deck intact, no temporary file', async () => {
    const { dir, out } = caseFolder();
    const corpus = join(dir, 'corpus');
    // Large enough that the build is still reading when the signal comes (several seconds of work).
    makeCorpus(SEEDS_DIR, corpus, 60 * 1024 * 1024);
    const deck = join(out, 'deck.apkg');
    let sentAt = 0;
    const result = await runAsync(['build', corpus, '-o', deck], 60_000, (child) => {
      whenBusy(child, 1.5, () => {
        sentAt = Date.now();
        child.kill('SIGINT');
      });
    });
    rmSync(corpus, { recursive: true, force: true });
    expect(sentAt, 'the build ended before the signal; make the corpus larger').toBeGreaterThan(0);
    expect(result.code, result.stderr).toBe(EXIT.interrupted);
    expect(messageLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/interrupt/i);
    expect(readFileSync(deck).equals(previousDeck)).toBe(true);
    expect(leftoverTemps(out)).toEqual([]);
    expect(snapshot(out)).toEqual({ 'deck.apkg': expect.any(String), 'list.json': expect.any(String) });
  }, 120_000);

  it('SIGTERM and SIGHUP (the terminal closed) during a build: their exit codes, previous deck intact, no temporary file', async () => {
    const { dir, out } = caseFolder();
    const corpus = join(dir, 'corpus');
    makeCorpus(SEEDS_DIR, corpus, 30 * 1024 * 1024);
    const deck = join(out, 'deck.apkg');
    for (const [signal, code] of [
      ['SIGTERM', EXIT.terminated],
      ['SIGHUP', EXIT.hangup],
    ] as const) {
      let sentAt = 0;
      const result = await runAsync(['build', corpus, '-o', deck], 60_000, (child) => {
        whenBusy(child, 1, () => {
          sentAt = Date.now();
          child.kill(signal);
        });
      });
      expect(sentAt, `${signal}: the build ended before the signal; make the corpus larger`).toBeGreaterThan(0);
      expect(result.code, `${signal}: ${result.stderr}`).toBe(code);
      expect(messageLines(result.stderr)).toHaveLength(1);
      expect(readFileSync(deck).equals(previousDeck)).toBe(true);
      expect(leftoverTemps(out)).toEqual([]);
    }
    rmSync(corpus, { recursive: true, force: true });
  }, 150_000);

  it('inside one large file: Ctrl-C takes effect within seconds, not when the file is done', async () => {
    const { dir, out } = caseFolder();
    const file = join(dir, 'one-large-file.txt');
    const unit = Buffer.from(OWN_SPEECH.replace(/\n/g, ''), 'utf8');
    writeFileSync(file, Buffer.concat(Array.from({ length: Math.ceil((40 * 1024 * 1024) / unit.length) }, () => unit)));
    const deck = join(out, 'deck.apkg');
    let sentAt = 0;
    const started = Date.now();
    const result = await runAsync(['build', file, '-o', deck], 170_000, (child) => {
      whenBusy(child, 2, () => {
        sentAt = Date.now();
        child.kill('SIGINT');
      });
    });
    const endedAt = started + result.seconds * 1000;
    if (result.code === 0) {
      // The whole build needed less CPU than the wait: nothing to interrupt, and nothing slow either.
      expect(sentAt, 'signalled, yet the build completed').toBe(0);
      expect(endedAt - started).toBeLessThan(8000);
      return;
    }
    expect(result.code, result.stderr).toBe(EXIT.interrupted);
    expect(endedAt - sentAt, `exited ${((endedAt - sentAt) / 1000).toFixed(1)} s after SIGINT`).toBeLessThan(3000);
    expect(readFileSync(deck).equals(previousDeck)).toBe(true);
    expect(leftoverTemps(out)).toEqual([]);
  }, 200_000);

  it('while the deck file is being written: the old deck or a complete new one, never a temporary file', async () => {
    const { dir, out } = caseFolder();
    const deck = join(out, 'deck.apkg');
    const input = join(dir, 'seeds');
    mkdirSync(input);
    for (const name of ['000_56f6268ff4eb576a.txt', '001_5500e23857cf1517.txt', '002_f60eb563907c18a7.txt']) {
      copyFileSync(join(SEEDS_DIR, name), join(input, name));
    }
    // Poll for the writer's temporary file and interrupt as soon as it exists.
    let caught = false;
    const result = await runAsync(['build', input, '-o', deck, '-q'], 60_000, (child) => {
      const poll = setInterval(() => {
        if (child.exitCode !== null || child.signalCode !== null) return clearInterval(poll);
        if (leftoverTemps(out).length > 0) {
          caught = true;
          child.kill('SIGINT');
          clearInterval(poll);
        }
      }, 1);
    });
    expect(leftoverTemps(out)).toEqual([]);
    expect([0, EXIT.interrupted]).toContain(result.code);
    const bytes = readFileSync(deck);
    if (!bytes.equals(previousDeck)) {
      const dump = readPackage(deck);
      expect(dump.integrity).toBe('ok');
      expect(dump.notes.length).toBeGreaterThan(10);
    }
    // Whether the poll saw the temporary file depends on timing; say which case was exercised.
    console.info(`SIGINT while writing: temporary file ${caught ? 'seen, signal sent' : 'never seen'}, exit ${result.code}`);
  }, 90_000);
});
