import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { noteFields, FIELD_NAMES } from '../../src/anki/note.js';
import { loadNoteType } from '../../src/anki/model.js';
import { AnkiConnectClient, AnkiConnectError, fieldSearch, pushToAnki } from '../../src/ankiconnect/index.js';
import type { PushOptions } from '../../src/ankiconnect/index.js';
import { EXIT } from '../../src/cli/errors.js';
import type { Card } from '../../src/types.js';
import { SOURCES, sampleCards } from '../write/cards.js';
import { FakeAnki } from './fake-anki.js';
import type { FakeAnkiOptions } from './fake-anki.js';

const running: FakeAnki[] = [];

async function anki(options: FakeAnkiOptions = {}): Promise<FakeAnki> {
  const fake = new FakeAnki(options);
  await fake.start();
  running.push(fake);
  return fake;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((fake) => fake.stop()));
});

function options(fake: FakeAnki, extra: Partial<PushOptions> = {}): PushOptions {
  return {
    url: fake.url,
    deckName: 'Chinese::小镇',
    cards: ['recognition', 'recall'],
    script: 'simplified',
    sources: SOURCES,
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>): Promise<AnkiConnectError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AnkiConnectError);
  expect((error as AnkiConnectError).exitCode).toBe(EXIT.output);
  expect((error as AnkiConnectError).message).not.toContain('\n');
  return error as AnkiConnectError;
}

describe('pushToAnki against an AnkiConnect stand-in', () => {
  it('adds every note once; the second push reports all unchanged', async () => {
    const fake = await anki();
    const cards = sampleCards();
    const first = await pushToAnki(cards, options(fake));
    expect(first).toEqual({ added: cards.length, updated: 0, unchanged: 0 });
    const second = await pushToAnki(cards, options(fake));
    expect(second).toEqual({ added: 0, updated: 0, unchanged: cards.length });

    const notes = fake.notesOf('chengyu-deck');
    expect(notes).toHaveLength(cards.length);
    for (const card of cards) {
      const note = notes.find((n) => n.fields['Key'] === card.key)!;
      expect(FIELD_NAMES.map((name) => note.fields[name])).toEqual(noteFields(card, { sources: SOURCES }));
      expect(note.deckName).toBe('Chinese::小镇');
    }
    expect(fake.log.filter((a) => a === 'createModel')).toHaveLength(1);
    expect(fake.log.filter((a) => a === 'createDeck')).toHaveLength(1);
    expect(fake.log[0]).toBe('requestPermission');
  });

  it('creates the note type with the .apkg fields, templates and CSS', async () => {
    const fake = await anki();
    await pushToAnki(sampleCards(), options(fake, { cards: ['recognition', 'recall', 'listening'] }));
    const model = fake.models.get('chengyu-deck')!;
    const expected = loadNoteType({ cards: ['recognition', 'recall', 'listening'], script: 'simplified' });
    expect(model.fields).toEqual([...FIELD_NAMES]);
    expect(model.css).toBe(expected.css);
    expect(model.templates).toEqual(expected.templates.map((t) => ({ Name: t.title, Front: t.front, Back: t.back })));
  });

  it('adds a card type asked for later to the existing note type, keeping the user\'s templates', async () => {
    const fake = await anki();
    await pushToAnki(sampleCards(), options(fake, { cards: ['recognition'] }));
    const model = fake.models.get('chengyu-deck')!;
    model.templates[0]!.Front += '<!-- my edit -->';
    model.css = '.card { color: teal }';
    await pushToAnki(sampleCards(), options(fake, { cards: ['recognition', 'recall'] }));
    expect(model.templates.map((t) => t.Name)).toEqual(['Recognition', 'Recall']);
    expect(model.templates[0]!.Front).toContain('<!-- my edit -->');
    expect(model.css).toBe('.card { color: teal }');

    const old = await anki({ noTemplateAdd: true });
    await pushToAnki(sampleCards(), options(old, { cards: ['recognition'] }));
    const error = await rejection(pushToAnki(sampleCards(), options(old, { cards: ['recognition', 'listening'] })));
    expect(error.message).toMatch(/has no “Listening” card type and AnkiConnect could not add it/);
  });

  it('updates a note whose meaning changed and leaves the others alone', async () => {
    const fake = await anki();
    const cards = sampleCards();
    await pushToAnki(cards, options(fake));
    const changed: Card[] = cards.map((c) => (c.key === '一丝不苟' ? { ...c, meaning: 'meticulous; scrupulous' } : c));
    const report = await pushToAnki(changed, options(fake));
    expect(report).toEqual({ added: 0, updated: 1, unchanged: cards.length - 1 });
    const note = fake.notesOf('chengyu-deck').find((n) => n.fields['Key'] === '一丝不苟')!;
    expect(note.fields['Meaning']).toBe('meticulous; scrupulous');
    expect(fake.notesOf('chengyu-deck')).toHaveLength(cards.length);
  });

  it('counts a note as updated when a new source adds a tag, and adds new phrases', async () => {
    const fake = await anki();
    const cards = sampleCards();
    await pushToAnki(cards.slice(0, 3), options(fake));
    const more = cards.map((c, i) => (i === 0 ? { ...c, sources: [...c.sources, 'second.txt'] } : c));
    const report = await pushToAnki(more, options(fake));
    expect(report).toEqual({ added: cards.length - 3, updated: 1, unchanged: 2 });
    const note = fake.notesOf('chengyu-deck').find((n) => n.fields['Key'] === cards[0]!.key)!;
    expect(note.tags).toContain('chengyu-deck::source::second');
  });

  it('puts notes into one sub-deck per source with subdecks', async () => {
    const fake = await anki();
    const sources = [...SOURCES, { name: 'notes.md', title: '笔记' }];
    await pushToAnki(sampleCards(), options(fake, { deckName: 'D', subdecks: true, sources }));
    expect([...fake.decks].filter((d) => d.startsWith('D::')).sort()).toEqual(['D::小镇图书馆', 'D::笔记']);
    expect(fake.notesOf('chengyu-deck').find((n) => n.fields['Key'] === '乡村振兴')!.deckName).toBe('D::笔记');
  });

  it('sends the API key with every action, inner multi actions included', async () => {
    const fake = await anki({ key: 's3cret' });
    const report = await pushToAnki(sampleCards(), options(fake, { key: 's3cret' }));
    expect(report.added).toBe(sampleCards().length);
    const missing = await rejection(pushToAnki(sampleCards(), options(fake)));
    expect(missing.message).toMatch(/requires an API key: pass it with --key/);
    const wrong = await rejection(pushToAnki(sampleCards(), options(fake, { key: 'nope' })));
    expect(wrong.message).toMatch(/valid api key must be provided/);
  });

  it.each(['null', 'error'] as const)(
    'adds the rest and names the failures when addNotes fails some notes (%s behaviour)',
    async (behaviour) => {
      const fake = await anki({ addNotes: behaviour });
      await pushToAnki([], options(fake));
      // A note the user made by hand: same Phrase, no Key, so it is a duplicate by first field.
      fake.seed({ modelName: 'chengyu-deck', deckName: 'Default', fields: { Phrase: '集思广益', Key: '' }, tags: [] });
      const cards = sampleCards();
      const error = await rejection(pushToAnki(cards, options(fake)));
      expect(error.message).toMatch(/addNotes failed for 1 of 6 new notes: 集思广益 \(cannot create note because it is a duplicate\)/);
      expect(error.message).toMatch(/added 5, updated 0, unchanged 0/);
      expect(fake.notesOf('chengyu-deck')).toHaveLength(cards.length);
    },
  );

  it('fails with the action named when the add-on answers an error', async () => {
    const fake = await anki({ failAction: 'createDeck' });
    const error = await rejection(pushToAnki(sampleCards(), options(fake)));
    expect(error.message).toBe('AnkiConnect createDeck failed: simulated failure in createDeck');
    expect(fake.notes.size).toBe(0);
  });

  it('refuses a note type of the same name with other fields', async () => {
    const fake = await anki();
    fake.models.set('chengyu-deck', { fields: ['Front', 'Back'], css: '', templates: [] });
    const error = await rejection(pushToAnki(sampleCards(), options(fake)));
    expect(error.message).toMatch(/has the fields Front, Back, not Phrase, Pinyin/);
  });

  it('says so when permission is denied or the add-on is too old', async () => {
    const denied = await anki({ permission: 'denied' });
    expect((await rejection(pushToAnki(sampleCards(), options(denied)))).message).toMatch(/denied access/);
    const old = await anki({ version: 5 });
    expect((await rejection(pushToAnki(sampleCards(), options(old)))).message).toMatch(/API version 5/);
  });

  it('fails with one clear line when nothing is listening', async () => {
    // A port that was free a moment ago: bind, note it, close.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const url = `http://127.0.0.1:${port}`;
    const error = await rejection(
      pushToAnki(sampleCards(), { url, deckName: 'D', cards: ['recognition'], script: 'simplified' }),
    );
    expect(error.message).toBe(`cannot reach AnkiConnect at ${url} — is Anki running with the AnkiConnect add-on?`);
  });

  it('keeps an error text of several lines from the add-on on one line', async () => {
    const answer = async (): Promise<Response> => Response.json({ result: null, error: 'collection is locked\nTraceback (most recent call last):\n  File "x"' });
    const error = await rejection(
      pushToAnki(sampleCards(), { url: 'http://127.0.0.1:9', deckName: 'D', cards: ['recognition'], script: 'simplified', fetch: answer as typeof fetch }),
    );
    expect(error.message).toBe('AnkiConnect requestPermission failed: collection is locked Traceback (most recent call last): File "x"');
  });

  it('does not call an answer without a permission a denial: the server is not AnkiConnect', async () => {
    for (const result of [null, 'ok', [], { version: 6 }]) {
      const answer = async (): Promise<Response> => Response.json({ result, error: null });
      const error = await rejection(
        pushToAnki(sampleCards(), { url: 'http://127.0.0.1:9', deckName: 'D', cards: ['recognition'], script: 'simplified', fetch: answer as typeof fetch }),
      );
      expect(error.message, JSON.stringify(result)).toMatch(/did not answer requestPermission like AnkiConnect/);
    }
  });

  it('says what a server that takes the connection and never answers may be doing', async () => {
    const silent = async (_url: unknown, init?: RequestInit): Promise<Response> =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const error = await rejection(
      pushToAnki(sampleCards(), { url: 'http://127.0.0.1:9', deckName: 'D', cards: ['recognition'], script: 'simplified', fetch: silent as typeof fetch, timeoutMs: 50 }),
    );
    expect(error.message).toMatch(/did not answer requestPermission within 50 ms — is Anki busy, or waiting in a dialog/);
  });

  it('stops reading an answer that never ends, instead of growing until the process is killed', async () => {
    // A wrong --url at a streaming server: before the limit, the process grew to 17 GB in 100 s.
    let sent = 0;
    const endless = async (): Promise<Response> =>
      new Response(
        new ReadableStream<Uint8Array>({
          // A turn of the event loop per chunk, as a network would: a regression then fails on the test's
          // timeout instead of starving it.
          async pull(controller) {
            await new Promise((resolvePull) => setImmediate(resolvePull));
            sent += 65_536;
            controller.enqueue(new Uint8Array(65_536).fill(0x61));
          },
        }),
      );
    const client = new AnkiConnectClient({ url: 'http://127.0.0.1:9', fetch: endless as typeof fetch, maxAnswerBytes: 1024 * 1024 });
    const error = await rejection(client.invoke('version'));
    expect(error.message).toMatch(/answered version with more than 1 MB — not AnkiConnect/);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
    const announced = async (): Promise<Response> => new Response('{}', { headers: { 'content-length': String(2 * 1024 * 1024) } });
    const early = new AnkiConnectClient({ url: 'http://127.0.0.1:9', fetch: announced as typeof fetch, maxAnswerBytes: 1024 * 1024 });
    expect((await rejection(early.invoke('version'))).message).toMatch(/more than 1 MB/);
  }, 10_000);

  it('fails clearly when the server is not AnkiConnect', async () => {
    const notAnki = async (): Promise<Response> => new Response('<html>hello</html>', { status: 200 });
    const error = await rejection(
      pushToAnki(sampleCards(), {
        url: 'http://127.0.0.1:9',
        deckName: 'D',
        cards: ['recognition'],
        script: 'simplified',
        fetch: notAnki as typeof fetch,
      }),
    );
    expect(error.message).toMatch(/did not answer requestPermission like AnkiConnect/);
  });

  it('batches lookups with multi instead of one request per note', async () => {
    const fake = await anki();
    const cards = sampleCards();
    await pushToAnki(cards, options(fake));
    const before = fake.requests;
    await pushToAnki(cards, options(fake, { batchSize: 4 }));
    // Six notes in batches of four: permission, deck and model names (one multi), field and template
    // names (one multi), two findNotes multis, two notesInfo calls; nothing to update or add.
    expect(fake.requests - before).toBe(7);
  });
});

describe('fieldSearch', () => {
  it('matches a value literally, whatever Anki search syntax it contains', async () => {
    const fake = await anki();
    fake.models.set('m', { fields: ['Phrase', 'Key'], css: '', templates: [] });
    const values = ['a*b', 'axxb', 'a_c', 'abc', 'say "hi"', 'x:y', 'back\\slash'];
    const ids = values.map((v) => fake.seed({ modelName: 'm', deckName: 'Default', fields: { Phrase: v, Key: v }, tags: [] }));
    const client = new AnkiConnectClient({ url: fake.url });
    for (const [i, value] of values.entries()) {
      const found = await client.invoke<number[]>('findNotes', { query: `${fieldSearch('note', 'm')} ${fieldSearch('Key', value)}` });
      expect(found).toEqual([ids[i]]);
    }
    // Unescaped, the wildcard would have matched both: the check above can fail.
    expect(await client.invoke<number[]>('findNotes', { query: '"Key:a*b"' })).toEqual([ids[0], ids[1]]);
  });
});
