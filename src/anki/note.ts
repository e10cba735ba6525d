// One card of ours → one Anki note: the field values (HTML) and the tags.
import type { Card, Kind, SourceInfo } from '../types.js';
import { inScript, splitContext } from '../enrich/context.js';
import { escapeField, pinyinHtml } from './html.js';
import type { Script } from './model.js';

/**
 * The note type's fields, in order. Final: Anki treats a note type whose field list changed as a different
 * one, so renaming, adding or reordering would split every user's collection in two.
 */
export const FIELD_NAMES = [
  'Phrase',
  'Pinyin',
  'Traditional',
  'Meaning',
  'Literal',
  'Kind',
  'Context',
  'ContextPinyin',
  'Source',
  'Key',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

export const TAG_ROOT = 'chengyu-deck';

export interface NoteOptions {
  /** Titles and dates of the inputs, used for the Source field when a card does not carry its own. */
  sources?: readonly SourceInfo[];
  /**
   * The script the cards show. Simplified (the default) shows the context in Simplified characters; a
   * deck in Traditional, or in both scripts, shows it as the source wrote it.
   */
  script?: Script;
}

const KIND_LABELS: Readonly<Record<Kind, string>> = {
  chengyu: 'chengyu',
  quotation: 'quotation',
  saying: 'saying',
  term: 'term',
};

// Chinese inside an English meaning can give the answer away on the recall front: a "gloss from parts"
// spells the phrase out, "adapted from …" quotes its dictionary form. Runs of Han characters that are part
// of the phrase, or share two characters in a row with it, are marked so the recall CSS can mask them;
// other Chinese (a quotation's source, a grammar note) stays readable as a hint.
function givesAway(han: string, key: string): boolean {
  if (key.includes(han)) return true;
  for (let i = 0; i + 2 <= han.length; i++) if (key.includes(han.slice(i, i + 2))) return true;
  return false;
}

function meaningHtml(meaning: string, key: string): string {
  return escapeField(meaning).replace(/\p{Script=Han}+/gu, (han) =>
    givesAway(han, key) ? `<span class="spoiler">${han}</span>` : han,
  );
}

function contextHtml(card: Card, script: Script): string {
  const shown = inScript(card, script);
  const parts = splitContext(shown);
  if (!parts) return escapeField(shown.context);
  const [before, phrase, after] = parts;
  return `${escapeField(before)}<b class="hl">${escapeField(phrase)}</b>${escapeField(after)}`;
}

const sourcesByName = new WeakMap<readonly SourceInfo[], Map<string, SourceInfo>>();

/** The first source of each name, looked up once per run's list rather than searched for every card. */
export function sourceNamed(sources: readonly SourceInfo[], name: string): SourceInfo | undefined {
  let byName = sourcesByName.get(sources);
  if (byName === undefined) {
    byName = new Map();
    for (const source of sources) if (!byName.has(source.name)) byName.set(source.name, source);
    sourcesByName.set(sources, byName);
  }
  return byName.get(name);
}

function sourceHtml(card: Card, sources: readonly SourceInfo[] | undefined): string {
  const info = sources === undefined ? undefined : sourceNamed(sources, card.source);
  const title = card.sourceTitle ?? info?.title;
  const date = card.sourceDate ?? info?.date;
  const parts: string[] = [];
  if (card.attribution) parts.push(`<span class="attribution">${escapeField(card.attribution)}</span>`);
  const origin = [title ?? card.source, date].filter((part): part is string => !!part).map(escapeField);
  if (origin.length > 0) parts.push(`<span class="origin">${origin.join(' · ')}</span>`);
  return parts.join('<br>');
}

/**
 * A field that starts with `=`, `+`, `-` or `@` is a formula to a spreadsheet opening the CSV or TSV export
 * (a speech could start a sentence with `=HYPERLINK(…)`): that first character is written as a character
 * reference, which Anki shows as the character itself. Every field, in every output, so that the package
 * and the text export hold the same notes.
 */
function spreadsheetInert(html: string): string {
  const first = html.charCodeAt(0);
  return first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 ? `&#${first};${html.slice(1)}` : html;
}

/** The ten field values, in FIELD_NAMES order, as HTML safe to put into any template. */
export function noteFields(card: Card, options: NoteOptions = {}): string[] {
  const values: Record<FieldName, string> = {
    Phrase: escapeField(card.text),
    Pinyin: pinyinHtml(card.pinyin),
    Traditional: escapeField(card.traditional),
    Meaning: meaningHtml(card.meaning, card.key),
    Literal: escapeField(card.literal),
    Kind: escapeField(KIND_LABELS[card.kind]),
    Context: contextHtml(card, options.script ?? 'simplified'),
    ContextPinyin: escapeField(card.contextPinyin),
    Source: sourceHtml(card, options.sources),
    Key: escapeField(card.key),
  };
  return FIELD_NAMES.map((name) => spreadsheetInert(values[name]));
}

/** An input name as one tag component: no extension, no spaces, no `::` hierarchy from the name itself. */
export function tagComponent(name: string): string {
  const cleaned = name
    .replace(/\.(txt|md|markdown|text)$/i, '')
    .replace(/[\s\u3000"]+/g, '_')
    .replace(/:/g, '_')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/^_+|_+$/g, '');
  return cleaned === '' ? 'unnamed' : cleaned;
}

/** Kind and source tags, hierarchical: `chengyu-deck::kind::chengyu`, `chengyu-deck::source::<name>`. */
export function noteTags(card: Card): string[] {
  // A Set, not a search of the list per source: a phrase of a corpus is used in thousands of files.
  const tags = new Set([`${TAG_ROOT}::kind::${card.kind}`]);
  const sources = card.sources.length > 0 ? card.sources : [card.source];
  for (const source of sources) tags.add(`${TAG_ROOT}::source::${tagComponent(source)}`);
  return [...tags];
}
