// The terminal listing: one row per phrase with its score and the evidence behind it, aligned by display
// width (a Han character takes two columns).
import type { Card } from '../types.js';

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function clip(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}

export interface TableOptions {
  /** Maximum width of the meaning column; the why column follows it. */
  meaningWidth?: number;
}

export function formatTable(cards: readonly Card[], options: TableOptions = {}): string {
  const meaningWidth = options.meaningWidth ?? 40;
  const header = ['#', 'score', 'kind', 'n', 'phrase', 'pinyin', 'meaning', 'why'];
  const rows = cards.map((card, i) => [
    String(i + 1),
    card.score.toFixed(2),
    card.kind,
    String(card.count),
    card.text,
    card.pinyin,
    clip(card.meaning, meaningWidth),
    card.evidence
      .filter((e) => e.weight !== 0)
      .map((e) => `${e.code}${e.weight > 0 ? '+' : ''}${e.weight.toFixed(1)}`)
      .join(' '),
  ]);
  const widths = header.map((h, col) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[col] ?? ''))));
  const line = (cells: string[]): string =>
    cells
      .map((c, col) => (col === cells.length - 1 ? c : pad(c, widths[col] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [line(header), ...rows.map(line)];
  if (cards.length === 0) out.push('(no phrases found)');
  return out.join('\n') + '\n';
}
