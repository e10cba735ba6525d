// The command end to end, as a user runs it, on the real seed speeches.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ALL_SEEDS, BIN, runCli, seed, tempDir } from '../support/cli.js';
import { readPackage } from '../support/sqlite.js';

interface Phrase {
  text: string;
  kind: string;
  pinyin: string;
  traditional: string;
  meaning: string;
  count: number;
  context: string;
  source: string;
}

function extractJson(args: string[]): Phrase[] {
  const result = runCli(['extract', ...args, '--format', 'json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Phrase[];
}

describe('extract on a seed speech', { timeout: 60_000 }, () => {
  const phrases = extractJson([seed('000')]);

  it('finds 削足适履 and 量体裁衣 with dictionary pinyin and their sentences', () => {
    const xue = phrases.find((p) => p.text === '削足适履');
    const liang = phrases.find((p) => p.text === '量体裁衣');
    expect(xue?.pinyin).toBe('xuē zú shì lǚ');
    expect(liang?.pinyin).toBe('liàng tǐ cái yī');
    expect(xue?.context).toContain('削足适履');
    expect(liang?.context).toContain('量体裁衣');
    expect(xue?.source).toBe('000_56f6268ff4eb576a.txt');
    expect(xue?.kind).toBe('chengyu');
  });

  it('keeps the JSON contract on every item', () => {
    expect(phrases.length).toBeGreaterThan(5);
    for (const p of phrases) {
      expect(typeof p.text).toBe('string');
      expect(['chengyu', 'quotation', 'saying', 'term']).toContain(p.kind);
      expect(p.pinyin).toMatch(/^[a-zü\u0300-\u036fāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ ,;:.?!'-]+$/u);
      expect(p.traditional.length).toBeGreaterThan(0);
      expect(p.meaning.length).toBeGreaterThan(0);
      expect(p.count).toBeGreaterThanOrEqual(1);
      expect(p.context).toContain(p.text.replace(/，/g, '').slice(0, 2));
      expect(p.source.length).toBeGreaterThan(0);
    }
  });

  it('gives the same output on every run', () => {
    expect(extractJson([seed('000')])).toEqual(phrases);
  });

  it('honours --top and --kinds', () => {
    const top = extractJson([seed('000'), '--top', '3', '--kinds', 'chengyu']);
    expect(top.length).toBeLessThanOrEqual(3);
    expect(top.every((p) => p.kind === 'chengyu')).toBe(true);
    expect(top.map((p) => p.text)).toEqual(
      phrases.filter((p) => p.kind === 'chengyu').slice(0, top.length).map((p) => p.text),
    );
  });
});

describe('inputs', { timeout: 60_000 }, () => {
  it('reads standard input as `-` and calls it stdin', () => {
    const text = '我们要同舟共济，不能削足适履。\n';
    const result = runCli(['extract', '-', '--format', 'json'], { input: text });
    expect(result.code).toBe(0);
    const phrases = JSON.parse(result.stdout) as Phrase[];
    expect(phrases.map((p) => p.text)).toEqual(expect.arrayContaining(['同舟共济', '削足适履']));
    expect(phrases.every((p) => p.source === 'stdin')).toBe(true);
  });

  it('counts a phrase over several inputs', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), '两国人民应当同舟共济，共渡难关。\n');
    writeFileSync(join(dir, 'b.md'), '# 标题\n\n风雨之中更要同舟共济。\n');
    writeFileSync(join(dir, 'ignored.json'), '{"同舟共济": 1}');
    const phrases = extractJson([dir]);
    const item = phrases.find((p) => p.text === '同舟共济');
    expect(item?.count).toBe(2);
  });

  it('prints a table with a header by default', () => {
    const result = runCli(['extract', seed('000'), '--top', '5']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/score.*kind.*phrase.*pinyin/);
  });

  it('writes the format -o names by its extension when --format is not given', () => {
    const dir = tempDir('chengyu-cli-format-');
    const written = (name: string, ...extra: string[]): string => {
      const result = runCli(['extract', seed('000'), '--top', '3', '-q', '-o', join(dir, name), ...extra]);
      expect(result.code, result.stderr).toBe(0);
      return readFileSync(join(dir, name), 'utf8');
    };
    expect(written('list.csv')).toMatch(/^#separator:comma\n/);
    expect(written('list.TSV')).toMatch(/^#separator:tab\n/);
    expect(JSON.parse(written('list.json'))).toHaveLength(3);
    expect(written('list.html')).toMatch(/^<!DOCTYPE html>/i);
    expect(written('list.md')).toMatch(/^<!-- chengyu-deck/);
    expect(written('list.txt')).toMatch(/score.*kind.*phrase/);
    // An explicit --format wins over the extension.
    expect(JSON.parse(written('other.csv', '--format', 'json'))).toHaveLength(3);
    const deck = runCli(['extract', seed('000'), '-o', join(dir, 'list.apkg')]);
    expect(deck.code).toBe(2);
    expect(deck.stderr).toMatch(/extract writes lists, not decks: for .*list\.apkg use build/);
    expect(existsSync(join(dir, 'list.apkg'))).toBe(false);
  });
});

describe('help and version', () => {
  it('shows examples in --help', () => {
    for (const command of ['extract', 'build']) {
      const result = runCli([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Examples:');
    }
  });

  it('prints the package version', () => {
    const result = runCli(['--version']);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(result.stdout.trim()).toBe(pkg.version);
  });

  it('keeps commander\'s suggestion on the one line of a usage error', () => {
    const typo = runCli(['extrct', seed('000')]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("chengyu-deck: unknown command 'extrct' (Did you mean extract?) (see --help)\n");
    const option = runCli(['extract', seed('000'), '--formt', 'json']);
    expect(option.stderr).toMatch(/^chengyu-deck: unknown option '--formt' \(Did you mean --format\?\) \(see --help\)\n$/);
  });

  it('shows the command line meant when a file is given where the command belongs', () => {
    const result = runCli([seed('000')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`name the command first, as in chengyu-deck extract ${seed('000')}`);
  });

  it('rejects an unknown kind with a usage error and no stack trace', () => {
    const result = runCli(['extract', seed('000'), '--kinds', 'chengyu,poems']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('poems');
  });

  it('names a missing input and exits with the input error code', () => {
    const result = runCli(['extract', 'no-such-speech.txt']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('no-such-speech.txt');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('build', { timeout: 180_000 }, () => {
  it('writes a package whose identities are the same on every build', () => {
    const dir = tempDir();
    const first = join(dir, 'first.apkg');
    const second = join(dir, 'second.apkg');
    expect(runCli(['build', ...ALL_SEEDS, '-o', first, '--deck', 'Seeds']).code).toBe(0);
    expect(runCli(['build', ...ALL_SEEDS, '-o', second, '--deck', 'Seeds']).code).toBe(0);
    const a = readPackage(first);
    const b = readPackage(second);
    expect(a.integrity).toBe('ok');
    expect(a.notes.length).toBeGreaterThan(20);
    expect(b.notes.map((n) => [n.id, n.guid, n.mid])).toEqual(a.notes.map((n) => [n.id, n.guid, n.mid]));
    expect(b.cards.map((c) => [c.id, c.did])).toEqual(a.cards.map((c) => [c.id, c.did]));
    const modelIds = (dump: typeof a) => Object.keys(JSON.parse(String(dump.col[0]?.['models'])) as object);
    const deckIds = (dump: typeof a) => Object.keys(JSON.parse(String(dump.col[0]?.['decks'])) as object);
    expect(modelIds(b)).toEqual(modelIds(a));
    expect(deckIds(b)).toEqual(deckIds(a));
  });

  it('gives byte-identical packages with SOURCE_DATE_EPOCH', () => {
    const dir = tempDir();
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const paths = [join(dir, 'a.apkg'), join(dir, 'b.apkg')];
    for (const p of paths) expect(runCli(['build', seed('000'), '-o', p], { env }).code).toBe(0);
    expect(readFileSync(paths[0] ?? '').equals(readFileSync(paths[1] ?? ''))).toBe(true);
  });

  it('refuses to overwrite an input', () => {
    const dir = tempDir();
    const input = join(dir, 'speech.txt');
    const text = '我们要同舟共济。\n';
    writeFileSync(input, text);
    const result = runCli(['build', input, '-o', input]);
    expect(result.code).toBe(4);
    expect(readFileSync(input, 'utf8')).toBe(text);
  });

  it('shows a Traditional text\'s sentence as written in a Traditional deck, and in Simplified by default', () => {
    const dir = tempDir();
    const input = join(dir, 'traditional.txt');
    // Written for this test.
    writeFileSync(input, '老師說，學習要循序漸進，不能半途而廢。\n');
    const json = JSON.parse(runCli(['extract', input, '--format', 'json', '-q']).stdout) as (Phrase & { contextOriginal: string | null })[];
    const phrase = json.find((p) => p.text === '半途而废');
    expect(phrase?.context).toBe('老师说，学习要循序渐进，不能半途而废。');
    expect(phrase?.contextOriginal).toBe('老師說，學習要循序漸進，不能半途而廢。');
    const contextOf = (script: string): string | undefined => {
      const deck = join(dir, `${script}.apkg`);
      expect(runCli(['build', input, '-o', deck, '-q', '--script', script]).code).toBe(0);
      const note = readPackage(deck).notes.find((n) => n.flds.startsWith('半途而废\x1f'));
      return note?.flds.split('\x1f')[6];
    };
    expect(contextOf('simplified')).toBe('老师说，学习要循序渐进，不能<b class="hl">半途而废</b>。');
    expect(contextOf('traditional')).toBe('老師說，學習要循序漸進，不能<b class="hl">半途而廢</b>。');
    expect(contextOf('both')).toBe('老師說，學習要循序漸進，不能<b class="hl">半途而廢</b>。');
    // Lists and text files follow the same option.
    const list = (format: string, ...extra: string[]): string => runCli(['extract', input, '--format', format, '-q', ...extra]).stdout;
    expect(list('md')).toContain('> 老师说，学习要循序渐进，不能**半途而废**。');
    expect(list('md', '--script', 'traditional')).toContain('> 老師說，學習要循序漸進，不能**半途而廢**。');
    expect(list('html', '--script', 'both')).toContain('<blockquote class="context" lang="zh-Hant">老師說，學習要循序漸進，不能<mark>半途而廢</mark>。</blockquote>');
    expect(list('tsv', '--script', 'traditional')).toContain('老師說，學習要循序漸進，不能<b class=""hl"">半途而廢</b>。');
  });

  it('says it is waiting when - reads from a terminal (and nothing when the text is piped in)', (context) => {
    // `script` gives the command a terminal for its standard input; without it the case cannot be made.
    const probe = spawnSync('script', ['-qc', 'true', '/dev/null'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      context.skip('no `script` to give the command a terminal');
      return;
    }
    // Ctrl-D (\004) a second later ends the typed text.
    const atTerminal = spawnSync('sh', ['-c', `(sleep 1; printf '\\004') | script -qc "${process.execPath} ${BIN} extract - --format csv" /dev/null`], { encoding: 'utf8', timeout: 30_000 });
    expect(atTerminal.stdout).toContain('reading the text from the terminal');
    const piped = runCli(['extract', '-', '--format', 'csv'], { input: '我们要实事求是。\n' });
    expect(piped.stderr).not.toContain('terminal');
  });

  it('tells a terminal that push is waiting on Anki (and says nothing of it into a pipe)', (context) => {
    const probe = spawnSync('script', ['-qc', 'true', '/dev/null'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      context.skip('no `script` to give the command a terminal');
      return;
    }
    const dir = tempDir();
    const input = join(dir, 'talk.txt');
    writeFileSync(input, '我们要同舟共济，守望相助。\n');
    // Port 9 (discard) has no AnkiConnect: the push fails after the notice.
    const atTerminal = spawnSync('script', ['-qc', `${process.execPath} ${BIN} push ${input} --url http://127.0.0.1:9`, '/dev/null'], { encoding: 'utf8', timeout: 60_000 });
    expect(atTerminal.stdout).toMatch(/sending 2 notes to Anki at http:\/\/127\.0\.0\.1:9; allow access if Anki asks/);
    expect(atTerminal.stdout).toMatch(/cannot reach AnkiConnect/);
    const piped = runCli(['push', input, '--url', 'http://127.0.0.1:9']);
    expect(piped.code).toBe(4);
    expect(piped.stderr).not.toContain('allow access');
  });

  it('requires an output', () => {
    const result = runCli(['build', seed('000')]);
    expect(result.code).toBe(2);
    expect(existsSync('undefined')).toBe(false);
  });
});
