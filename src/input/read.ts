// read: an input reference → its bytes. The only file-system and stdin access of the input stage.
import { readFile } from 'node:fs/promises';
import type { InputFile } from '../types.js';
import { InputError } from '../cli/errors.js';
import type { InputRef } from './resolve.js';

async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

export async function readInput(ref: InputRef, stdin: NodeJS.ReadableStream = process.stdin): Promise<InputFile> {
  if (ref.path === null) {
    try {
      return { name: ref.name, path: null, bytes: await readStream(stdin) };
    } catch (error) {
      throw new InputError(ref.name, `cannot read: ${(error as Error).message}`);
    }
  }
  try {
    return { name: ref.name, path: ref.path, bytes: await readFile(ref.path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT' ? 'no such file or directory'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'EISDIR' ? 'is a directory'
      : `cannot read: ${(error as Error).message}`;
    throw new InputError(ref.name, problem);
  }
}
