import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/cli/errors.js';
import { keysOf, loadExcludeKeys } from '../../src/select/exclude.js';

const dir = mkdtempSync(join(tmpdir(), 'exclude-'));

async function collection(firstFields: string[]): Promise<Uint8Array> {
  const wasm = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
  const SQL = await initSqlJs({ locateFile: () => wasm });
  const db = new SQL.Database();
  db.run('CREATE TABLE notes (id integer primary key, guid text, mid integer, mod integer, usn integer, tags text, flds text, sfld text, csum integer, flags integer, data text)');
  firstFields.forEach((field, i) => {
    db.run('INSERT INTO notes VALUES (?, ?, 1, 0, 0, "", ?, ?, 0, 0, "")', [i + 1, `g${i}`, `${field}\x1fpinyin\x1fmeaning`, field]);
  });
  const bytes = db.export();
  db.close();
  return bytes;
}

/**
 * `data` as one zstd frame of raw (stored) blocks: valid zstd that any decoder reads, written by hand so
 * the test needs no compressor. Frame header: magic, a descriptor byte with only the single-segment flag
 * clear and no dictionary or checksum, a one-byte window descriptor; then blocks of at most 128 KiB, each
 * with a 3-byte little-endian header (last-block bit, type 0 = raw, size << 3).
 */
function zstdStored(data: Uint8Array): Uint8Array {
  const BLOCK = 128 * 1024;
  const parts: number[] = [0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58]; // window 2^(10 + 11) = 2 MiB ≥ any block
  const out: Uint8Array[] = [];
  for (let at = 0; at === 0 || at < data.length; at += BLOCK) {
    const size = Math.min(BLOCK, data.length - at);
    const last = at + BLOCK >= data.length ? 1 : 0;
    const header = (size << 3) | last;
    parts.push(header & 0xff, (header >>> 8) & 0xff, (header >>> 16) & 0xff);
    out.push(Uint8Array.from(parts), data.subarray(at, at + size));
    parts.length = 0;
  }
  return Buffer.concat(out);
}

describe('loadExcludeKeys', () => {
  it('reads a word list in Simplified or Traditional, one phrase per line', async () => {
    const path = join(dir, 'known.txt');
    writeFileSync(path, '\uFEFF# my known phrases\n削足適履\n同舟共济\r\n\n天涯若比鄰\t(a note)\n');
    const keys = await loadExcludeKeys(path);
    expect(keys.has('削足适履')).toBe(true);
    expect(keys.has('同舟共济')).toBe(true);
    expect(keys.has('天涯若比邻')).toBe(true);
    expect(keys.has('我的')).toBe(false);
  });

  it('reads the first field of every note of an Anki package, HTML removed', async () => {
    const path = join(dir, 'old.apkg');
    const db = await collection(['<b>量体裁衣</b>', '山川異域、風月同天', '&nbsp;休戚与共 ']);
    writeFileSync(path, zipSync({ 'collection.anki2': db, media: new TextEncoder().encode('{}') }));
    const keys = await loadExcludeKeys(path);
    expect([...keys].filter((k) => ['量体裁衣', '山川异域风月同天', '休戚与共'].includes(k)).sort()).toEqual(
      ['休戚与共', '山川异域风月同天', '量体裁衣'].sort(),
    );
  });

  it('reads the new package format (Anki 2.1.50+): the compressed collection, not the stand-in beside it', async () => {
    const path = join(dir, 'new.apkg');
    // As Anki writes it: collection.anki21b (zstd) and, under the old name, a collection whose only note
    // asks to update Anki. Far more notes than one stored block holds, so the frame has several blocks.
    const phrases = Array.from({ length: 3000 }, (_, i) => `${String.fromCharCode(0x4e00 + i)}字`);
    phrases.push('守望相助', '同舟共濟');
    const real = await collection(phrases);
    expect(real.length).toBeGreaterThan(128 * 1024);
    const standIn = await collection(['Please update to the latest Anki version, then import the .colpkg/.apkg file again.']);
    writeFileSync(path, zipSync({ 'collection.anki2': standIn, 'collection.anki21b': zstdStored(real), meta: new Uint8Array([8, 3]) }));
    const keys = await loadExcludeKeys(path);
    expect(keys.has('守望相助')).toBe(true);
    expect(keys.has('同舟共济')).toBe(true);
    expect(keys.has(`${String.fromCharCode(0x4e00 + 2999)}字`)).toBe(true);
  });

  it('leaves character references that name no character as written instead of failing', async () => {
    const path = join(dir, 'entities.apkg');
    const db = await collection(['&#99999999;一帆风顺', '&#xD800;&#x4E00;举两得', '&#x5B88;望相助']);
    writeFileSync(path, zipSync({ 'collection.anki2': db }));
    const keys = await loadExcludeKeys(path);
    expect(keys.has('一帆风顺')).toBe(true);
    expect(keys.has('一举两得')).toBe(true);
    expect(keys.has('守望相助')).toBe(true);
  });

  it('reads the lists this tool writes, so last week\'s list keeps this week\'s from repeating it', async () => {
    const { formatMarkdown } = await import('../../src/write/markdown.js');
    const { formatHtml } = await import('../../src/write/html.js');
    const { formatPleco } = await import('../../src/write/pleco.js');
    const { formatAnkiText } = await import('../../src/write/anki-text.js');
    const { formatJson } = await import('../../src/write/json.js');
    const { SOURCES, sampleCards } = await import('../write/cards.js');
    const cards = sampleCards();
    const lists = {
      md: formatMarkdown(cards, { title: '小镇', sources: SOURCES }),
      html: formatHtml(cards, { title: '小镇', sources: SOURCES }),
      pleco: formatPleco(cards, { category: '小镇' }),
      csv: formatAnkiText(cards, { separator: 'comma', deckName: '小镇' }),
      tsv: formatAnkiText(cards, { separator: 'tab', deckName: '小镇' }),
      json: formatJson(cards),
    };
    const expected = [...new Set(cards.map((c) => c.key))].sort();
    for (const [format, text] of Object.entries(lists)) {
      const path = join(dir, `list.${format}`);
      writeFileSync(path, text);
      const keys = await loadExcludeKeys(path);
      expect(expected.filter((key) => !keys.has(key)), format).toEqual([]);
      // Only the phrases: no key from a meaning, a context or a heading of the list.
      expect([...keys].filter((key) => !expected.includes(key) && !cards.some((c) => keysOf([c.traditional]).has(key))), format).toEqual([]);
    }
  });

  it('refuses a collection that would unpack past the input limit, before holding it', async () => {
    // Run-length blocks (type 1): three header bytes and one byte of content stand for 128 KiB each, so
    // 20 KB of zstd make 640 MB. Unbounded, the whole of it was inflated before SQLite refused it.
    const BLOCK = 128 * 1024;
    const blocks = 5_000;
    const bytes: number[] = [0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58];
    for (let b = 0; b < blocks; b++) {
      const header = (BLOCK << 3) | (1 << 1) | (b === blocks - 1 ? 1 : 0);
      bytes.push(header & 0xff, (header >>> 8) & 0xff, (header >>> 16) & 0xff, 0x41);
    }
    const bomb = join(dir, 'bomb.apkg');
    writeFileSync(bomb, zipSync({ 'collection.anki21b': Uint8Array.from(bytes) }));
    await expect(loadExcludeKeys(bomb)).rejects.toThrow(/bomb\.apkg: its collection unpacks to more than 512 MB/);
  });

  it('reports unusable inputs as input errors naming the file', async () => {
    await expect(loadExcludeKeys(join(dir, 'missing.txt'))).rejects.toBeInstanceOf(InputError);
    const noCollection = join(dir, 'empty.apkg');
    writeFileSync(noCollection, zipSync({ media: new TextEncoder().encode('{}') }));
    await expect(loadExcludeKeys(noCollection)).rejects.toThrow(/empty\.apkg: .*collection/);
    const newer = join(dir, 'newer.apkg');
    writeFileSync(newer, zipSync({ 'collection.anki21b': new Uint8Array([1, 2, 3]) }));
    await expect(loadExcludeKeys(newer)).rejects.toThrow(/newer\.apkg: collection\.anki21b is not readable zstd/);
    const binary = join(dir, 'binary.txt');
    writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41]));
    await expect(loadExcludeKeys(binary)).rejects.toBeInstanceOf(InputError);
    const broken = join(dir, 'broken.apkg');
    writeFileSync(broken, zipSync({ 'collection.anki2': new TextEncoder().encode('not a database') }));
    await expect(loadExcludeKeys(broken)).rejects.toBeInstanceOf(InputError);
  });
});
