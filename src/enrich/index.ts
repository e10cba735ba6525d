// enrich: Candidate[] → Card[]. Everything a card shows except its score (the selection stage ranks).
import type { Candidate, Card, SourceInfo } from '../types.js';
import { buildContext, type Context } from './context.js';
import { meaningFor } from './meaning.js';
import { cardReading } from './pinyin.js';
import { DeckReadings, sentencePinyin } from './sentence-pinyin.js';
import { formatMarks, formatNumbered } from './syllable.js';
import { cardSource } from './source.js';
import { precomputedTokens, precomputedTraditional } from './readings-table.js';
import { clearPrefetched, prefetchPinyin } from './reading-sources.js';
import type { PinyinQuery } from './worker-client.js';
import { toTraditional, traditionalConverter, type Variant } from './traditional.js';

export { phrasePinyin, phraseReading } from './pinyin.js';
export { DeckReadings, sentencePinyin } from './sentence-pinyin.js';
export type { PhrasePinyin, PinyinOptions } from './pinyin.js';
export { meaningFor, glossFromParts, GLOSS_PREFIX } from './meaning.js';
export type { Meaning } from './meaning.js';
export { toTraditional, traditionalConverter } from './traditional.js';
export type { Variant } from './traditional.js';
export { buildContext, chooseOccurrence, trimContext, CONTEXT_TARGET_LENGTH } from './context.js';
export { cardSource } from './source.js';
export { setProjectMeanings } from './project-data.js';

export interface EnrichOptions {
  toneSandhi: boolean;
  variant: Variant;
}

/**
 * One card for one candidate. Deterministic: depends only on the candidate, the sources and the options.
 * `traditional` converts the phrase (a batch converter from `enrich`, else OpenCC's own); `deck` holds the
 * readings of the batch's phrases, so each reads the same in every context.
 */
export function enrichOne(
  candidate: Candidate,
  sources: ReadonlyMap<string, SourceInfo>,
  options: EnrichOptions,
  traditional: (text: string) => string = (text) => toTraditional(text, options.variant),
  deck: DeckReadings = new DeckReadings([candidate.text], { toneSandhi: options.toneSandhi }),
  context: Context | undefined = buildContext(candidate.occurrences, candidate.key, candidate.text, candidate.sources),
): Card {
  const card = cardBesideContextPinyin(candidate, sources, options, traditional, deck, context);
  addContextPinyin(card, context, options, deck);
  return card;
}

/** The context sentence's pinyin, agreeing with the deck's readings. */
function addContextPinyin(card: Card, context: Context | undefined, options: EnrichOptions, deck: DeckReadings): void {
  if (context) card.contextPinyin = sentencePinyin(context.text, context.start, context.end, { toneSandhi: options.toneSandhi }, deck);
}

/** Everything of the card but the context's pinyin (left empty). */
function cardBesideContextPinyin(
  candidate: Candidate,
  sources: ReadonlyMap<string, SourceInfo>,
  options: EnrichOptions,
  traditional: (text: string) => string,
  deck: DeckReadings,
  context: Context | undefined,
): Card {
  const tokens = deck.reading(candidate.text);
  const pinyin = { marks: formatMarks(tokens), numbered: formatNumbered(tokens) };
  // The meaning follows the citation reading, so it names the same dictionary entry as the pinyin.
  const citationTokens = options.toneSandhi ? cardReading(candidate.text, { toneSandhi: false }) : tokens;
  const citation = { numbered: formatNumbered(citationTokens) };
  let meaning = meaningFor(candidate.text, candidate.attribution, { reading: citation.numbered });
  if (meaning.source === 'gloss' && candidate.dictionaryForm && candidate.dictionaryForm !== candidate.text) {
    const original = meaningFor(candidate.dictionaryForm, candidate.attribution);
    if (original.source !== 'gloss') {
      meaning = { ...original, meaning: `(adapted from ${candidate.dictionaryForm}) ${original.meaning}` };
    }
  }
  const source = cardSource(context?.occurrence.sentence.source ?? candidate.sources[0] ?? '', sources);
  const card: Card = {
    key: candidate.key,
    text: candidate.text,
    kind: candidate.kind,
    pinyin: pinyin.marks,
    pinyinNumbered: pinyin.numbered,
    traditional: traditional(candidate.text),
    meaning: meaning.meaning,
    literal: meaning.literal,
    meaningSource: meaning.source,
    count: candidate.count,
    context: context?.text ?? '',
    ...(context?.original !== undefined ? { contextOriginal: context.original } : {}),
    contextStart: context?.start ?? -1,
    contextEnd: context?.end ?? -1,
    contextPinyin: '',
    source: source.source,
    sources: [...candidate.sources],
    score: 0,
    evidence: candidate.evidence.map((e) => ({ ...e })),
  };
  if (source.sourceTitle !== undefined) card.sourceTitle = source.sourceTitle;
  if (source.sourceDate !== undefined) card.sourceDate = source.sourceDate;
  if (candidate.dictionaryForm !== undefined) card.dictionaryForm = candidate.dictionaryForm;
  if (candidate.attribution !== undefined) card.attribution = candidate.attribution;
  return card;
}

/**
 * Traditional forms for a batch of phrases: lexicon phrases from the build-time table, the others (quoted
 * coinages, adapted idioms) converted together.
 */
function batchTraditional(variant: Variant, texts: readonly string[]): (text: string) => string {
  const known = new Map<string, string>();
  const others: string[] = [];
  for (const text of new Set(texts)) {
    const precomputed = precomputedTraditional(text, variant);
    if (precomputed !== undefined) known.set(text, precomputed);
    else others.push(text);
  }
  if (others.length > 0) {
    const convert = traditionalConverter(variant, others);
    for (const text of others) known.set(text, convert(text));
  }
  return (text) => known.get(text) ?? toTraditional(text, variant);
}

/** One Card per candidate, in the candidates' order; score 0 (selection scores) and evidence copied. */
export function enrich(candidates: readonly Candidate[], sources: ReadonlyMap<string, SourceInfo>, options: EnrichOptions): Card[] {
  const contexts = candidates.map((c) => buildContext(c.occurrences, c.key, c.text, c.sources));
  try {
    // The helper thread reads the phrases, then the sentences, while this thread converts the phrases to
    // Traditional and looks up their meanings (which need only the phrases' readings).
    const queries = pinyinQueries(candidates, contexts, options.toneSandhi);
    prefetchPinyin(queries.phrases);
    prefetchPinyin(queries.sentences);
    const traditional = batchTraditional(options.variant, candidates.map((c) => c.text));
    const deck = new DeckReadings(
      candidates.map((c) => c.text),
      { toneSandhi: options.toneSandhi },
    );
    const cards = candidates.map((candidate, i) => cardBesideContextPinyin(candidate, sources, options, traditional, deck, contexts[i]));
    // The context pinyin last: it needs the helper thread's readings of the sentences, which the thread
    // computes while this one looks up the meanings.
    cards.forEach((card, i) => addContextPinyin(card, contexts[i], options, deck));
    return cards;
  } finally {
    clearPrefetched();
  }
}

/**
 * The pinyin-pro readings a batch will ask for: phrases without a build-time row (needed first, for the
 * cards' own readings) and the context sentences, in citation form, and in spoken form too where 一 or 不
 * may change (sandhiChanges compares both).
 */
function pinyinQueries(
  candidates: readonly Candidate[],
  contexts: readonly (Context | undefined)[],
  toneSandhi: boolean,
): { phrases: PinyinQuery[]; sentences: PinyinQuery[] } {
  const queriesOf = (texts: readonly string[]): PinyinQuery[] =>
    texts.flatMap((text) => [{ text, toneSandhi: false }, ...(toneSandhi && /[一不]/.test(text) ? [{ text, toneSandhi: true }] : [])]);
  const phrases = candidates.filter((c) => precomputedTokens(c.text, toneSandhi) === undefined || (toneSandhi && precomputedTokens(c.text, false) === undefined)).map((c) => c.text);
  const sentences = [
    ...contexts.flatMap((c) => (c ? [c.text] : [])),
    // The phrase as written in its sentence (、 for ，, say) is read on its own for the context pinyin.
    ...contexts.flatMap((c) => (c && c.start >= 0 && c.end > c.start ? [c.text.slice(c.start, c.end)] : [])).filter((text) => precomputedTokens(text, toneSandhi) === undefined),
  ];
  return { phrases: queriesOf(phrases), sentences: queriesOf(sentences) };
}
