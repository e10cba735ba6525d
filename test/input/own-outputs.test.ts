// The tool's own lists, tables and card files are told from texts by their first bytes.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isGeneratedList } from '../../src/input/own-outputs.js';
import { resolveInputs } from '../../src/input/resolve.js';
import { formatMarkdown } from '../../src/write/markdown.js';
import { formatHtml } from '../../src/write/html.js';
import { formatPleco } from '../../src/write/pleco.js';
import { formatTable } from '../../src/write/table.js';
import { formatAnkiText } from '../../src/write/anki-text.js';
import { ALL_SEEDS, runCli, tempDir } from '../support/cli.js';
import { SOURCES, sampleCards } from '../write/cards.js';

const head = (text: string): string => Buffer.from(text, 'utf8').subarray(0, 1024).toString('utf8');

describe('isGeneratedList', () => {
  it('knows every list, table and card file the tool writes', () => {
    const cards = sampleCards();
    const outputs = {
      markdown: formatMarkdown(cards, { title: '小镇', sources: SOURCES }),
      html: formatHtml(cards, { title: '小镇', sources: SOURCES }),
      pleco: formatPleco(cards, { category: '小镇' }),
      table: formatTable(cards),
      tsv: formatAnkiText(cards, { separator: 'tab', deckName: '小镇' }),
      csv: formatAnkiText(cards, { separator: 'comma', deckName: '小镇' }),
    };
    for (const [format, text] of Object.entries(outputs)) expect(isGeneratedList(head(text)), format).toBe(true);
  });

  it('takes speeches and articles for texts, markdown and comment-like openings included', () => {
    for (const path of ALL_SEEDS) expect(isGeneratedList(head(readFileSync(path, 'utf8'))), path).toBe(false);
    // Written for this test.
    for (const text of ['# 学习笔记\n\n今天学了成语。', '//这一行以斜线开头\n正文没有制表符。', '#标题\n正文。', '<!-- 草稿 -->\n# 标题\n正文。']) {
      expect(isGeneratedList(text), text).toBe(false);
    }
  });
});

describe('a folder holding last run\'s lists', () => {
  it('is read without them, and the lists can be written again', async () => {
    const dir = tempDir();
    const folder = join(dir, 'speeches');
    mkdirSync(folder);
    writeFileSync(join(folder, 'talk.txt'), '在困难面前，邻里之间守望相助，大家同舟共济。\n');
    for (const [format, name] of [
      ['md', 'list.md'],
      ['html', 'list.html'],
      ['pleco', 'pleco.txt'],
      ['tsv', 'cards.txt'],
      ['table', 'table.txt'],
    ]) {
      const first = runCli(['extract', folder, '--format', format, '-o', join(folder, name), '-q']);
      expect(first.code, first.stderr).toBe(0);
    }
    expect((await resolveInputs([folder])).map((r) => r.name)).toEqual(['talk.txt']);
    const again = runCli(['extract', folder, '--format', 'md', '-o', join(folder, 'list.md'), '-q']);
    expect(again.code, again.stderr).toBe(0);
    const json = JSON.parse(runCli(['extract', folder, '--format', 'json', '-q']).stdout) as { text: string; count: number }[];
    expect(json.find((p) => p.text === '守望相助')?.count).toBe(1);
    // Named on its own, a list is read like any text.
    expect((await resolveInputs([join(folder, 'list.md')])).length).toBe(1);
    // A folder of nothing but lists says so.
    const lists = join(dir, 'lists');
    mkdirSync(lists);
    writeFileSync(join(lists, 'list.md'), readFileSync(join(folder, 'list.md')));
    const only = runCli(['extract', lists, '-q']);
    expect(only.code).toBe(3);
    expect(only.stderr).toMatch(/only lists made by chengyu-deck/);
  }, 60_000);
});
