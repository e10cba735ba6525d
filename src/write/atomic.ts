// The one way this tool writes a file: into a temporary file beside the target, flushed, then renamed over
// it. A reader (or Anki) therefore sees the old file or the new one, never half of either, and a failure
// or Ctrl-C leaves the previous file untouched and no temporary file behind.
//
// Two kinds of target are not replaced: a symbolic link keeps pointing where it did (the file it resolves
// to is the one replaced), and a device, pipe or socket (-o /dev/stdout, a FIFO) is written straight into,
// because renaming a file over it would destroy it instead of writing to it.
import { randomBytes } from 'node:crypto';
import { constants, openSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputError, writeProblem } from '../cli/errors.js';
import { MAX_NAME_BYTES } from './names.js';

const pendingTemps = new Set<string>();
let cleanupInstalled = false;

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  // Synchronous removal: on exit there is no later tick in which async cleanup could run.
  process.once('exit', abandonPendingWrites);
}

/** Removes every temporary file still being written; called by the CLI's signal handler. */
export function abandonPendingWrites(): void {
  for (const tmp of pendingTemps) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Nothing more can be done on the way out.
    }
  }
  pendingTemps.clear();
}


/**
 * A temporary name beside `absolute`: hidden, unique, and within the limit of a file name, the target's
 * own name cut short if need be (85 Chinese characters are 255 bytes of UTF-8 already).
 */
function temporaryPath(absolute: string): string {
  const suffix = `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const room = MAX_NAME_BYTES - 1 - Buffer.byteLength(suffix);
  const characters = Array.from(basename(absolute));
  let bytes = Buffer.byteLength(characters.join(''));
  while (bytes > room && characters.length > 0) bytes -= Buffer.byteLength(characters.pop() ?? '');
  return join(dirname(absolute), `.${characters.join('')}${suffix}`);
}

/** Writes `data` to `target` atomically; throws OutputError naming the target on any failure. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const named = resolve(target);
  const existing = await stat(named).catch(() => undefined);
  if (existing?.isDirectory()) throw new OutputError(target, 'is a directory');
  if (existing?.isFIFO() && constants.O_NONBLOCK !== undefined) return writeIntoPipe(target, named, data);
  if (existing && !existing.isFile()) return writeInto(target, named, data);
  const absolute = existing ? await realpath(named).catch(() => named) : named;
  const tmp = temporaryPath(absolute);
  installCleanup();
  pendingTemps.add(tmp);
  try {
    const handle = await open(tmp, 'wx', existing ? existing.mode & 0o777 : 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, absolute);
  } catch (error) {
    // The temporary file may never have been made (a name the system refuses): the write's own error is the one to report.
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new OutputError(target, `cannot write: ${writeProblem(error)}`);
  } finally {
    pendingTemps.delete(tmp);
  }
}

/** Writes into a device, pipe or socket that exists and cannot be replaced; it was never a file to keep. */
async function writeInto(target: string, path: string, data: string | Uint8Array): Promise<void> {
  try {
    const handle = await open(path, 'w');
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new OutputError(target, `cannot write: ${writeProblem(error)}`);
  }
}

/** How often an output pipe without a reader is tried again. */
const PIPE_RETRY_MS = 50;

/**
 * Writes into a named pipe through the event loop, once a reader has opened it. A blocking open or write
 * would hold a thread-pool thread, and process.exit waits for those: Ctrl-C while no one reads would
 * hang the tool. Opening without blocking fails (ENXIO) until there is a reader, so it is tried again.
 */
async function writeIntoPipe(target: string, path: string, data: string | Uint8Array): Promise<void> {
  try {
    let fd: number | undefined;
    while (fd === undefined) {
      try {
        fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENXIO') throw error;
        await sleep(PIPE_RETRY_MS);
      }
    }
    const { Socket } = await import('node:net');
    const pipe = new Socket({ fd, readable: false, writable: true });
    await new Promise<void>((resolveWrite, rejectWrite) => {
      pipe.once('error', rejectWrite);
      // Called with the error too when the reader went away (EPIPE).
      pipe.end(data, (error?: Error | null) => (error ? rejectWrite(error) : resolveWrite()));
    });
    pipe.destroy();
  } catch (error) {
    throw new OutputError(target, `cannot write: ${writeProblem(error)}`);
  }
}
