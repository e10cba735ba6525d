// Properties of the whole extraction on random text, fed as standard input is: bytes through
// extractFrom() with a stdin stream.
//
// What may fail: only an InputError (exit 3) naming the input, for text the decoder refuses (control
// characters, an unpaired surrogate written as UTF-16, no text at all). Text made only of Han characters,
// Latin, punctuation, emoji, combining marks and spaces must never fail. Every phrase returned occurs in
// the normalised text, every context contains its phrase at contextStart..contextEnd, and the same input
// always gives the same output.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/cli/errors.js';
import { decode, normalise, splitSentences } from '../../src/input/index.js';
import { hanOnly } from '../../src/lexicon/paths.js';
import { extractFrom } from '../../src/pipeline.js';
import type { ExtractResult } from '../../src/pipeline.js';
import { KINDS } from '../../src/types.js';
import type { Card, DecodedText } from '../../src/types.js';
import {
  COMBINING,
  CONTROL,
  EMOJI,
  HAN_ASTRAL,
  HAN_COMMON,
  HAN_TRADITIONAL,
  IDIOMS,
  LATIN_WORDS,
  LONE_SURROGATES,
  MARKUP_TOKENS,
  PUNCTUATION,
  SHAPE_WORDS,
  DOCUMENT_MARKUP,
  WHITESPACE,
} from './alphabet.js';

const OPTIONS = { kinds: KINDS, minCount: 1, toneSandhi: false, variant: 'tw' as const };

/** A long line of ordinary text with an idiom in it, no line break: about 24,000 characters. */
const LONG_LINE = Array.from({ length: 600 }, (_, i) => `第${i}段里大家都说要${IDIOMS[i % IDIOMS.length]}，`).join('');

const han = fc.string({
  unit: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...HAN_COMMON) }, { weight: 1, arbitrary: fc.constantFrom(...HAN_ASTRAL) }),
  minLength: 1,
  maxLength: 12,
});
/** A term shape or cue word right after Han text that may end in a character outside the BMP. */
const shaped = fc.tuple(han, fc.constantFrom(...SHAPE_WORDS)).map(([before, word]) => `${before}${word}`);
const idiomSentence = fc
  .tuple(han, fc.constantFrom(...IDIOMS), han, fc.constantFrom('。', '！', '？', '；', '，'))
  .map(([a, idiom, b, end]) => `${a}${idiom}${b}${end}`);

const cleanPiece = fc.oneof(
  { weight: 5, arbitrary: idiomSentence },
  { weight: 3, arbitrary: han },
  { weight: 2, arbitrary: fc.constantFrom(...IDIOMS) },
  { weight: 2, arbitrary: shaped },
  { weight: 2, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 2, arbitrary: fc.constantFrom(...WHITESPACE) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...HAN_TRADITIONAL), minLength: 1, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom(...LATIN_WORDS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 10 }) },
  { weight: 1, arbitrary: fc.constantFrom(...EMOJI) },
  { weight: 1, arbitrary: fc.constantFrom(...COMBINING) },
  { weight: 2, arbitrary: fc.constantFrom(...DOCUMENT_MARKUP) },
);
const messyPiece = fc.oneof(
  { weight: 6, arbitrary: cleanPiece },
  { weight: 1, arbitrary: fc.constantFrom(...CONTROL) },
  { weight: 1, arbitrary: fc.constantFrom(...LONE_SURROGATES) },
  { weight: 1, arbitrary: fc.constantFrom(...MARKUP_TOKENS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

const withLongLine = (pieces: fc.Arbitrary<string[]>): fc.Arbitrary<string> =>
  fc.tuple(pieces, fc.integer({ min: 0, max: 15 })).map(([parts, n]) => {
    // One text in sixteen carries the long line somewhere in it.
    if (n === 0) parts.splice(parts.length >> 1, 0, LONG_LINE);
    return parts.join('');
  });

// Clean text always has at least one sentence with an idiom, so it is never empty.
const cleanText = withLongLine(
  fc
    .tuple(fc.array(cleanPiece, { maxLength: 40 }), idiomSentence, fc.nat())
    .map(([parts, sentence, at]) => {
      parts.splice(at % (parts.length + 1), 0, sentence);
      return parts;
    }),
);
const messyText = withLongLine(fc.array(messyPiece, { minLength: 0, maxLength: 40 }));

type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le-bom';
const encodingArbitrary = fc.constantFrom<Encoding>('utf-8', 'utf-8', 'utf-8', 'utf-8-bom', 'utf-16le-bom');

function encode(text: string, encoding: Encoding): Buffer {
  if (encoding === 'utf-16le-bom') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

async function extractStdin(bytes: Buffer): Promise<ExtractResult> {
  return extractFrom([{ name: 'stdin', path: null }], { ...OPTIONS, stdin: Readable.from([bytes]) });
}

/** Sentences of the normalised text, the way the pipeline sees them. */
function normalisedSentences(bytes: Buffer): string[] {
  const document = normalise(decode({ name: 'stdin', path: null, bytes }));
  return splitSentences(document).map((s) => s.text);
}

function expectCardInvariants(card: Card, sentences: readonly string[]): void {
  const label = JSON.stringify({ text: card.text, key: card.key, context: card.context, at: [card.contextStart, card.contextEnd] });
  expect(card.key.length, label).toBeGreaterThan(0);
  expect(hanOnly(card.text), label).toBe(card.key);
  // The phrase occurs in the normalised text: inside one sentence (clause punctuation aside).
  expect(sentences.some((s) => hanOnly(s).includes(card.key)), `${label} is in no normalised sentence`).toBe(true);
  // The context contains the phrase, at contextStart..contextEnd when it is marked.
  expect(hanOnly(card.context).includes(card.key), label).toBe(true);
  if (card.contextStart !== -1) {
    expect(card.contextStart, label).toBeGreaterThanOrEqual(0);
    expect(card.contextEnd, label).toBeGreaterThan(card.contextStart);
    expect(card.contextEnd, label).toBeLessThanOrEqual(card.context.length);
    expect(hanOnly(card.context.slice(card.contextStart, card.contextEnd)), label).toBe(card.key);
  }
  // The context is normalised text: each piece between trimming ellipses occurs in one sentence.
  for (const piece of card.context.split('…').filter((p) => p.length > 0)) {
    expect(sentences.some((s) => s.includes(piece)), `${label}: context piece ${JSON.stringify(piece)} is not in the text`).toBe(true);
  }
}

let detections = 0;
let accepted = 0;

async function checkText(text: string, encoding: Encoding, mayRefuse: boolean): Promise<void> {
  const bytes = encode(text, encoding);
  let first: ExtractResult;
  try {
    first = await extractStdin(bytes);
  } catch (error) {
    if (mayRefuse && error instanceof InputError) {
      expect(error.file).toBe('stdin');
      expect(error.message).not.toContain('\n');
      return;
    }
    throw error;
  }
  accepted++;
  const sentences = normalisedSentences(bytes);
  for (const card of first.cards) expectCardInvariants(card, sentences);
  detections += first.cards.length;
  const second = await extractStdin(bytes);
  expect(JSON.stringify(second)).toBe(JSON.stringify(first));
}

describe('extract on random text', () => {
  it('clean mixed text: never fails, phrases and contexts come from the text, same output every time', async () => {
    detections = 0;
    await fc.assert(
      fc.asyncProperty(cleanText, encodingArbitrary, (text, encoding) => checkText(text, encoding, false)),
      { numRuns: 60 },
    );
    // The texts are full of real idioms; a run that found none would have tested nothing.
    console.info(`clean texts: ${detections} cards`);
    expect(detections).toBeGreaterThan(30);
  }, 120_000);

  it('messy text (controls, unpaired surrogates, markup, random bytes): at most a one-line InputError', async () => {
    accepted = 0;
    await fc.assert(
      fc.asyncProperty(messyText, encodingArbitrary, (text, encoding) => checkText(text, encoding, true)),
      { numRuns: 80 },
    );
    // Many messy texts are still read (a few controls are tolerated); if all were refused, the invariants
    // above would not have been checked on any of them.
    console.info(`messy texts: ${accepted} of 80 read`);
    expect(accepted).toBeGreaterThanOrEqual(5);
  }, 120_000);
});

describe('the text stages on strings no decoder would produce', () => {
  it('normalise, sentences and detection accept unpaired surrogates and controls without throwing', async () => {
    const { createDetector } = await import('../../src/detect/index.js');
    const detector = createDetector();
    fc.assert(
      fc.property(messyText, (text) => {
        const decoded: DecodedText = { name: 'x.txt', path: null, text, encoding: 'utf-8', traditionalInput: false, originalText: text };
        const sentences = splitSentences(normalise(decoded));
        for (const sentence of sentences) {
          for (const d of detector.detect(sentence)) {
            expect(d.start).toBeGreaterThanOrEqual(0);
            expect(d.end).toBeLessThanOrEqual(sentence.text.length);
            expect(hanOnly(sentence.text.slice(d.start, d.end))).toBe(d.key);
          }
        }
      }),
      { numRuns: 80 },
    );
  }, 60_000);
});
