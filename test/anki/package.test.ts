import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync, readFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_NAMES, buildPackage, loadNoteType, noteGuid } from '../../src/anki/index.js';
import type { DeckOptions } from '../../src/anki/index.js';
import { TEMPLATES_DIR } from '../../src/lexicon/paths.js';
import { HOSTILE_CARD, SAMPLE_CARDS } from './cards.js';
import { readApkg, writeApkg } from './helpers.js';

const NOW = 1_700_000_000;
const BASE: DeckOptions = {
  deckName: 'Test deck',
  cards: ['recognition', 'recall'],
  script: 'simplified',
  subdecks: false,
  sources: [
    { name: 'essay-one.txt', title: '写作课讲稿', date: '2024-05-01' },
    { name: 'essay-two.txt' },
  ],
  now: NOW,
};

async function build(name: string, options: Partial<DeckOptions> = {}, cards = SAMPLE_CARDS) {
  const bytes = await buildPackage(cards, { ...BASE, ...options });
  const file = writeApkg(name, bytes);
  return { bytes, file, pkg: readApkg(file) };
}

describe('the .apkg as an independent reader sees it', () => {
  it('has the legacy layout: collection.anki2 and an empty media map, dated from `now`', async () => {
    const { pkg } = await build('layout.apkg');
    expect(pkg.entries.map((e) => e.name)).toEqual(['collection.anki2', 'media']);
    expect(pkg.entries[0]?.date_time.slice(0, 3)).toEqual([2023, 11, 14]);
    expect(JSON.parse(pkg.media)).toEqual({});
    expect(pkg.integrity).toBe('ok');
    expect(pkg.tables).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
    for (const index of ['ix_cards_nid', 'ix_cards_sched', 'ix_cards_usn', 'ix_notes_csum', 'ix_notes_usn', 'ix_revlog_cid', 'ix_revlog_usn']) {
      expect(pkg.indexes).toContain(index);
    }
    expect(pkg.revlog).toBe(0);
  });

  it('writes one col row with schema 11 and the note type, decks and deck options as JSON', async () => {
    const { pkg } = await build('col.apkg');
    expect(pkg.col).toHaveLength(1);
    const col = pkg.col[0]!;
    expect(col.ver).toBe(11);
    expect(col.mod).toBe(NOW * 1000);
    const models = Object.values(col.models);
    expect(models).toHaveLength(1);
    const model = models[0]!;
    expect(Object.keys(col.models)[0]).toBe(String(model.id));
    expect(model.name).toBe('chengyu-deck');
    expect(model.type).toBe(0);
    expect(model.mod).toBe(NOW);
    expect(model.flds.map((f) => f.name)).toEqual([...FIELD_NAMES]);
    expect(model.flds.map((f) => f.ord)).toEqual(FIELD_NAMES.map((_, i) => i));
    expect(model.sortf).toBe(FIELD_NAMES.indexOf('Phrase'));
    expect(model.tmpls.map((t) => [t.name, t.ord])).toEqual([['Recognition', 0], ['Recall', 1]]);
    // Stable field and template IDs (what Anki 2.1.67+ merges note type versions by), exact in JSON.
    const ids = [...model.flds, ...model.tmpls].map((item) => item.id);
    expect(ids.every((id) => Number.isSafeInteger(id) && id > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(model.css).toContain('.tone1');
    const deckNames = Object.values(col.decks).map((d) => d.name).sort();
    expect(deckNames).toEqual(['Default', 'Test deck']);
    const deck = Object.values(col.decks).find((d) => d.name === 'Test deck')!;
    expect(Object.keys(col.decks)).toContain(String(deck.id));
    expect(deck.desc).toContain('CC-CEDICT');
    expect(deck.desc).toContain('CC BY-SA 4.0');
    expect(deck.desc).toContain('写作课讲稿');
    expect(deck.desc).toContain('essay-two.txt');
    expect(Object.keys(col.dconf)).toEqual(['1']);
    expect(col.conf['curModel']).toBe(String(model.id));
  });

  it('stores fields joined by 0x1f, sfld as plain text and csum as Anki computes it', async () => {
    const { pkg } = await build('notes.apkg', {}, [...SAMPLE_CARDS, HOSTILE_CARD]);
    expect(pkg.notes).toHaveLength(SAMPLE_CARDS.length + 1);
    const model = Object.values(pkg.col[0]!.models)[0]!;
    for (const note of pkg.notes) {
      expect(note.fields).toHaveLength(FIELD_NAMES.length);
      expect(note.mid).toBe(Number(model.id));
      expect(note.mod).toBe(NOW);
      expect(note.sfld_type).toBe('str');
      expect(note.sfld).toBe(note.sfld_expected);
      expect(note.csum).toBe(note.csum_expected);
    }
    const quotation = pkg.notes.find((n) => n.fields[FIELD_NAMES.indexOf('Key')] === '山川异域风月同天')!;
    expect(quotation.sfld).toBe('山川异域，风月同天');
    const sha1 = createHash('sha1').update('山川异域，风月同天').digest();
    expect(quotation.csum).toBe(sha1.readUInt32BE(0));
  });

  it('makes one new card per enabled template per note, due in deck order', async () => {
    const { pkg } = await build('cards.apkg', { cards: ['recognition', 'recall', 'listening'] });
    const deckId = Object.values(pkg.col[0]!.decks).find((d) => d.name === 'Test deck')!.id;
    expect(pkg.cards).toHaveLength(SAMPLE_CARDS.length * 3);
    for (const note of pkg.notes) {
      const cards = pkg.cards.filter((c) => c.nid === note.id);
      expect(cards.map((c) => c.ord).sort()).toEqual([0, 1, 2]);
    }
    for (const card of pkg.cards) {
      expect([card.type, card.queue, card.did, card.mod]).toEqual([0, 0, deckId, NOW]);
    }
    const dueByKey = new Map(
      pkg.notes.map((n) => [n.fields[FIELD_NAMES.indexOf('Key')], pkg.cards.find((c) => c.nid === n.id)!.due]),
    );
    expect(SAMPLE_CARDS.map((c) => dueByKey.get(c.key))).toEqual([1, 2, 3, 4]);
    expect(new Set(pkg.cards.map((c) => c.id)).size).toBe(pkg.cards.length);
    // IDs are derived from the phrase (same in every build) and shaped like creation times in 2026.
    for (const id of [...pkg.notes.map((n) => n.id), ...pkg.cards.map((c) => c.id)]) {
      expect(id).toBeGreaterThanOrEqual(Date.UTC(2026, 0, 1));
      expect(id).toBeLessThan(Date.UTC(2026, 0, 1) + 2 ** 34);
    }
  });

  it('tags each note by kind and source, hierarchical, space-padded, without spaces inside a tag', async () => {
    const { pkg } = await build('tags.apkg', {}, [...SAMPLE_CARDS, HOSTILE_CARD]);
    for (const note of pkg.notes) {
      expect(note.tags.startsWith(' ') && note.tags.endsWith(' ')).toBe(true);
      const tags = note.tags.trim().split(' ');
      for (const tag of tags) expect(tag).toMatch(/^chengyu-deck::(kind|source)::[^\s:]+$/);
    }
    const both = pkg.notes.find((n) => n.fields[0] === '一帆风顺')!;
    expect(both.tags).toBe(' chengyu-deck::kind::chengyu chengyu-deck::source::essay-one chengyu-deck::source::essay-two ');
    const quotation = pkg.notes.find((n) => n.fields[0] === '山川异域，风月同天')!;
    expect(quotation.tags).toContain(' chengyu-deck::kind::quotation ');
  });

  it('escapes hostile text so no field can inject markup, template fields or clozes', async () => {
    const { pkg } = await build('hostile.apkg', {}, [HOSTILE_CARD]);
    const fields = pkg.notes[0]!.fields;
    const joined = fields.join('\n');
    expect(joined).not.toContain('<script');
    expect(joined).not.toContain('{{');
    expect(joined).not.toContain('}}');
    expect(joined).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#123;|#125;)/);
    expect(fields).toHaveLength(FIELD_NAMES.length);
    const meaning = fields[FIELD_NAMES.indexOf('Meaning')]!;
    expect(meaning).toContain('&quot;after a field separator');
    expect(meaning).toContain('&lt;script&gt;');
    expect(meaning).toContain(' &amp; ');
    const context = fields[FIELD_NAMES.indexOf('Context')]!;
    // Our highlight is the only real tag; the input's own <b> is text.
    expect(context.match(/<[a-z]/g)).toEqual(['<b']);
    expect(context).toContain('&lt;b&gt;<b class="hl">自相矛盾</b>&lt;/b&gt;');
    const source = fields[FIELD_NAMES.indexOf('Source')]!;
    expect(source).toContain('a &quot;bad&quot; name &#123;&#123;x&#125;&#125;.txt');
    expect(pkg.notes[0]!.tags).not.toContain('"');
  });
});

describe('identity across builds', () => {
  it('gives the same GUIDs, note type ID and deck ID on a rebuild, and a newer mod', async () => {
    const first = await build('rebuild-1.apkg');
    const second = await build('rebuild-2.apkg', { now: NOW + 3600 });
    const guids = (pkg: typeof first.pkg) => pkg.notes.map((n) => [n.fields[0], n.guid]).sort();
    expect(guids(second.pkg)).toEqual(guids(first.pkg));
    expect(first.pkg.notes.map((n) => n.guid)).toEqual(expect.arrayContaining(SAMPLE_CARDS.map((c) => noteGuid(c.key))));
    expect(Object.keys(second.pkg.col[0]!.models)).toEqual(Object.keys(first.pkg.col[0]!.models));
    expect(Object.keys(second.pkg.col[0]!.decks).sort()).toEqual(Object.keys(first.pkg.col[0]!.decks).sort());
    expect(second.pkg.notes.every((n) => n.mod === NOW + 3600)).toBe(true);
    expect(Object.values(second.pkg.col[0]!.models)[0]!.mod).toBe(NOW + 3600);
  });

  it('is byte-identical for the same input and `now`, and differs when `now` differs', async () => {
    const a = await buildPackage(SAMPLE_CARDS, BASE);
    const b = await buildPackage(SAMPLE_CARDS, BASE);
    const c = await buildPackage(SAMPLE_CARDS, { ...BASE, now: NOW + 1 });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it('does not depend on the machine time zone (zip times are written as UTC)', async () => {
    const saved = process.env['TZ'];
    try {
      process.env['TZ'] = 'America/New_York';
      const western = await buildPackage(SAMPLE_CARDS, BASE);
      process.env['TZ'] = 'Asia/Shanghai';
      const eastern = await buildPackage(SAMPLE_CARDS, BASE);
      expect(Buffer.from(western).equals(Buffer.from(eastern))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });

  it('keeps the note type ID when only templates or CSS change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chengyu-templates-'));
    cpSync(TEMPLATES_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'style.css'), readFileSync(join(dir, 'style.css'), 'utf8') + '\n.card { font-size: 30px; }\n');
    writeFileSync(join(dir, 'recognition.front.html'), '<h1>{{Phrase}}</h1>');
    const stock = loadNoteType({ cards: ['recognition'], script: 'simplified' });
    const custom = loadNoteType({ cards: ['recognition'], script: 'simplified', templatesDir: dir });
    expect(custom.templates[0]!.front).toBe('<h1>{{Phrase}}</h1>');
    expect(custom.css).not.toBe(stock.css);
    expect(custom.id).toBe(stock.id);
    const built = await build('custom-templates.apkg', { templatesDir: dir, cards: ['recognition'] });
    expect(Object.keys(built.pkg.col[0]!.models)).toEqual([String(stock.id)]);
  });

  it('refuses an empty deck name or an empty sub-deck part', async () => {
    await expect(buildPackage(SAMPLE_CARDS, { ...BASE, deckName: '  ' })).rejects.toThrow(/not a deck name/);
    await expect(buildPackage(SAMPLE_CARDS, { ...BASE, deckName: 'A::' })).rejects.toThrow(/not a deck name/);
  });

  it('puts each card in a sub-deck per source with --subdecks', async () => {
    const { pkg } = await build('subdecks.apkg', { subdecks: true });
    const decks = Object.values(pkg.col[0]!.decks);
    expect(decks.map((d) => d.name).sort()).toEqual(['Default', 'Test deck', 'Test deck::essay-two.txt', 'Test deck::写作课讲稿']);
    const deckName = new Map(decks.map((d) => [d.id, d.name]));
    for (const note of pkg.notes) {
      const card = SAMPLE_CARDS.find((c) => c.text === note.fields[0])!;
      const expected = card.source === 'essay-two.txt' ? 'Test deck::essay-two.txt' : 'Test deck::写作课讲稿';
      for (const c of pkg.cards.filter((x) => x.nid === note.id)) expect(deckName.get(c.did)).toBe(expected);
    }
  });
});
