// Inputs shaped to make the tool's work grow faster than the text: a regular expression that backtracks
// quadratically over a line (a `(转` followed by a long run of tabs took 2.9 s at 80,000 characters and
// grows with the square), or a detector whose proposals multiply with a repeated clause. Each case runs
// the built command on about a million characters in its own process, killed after a minute: the tool
// needs about a second, the old code took hours. The regex shapes were found with the recheck analyser
// over every literal regex in dist/; the others by timing random repetitive sentences per character.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, tempDir } from '../support/cli.js';
import { OWN_SPEECH } from './support.js';

const LENGTH = 1_000_000;
const LIMIT_MS = 60_000;

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  seconds: number;
}

function run(args: string[]): Promise<Finished> {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // SIGKILL: a regular expression stuck in backtracking never lets a SIGTERM handler run.
    const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stderr, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** Finished on its own, with success or a clean input error. */
function expectFinished(result: Finished): void {
  expect(result.signal, `killed after ${result.seconds} s: it hung`).toBeNull();
  expect([0, 3], result.stderr).toContain(result.code);
}

const dir = tempDir('chengyu-backtracking-');
const tabs = '\t'.repeat(LENGTH);

function textFile(name: string, line: string): string {
  const path = join(dir, name);
  writeFileSync(path, `${OWN_SPEECH}\n\n${line}\n\n${OWN_SPEECH}\n`);
  return path;
}

describe('lines that made a backtracking pattern slow', () => {
  it('a long run of zero-width joiners between Latin letters and between Han characters', async () => {
    const joiners = '\u200d'.repeat(LENGTH / 2);
    expectFinished(await run(['extract', textFile('joiners.txt', `a${joiners}b 半${joiners}途`), '-q']));
  }, LIMIT_MS + 10_000);

  it('a newspaper page marker opened and followed by a long run of tabs', async () => {
    expectFinished(await run(['extract', textFile('page-marker.txt', `(转${tabs}转0版)`), '-q']));
  }, LIMIT_MS + 10_000);

  it('a dotted section header opened and followed by a long run of tabs', async () => {
    expectFinished(await run(['extract', textFile('dotted.txt', `·${tabs}中`), '-q']));
  }, LIMIT_MS + 10_000);

  it('a Pleco list whose line is a million opening brackets', async () => {
    const list = join(dir, 'known.pleco.txt');
    writeFileSync(list, `// Pleco list\n${'['.repeat(LENGTH)}\n同舟共济\n`);
    expectFinished(await run(['extract', textFile('speech.txt', '大家同舟共济。'), '--exclude', list, '-q']));
  }, LIMIT_MS + 10_000);

  it('a Word document cut off inside a tag name a million characters long', async () => {
    const path = join(dir, 'tag.docx');
    const xml = `<w:document><w:body><w:p><w:r><w:t>大家同舟共济。</w:t></w:r></w:p><w:A-${'0-'.repeat(LENGTH / 2)}`;
    writeFileSync(path, zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8(xml) }));
    expectFinished(await run(['extract', path, '-q']));
  }, LIMIT_MS + 10_000);

  it('an e-book whose package document ends in a run of unclosed item tags', async () => {
    const path = join(dir, 'items.epub');
    const container = '<container><rootfiles><rootfile full-path="content.opf"/></rootfiles></container>';
    const opf = `<package><manifest>${'<item '.repeat(LENGTH / 6)}`;
    writeFileSync(
      path,
      zipSync({ mimetype: strToU8('application/epub+zip'), 'META-INF/container.xml': strToU8(container), 'content.opf': strToU8(opf) }),
    );
    expectFinished(await run(['extract', path, '-q']));
  }, LIMIT_MS + 10_000);
});

describe('text that made detection slow', () => {
  it('a clause of a known quotation repeated a million characters long (was 1.3 s per sentence, growing with its cube)', async () => {
    expectFinished(await run(['extract', textFile('repeated-clause.txt', '风月同天，'.repeat(LENGTH / 5)), '-q']));
  }, LIMIT_MS + 10_000);
});
