// Every identity in the package is derived from a name that does not change between builds, so a rebuilt
// deck updates the notes, note type and deck a user already has instead of adding copies.
import { createHash } from 'node:crypto';

const GUID_NAMESPACE = 'chengyu-deck:';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * The note's GUID: 64 bits of SHA-256 over a fixed namespace and the normalised phrase key, in base62
 * (letters and digits only, so it is safe in TSV, CSV and search queries). Stable forever.
 */
export function noteGuid(key: string): string {
  let value = sha256(GUID_NAMESPACE + key).readBigUInt64BE(0);
  let out = '';
  for (let i = 0; i < 11; i++) {
    out = BASE62[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out;
}

// Anki's IDs are creation times in milliseconds. The deck and note type IDs, which must not change between
// builds, stay in that shape (2001-09 … 2018-12) and clear of 1 (the Default deck).
const ID_FLOOR = 1_000_000_000_000;
const ID_SPAN = 2n ** 39n;

/** A millisecond-shaped ID derived from a name. */
export function idFromName(name: string): number {
  return ID_FLOOR + Number(sha256(name).readBigUInt64BE(0) % ID_SPAN);
}

export function deckId(deckName: string): number {
  return idFromName('chengyu-deck:deck:' + deckName);
}

/** The note type's ID depends only on its field list: a changed list must become a new note type in Anki. */
export function noteTypeId(fieldNames: readonly string[]): number {
  return idFromName('chengyu-deck:notetype:' + fieldNames.join('\u001f'));
}

/**
 * A stable ID for a field or card template (Anki 2.1.67+ matches fields and templates by these IDs when it
 * merges two versions of a note type). Kept below 2^53 so it survives JSON in any reader.
 */
export function schemaItemId(kind: 'field' | 'template', name: string): number {
  return 1 + Number(sha256(`chengyu-deck:${kind}:${name}`).readBigUInt64BE(0) % (2n ** 52n));
}

// Note and card IDs must be the same in every build of the same phrase (the project's rule: same inputs,
// same IDs). Anki reads them as creation times, so they are kept in a fixed, plausible window — the
// year 2026, when the tool was written — instead of the 2001–2018 window of the deck and note type IDs.
const ROW_ID_FLOOR = Date.UTC(2026, 0, 1);
const ROW_ID_SPAN = 2n ** 34n; // about 199 days of milliseconds

/**
 * Hands out IDs derived from a name, probing upwards on the rare clash, so they are unique within one
 * package and, except after a clash, identical across packages.
 */
export class RowIds {
  private readonly used = new Set<number>();

  constructor(private readonly namespace: string) {}

  next(name: string): number {
    let id = ROW_ID_FLOOR + Number(sha256(`chengyu-deck:${this.namespace}:${name}`).readBigUInt64BE(0) % ROW_ID_SPAN);
    while (this.used.has(id)) id += 1;
    this.used.add(id);
    return id;
  }
}
