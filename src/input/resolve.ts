// Command-line input arguments → the inputs to read: files as given, directories searched recursively for
// text files, `-` for standard input. Order is stable (arguments in order, directory entries by relative
// path) so the same command gives the same output.
import { realpathSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, normalize, resolve, sep } from 'node:path';
import { InputError } from '../cli/errors.js';
import { fileHead, isGeneratedList } from './own-outputs.js';

export interface InputRef {
  /**
   * The name cards and messages use: a file argument's file name (its path as given when two inputs share
   * a file name), a path relative to a directory argument, or `stdin`.
   */
  name: string;
  /** Absolute path; null for standard input. */
  path: string | null;
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

/**
 * Text files under `dir`, sorted by relative path; hidden entries and this tool's own lists skipped; each
 * real directory visited once.
 */
async function walk(root: string, argName: string): Promise<{ refs: InputRef[]; ownLists: number }> {
  const found: { rel: string; path: string }[] = [];
  const visited = new Set<string>();
  // An explicit stack, not recursion: depth is bounded by the disk, not by the call stack.
  const pending: { dir: string; rel: string }[] = [{ dir: root, rel: '' }];
  while (pending.length > 0) {
    const { dir, rel } = pending.pop() as { dir: string; rel: string };
    let real: string;
    try {
      real = await realpath(dir);
    } catch {
      continue;
    }
    if (visited.has(real)) continue;
    visited.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (rel === '') throw new InputError(argName, problemOf(error));
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      const entryRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
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
      else if (isFile && isCorpusFile(entry.name)) found.push({ rel: entryRel, path });
    }
  }
  found.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const texts = found.filter((f) => !isGeneratedList(fileHead(f.path)));
  return { refs: texts.map((f) => ({ name: f.rel, path: f.path })), ownLists: found.length - texts.length };
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

function canonicalPath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

export async function resolveInputs(args: string[]): Promise<InputRef[]> {
  const refs: InputRef[] = [];
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
      throw new InputError(arg, problemOf(error));
    }
    if (info.isDirectory()) {
      const { refs: files, ownLists } = await walk(path, arg);
      if (files.length === 0 && ownLists > 0) throw new InputError(arg, 'no texts in this directory, only lists made by chengyu-deck (skipped in folders; name one to read it)');
      if (files.length === 0) throw new InputError(arg, `no text files (${TEXT_EXTENSIONS.join(', ')}) in this directory`);
      for (const file of files) await add(file);
    } else {
      await add({ name: toSlashes(normalize(arg)), path, fileArgument: true });
    }
  }
  return shortenFileNames(refs);
}
