import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OUT_DIR = join(REPO_ROOT, 'test-output', 'anki');
const READER = fileURLToPath(new URL('./read-apkg.py', import.meta.url));

export interface ReadNote {
  id: number;
  guid: string;
  mid: number;
  mod: number;
  usn: number;
  tags: string;
  fields: string[];
  sfld: string;
  sfld_type: string;
  csum: number;
  csum_expected: number;
  sfld_expected: string;
  flags: number;
  data: string;
}
export interface ReadCard {
  id: number;
  nid: number;
  did: number;
  ord: number;
  mod: number;
  type: number;
  queue: number;
  due: number;
}
export interface ReadModel {
  id: number | string;
  name: string;
  mod: number;
  sortf: number;
  type: number;
  flds: { name: string; ord: number; id: number }[];
  tmpls: { name: string; ord: number; qfmt: string; afmt: string; id: number }[];
  req: [number, string, number[]][];
  css: string;
}
export interface ReadDeck {
  id: number;
  name: string;
  desc: string;
  mod: number;
}
export interface ReadPackage {
  entries: { name: string; date_time: number[]; compress_type: number }[];
  media: string;
  integrity: string;
  tables: string[];
  indexes: string[];
  col: {
    ver: number;
    crt: number;
    mod: number;
    conf: Record<string, unknown>;
    models: Record<string, ReadModel>;
    decks: Record<string, ReadDeck>;
    dconf: Record<string, Record<string, unknown>>;
    tags: Record<string, unknown>;
  }[];
  notes: ReadNote[];
  cards: ReadCard[];
  revlog: number;
}

export function writeApkg(name: string, bytes: Uint8Array): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, name);
  writeFileSync(file, bytes);
  return file;
}

/** Reads a package with Python's zipfile and sqlite3: a reader that shares nothing with our writer. */
export function readApkg(file: string): ReadPackage {
  const json = execFileSync('python3', [READER, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(json) as ReadPackage;
}
