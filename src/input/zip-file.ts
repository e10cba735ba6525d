// A few entries of a zip file on disk, read by seeking: only the central directory and the entries wanted
// are read. An Anki package exported with its media holds gigabytes of sound and pictures beside a
// collection of a few megabytes; reading the whole file would cost that memory, and past 2 GB Node cannot.
import { open, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { InputError } from '../cli/errors.js';
import { MAX_INPUT_BYTES } from './read.js';

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const ZIP64_LOCATOR_BYTES = 20;
/** Far above the directory of any real package (100,000 media files take ~5 MB). */
const MAX_DIRECTORY_BYTES = 256 * 1024 * 1024;
const STORED = 0;
const DEFLATED = 8;
const ALL_ONES_32 = 0xffffffff;
const ALL_ONES_16 = 0xffff;

class BrokenZip extends Error {}

interface DirectoryEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderAt: number;
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw new BrokenZip('ends before its directory says it does');
    done += bytesRead;
  }
  return buffer;
}

/** A 64-bit size or offset, refused past what a Number holds exactly (no real package comes near). */
function uint64(buffer: Buffer, at: number): number {
  const value = buffer.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new BrokenZip('gives an impossible size');
  return Number(value);
}

/** Where the central directory is and how long it is, from the end record (and its zip64 form). */
async function directoryPlace(file: FileHandle, fileSize: number): Promise<{ at: number; bytes: number }> {
  const tailBytes = Math.min(fileSize, END_RECORD_BYTES + MAX_COMMENT_BYTES + ZIP64_LOCATOR_BYTES);
  const tailAt = fileSize - tailBytes;
  const tail = await readAt(file, tailAt, tailBytes);
  // The end record is the one whose comment runs to the end of the file: a comment may itself hold the
  // record's signature.
  let end = -1;
  for (let i = tail.length - END_RECORD_BYTES; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== END_OF_DIRECTORY) continue;
    if (end < 0) end = i;
    if (i + END_RECORD_BYTES + tail.readUInt16LE(i + 20) === tail.length) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new BrokenZip('has no zip directory at its end (cut short?)');
  const entries = tail.readUInt16LE(end + 10);
  const bytes = tail.readUInt32LE(end + 12);
  const at = tail.readUInt32LE(end + 16);
  if (entries !== ALL_ONES_16 && bytes !== ALL_ONES_32 && at !== ALL_ONES_32) return { at, bytes };
  const locator = end - ZIP64_LOCATOR_BYTES;
  if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new BrokenZip('has a zip64 directory without its locator');
  const record = await readAt(file, uint64(tail, locator + 8), 56);
  if (record.readUInt32LE(0) !== ZIP64_END_OF_DIRECTORY) throw new BrokenZip('has a zip64 locator that points nowhere');
  return { at: uint64(record, 48), bytes: uint64(record, 40) };
}

function directoryEntries(directory: Buffer): DirectoryEntry[] {
  const entries: DirectoryEntry[] = [];
  let at = 0;
  while (at + 46 <= directory.length && directory.readUInt32LE(at) === DIRECTORY_ENTRY) {
    const nameBytes = directory.readUInt16LE(at + 28);
    const extraBytes = directory.readUInt16LE(at + 30);
    const commentBytes = directory.readUInt16LE(at + 32);
    const next = at + 46 + nameBytes + extraBytes + commentBytes;
    if (next > directory.length) throw new BrokenZip('has a directory entry cut short');
    let size = directory.readUInt32LE(at + 24);
    let compressedSize = directory.readUInt32LE(at + 20);
    let localHeaderAt = directory.readUInt32LE(at + 42);
    // Sizes and offsets too large for 32 bits are in the zip64 extra field, in this order, each present
    // only when its 32-bit field is all ones.
    if (size === ALL_ONES_32 || compressedSize === ALL_ONES_32 || localHeaderAt === ALL_ONES_32) {
      const extraEnd = at + 46 + nameBytes + extraBytes;
      for (let field = at + 46 + nameBytes; field + 4 <= extraEnd; ) {
        const id = directory.readUInt16LE(field);
        const fieldBytes = directory.readUInt16LE(field + 2);
        if (id === 1) {
          let value = field + 4;
          const limit = Math.min(field + 4 + fieldBytes, extraEnd);
          if (size === ALL_ONES_32 && value + 8 <= limit) {
            size = uint64(directory, value);
            value += 8;
          }
          if (compressedSize === ALL_ONES_32 && value + 8 <= limit) {
            compressedSize = uint64(directory, value);
            value += 8;
          }
          if (localHeaderAt === ALL_ONES_32 && value + 8 <= limit) localHeaderAt = uint64(directory, value);
          break;
        }
        field += 4 + fieldBytes;
      }
    }
    entries.push({
      name: directory.toString('utf8', at + 46, at + 46 + nameBytes),
      method: directory.readUInt16LE(at + 10),
      compressedSize,
      size,
      localHeaderAt,
    });
    at = next;
  }
  return entries;
}

async function entryBytes(file: FileHandle, entry: DirectoryEntry): Promise<Uint8Array> {
  const header = await readAt(file, entry.localHeaderAt, 30);
  if (header.readUInt32LE(0) !== LOCAL_HEADER) throw new BrokenZip(`has no entry where its directory puts ${entry.name}`);
  const dataAt = entry.localHeaderAt + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const compressed = await readAt(file, dataAt, entry.compressedSize);
  if (entry.method === STORED) return compressed;
  if (entry.method !== DEFLATED) throw new BrokenZip(`compresses ${entry.name} in a way this tool cannot read (method ${entry.method})`);
  const { inflateSync } = createRequire(import.meta.url)('fflate') as typeof import('fflate');
  const inflated = inflateSync(compressed, { out: new Uint8Array(entry.size) });
  if (inflated.length !== entry.size) throw new BrokenZip(`holds ${entry.name} shorter than its directory says`);
  return inflated;
}

/**
 * The entries of the zip file at `path` that `wanted` keeps, read without reading the rest of the file.
 * Entries past the input size limit are refused before they are read. Errors name `name`; `what` names
 * the kind of package in the message of an unreadable one.
 */
export async function readZipEntries(path: string, name: string, wanted: (entry: string) => boolean, what: string): Promise<Record<string, Uint8Array>> {
  let file: FileHandle | undefined;
  try {
    file = await open(path, 'r');
    const { size: fileSize } = await file.stat();
    const place = await directoryPlace(file, fileSize);
    if (place.bytes > MAX_DIRECTORY_BYTES || place.at + place.bytes > fileSize) throw new BrokenZip('has a zip directory larger than the file');
    const found: Record<string, Uint8Array> = {};
    for (const entry of directoryEntries(await readAt(file, place.at, place.bytes))) {
      if (!wanted(entry.name)) continue;
      if (entry.size > MAX_INPUT_BYTES || entry.compressedSize > MAX_INPUT_BYTES) {
        throw new InputError(name, `its ${entry.name} is ${Math.round(Math.max(entry.size, entry.compressedSize) / 1024 / 1024)} MB, more than the ${MAX_INPUT_BYTES / 1024 / 1024} MB this tool reads`);
      }
      found[entry.name] = await entryBytes(file, entry);
    }
    return found;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(name, `not a readable ${what} (${error instanceof BrokenZip ? error.message : (error as Error).message})`);
  } finally {
    await file?.close();
  }
}
