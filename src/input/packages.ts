// Zip packages whose text the input stage reads (Word documents, e-books): recognising them by the entry
// they must hold, and unpacking only the entries wanted, each no larger than an input file may be.
import { createRequire } from 'node:module';
import { InputError } from '../cli/errors.js';
import { MAX_INPUT_BYTES } from './read.js';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** Whether the bytes are a zip naming `entry` (names are stored in the clear, in the headers). */
export function zipNames(bytes: Uint8Array, entry: string): boolean {
  return isZip(bytes) && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(entry, 0, 'latin1');
}

/**
 * The entries of the package that `wanted` keeps, unpacked. An entry past the input size limit is refused
 * before it is inflated: a small zip can hold a part of gigabytes. `what` names the kind of package in the
 * message of an unreadable one.
 */
export function unpack(name: string, bytes: Uint8Array, wanted: (entry: string) => boolean, what: string): Record<string, Uint8Array> {
  const { unzipSync } = createRequire(import.meta.url)('fflate') as typeof import('fflate');
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        if (!wanted(file.name)) return false;
        if (file.originalSize > MAX_INPUT_BYTES) {
          throw new InputError(name, `holds a part of ${Math.round(file.originalSize / 1024 / 1024)} MB, larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB; split it into several files`);
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(name, `not a readable ${what} (${(error as Error).message})`);
  }
}
