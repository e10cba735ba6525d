// The teacher's list as Markdown: the same content and order as the HTML page, for wikis, notes and
// course sites. Every text from the input or dictionary is escaped, so it renders as written.
import { MARKDOWN_MARK } from '../input/own-outputs.js';
import type { Card, SourceInfo } from '../types.js';
import { escapeMarkdown } from './escape.js';
import type { ListMeta } from './html.js';
import { CEDICT_CREDIT } from './html.js';
import { KIND_LABELS, countsByKind, entryOrigin, groupByKind, needsGlossNote } from './kinds.js';
import { splitContext } from '../enrich/context.js';

const m = escapeMarkdown;

function describeSource(source: SourceInfo): string {
  return [source.name, source.title, source.date]
    .filter((part): part is string => Boolean(part))
    .map(m)
    .join(' · ');
}

function contextMarkdown(card: Card): string {
  const parts = splitContext(card);
  if (parts === null) return m(card.context);
  const [before, phrase, after] = parts;
  return `${m(before)}**${m(phrase)}**${m(after)}`;
}

function entryMarkdown(card: Card, rank: number, singleSource: boolean): string {
  const lines: string[] = [];
  const heading = [m(card.text)];
  if (card.traditional && card.traditional !== card.text) heading.push(m(card.traditional));
  lines.push(`### ${rank}. ${heading.join(' · ')}`);
  lines.push('');
  // Two trailing spaces: a hard line break, so each field stays on its own line without a list.
  const fields: string[] = [`*${m(card.pinyin)}*`];
  const gloss = needsGlossNote(card) ? ' (gloss from its parts, not a dictionary entry)' : '';
  fields.push(`**Meaning:** ${m(card.meaning)}${m(gloss)}`);
  if (card.literal) fields.push(`**Literally:** ${m(card.literal)}`);
  if (card.attribution && !card.meaning.includes(card.attribution)) fields.push(`**From:** ${m(card.attribution)}`);
  if (card.dictionaryForm && card.dictionaryForm !== card.text) fields.push(`**Dictionary form:** ${m(card.dictionaryForm)}`);
  lines.push(fields.join('  \n'));
  if (card.context) {
    lines.push('');
    lines.push(`> ${contextMarkdown(card)}`);
  }
  const { where, uses } = entryOrigin(card, singleSource);
  const origin = [...where, ...(uses ? [uses] : [])].join(' · ');
  if (origin) {
    lines.push('');
    lines.push(`<sub>${m(origin)}</sub>`);
  }
  return lines.join('\n');
}

/** The list as one Markdown document. Same cards and meta give the same text. */
export function formatMarkdown(cards: readonly Card[], meta: ListMeta): string {
  const groups = groupByKind(cards);
  const singleSource = new Set([...meta.sources.map((s) => s.name), ...cards.flatMap((c) => c.sources)]).size <= 1;
  const out: string[] = [];
  // Marks the list as ours: a later run over the folder it is saved in skips it (input/own-outputs.ts).
  out.push(MARKDOWN_MARK);
  out.push(`# ${m(meta.title)}`);
  out.push('');
  const counts = countsByKind(groups);
  out.push(`${cards.length} ${cards.length === 1 ? 'phrase' : 'phrases'}${counts ? ` — ${counts}` : ''}.`);
  if (meta.sources.length > 0) {
    out.push('');
    out.push(meta.sources.length === 1 ? 'Source:' : 'Sources:');
    out.push('');
    for (const source of meta.sources) out.push(`- ${describeSource(source)}`);
  }
  if (groups.length === 0) {
    out.push('');
    out.push('*No phrases were found.*');
  }
  for (const group of groups) {
    const label = KIND_LABELS[group.kind];
    out.push('');
    out.push(`## ${label.zh} ${label.en} (${group.cards.length})`);
    group.cards.forEach((card, i) => {
      out.push('');
      out.push(entryMarkdown(card, i + 1, singleSource));
    });
  }
  out.push('');
  out.push('---');
  out.push('');
  out.push(
    `English meanings from [CC-CEDICT](${CEDICT_CREDIT.cedictUrl}), licensed under [CC BY-SA 4.0](${CEDICT_CREDIT.licenceUrl}). Made with chengyu-deck${meta.generated ? ` on ${m(meta.generated)}` : ''}.`,
  );
  return out.join('\n') + '\n';
}
