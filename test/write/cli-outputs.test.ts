// The other outputs through the built command, as a user gets them: each file parses back, a recipe builds
// its deck next to itself, and `push` talks to an AnkiConnect stand-in on 127.0.0.1.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Each test runs the built command one or more times; on a busy machine that takes seconds.
vi.setConfig({ testTimeout: 60_000 });
import { FIELD_NAMES } from '../../src/anki/note.js';
import { PLECO_NEWLINE } from '../../src/write/pleco.js';
import { FakeAnki } from '../ankiconnect/fake-anki.js';
import { ALL_SEEDS, REPO_ROOT, runCli, spawnCli, tempDir } from '../support/cli.js';
import { readPackage } from '../support/sqlite.js';

const EXAMPLE = join(REPO_ROOT, 'decks', 'texts', 'example.txt');

interface Phrase {
  text: string;
  kind: string;
}

function extract(format: string, extra: string[] = []): string {
  const result = runCli(['extract', EXAMPLE, '--kinds', 'all', '--format', format, ...extra]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

function runAsync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawnCli(args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

const phrases = JSON.parse(extract('json')) as Phrase[];

describe('extract --format on the example text', () => {
  it('tsv and csv: the Anki headers and one row per phrase, parsed by a CSV parser', () => {
    for (const [format, delimiter] of [
      ['tsv', '\t'],
      ['csv', ','],
    ] as const) {
      const text = extract(format);
      const lines = text.split('\n');
      const headerCount = lines.findIndex((l) => !l.startsWith('#'));
      expect(lines.slice(0, headerCount)).toContain(`#separator:${format === 'tsv' ? 'tab' : 'comma'}`);
      const rows = parse(lines.slice(headerCount).join('\n'), { delimiter, skip_empty_lines: true }) as string[][];
      expect(rows.map((r) => r[0])).toEqual(phrases.map((p) => p.text));
      expect(rows.every((r) => r.length === FIELD_NAMES.length + 2)).toBe(true);
    }
  });

  it('pleco: a category per kind and a three-column line per phrase', () => {
    const lines = extract('pleco').split('\n').filter(Boolean);
    const categories = lines.filter((l) => l.startsWith('//'));
    expect(categories).toHaveLength(new Set(phrases.map((p) => p.kind)).size);
    const cards = lines.filter((l) => !l.startsWith('//')).map((l) => l.split('\t'));
    expect(cards).toHaveLength(phrases.length);
    expect(cards.every((c) => c.length === 3 && c[2]!.split(PLECO_NEWLINE)[0]!.length > 0)).toBe(true);
  });

  it('html and md: every phrase once, the title and the credit', () => {
    const html = extract('html', ['--deck', 'Example <list>']);
    expect(html).toContain('<title>Example &lt;list&gt;</title>');
    expect(html.match(/<li class="entry /g)).toHaveLength(phrases.length);
    const md = extract('md');
    expect(md.split('\n').filter((l) => l.startsWith('### '))).toHaveLength(phrases.length);
    expect(md).toContain('CC BY-SA 4.0');
  });

  it('-o writes the same bytes as standard output', () => {
    const dir = tempDir();
    const out = join(dir, 'list.html');
    expect(runCli(['extract', EXAMPLE, '--kinds', 'all', '--format', 'html', '-o', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(extract('html'));
  });
});

describe('seed speeches through the command: build and extract --format tsv', () => {
  it('give the same notes, fields, tags and GUIDs', () => {
    const dir = tempDir();
    const apkg = join(dir, 'seeds.apkg');
    const tsv = join(dir, 'seeds.tsv');
    expect(runCli(['build', ...ALL_SEEDS, '--kinds', 'all', '-q', '-o', apkg]).code).toBe(0);
    expect(runCli(['extract', ...ALL_SEEDS, '--kinds', 'all', '--format', 'tsv', '-o', tsv]).code).toBe(0);
    const notes = new Map(readPackage(apkg).notes.map((n) => [n.guid, n]));
    const lines = readFileSync(tsv, 'utf8').split('\n');
    const headers = lines.filter((l) => l.startsWith('#'));
    const rows = parse(lines.filter((l) => !l.startsWith('#')).join('\n'), { delimiter: '\t', skip_empty_lines: true }) as string[][];
    expect(headers).toContain('#guid column:12');
    expect(rows.length).toBe(notes.size);
    for (const row of rows) {
      const note = notes.get(row[11]!);
      expect(note, row[0]).toBeDefined();
      expect(row.slice(0, FIELD_NAMES.length)).toEqual(note!.flds.split('\u001f'));
      expect(row[10]).toBe(note!.tags.trim());
    }
  });
});

describe('build decks/NAME.json', () => {
  it('builds the deck next to the recipe from inputs relative to it', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'texts'));
    copyFileSync(EXAMPLE, join(dir, 'texts', 'example.txt'));
    copyFileSync(join(REPO_ROOT, 'decks', 'example.json'), join(dir, 'example.json'));
    const result = runCli(['build', join(dir, 'example.json')], { cwd: tempDir() });
    expect(result.code).toBe(0);
    const apkg = join(dir, 'example.apkg');
    expect(existsSync(apkg)).toBe(true);
    const dump = readPackage(apkg);
    expect(dump.notes.length).toBeGreaterThan(10);
    const decks = Object.values(JSON.parse(String(dump.col[0]!['decks'])) as Record<string, { name: string }>);
    expect(decks.map((d) => d.name)).toContain('chengyu-deck example::小镇图书馆的新生');
  });

  it('names the recipe and the key in a one-line error', () => {
    const dir = tempDir();
    const recipe = join(dir, 'bad.json');
    writeFileSync(recipe, JSON.stringify({ inputs: ['missing.txt'] }));
    const result = runCli(['build', recipe]);
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(recipe);
    expect(result.stderr).toContain('"inputs": input "missing.txt" not found');
  });
});

describe('push', () => {
  const running: FakeAnki[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((f) => f.stop()));
  });

  it('adds every phrase once, then reports all unchanged', async () => {
    const fake = new FakeAnki();
    running.push(fake);
    const url = await fake.start();
    const first = await runAsync(['push', EXAMPLE, '--url', url, '--deck', 'Example']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const n = phrases.filter((p) => p.kind !== 'term').length;
    expect(first.stdout.trim()).toBe(`added ${n}, updated 0, unchanged 0`);
    const second = await runAsync(['push', EXAMPLE, '--url', url, '--deck', 'Example']);
    expect(second.stdout.trim()).toBe(`added 0, updated 0, unchanged ${n}`);
    expect(fake.notesOf('chengyu-deck')).toHaveLength(n);
  });

  it('exits non-zero with one line when nothing is listening', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const result = await runAsync(['push', EXAMPLE, '--url', `http://127.0.0.1:${port}`]);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toMatch(
      new RegExp(`cannot reach AnkiConnect at http://127\\.0\\.0\\.1:${port} — is Anki running with the AnkiConnect add-on\\?$`),
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
