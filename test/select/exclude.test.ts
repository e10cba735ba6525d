import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/cli/errors.js';
import { loadExcludeKeys } from '../../src/select/exclude.js';

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

  it('reports unusable inputs as input errors naming the file', async () => {
    await expect(loadExcludeKeys(join(dir, 'missing.txt'))).rejects.toBeInstanceOf(InputError);
    const noCollection = join(dir, 'empty.apkg');
    writeFileSync(noCollection, zipSync({ media: new TextEncoder().encode('{}') }));
    await expect(loadExcludeKeys(noCollection)).rejects.toThrow(/empty\.apkg: .*collection/);
    const newer = join(dir, 'newer.apkg');
    writeFileSync(newer, zipSync({ 'collection.anki21b': new Uint8Array([1, 2, 3]) }));
    await expect(loadExcludeKeys(newer)).rejects.toThrow(/older Anki versions/);
    const binary = join(dir, 'binary.txt');
    writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41]));
    await expect(loadExcludeKeys(binary)).rejects.toBeInstanceOf(InputError);
    const broken = join(dir, 'broken.apkg');
    writeFileSync(broken, zipSync({ 'collection.anki2': new TextEncoder().encode('not a database') }));
    await expect(loadExcludeKeys(broken)).rejects.toBeInstanceOf(InputError);
  });
});
