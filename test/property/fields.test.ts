// Property: whatever text reaches a card, the note's fields are escaped HTML whose only markup is our own.
// No `<`, `>` or `&` from the input survives raw, no `{{`/`}}` can reach Anki's template engine, and the
// text a user sees (tags removed, entities decoded, as Anki computes it) is exactly the input text.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FIELD_NAMES, buildPackage, noteFields, stripHtml } from '../../src/anki/index.js';
import type { Card, SourceInfo } from '../../src/types.js';
import { readPackage } from '../support/sqlite.js';
import { CONTROL, EMOJI, HAN_COMMON, IDIOMS, LONE_SURROGATES, MARKUP_TOKENS, COMBINING } from './alphabet.js';

/** The tags our fields may contain; anything else that looks like a tag came from the input. */
const OUR_TAGS = [
  /^<br>$/,
  /^<b class="hl">$/,
  /^<\/b>$/,
  // Spans with one plain class name (toneN, attribution, origin, han, spoiler, …); the input's own markup
  // tokens (<b>, </div>, <script>, <img …>) are none of these shapes.
  /^<span class="[a-z][a-z0-9-]*">$/,
  /^<\/span>$/,
];
/** The entities escapeField writes. */
const OUR_ENTITY = /^&(amp|lt|gt|quot|#123|#125);/;
/** The references a field may start with instead of a character a spreadsheet takes for a formula. */
const FORMULA_START_ENTITY = /^&#(61|43|45|64);/;

function expectSafeHtml(html: string, field: string): void {
  let i = 0;
  while (i < html.length) {
    const ch = html[i];
    if (ch === '<') {
      const close = html.indexOf('>', i);
      const tag = close < 0 ? html.slice(i) : html.slice(i, close + 1);
      expect(OUR_TAGS.some((allowed) => allowed.test(tag)), `${field}: foreign tag ${JSON.stringify(tag)} in ${JSON.stringify(html)}`).toBe(true);
      i = close + 1;
    } else if (ch === '>') {
      throw new Error(`${field}: raw > in ${JSON.stringify(html)}`);
    } else if (ch === '&') {
      const ours = OUR_ENTITY.test(html.slice(i)) || (i === 0 && FORMULA_START_ENTITY.test(html));
      expect(ours, `${field}: bare & at ${i} in ${JSON.stringify(html)}`).toBe(true);
      i++;
    } else i++;
  }
  // A spreadsheet opening the CSV export would take these for a formula.
  expect(html, field).not.toMatch(/^[=+\-@]/);
  expect(html, field).not.toMatch(/\{\{|\}\}/);
  expect(html, field).not.toMatch(/[{}]/);
  // U+001F separates the fields of a note in Anki's database; one inside a field would shift every field after it.
  expect(html.includes('\x1f'), `${field}: U+001F in ${JSON.stringify(html)}`).toBe(false);
}

const textPiece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...MARKUP_TOKENS) },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...HAN_COMMON), maxLength: 6 }) },
  { weight: 2, arbitrary: fc.constantFrom(...IDIOMS) },
  { weight: 1, arbitrary: fc.constantFrom('=', '+', '-', '@', '=HYPERLINK("x")', '-1+1') },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom(...EMOJI, ...COMBINING, ...CONTROL, ...LONE_SURROGATES, '\n', '\r\n', '\r') },
);
const fieldText = fc.array(textPiece, { maxLength: 12 }).map((parts) => parts.join(''));
const pinyinText = fc.oneof(
  fieldText,
  fc.array(fc.constantFrom('tóng', 'zhōu', 'gòng', 'jì', 'xue1', 'lu:3', 'ma', '，', ' ', '<b>', '{{', '&'), { maxLength: 8 }).map((p) => p.join(' ')),
);

const cardArbitrary = fc
  .record({
    phrase: fc.oneof(fc.constantFrom(...IDIOMS), fieldText),
    before: fieldText,
    after: fieldText,
    pinyin: pinyinText,
    traditional: fieldText,
    meaning: fieldText,
    literal: fieldText,
    contextPinyin: pinyinText,
    source: fieldText,
    sourceTitle: fc.option(fieldText, { nil: undefined }),
    sourceDate: fc.option(fieldText, { nil: undefined }),
    attribution: fc.option(fieldText, { nil: undefined }),
    kind: fc.constantFrom('chengyu', 'quotation', 'saying', 'term'),
    marked: fc.boolean(),
  })
  .map((r): Card => {
    const context = r.before + r.phrase + r.after;
    return {
      key: r.phrase,
      text: r.phrase,
      kind: r.kind,
      pinyin: r.pinyin,
      pinyinNumbered: '',
      traditional: r.traditional,
      meaning: r.meaning,
      literal: r.literal,
      meaningSource: 'cedict',
      count: 1,
      context,
      contextStart: r.marked ? r.before.length : -1,
      contextEnd: r.marked ? r.before.length + r.phrase.length : -1,
      contextPinyin: r.contextPinyin,
      source: r.source,
      sources: [r.source],
      ...(r.sourceTitle !== undefined ? { sourceTitle: r.sourceTitle } : {}),
      ...(r.sourceDate !== undefined ? { sourceDate: r.sourceDate } : {}),
      ...(r.attribution !== undefined ? { attribution: r.attribution } : {}),
      score: 1,
      evidence: [],
    };
  });

/** The text a user sees, compared without line breaks (they become `<br>`) and C0 controls (free to drop). */
// What a field may show of its text: line breaks become <br>, control characters go, and a lone surrogate
// (which UTF-8 cannot store) becomes U+FFFD.
const visible = (text: string): string =>
  text
    .replace(/\r\n?|\n/g, '')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

function expectFieldsOf(card: Card, fields: readonly string[], sources: readonly SourceInfo[]): void {
  expect(fields).toHaveLength(FIELD_NAMES.length);
  fields.forEach((html, i) => expectSafeHtml(html, FIELD_NAMES[i] ?? String(i)));
  const field = (name: (typeof FIELD_NAMES)[number]): string => fields[FIELD_NAMES.indexOf(name)] ?? '';
  // What Anki shows and sorts by: the input text itself, line breaks aside.
  expect(visible(stripHtml(field('Phrase')))).toBe(visible(card.text));
  expect(visible(stripHtml(field('Traditional')))).toBe(visible(card.traditional));
  expect(visible(stripHtml(field('Meaning')))).toBe(visible(card.meaning));
  expect(visible(stripHtml(field('Literal')))).toBe(visible(card.literal));
  expect(visible(stripHtml(field('Context')))).toBe(visible(card.context));
  expect(visible(stripHtml(field('Key')))).toBe(visible(card.key));
  expect(visible(stripHtml(field('Pinyin')))).toBe(visible(card.pinyin.trim().normalize('NFC')));
  const source = visible(stripHtml(field('Source')));
  const title = card.sourceTitle ?? sources.find((s) => s.name === card.source)?.title ?? card.source;
  if (title) expect(source).toContain(visible(title));
  if (card.attribution) expect(source).toContain(visible(card.attribution));
  if (card.contextStart >= 0 && card.text.length > 0) {
    expect(field('Context')).toContain('<b class="hl">');
  }
}

describe('note fields for arbitrary text', () => {
  it('are escaped HTML with only our own markup, showing exactly the input text', () => {
    fc.assert(
      fc.property(cardArbitrary, fc.array(fc.record({ name: fieldText, title: fc.option(fieldText, { nil: undefined }) }), { maxLength: 2 }), (card, sourceList) => {
        const sources: SourceInfo[] = sourceList.map((s) => (s.title === undefined ? { name: s.name } : { name: s.name, title: s.title }));
        expectFieldsOf(card, noteFields(card, { sources }), sources);
      }),
      { numRuns: 400 },
    );
  });
});

function wellFormedCard(card: Card): Card {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(card)) {
    out[name] =
      typeof value === 'string' ? value.toWellFormed()
      : Array.isArray(value) ? value.map((item: unknown) => (typeof item === 'string' ? item.toWellFormed() : item))
      : value;
  }
  return out as unknown as Card;
}

describe('a built deck of arbitrary cards', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chengyu-property-deck-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores exactly those safe fields, read back by an independent SQLite reader', async () => {
    let run = 0;
    await fc.assert(
      // Well-formed text, as the pipeline's decoders produce (they never yield an unpaired surrogate).
      fc.asyncProperty(fc.uniqueArray(cardArbitrary.map(wellFormedCard), { minLength: 1, maxLength: 6, selector: (c) => c.key }), async (cards) => {
        const path = join(dir, `deck-${run++}.apkg`);
        const bytes = await buildPackage(cards, {
          deckName: 'Property <test> & {{deck}}',
          cards: ['recognition', 'recall', 'listening'],
          script: 'both',
          subdecks: false,
          sources: [],
          now: 1_700_000_000,
        });
        writeFileSync(path, bytes);
        const dump = readPackage(path);
        expect(dump.integrity).toBe('ok');
        expect(dump.notes).toHaveLength(cards.length);
        const stored = new Map(dump.notes.map((note) => [note.flds, note]));
        for (const card of cards) {
          const fields = noteFields(card, { sources: [] });
          const note = stored.get(fields.join('\x1f'));
          expect(note, `no note with the fields of ${JSON.stringify(card.text)}`).toBeDefined();
          expectFieldsOf(card, note?.flds.split('\x1f') ?? [], []);
        }
      }),
      { numRuns: 6 },
    );
  }, 60_000);
});
