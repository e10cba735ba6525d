import { closeSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, zipSync } from 'fflate';
import initSqlJs from 'sql.js';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/cli/errors.js';
import { keysOf, loadExcludeKeys } from '../../src/select/exclude.js';

const dir = mkdtempSync(join(tmpdir(), 'exclude-'));
// The sparse packages are gigabytes long on paper: not left behind.
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

interface ZipPart {
  name: string;
  /** The entry's bytes, deflated into the file. */
  data?: Uint8Array;
  /** Or an entry of this many zero bytes, stored and left as a hole in a sparse file (media to skip). */
  holeBytes?: number;
}

/**
 * A zip written field by field, so that an entry can be gigabytes of sparse hole: an Anki package exported
 * with its media. Entries past 4 GB get zip64 sizes and offsets, and the directory a zip64 end record, as
 * Anki's exporter writes them. The CRC of a hole is left 0: the reader never reads that entry.
 */
function writeSparseZip(path: string, parts: ZipPart[]): void {
  const FOUR_GB = 2 ** 32;
  const fd = openSync(path, 'w');
  let at = 0;
  const directory: Buffer[] = [];
  let zip64 = false;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const body = part.data === undefined ? undefined : deflateSync(part.data);
    const size = part.data?.length ?? part.holeBytes ?? 0;
    const compressedSize = body?.length ?? size;
    const large = size >= FOUR_GB || at >= FOUR_GB;
    zip64 ||= large;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(large ? 45 : 20, 4);
    local.writeUInt16LE(body ? 8 : 0, 8);
    local.writeUInt32LE(Math.min(compressedSize, 0xffffffff), 18);
    local.writeUInt32LE(Math.min(size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    writeSync(fd, Buffer.concat([local, name]), 0, 30 + name.length, at);
    const extra = Buffer.alloc(large ? 28 : 0);
    if (large) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(compressedSize), 12);
      extra.writeBigUInt64LE(BigInt(at), 20);
    }
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(large ? 45 : 20, 4);
    entry.writeUInt16LE(large ? 45 : 20, 6);
    entry.writeUInt16LE(body ? 8 : 0, 10);
    entry.writeUInt32LE(large ? 0xffffffff : compressedSize, 20);
    entry.writeUInt32LE(large ? 0xffffffff : size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt16LE(extra.length, 30);
    entry.writeUInt32LE(large ? 0xffffffff : at, 42);
    directory.push(entry, name, extra);
    if (body) writeSync(fd, body, 0, body.length, at + 30 + name.length);
    at += 30 + name.length + compressedSize;
  }
  const central = Buffer.concat(directory);
  writeSync(fd, central, 0, central.length, at);
  const directoryAt = at;
  at += central.length;
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(parts.length), 24);
    record.writeBigUInt64LE(BigInt(parts.length), 32);
    record.writeBigUInt64LE(BigInt(central.length), 40);
    record.writeBigUInt64LE(BigInt(directoryAt), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(at), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : parts.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : parts.length, 10);
  end.writeUInt32LE(zip64 ? 0xffffffff : central.length, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : directoryAt, 16);
  tail.push(end);
  const tailBytes = Buffer.concat(tail);
  writeSync(fd, tailBytes, 0, tailBytes.length, at);
  closeSync(fd);
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

  it('reads a word list saved as GBK, Big5 or UTF-16, as Notepad on Chinese Windows saves it', async () => {
    const lists: [string, Buffer][] = [
      // 削足适履 / 同舟共济, one per line, in GBK.
      ['gbk.txt', Buffer.from([0xcf, 0xf7, 0xd7, 0xe3, 0xca, 0xca, 0xc2, 0xc4, 0x0d, 0x0a, 0xcd, 0xac, 0xd6, 0xdb, 0xb9, 0xb2, 0xbc, 0xc3, 0x0d, 0x0a])],
      // 削足適履 / 同舟共濟 in Big5: keys are taken in Simplified too.
      ['big5.txt', Buffer.from([171, 100, 168, 172, 190, 65, 188, 105, 13, 10, 166, 80, 166, 224, 166, 64, 192, 217, 13, 10])],
      ['utf16.txt', Buffer.from('\uFEFF削足适履\r\n同舟共济\r\n', 'utf16le')],
    ];
    for (const [name, bytes] of lists) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const keys = await loadExcludeKeys(path);
      expect(keys.has('削足适履'), name).toBe(true);
      expect(keys.has('同舟共济'), name).toBe(true);
    }
  });

  it('reads an empty list, or one of comments only, as excluding nothing', async () => {
    for (const [name, content] of [['new.txt', ''], ['comments.txt', '# phrases I know\n\n'], ['blank.txt', ' \n']] as const) {
      const path = join(dir, name);
      writeFileSync(path, content);
      expect((await loadExcludeKeys(path)).size, name).toBe(0);
    }
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

  it('reads the collection of a package exported with gigabytes of media, without reading the media', async () => {
    // The media beside the collection are sparse holes: 3 GB (plain zip fields) and 5 GB (zip64 fields
    // and end record). Read whole, a file past 2 GB cannot even be held in one buffer.
    const db = await collection(['刻舟求剑', '<i>水滴石穿</i>']);
    for (const [label, media] of [['3GB', 3 * 2 ** 30], ['5GB', 5 * 2 ** 30]] as const) {
      const path = join(dir, `media-${label}.apkg`);
      writeSparseZip(path, [{ name: 'collection.anki2', data: db }, { name: '0', holeBytes: media }, { name: 'media', data: new TextEncoder().encode('{"0":"a.mp3"}') }]);
      const keys = await loadExcludeKeys(path);
      expect(keys.has('刻舟求剑')).toBe(true);
      expect(keys.has('水滴石穿')).toBe(true);
    }
    // The media entry first, the collection after it, past the 4 GB mark: found by its zip64 offset.
    const late = join(dir, 'media-first.apkg');
    writeSparseZip(late, [{ name: '0', holeBytes: 5 * 2 ** 30 }, { name: 'collection.anki21', data: db }]);
    expect((await loadExcludeKeys(late)).has('刻舟求剑')).toBe(true);
  });

  it('refuses a collection entry past the input limit before reading it', async () => {
    const path = join(dir, 'huge-collection.apkg');
    writeSparseZip(path, [{ name: 'collection.anki2', holeBytes: 600 * 2 ** 20 }]);
    await expect(loadExcludeKeys(path)).rejects.toThrow(/huge-collection\.apkg: its collection\.anki2 is 600 MB, more than the 512 MB this tool reads/);
  });

  it('finds the zip directory of a package whose comment holds a copy of the end record', async () => {
    const zip = Buffer.from(zipSync({ 'collection.anki2': await collection(['刻舟求剑']) }));
    // The comment: a stray end record that points at nothing, then some text.
    const fake = Buffer.alloc(22);
    fake.writeUInt32LE(0x06054b50, 0);
    fake.writeUInt16LE(1, 10);
    fake.writeUInt32LE(46, 12);
    const comment = Buffer.concat([Buffer.from('note '), fake, Buffer.from(' end')]);
    zip.writeUInt16LE(comment.length, zip.length - 2);
    const path = join(dir, 'commented.apkg');
    writeFileSync(path, Buffer.concat([zip, comment]));
    expect((await loadExcludeKeys(path)).has('刻舟求剑')).toBe(true);
  });

  it('refuses a package cut short, naming it, in one line', async () => {
    const whole = zipSync({ 'collection.anki2': await collection(['刻舟求剑']) });
    const cut = join(dir, 'cut.apkg');
    writeFileSync(cut, whole.subarray(0, whole.length - 30));
    const error = await loadExcludeKeys(cut).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(String((error as Error).message)).toMatch(/cut\.apkg: not a readable Anki package \(.*cut short/);
    expect(String((error as Error).message)).not.toContain('\n');
  });

  it('refuses a word list past the input limit before reading it', async () => {
    const huge = join(dir, 'huge.txt');
    writeFileSync(huge, '刻舟求剑\n');
    truncateSync(huge, 600 * 1024 * 1024);
    await expect(loadExcludeKeys(huge)).rejects.toThrow(/huge\.txt: larger than 512 MB; not a word list/);
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
