// Known-phrase exclusion: the keys of the phrases a learner already has, from a word list (one phrase per
// line, Simplified or Traditional) or from an Anki package (each note's first field), old or new format.
// sql.js, fflate, fzstd and OpenCC load only when this runs.
import { open, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { InputError } from '../cli/errors.js';
import { hanOnly } from '../lexicon/paths.js';
import { HTML_GENERATOR, MARKDOWN_MARK } from '../input/own-outputs.js';
import { decode, EMPTY_FILE, NO_CHINESE } from '../input/decode.js';
import { decodeEntity } from '../input/html.js';
import { isZip, unpack } from '../input/packages.js';
import { MAX_INPUT_BYTES, readSideFile } from '../input/read.js';
import { readZipEntries } from '../input/zip-file.js';


/** Plain text of an Anki field: tags removed, the common entities decoded. */
export function stripHtml(field: string): string {
  // One pass over the entities, so `&amp;lt;` stays `&lt;`; one that names no character stays as written.
  return field.replace(/<[^<>]*>/g, ' ').replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (entity, body: string) => decodeEntity(body) ?? entity);
}

type Convert = (text: string) => string;
let toSimplified: Convert | undefined;

function simplifier(): Convert {
  if (toSimplified) return toSimplified;
  const opencc = createRequire(import.meta.url)('opencc-js/t2cn') as typeof import('opencc-js');
  const convert: Convert = opencc.Converter({ from: 't', to: 'cn' });
  toSimplified = convert;
  return convert;
}

/** Keys for the phrases given: each as written and converted to Simplified. */
export function keysOf(phrases: Iterable<string>): Set<string> {
  const keys = new Set<string>();
  const han: string[] = [];
  for (const p of phrases) {
    const key = hanOnly(p);
    if (key.length > 0) han.push(key);
  }
  if (han.length === 0) return keys;
  // One conversion call for the whole list: OpenCC's per-call overhead dominates on short strings.
  const converted = simplifier()(han.join('\n')).split('\n');
  han.forEach((key, i) => {
    keys.add(key);
    const simplified = converted[i];
    if (simplified) keys.add(simplified);
  });
  return keys;
}

/** Thrown from the decompressor's data handler to stop a collection that would unpack past the limit. */
class TooLargeCollection extends Error {}

async function decompressCollection(path: string, compressed: Uint8Array): Promise<Uint8Array> {
  const { Decompress } = await import('fzstd');
  // Streamed and counted: a small package can hold a collection of gigabytes.
  const parts: Uint8Array[] = [];
  let size = 0;
  const stream = new Decompress((data) => {
    size += data.length;
    if (size > MAX_INPUT_BYTES) throw new TooLargeCollection();
    parts.push(data);
  });
  try {
    stream.push(compressed, true);
  } catch (error) {
    if (error instanceof TooLargeCollection) {
      throw new InputError(path, `its collection unpacks to more than ${MAX_INPUT_BYTES / 1024 / 1024} MB; not a word list this tool can read`);
    }
    throw new InputError(path, `collection.anki21b is not readable zstd data (${(error as Error).message})`);
  }
  return Buffer.concat(parts);
}

const isCollection = (name: string): boolean => name === 'collection.anki21' || name === 'collection.anki2' || name === 'collection.anki21b';

async function firstFieldsOfPackage(path: string, files: Record<string, Uint8Array>): Promise<string[]> {
  // Anki 2.1.50 and later write the collection zstd-compressed (collection.anki21b) and add, under the
  // old name, a stand-in collection whose one note asks to update Anki: that stand-in is not the deck.
  const compressed = files['collection.anki21b'];
  const db = compressed ? await decompressCollection(path, compressed) : (files['collection.anki21'] ?? files['collection.anki2']);
  if (!db) throw new InputError(path, 'no collection.anki2 inside: not an Anki package');
  const { default: initSqlJs } = await import('sql.js');
  const wasmPath = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
  const SQL = await initSqlJs({ locateFile: () => wasmPath });
  let database: import('sql.js').Database | undefined;
  try {
    database = new SQL.Database(db);
    const result = database.exec('SELECT flds FROM notes ORDER BY id');
    const rows = result[0]?.values ?? [];
    return rows.map((row) => stripHtml(String(row[0] ?? '').split('\x1f')[0] ?? ''));
  } catch (error) {
    throw new InputError(path, `cannot read the notes of this Anki package (${(error as Error).message})`);
  } finally {
    database?.close();
  }
}

async function startsAsZip(path: string): Promise<boolean> {
  const file = await open(path, 'r').catch(() => undefined);
  if (file === undefined) return false;
  try {
    const head = new Uint8Array(4);
    await file.read(head, 0, 4, 0);
    return isZip(head);
  } finally {
    await file.close();
  }
}

/** The keys (Simplified Han characters) of the phrases in a word list or an Anki package. */
export async function loadExcludeKeys(path: string): Promise<Set<string>> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile() === true) {
    // A package on disk is read by seeking: exported with its media it can be gigabytes around a small
    // collection.
    if (await startsAsZip(path)) return keysOf(await firstFieldsOfPackage(path, await readZipEntries(path, path, isCollection, 'Anki package')));
    if (info.size > MAX_INPUT_BYTES) throw new InputError(path, `larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB; not a word list`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readSideFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a word list' : `cannot read (${code ?? 'error'})`);
  }
  if (isZip(bytes)) return keysOf(await firstFieldsOfPackage(path, unpack(path, bytes, isCollection, 'Anki package')));
  // Decoded as a text is: a list saved by Notepad on Chinese Windows is GBK (or UTF-16, or Big5).
  let text: string;
  try {
    text = decode({ name: path, path, bytes }).originalText;
  } catch (error) {
    // A list with nothing in it yet (or only comments) excludes nothing; it is not an error.
    if (error instanceof InputError && (error.problem === EMPTY_FILE || error.problem === NO_CHINESE)) return new Set();
    throw error;
  }
  return keysOf(phrasesOfList(text.replace(/^\uFEFF/, '')));
}

/**
 * The phrases of a text list: one per line (a tab-separated list keeps its first column: an export of
 * Anki notes, a TSV deck), or the entries of a list this tool wrote, so that last week's list keeps this
 * week's from repeating it: the HTML list's `data-key`s, the markdown list's `### n. phrase` headings, a
 * Pleco file's headwords, a CSV deck's first column, the JSON list's `key`s.
 */
export function phrasesOfList(text: string): string[] {
  const head = text.slice(0, 1024);
  if (head.includes(HTML_GENERATOR)) return [...text.matchAll(/\sdata-key="([^"]*)"/g)].map((m) => m[1] ?? '');
  if (head.startsWith(MARKDOWN_MARK)) {
    return [...text.matchAll(/^### \d+\. (.+?)(?: · .*)?$/gm)].map((m) => m[1] ?? '');
  }
  if (/^\s*\[\s*\{/.test(head)) {
    try {
      const items = JSON.parse(text) as unknown;
      if (Array.isArray(items)) {
        return items.map((item) => (item !== null && typeof item === 'object' && typeof (item as { key?: unknown }).key === 'string' ? (item as { key: string }).key : ''));
      }
    } catch {
      // Not JSON after all: read it as lines.
    }
  }
  const comma = head.startsWith('#separator:comma');
  const pleco = head.startsWith('//');
  return text
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith('#') && !(pleco && line.startsWith('//')))
    .map((line) => {
      const first = line.split('\t')[0] ?? '';
      if (comma) return first.split(',')[0] ?? '';
      // A Pleco headword: `简体[繁體]`.
      return pleco ? first.replace(/\[[^[\]]*\]$/, '') : first;
    });
}
