// `chengyu-deck push`: the selection straight into a running Anki through AnkiConnect. The notes are the
// .apkg's notes (same note type, fields, tags and deck plan); a note that already exists — found by its Key
// field — is updated only when something differs, so pushing twice changes nothing the second time.
import { planDecks } from '../anki/deck.js';
import { loadNoteType } from '../anki/model.js';
import type { CardTemplateName, NoteType, Script } from '../anki/model.js';
import { FIELD_NAMES, noteFields, noteTags } from '../anki/note.js';
import type { FieldName } from '../anki/note.js';
import type { Card, SourceInfo } from '../types.js';
import { AnkiConnectClient, AnkiConnectError, API_VERSION } from './client.js';
import type { AnkiAction } from './client.js';

export interface PushOptions {
  /** AnkiConnect's address, e.g. http://127.0.0.1:8765. */
  url: string;
  /** AnkiConnect's API key, when the user set one. */
  key?: string;
  deckName: string;
  cards: readonly CardTemplateName[];
  script: Script;
  templatesDir?: string;
  /** One sub-deck per source, as `build --subdecks`. */
  subdecks?: boolean;
  /** The inputs, for the Source field and sub-deck names (as for the .apkg). */
  sources?: readonly SourceInfo[];
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Actions per `multi` request and notes per addNotes/notesInfo call. */
  batchSize?: number;
}

export interface PushReport {
  added: number;
  updated: number;
  unchanged: number;
}

interface PermissionAnswer {
  permission?: string;
  requireApikey?: boolean;
  version?: number;
}

interface NoteInfo {
  noteId: number;
  modelName?: string;
  tags?: string[];
  fields?: Record<string, { value: string; order: number }>;
}

interface PlannedNote {
  card: Card;
  deck: string;
  fields: Record<FieldName, string>;
  tags: string[];
}

const SEARCH_SPECIAL = /[\\"*_:]/g;

/**
 * A search term matching one field exactly, in Anki's search syntax: quoted, with `\`, `"`, the wildcards
 * `*` and `_`, and `:` backslash-escaped so the value is taken literally.
 */
export function fieldSearch(field: string, value: string): string {
  const escape = (text: string): string => text.replace(SEARCH_SPECIAL, (c) => `\\${c}`);
  return `"${escape(field)}:${escape(value)}"`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function fieldRecord(values: readonly string[]): Record<FieldName, string> {
  const record = {} as Record<FieldName, string>;
  FIELD_NAMES.forEach((name, i) => {
    record[name] = values[i] ?? '';
  });
  return record;
}

function planNotes(cards: readonly Card[], options: PushOptions): PlannedNote[] {
  const sources = options.sources ?? [];
  const plan = planDecks(options.deckName, sources, options.subdecks ?? false);
  const deckNames = new Map(plan.decks.map((deck) => [deck.id, deck.name]));
  const seen = new Set<string>();
  const notes: PlannedNote[] = [];
  for (const card of cards) {
    if (seen.has(card.key)) continue;
    seen.add(card.key);
    const deckId = plan.deckOf(card);
    const deck = deckNames.get(deckId) ?? options.deckName;
    notes.push({ card, deck, fields: fieldRecord(noteFields(card, { sources, script: options.script })), tags: noteTags(card) });
  }
  return notes;
}

async function checkPermission(client: AnkiConnectClient, options: PushOptions): Promise<void> {
  const answer = await client.invoke<PermissionAnswer>('requestPermission');
  if (answer === null || typeof answer !== 'object' || typeof answer.permission !== 'string') {
    throw new AnkiConnectError(`${client.url} did not answer requestPermission like AnkiConnect (no permission in its answer)`, 'requestPermission');
  }
  if (answer.permission !== 'granted') {
    throw new AnkiConnectError(
      `AnkiConnect at ${client.url} denied access (allow it in the dialog Anki shows, or add this origin to webCorsOriginList)`,
      'requestPermission',
    );
  }
  if (typeof answer.version === 'number' && answer.version < API_VERSION) {
    throw new AnkiConnectError(
      `AnkiConnect at ${client.url} speaks API version ${answer.version}; version ${API_VERSION} or newer is needed (update the add-on)`,
      'requestPermission',
    );
  }
  if (answer.requireApikey === true && options.key === undefined) {
    throw new AnkiConnectError(`AnkiConnect at ${client.url} requires an API key: pass it with --key`, 'requestPermission');
  }
}

async function ensureDecksAndNoteType(
  client: AnkiConnectClient,
  noteType: NoteType,
  decks: readonly string[],
): Promise<void> {
  const [deckNames, modelNames] = await client.multiStrict<string[]>([{ action: 'deckNames' }, { action: 'modelNames' }]);
  const existingDecks = new Set(deckNames ?? []);
  const missingDecks = decks.filter((deck) => !existingDecks.has(deck));
  await client.multiStrict(missingDecks.map((deck) => ({ action: 'createDeck', params: { deck } })));

  if (!(modelNames ?? []).includes(noteType.name)) {
    await client.invoke('createModel', {
      modelName: noteType.name,
      inOrderFields: [...noteType.fields],
      css: noteType.css,
      isCloze: false,
      cardTemplates: noteType.templates.map((t) => ({ Name: t.title, Front: t.front, Back: t.back })),
    });
    return;
  }
  const [fields, templates] = await client.multiStrict<unknown>([
    { action: 'modelFieldNames', params: { modelName: noteType.name } },
    { action: 'modelTemplates', params: { modelName: noteType.name } },
  ]);
  const expected = noteType.fields.join(', ');
  if (!Array.isArray(fields) || fields.join(', ') !== expected) {
    throw new AnkiConnectError(
      `the note type “${noteType.name}” in your collection has the fields ${Array.isArray(fields) ? fields.join(', ') : '(unknown)'}, ` +
        `not ${expected}; rename it in Anki (Tools → Manage Note Types) and push again`,
      'modelFieldNames',
    );
  }
  // An existing note type keeps its templates and CSS (the user may have edited them); only a card type
  // asked for with --cards and missing from it is added, so its cards get made.
  const existing = new Set(templates !== null && typeof templates === 'object' ? Object.keys(templates) : []);
  for (const template of noteType.templates.filter((t) => !existing.has(t.title))) {
    try {
      await client.invoke('modelTemplateAdd', {
        modelName: noteType.name,
        template: { Name: template.title, Front: template.front, Back: template.back },
      });
    } catch (error) {
      if (!(error instanceof AnkiConnectError)) throw error;
      throw new AnkiConnectError(
        `the note type “${noteType.name}” in your collection has no “${template.title}” card type and AnkiConnect could not add it ` +
          `(${error.message}); add it in Anki or import the .apkg built with the same --cards`,
        'modelTemplateAdd',
      );
    }
  }
}

/** Existing note IDs by Key field value, as stored (the lowest ID when a key is on several notes). */
async function findExisting(
  client: AnkiConnectClient,
  modelName: string,
  keys: readonly string[],
  batch: number,
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const part of chunks(keys, batch)) {
    const actions: AnkiAction[] = part.map((key) => ({
      action: 'findNotes',
      params: { query: `${fieldSearch('note', modelName)} ${fieldSearch('Key', key)}` },
    }));
    const results = await client.multiStrict<number[]>(actions);
    results.forEach((ids, i) => {
      const key = part[i];
      if (key !== undefined && Array.isArray(ids) && ids.length > 0) found.set(key, Math.min(...ids));
    });
  }
  return found;
}

async function notesInfo(client: AnkiConnectClient, ids: readonly number[], batch: number): Promise<Map<number, NoteInfo>> {
  const info = new Map<number, NoteInfo>();
  for (const part of chunks(ids, batch)) {
    const results = await client.invoke<(NoteInfo | Record<string, never>)[]>('notesInfo', { notes: part });
    for (const note of results ?? []) {
      if (typeof (note as NoteInfo).noteId === 'number') info.set((note as NoteInfo).noteId, note as NoteInfo);
    }
  }
  return info;
}

function ankiNote(note: PlannedNote, modelName: string): Record<string, unknown> {
  return {
    deckName: note.deck,
    modelName,
    fields: note.fields,
    tags: note.tags,
    options: { allowDuplicate: false, duplicateScope: 'collection' },
  };
}

/** Adds notes; copes with both AnkiConnect behaviours for a failed note (null in the list, or an error). */
async function addNotes(
  client: AnkiConnectClient,
  notes: readonly PlannedNote[],
  modelName: string,
  batch: number,
): Promise<{ added: number; failures: string[] }> {
  let added = 0;
  const failures: string[] = [];
  for (const part of chunks(notes, batch)) {
    let results: (number | null)[] | undefined;
    try {
      results = await client.invoke<(number | null)[]>('addNotes', { notes: part.map((n) => ankiNote(n, modelName)) });
    } catch (error) {
      if (!(error instanceof AnkiConnectError) || error.action !== 'addNotes') throw error;
    }
    if (Array.isArray(results) && results.length === part.length) {
      const failed = part.filter((_, i) => typeof results?.[i] !== 'number');
      added += part.length - failed.length;
      if (failed.length === 0) continue;
      // Old behaviour: null says which note failed but not why; adding it alone tells why.
      const retried = await addOneByOne(client, failed, modelName);
      added += retried.added;
      failures.push(...retried.failures);
      continue;
    }
    // New behaviour: the whole call failed and some notes may have been added before the error.
    const nowThere = await findExisting(client, modelName, part.map((n) => n.fields.Key), batch);
    added += nowThere.size;
    const retried = await addOneByOne(client, part.filter((n) => !nowThere.has(n.fields.Key)), modelName);
    added += retried.added;
    failures.push(...retried.failures);
  }
  return { added, failures };
}

async function addOneByOne(
  client: AnkiConnectClient,
  notes: readonly PlannedNote[],
  modelName: string,
): Promise<{ added: number; failures: string[] }> {
  const envelopes = await client.multi(notes.map((n) => ({ action: 'addNote', params: { note: ankiNote(n, modelName) } })));
  let added = 0;
  const failures: string[] = [];
  envelopes.forEach((envelope, i) => {
    const note = notes[i];
    if (note === undefined) return;
    if ((envelope.error === null || envelope.error === undefined) && typeof envelope.result === 'number') added += 1;
    else failures.push(`${note.card.text} (${envelope.error === null || envelope.error === undefined ? 'not added' : String(envelope.error)})`);
  });
  return { added, failures };
}

/** Pushes the cards into the running Anki; returns how many notes were added, updated and left unchanged. */
export async function pushToAnki(cards: readonly Card[], options: PushOptions): Promise<PushReport> {
  const batch = Math.max(1, options.batchSize ?? 250);
  const client = new AnkiConnectClient({
    url: options.url,
    key: options.key,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });
  const noteType = loadNoteType({ cards: options.cards, script: options.script, templatesDir: options.templatesDir });
  const notes = planNotes(cards, options);

  await checkPermission(client, options);
  await ensureDecksAndNoteType(client, noteType, [...new Set(notes.map((n) => n.deck))]);

  const existing = await findExisting(client, noteType.name, notes.map((n) => n.fields.Key), batch);
  const info = await notesInfo(client, [...new Set(existing.values())], batch);

  const toAdd: PlannedNote[] = [];
  const updates: AnkiAction[] = [];
  let updated = 0;
  let unchanged = 0;
  for (const note of notes) {
    const id = existing.get(note.fields.Key);
    const current = id === undefined ? undefined : info.get(id);
    if (id === undefined || current === undefined) {
      toAdd.push(note);
      continue;
    }
    const fieldsDiffer = FIELD_NAMES.some((name) => current.fields?.[name]?.value !== note.fields[name]);
    const currentTags = new Set(current.tags ?? []);
    const missingTags = note.tags.filter((tag) => !currentTags.has(tag));
    if (fieldsDiffer) updates.push({ action: 'updateNoteFields', params: { note: { id, fields: note.fields } } });
    if (missingTags.length > 0) updates.push({ action: 'addTags', params: { notes: [id], tags: missingTags.join(' ') } });
    if (fieldsDiffer || missingTags.length > 0) updated += 1;
    else unchanged += 1;
  }
  for (const part of chunks(updates, batch)) await client.multiStrict(part);

  const { added, failures } = await addNotes(client, toAdd, noteType.name, batch);
  if (failures.length > 0) {
    const shown = failures.slice(0, 3).join('; ');
    const more = failures.length > 3 ? `; and ${failures.length - 3} more` : '';
    throw new AnkiConnectError(
      `AnkiConnect addNotes failed for ${failures.length} of ${toAdd.length} new notes: ${shown}${more} ` +
        `(added ${added}, updated ${updated}, unchanged ${unchanged})`,
      'addNotes',
    );
  }
  return { added, updated, unchanged };
}
