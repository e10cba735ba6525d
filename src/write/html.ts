// The teacher's vocabulary list: one self-contained page (no scripts, no fonts or images fetched) that reads
// well on screen and prints cleanly. Entries are grouped by kind, numbered by rank within the kind, and
// never split across printed pages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../lexicon/paths.js';
import { HTML_GENERATOR } from '../input/own-outputs.js';
import type { Card, SourceInfo } from '../types.js';
import { escapeHtml } from './escape.js';
import { KIND_LABELS, countsByKind, entryOrigin, groupByKind, needsGlossNote } from './kinds.js';
import { showsOriginal, splitContext } from '../enrich/context.js';
import { pinyinPieces } from './tones.js';

let listCss: string | undefined;
/**
 * The list's style sheet (`templates/list.css`), inlined into every page so that the file stands alone: no
 * network, no companion files.
 */
function listStyle(): string {
  listCss ??= readFileSync(join(TEMPLATES_DIR, 'list.css'), 'utf8');
  return listCss;
}

export interface ListMeta {
  /** The page's heading, e.g. the deck name. */
  title: string;
  /** The inputs the list was made from, in input order. */
  sources: SourceInfo[];
  /** When the list was made, as the caller wants it shown; omitted, the page carries no date (reproducible). */
  generated?: string;
}

export const CEDICT_CREDIT = {
  text: 'English meanings from CC-CEDICT, licensed under Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0).',
  cedictUrl: 'https://cc-cedict.org/wiki/',
  licenceUrl: 'https://creativecommons.org/licenses/by-sa/4.0/',
} as const;

const e = escapeHtml;

/** Tone-marked pinyin with each syllable in `<span class="toneN">` (the Chinese Support Redux classes). */
export function toneSpans(pinyin: string): string {
  return pinyinPieces(pinyin)
    .map((piece) => (piece.tone === undefined ? e(piece.text) : `<span class="tone${piece.tone}">${e(piece.text)}</span>`))
    .join('');
}

// Breaks a multi-clause phrase between its clauses rather than inside one (千里之行，/始于足下).
function clauses(text: string): string {
  const parts = text.match(/[^，、；：,;]+[，、；：,;]*|[，、；：,;]+/g) ?? [text];
  return parts.length <= 1 ? e(text) : parts.map((part) => `<span class="clause">${e(part)}</span>`).join('');
}

function describeSource(source: SourceInfo): string {
  const parts = [`<span class="file">${e(source.name)}</span>`];
  if (source.title) parts.push(`<span class="title">${e(source.title)}</span>`);
  if (source.date) parts.push(`<span class="date">${e(source.date)}</span>`);
  return parts.join(' · ');
}

function contextHtml(card: Card): string {
  const parts = splitContext(card);
  if (parts === null) return e(card.context);
  const [before, phrase, after] = parts;
  return `${e(before)}<mark>${e(phrase)}</mark>${e(after)}`;
}

function entryHtml(card: Card, rank: number, singleSource: boolean): string {
  const lines: string[] = [];
  lines.push(`<li class="entry kind-${e(card.kind)}" id="p-${e(card.key)}" data-key="${e(card.key)}">`);
  lines.push(`<div class="head">`);
  lines.push(`<span class="rank">${rank}</span>`);
  lines.push(`<span class="phrase" lang="zh-Hans">${clauses(card.text)}</span>`);
  if (card.traditional && card.traditional !== card.text) {
    lines.push(`<span class="trad" lang="zh-Hant">${clauses(card.traditional)}</span>`);
  }
  const pinyinClauses = card.pinyin.split(/(?<=[,;:，；：])\s+/);
  const pinyin =
    pinyinClauses.length <= 1
      ? toneSpans(card.pinyin)
      : pinyinClauses.map((clause) => `<span class="clause">${toneSpans(clause)}</span>`).join(' ');
  lines.push(`<span class="pinyin">${pinyin}</span>`);
  lines.push(`</div>`);
  lines.push(`<div class="body">`);
  const source = needsGlossNote(card) ? ' <span class="note">(gloss from its parts, not a dictionary entry)</span>' : '';
  lines.push(`<p class="meaning">${e(card.meaning)}${source}</p>`);
  if (card.literal) lines.push(`<p class="literal"><span class="label">lit.</span> ${e(card.literal)}</p>`);
  // The meaning sometimes already names the source ("… (source: 《论语·为政》)"); say it once.
  if (card.attribution && !card.meaning.includes(card.attribution)) {
    lines.push(`<p class="attribution">${e(card.attribution)}</p>`);
  }
  if (card.dictionaryForm && card.dictionaryForm !== card.text) {
    lines.push(`<p class="dictform">Dictionary form: <span lang="zh-Hans">${e(card.dictionaryForm)}</span></p>`);
  }
  if (card.context) {
    lines.push(`<blockquote class="context" lang="${showsOriginal(card) ? 'zh-Hant' : 'zh-Hans'}">${contextHtml(card)}</blockquote>`);
  }
  const { where, uses } = entryOrigin(card, singleSource);
  const origin = [...where.map(e), ...(uses ? [`<span class="uses">${e(uses)}</span>`] : [])].join(' · ');
  if (origin) lines.push(`<p class="source">${origin}</p>`);
  lines.push(`</div>`);
  lines.push(`</li>`);
  return lines.join('\n');
}

const TONE_LEGEND = [
  ['tone1', 'ā 1st'],
  ['tone2', 'á 2nd'],
  ['tone3', 'ǎ 3rd'],
  ['tone4', 'à 4th'],
  ['tone5', 'a neutral'],
] as const;

/** The whole page as one HTML document. Same cards and meta give the same bytes. */
export function formatHtml(cards: readonly Card[], meta: ListMeta): string {
  const groups = groupByKind(cards);
  const singleSource = new Set([...meta.sources.map((s) => s.name), ...cards.flatMap((c) => c.sources)]).size <= 1;
  const out: string[] = [];
  out.push('<!DOCTYPE html>');
  out.push('<html lang="en">');
  out.push('<head>');
  out.push('<meta charset="utf-8">');
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(HTML_GENERATOR);
  out.push(`<title>${e(meta.title)}</title>`);
  out.push(`<style>\n${listStyle()}</style>`);
  out.push('</head>');
  out.push('<body>');
  out.push('<header>');
  out.push(`<h1>${e(meta.title)}</h1>`);
  const counts = countsByKind(groups);
  out.push(`<p class="summary">${cards.length} ${cards.length === 1 ? 'phrase' : 'phrases'}${counts ? ` — ${e(counts)}` : ''}</p>`);
  if (meta.sources.length > 0) {
    out.push(`<div class="sources"><span class="label">${meta.sources.length === 1 ? 'Source' : 'Sources'}:</span><ul>`);
    for (const source of meta.sources) out.push(`<li>${describeSource(source)}</li>`);
    out.push('</ul></div>');
  }
  out.push(
    `<p class="legend" aria-hidden="true">${TONE_LEGEND.map(([cls, label]) => `<span class="${cls}">${label}</span>`).join(' ')}</p>`,
  );
  out.push('</header>');
  out.push('<main>');
  if (groups.length === 0) out.push('<p class="empty">No phrases were found.</p>');
  for (const group of groups) {
    const label = KIND_LABELS[group.kind];
    out.push(`<section class="kind" id="kind-${group.kind}" data-kind="${group.kind}">`);
    out.push(
      `<h2><span lang="zh-Hans">${label.zh}</span> ${label.en} <span class="count">(${group.cards.length})</span></h2>`,
    );
    out.push('<ol class="entries">');
    group.cards.forEach((card, i) => out.push(entryHtml(card, i + 1, singleSource)));
    out.push('</ol>');
    out.push('</section>');
  }
  out.push('</main>');
  out.push('<footer>');
  out.push(
    `<p class="credit">English meanings from <a href="${CEDICT_CREDIT.cedictUrl}">CC-CEDICT</a>, licensed under <a href="${CEDICT_CREDIT.licenceUrl}">CC BY-SA 4.0</a>. Made with chengyu-deck${meta.generated ? ` on ${e(meta.generated)}` : ''}.</p>`,
  );
  out.push('</footer>');
  out.push('</body>');
  out.push('</html>');
  return out.join('\n') + '\n';
}
