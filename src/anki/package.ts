// The .apkg writer: a legacy `collection.anki2` (SQLite schema 11, what every Anki version imports) and an
// empty media list, zipped with fixed entry order and timestamps so equal input gives equal bytes.
import { createRequire } from 'node:module';
import { strToU8, zipSync } from 'fflate';
import type { Database, SqlJsStatic } from 'sql.js';
import { parseDeckName } from '../cli/options.js';
import type { Card, SourceInfo } from '../types.js';
import { planDecks } from './deck.js';
import type { DeckEntry } from './deck.js';
import { fieldChecksum, stripHtml } from './html.js';
import { noteGuid, RowIds, schemaItemId } from './ids.js';
import { loadNoteType } from './model.js';
import type { CardTemplateName, NoteType, Script } from './model.js';
import { FIELD_NAMES, noteFields, noteTags } from './note.js';

export interface DeckOptions {
  deckName: string;
  cards: readonly CardTemplateName[];
  script: Script;
  templatesDir?: string;
  subdecks: boolean;
  sources: readonly SourceInfo[];
  /** Seconds since the epoch for every timestamp: SOURCE_DATE_EPOCH or the build time. */
  now: number;
}

const SCHEMA = `
CREATE TABLE col (
  id integer primary key, crt integer not null, mod integer not null, scm integer not null,
  ver integer not null, dty integer not null, usn integer not null, ls integer not null,
  conf text not null, models text not null, decks text not null, dconf text not null, tags text not null
);
CREATE TABLE notes (
  id integer primary key, guid text not null, mid integer not null, mod integer not null,
  usn integer not null, tags text not null, flds text not null, sfld integer not null,
  csum integer not null, flags integer not null, data text not null
);
CREATE TABLE cards (
  id integer primary key, nid integer not null, did integer not null, ord integer not null,
  mod integer not null, usn integer not null, type integer not null, queue integer not null,
  due integer not null, ivl integer not null, factor integer not null, reps integer not null,
  lapses integer not null, left integer not null, odue integer not null, odid integer not null,
  flags integer not null, data text not null
);
CREATE TABLE revlog (
  id integer primary key, cid integer not null, usn integer not null, ease integer not null,
  ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null,
  type integer not null
);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
`;

let sqlJs: Promise<SqlJsStatic> | undefined;

/** sql.js and its wasm load on first use only, so commands that write no deck never pay for them. */
function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= (async () => {
    const { default: initSqlJs } = await import('sql.js');
    const wasmPath = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
    return initSqlJs({ locateFile: () => wasmPath });
  })();
  return sqlJs;
}

function modelJson(noteType: NoteType, deckId: number, now: number): object {
  return {
    id: noteType.id,
    name: noteType.name,
    type: 0,
    mod: now,
    usn: -1,
    sortf: noteType.sortField,
    did: deckId,
    tmpls: noteType.templates.map((template, ord) => ({
      name: template.title,
      ord,
      qfmt: template.front,
      afmt: template.back,
      bqfmt: '',
      bafmt: '',
      did: null,
      bfont: '',
      bsize: 0,
      id: schemaItemId('template', template.name),
    })),
    flds: noteType.fields.map((name, ord) => ({
      name,
      ord,
      sticky: false,
      rtl: false,
      font: 'Arial',
      size: 20,
      media: [],
      id: schemaItemId('field', name),
    })),
    css: noteType.css,
    latexPre:
      '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n' +
      '\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n',
    latexPost: '\\end{document}',
    latexsvg: false,
    req: noteType.req,
    tags: [],
    vers: [],
  };
}

function deckJson(deck: DeckEntry, now: number): object {
  return {
    id: deck.id,
    name: deck.name,
    desc: deck.description,
    mod: now,
    usn: -1,
    collapsed: false,
    browserCollapsed: false,
    dyn: 0,
    conf: 1,
    extendNew: 10,
    extendRev: 50,
    newToday: [0, 0],
    revToday: [0, 0],
    lrnToday: [0, 0],
    timeToday: [0, 0],
  };
}

const DEFAULT_DECK: DeckEntry = { id: 1, name: 'Default', description: '' };

function deckConfigJson(now: number): object {
  return {
    1: {
      id: 1,
      name: 'Default',
      mod: now,
      usn: 0,
      maxTaken: 60,
      autoplay: true,
      timer: 0,
      replayq: true,
      dyn: false,
      new: { bury: true, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 7], order: 1, perDay: 20, separate: true },
      lapse: { delays: [10], leechAction: 0, leechFails: 8, minInt: 1, mult: 0 },
      rev: { bury: true, ease4: 1.3, fuzz: 0.05, ivlFct: 1, maxIvl: 36500, minSpace: 1, perDay: 200 },
    },
  };
}

function collectionConfJson(noteType: NoteType, deckId: number): object {
  return {
    activeDecks: [deckId],
    curDeck: deckId,
    curModel: String(noteType.id),
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    addToCur: true,
    sortType: 'noteFld',
    sortBackwards: false,
    nextPos: 1,
    newBury: true,
  };
}

function writeCollection(db: Database, cards: readonly Card[], options: DeckOptions, noteType: NoteType): void {
  const now = Math.floor(options.now);
  const plan = planDecks(options.deckName, options.sources, options.subdecks);
  const noteOptions = { sources: options.sources, script: options.script };
  db.run('PRAGMA page_size = 4096');
  db.run(SCHEMA);
  db.run('BEGIN');
  const insertNote = db.prepare('INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)');
  const insertCard = db.prepare('INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
  try {
    // Anki matches notes by GUID and cards by note and ordinal; the IDs are derived from the phrase key
    // and the template name so that every build of the same phrase carries the same IDs.
    const noteIds = new RowIds('note');
    const cardIds = new RowIds('card');
    const seen = new Set<string>();
    const sortIndex = noteType.sortField;
    let position = 0;
    for (const card of cards) {
      // One note per key: a second card with the same key would carry the same GUID.
      if (seen.has(card.key)) continue;
      seen.add(card.key);
      position += 1;
      const guid = noteGuid(card.key);
      const fields = noteFields(card, noteOptions);
      const noteId = noteIds.next(card.key);
      const tags = ` ${noteTags(card).join(' ')} `;
      insertNote.run([
        noteId,
        guid,
        noteType.id,
        now,
        -1,
        tags,
        fields.join('\u001f'),
        stripHtml(fields[sortIndex] ?? ''),
        fieldChecksum(fields[0] ?? ''),
        0,
        '',
      ]);
      const deckId = plan.deckOf(card);
      noteType.templates.forEach((template, ord) => {
        const cardId = cardIds.next(`${card.key}\u001f${template.name}`);
        insertCard.run([cardId, noteId, deckId, ord, now, -1, 0, 0, position, 0, 0, 0, 0, 0, 0, 0, 0, '']);
      });
    }
  } finally {
    insertNote.free();
    insertCard.free();
  }
  const decks = Object.fromEntries([DEFAULT_DECK, ...plan.decks].map((deck) => [String(deck.id), deckJson(deck, now)]));
  db.run('INSERT INTO col VALUES (1,?,?,?,11,0,0,0,?,?,?,?,?)', [
    now,
    now * 1000,
    now * 1000,
    JSON.stringify(collectionConfJson(noteType, plan.mainDeckId)),
    JSON.stringify({ [String(noteType.id)]: modelJson(noteType, plan.mainDeckId, now) }),
    JSON.stringify(decks),
    JSON.stringify(deckConfigJson(now)),
    '{}',
  ]);
  db.run('COMMIT');
}

/** A zip entry's DOS time is local time; shift so the stored fields are `now` in UTC on any machine. */
function zipTime(now: number): Date {
  const floor = Date.UTC(1980, 0, 1, 0, 0, 2) / 1000;
  const utc = new Date(Math.max(now, floor) * 1000);
  return new Date(utc.getTime() + utc.getTimezoneOffset() * 60_000);
}

/** Builds the .apkg bytes for `cards` (in deck order: new cards are introduced in this order). */
export async function buildPackage(cards: readonly Card[], options: DeckOptions): Promise<Uint8Array> {
  parseDeckName(options.deckName);
  const noteType = loadNoteType({ cards: options.cards, script: options.script, templatesDir: options.templatesDir });
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  let collection: Uint8Array;
  try {
    writeCollection(db, cards, options, noteType);
    collection = db.export();
  } finally {
    db.close();
  }
  const mtime = zipTime(options.now);
  return zipSync(
    {
      'collection.anki2': [collection, { level: 6, mtime }],
      media: [strToU8('{}'), { level: 0, mtime }],
    },
    { mtime },
  );
}

