// read: an input reference → its bytes. The only file-system and stdin access of the input stage.
import { constants, createReadStream, openSync, readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { DiskPath, InputFile } from '../types.js';
import { InputError } from '../cli/errors.js';
import type { InputRef } from './resolve.js';

/** No speech or article comes near this; a larger input is a mistake (a disk image, a device) to refuse early. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;
const TOO_LARGE = `larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB; split it into several files`;

class TooLarge extends Error {}

class NotRegular extends Error {}

async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    size += bytes.length;
    if (size > MAX_INPUT_BYTES) {
      if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
      throw new TooLarge();
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/**
 * A named pipe (`<(iconv …)`, a FIFO) read through the event loop. A blocking open or read would hold a
 * thread-pool thread, and process.exit waits for those: Ctrl-C while no one writes would hang the tool.
 */
async function pipeStream(path: DiskPath): Promise<NodeJS.ReadableStream> {
  if (constants.O_NONBLOCK === undefined) return createReadStream(path);
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  // Loaded here: most runs read no pipe, and start-up pays for every module.
  const { Socket } = await import('node:net');
  return new Socket({ fd, readable: true, writable: false });
}

async function readPath(path: DiskPath): Promise<Uint8Array> {
  // A regular file is read in one synchronous call: from the page cache that is tens of microseconds, where
  // the asynchronous stat, open, read and close are each a round trip through the thread pool that leaves
  // the main thread idle (a tenth of a corpus run, on a busy machine).
  const info = statSync(path);
  if (info.isFile()) {
    if (info.size > MAX_INPUT_BYTES) throw new TooLarge();
    return readFileSync(path);
  }
  if (info.isFIFO()) return readStream(await pipeStream(path));
  const what = info.isCharacterDevice() ? 'a character device' : info.isBlockDevice() ? 'a block device' : info.isSocket() ? 'a socket' : 'not a regular file';
  throw new NotRegular(`not a text file (${what})`);
}

/**
 * The bytes of a file named beside the texts (a recipe, an --exclude list): a named pipe (`<(…)`) through
 * the event loop, as an input, so that Ctrl-C still ends a run waiting for its writer; anything else as
 * before. Errors are those of fs.readFile, for the caller to word.
 */
export async function readSideFile(path: string): Promise<Uint8Array> {
  const info = await stat(path).catch(() => undefined);
  return info?.isFIFO() ? readStream(await pipeStream(path)) : readFile(path);
}

export async function readInput(ref: InputRef, stdin: NodeJS.ReadableStream = process.stdin): Promise<InputFile> {
  if (ref.path === null) {
    try {
      return { name: ref.name, path: null, bytes: await readStream(stdin) };
    } catch (error) {
      if (error instanceof TooLarge) throw new InputError(ref.name, TOO_LARGE);
      throw new InputError(ref.name, `cannot read: ${(error as Error).message}`);
    }
  }
  try {
    return { name: ref.name, path: ref.path, bytes: await readPath(ref.path) };
  } catch (error) {
    if (error instanceof NotRegular) throw new InputError(ref.name, error.message);
    if (error instanceof TooLarge) throw new InputError(ref.name, TOO_LARGE);
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT' ? 'no such file or directory'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'EISDIR' ? 'is a directory'
      : `cannot read: ${(error as Error).message}`;
    throw new InputError(ref.name, problem);
  }
}
