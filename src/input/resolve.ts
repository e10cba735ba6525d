// Command-line input arguments → the inputs to read: files as given, directories searched recursively for
// text files, `-` for standard input. Order is stable (arguments in order, directory entries by relative
// path) so the same command gives the same output.
import { isUtf8 } from 'node:buffer';
import { fstatSync, realpathSync, statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, normalize, resolve, sep } from 'node:path';
import { InputError, OutputError } from '../cli/errors.js';
import type { DiskPath } from '../types.js';
import { fileHead, isGeneratedList } from './own-outputs.js';

export interface InputRef {
  /**
   * The name cards and messages use: a file argument's file name (its path as given when two inputs share
   * a file name), a path relative to a directory argument, or `stdin`.
   */
  name: string;
  /** Absolute path; null for standard input. */
  path: DiskPath | null;
}

export const TEXT_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.srt', '.vtt', '.docx', '.epub', '.rtf'] as const;

function isTextFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return TEXT_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

// A folder of speeches often carries its own notes (a README describing the texts); those are about the
// corpus, not part of it. Named explicitly on the command line, such a file is read like any other.
const PROJECT_DOC = /^(readme|license|licence|changelog|contributing|notes?)(\.[a-z]+)?$/i;

function isCorpusFile(name: string): boolean {
  return isTextFileName(name) && !PROJECT_DOC.test(name);
}

const toSlashes = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

function problemOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return (error as Error | undefined)?.message ?? String(error);
}

interface FileIdentity {
  dev: number;
  ino: number;
}

/**
 * The regular files standard output and standard error go into. The shell creates them before the tool
 * starts, so `extract speeches/ > speeches/list.txt` finds an empty list.txt among the speeches.
 */
function redirectTargets(): FileIdentity[] {
  const targets: FileIdentity[] = [];
  for (const fd of [1, 2]) {
    try {
      const info = fstatSync(fd);
      if (info.isFile()) targets.push({ dev: info.dev, ino: info.ino });
    } catch {
      // Closed: nothing goes there.
    }
  }
  return targets;
}

/** Whether the file is all in `head` (its first bytes, as text) and so holds nothing but white space. */
function isBlankFile(path: DiskPath, head: string): boolean {
  try {
    return statSync(path).size <= Buffer.byteLength(head);
  } catch {
    return false;
  }
}

/**
 * Whether this command's standard output or standard error goes into the file at `path`: a file read
 * besides the texts (an `--exclude` list) that is also the redirection was emptied by the shell already.
 */
export function isRedirectedInto(path: string): boolean {
  return isRedirectTarget(path, redirectTargets());
}

function isRedirectTarget(path: DiskPath, targets: readonly FileIdentity[]): boolean {
  if (targets.length === 0) return false;
  try {
    const info = statSync(path);
    return targets.some((target) => target.dev === info.dev && target.ino === info.ino);
  } catch {
    return false;
  }
}

const SEPARATOR = Buffer.from(sep);
const LEGACY_NAME_ENCODINGS = ['gb18030', 'big5'] as const;
const HAN = /\p{Script=Han}/u;

/**
 * A file name the file system gave as bytes, as cards and messages show it: UTF-8 as it is; otherwise
 * the Chinese legacy encoding it reads as (names unpacked from a zip made on Chinese Windows are GBK),
 * else UTF-8 with the undecodable bytes replaced.
 */
export function displayName(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  for (const encoding of LEGACY_NAME_ENCODINGS) {
    try {
      const name = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      if (HAN.test(name)) return name;
    } catch {
      // Not this encoding.
    }
  }
  return bytes.toString('utf8');
}

/** `dir`'s entry `name`: a string while every name along it is UTF-8, else the path's bytes. */
function childPath(dir: DiskPath, name: Buffer): DiskPath {
  if (typeof dir === 'string' && isUtf8(name)) return join(dir, name.toString('utf8'));
  return Buffer.concat([typeof dir === 'string' ? Buffer.from(dir) : dir, SEPARATOR, name]);
}

/**
 * Text files under `dir`, sorted by relative path; hidden entries and this tool's own lists skipped; each
 * real directory visited once. Names are read as bytes: one name that is not UTF-8 would otherwise come
 * back with its bytes replaced, a path no call can open, and fail the whole run.
 */
async function walk(
  root: string,
  argName: string,
  redirected: readonly FileIdentity[],
): Promise<{ refs: InputRef[]; ownLists: number; empty: number; unreadable: Map<string, number> }> {
  const found: { rel: string; path: DiskPath }[] = [];
  const unreadable = new Map<string, number>();
  const visited = new Set<string>();
  // An explicit stack, not recursion: depth is bounded by the disk, not by the call stack.
  const pending: { dir: DiskPath; rel: string }[] = [{ dir: root, rel: '' }];
  while (pending.length > 0) {
    const { dir, rel } = pending.pop() as { dir: DiskPath; rel: string };
    let real: string;
    try {
      // As bytes, spelt one character per byte: two names that are not UTF-8 stay apart.
      real = (await realpath(dir, { encoding: 'buffer' })).toString('latin1');
    } catch {
      continue;
    }
    if (visited.has(real)) continue;
    visited.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (error) {
      if (rel === '') throw new InputError(argName, problemOf(error));
      continue;
    }
    for (const entry of entries) {
      const nameBytes = Buffer.from(entry.name);
      if (nameBytes[0] === 0x2e) continue;
      const name = displayName(nameBytes);
      const path = childPath(dir, nameBytes);
      const entryRel = rel === '' ? name : `${rel}/${name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // a dangling link is not an input
        }
      }
      if (isDir) pending.push({ dir: path, rel: entryRel });
      else if (isFile && isCorpusFile(name)) found.push({ rel: entryRel, path });
      else if (isFile) {
        const extension = unreadableDocumentExtension(name);
        if (extension !== undefined) unreadable.set(extension, (unreadable.get(extension) ?? 0) + 1);
      }
    }
  }
  found.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const texts: { rel: string; path: DiskPath }[] = [];
  let ownLists = 0;
  let empty = 0;
  for (const file of found) {
    if (isRedirectTarget(file.path, redirected)) continue;
    const head = fileHead(file.path);
    // An empty file in a folder holds no speech (a placeholder, or a list `| tee` has just created there):
    // skipped, where a named one is an error. An unreadable one also has no head, and fails when read.
    if (head.replace(/^\uFEFF/, '').trim() === '' && isBlankFile(file.path, head)) empty++;
    else if (isGeneratedList(head)) ownLists++;
    else texts.push(file);
  }
  return { refs: texts.map((f) => ({ name: f.rel, path: f.path })), ownLists, empty, unreadable };
}

// Documents a folder of speeches often holds that this tool cannot read: named when a folder has no text,
// so the user knows what to convert.
const UNREADABLE_DOCUMENTS = ['.pdf', '.doc', '.wps', '.caj', '.pages', '.odt', '.mobi', '.azw3', '.zip'];

function unreadableDocumentExtension(name: string): string | undefined {
  const lower = name.toLowerCase();
  return UNREADABLE_DOCUMENTS.find((extension) => lower.endsWith(extension));
}

/** `3 .pdf and 2 .doc files`, most frequent first. */
function documentCounts(unreadable: ReadonlyMap<string, number>): string {
  const parts = [...unreadable].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([extension, count]) => `${count} ${extension}`);
  const total = [...unreadable.values()].reduce((sum, count) => sum + count, 0);
  const listed = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}` : (parts[0] ?? '');
  return `${listed} file${total === 1 ? '' : 's'}`;
}

/** File arguments are named by their file name alone, unless that would make two inputs share a name. */
function shortenFileNames(refs: readonly (InputRef & { fileArgument?: boolean })[]): InputRef[] {
  const short = (ref: InputRef): string => ref.name.slice(ref.name.lastIndexOf('/') + 1);
  const uses = new Map<string, number>();
  for (const ref of refs) {
    const name = ref.fileArgument ? short(ref) : ref.name;
    uses.set(name, (uses.get(name) ?? 0) + 1);
  }
  return refs.map(({ name, path, fileArgument }) => {
    const candidate = fileArgument ? short({ name, path }) : name;
    return { name: fileArgument && uses.get(candidate) === 1 ? candidate : name, path };
  });
}

/** The file's identity: its real path's bytes, one character per byte (a name need not be UTF-8). */
function canonicalPath(path: DiskPath): string {
  try {
    return realpathSync.native(path, { encoding: 'buffer' }).toString('latin1');
  } catch {
    return Buffer.from(path).toString('latin1');
  }
}

export async function resolveInputs(args: string[]): Promise<InputRef[]> {
  const refs: InputRef[] = [];
  const redirected = redirectTargets();
  const seen = new Set<string>();
  const add = async (ref: InputRef & { fileArgument?: boolean }): Promise<void> => {
    // The native call the promise API makes, without a round trip through the thread pool per file (a
    // corpus folder of hundreds of files left the main thread idle tens of milliseconds).
    const identity = ref.path === null ? '-' : canonicalPath(ref.path);
    if (seen.has(identity)) return;
    seen.add(identity);
    refs.push(ref);
  };
  for (const arg of args) {
    if (arg === '-') {
      await add({ name: 'stdin', path: null });
      continue;
    }
    const path = resolve(arg);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      // Node decodes arguments as UTF-8, replacing what is not: such a name cannot be opened as given.
      const hint = arg.includes('\uFFFD') ? ' (its name is not UTF-8, which an argument cannot carry; name the folder that holds it)' : '';
      throw new InputError(arg, `${problemOf(error)}${hint}`);
    }
    if (info.isDirectory()) {
      const { refs: files, ownLists, empty, unreadable } = await walk(path, arg, redirected);
      if (files.length === 0 && ownLists > 0) throw new InputError(arg, 'no texts in this directory, only lists made by chengyu-deck (skipped in folders; name one to read it)');
      if (files.length === 0 && empty > 0) throw new InputError(arg, `no texts in this directory, only ${empty === 1 ? 'an empty file' : `${empty} empty files`}`);
      if (files.length === 0 && unreadable.size > 0) {
        throw new InputError(arg, `no text files (${TEXT_EXTENSIONS.join(', ')}) in this directory, only ${documentCounts(unreadable)}, which this tool cannot read: save ${unreadable.size === 1 && [...unreadable.values()][0] === 1 ? 'it' : 'them'} as text or .docx first`);
      }
      if (files.length === 0) throw new InputError(arg, `no text files (${TEXT_EXTENSIONS.join(', ')}) in this directory`);
      for (const file of files) await add(file);
    } else {
      if (isRedirectTarget(path, redirected)) throw new OutputError(arg, 'is where this command\'s output is redirected, so it cannot be read as an input too');
      await add({ name: toSlashes(normalize(arg)), path, fileArgument: true });
    }
  }
  return shortenFileNames(refs);
}
